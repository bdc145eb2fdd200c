/* Phone menu: a 菜单 button that opens the main navigation as a list (see .mainnav in jianfu.css). */
(function () {
  var nav = document.getElementById("mainnav");
  if (!nav) return;
  var button = nav.querySelector(".navtoggle");
  nav.classList.add("collapsible");
  button.addEventListener("click", function () {
    var open = nav.classList.toggle("open");
    button.setAttribute("aria-expanded", open ? "true" : "false");
  });
})();
