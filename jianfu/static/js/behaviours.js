/* Small page behaviours declared with data attributes instead of inline handlers, which the
   Content-Security-Policy forbids (script-src 'self'): a <select data-autosubmit> submits its form
   when changed; a button with data-print prints the page; a checkbox with data-check-all="name"
   ticks or clears every checkbox of that name in its form (a 全选 box). */
(function () {
  document.addEventListener("change", function (event) {
    var el = event.target;
    if (el && el.hasAttribute && el.hasAttribute("data-autosubmit") && el.form) {
      el.form.submit();
    }
    if (el && el.hasAttribute && el.hasAttribute("data-check-all") && el.form) {
      var boxes = el.form.querySelectorAll('input[type="checkbox"][name="' + el.getAttribute("data-check-all") + '"]');
      for (var i = 0; i < boxes.length; i++) {
        boxes[i].checked = el.checked;
      }
    }
  });
  document.addEventListener("click", function (event) {
    var el = event.target && event.target.closest ? event.target.closest("[data-print]") : null;
    if (el) {
      event.preventDefault();
      window.print();
    }
  });
})();
/* A table wider than the screen scrolls inside its .tablewrap: make that region reachable and
   scrollable from the keyboard (WCAG 2.1.1), named by the nearest heading. */
(function () {
  function mark() {
    document.querySelectorAll(".tablewrap").forEach(function (wrap) {
      var scrolls = wrap.scrollWidth > wrap.clientWidth + 1 || wrap.scrollHeight > wrap.clientHeight + 1;
      if (scrolls && !wrap.hasAttribute("tabindex")) {
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("role", "region");
        var card = wrap.closest("section, .card");
        var heading = card ? card.querySelector("h2, h3") : null;
        wrap.setAttribute("aria-label", (heading ? heading.textContent.trim() + " " : "") + "表格（可左右滚动）");
      }
    });
  }
  mark();
  window.addEventListener("resize", mark);
})();
