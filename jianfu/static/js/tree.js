// Org tree filter: show the nodes whose name or code contains the typed text (and their ancestors).
(function () {
  var input = document.querySelector("[data-tree-filter]");
  var tree = document.querySelector("[data-tree]");
  if (!input || !tree) return;
  input.addEventListener("input", function () {
    var q = input.value.trim();
    var items = tree.querySelectorAll("li");
    items.forEach(function (li) { li.hidden = false; });
    if (!q) return;
    items.forEach(function (li) {
      var own = (li.getAttribute("data-name") || "").indexOf(q) !== -1;
      var inside = Array.prototype.some.call(li.querySelectorAll("li"), function (c) {
        return (c.getAttribute("data-name") || "").indexOf(q) !== -1;
      });
      li.hidden = !(own || inside);
      var d = li.querySelector(":scope > details");
      if (d && inside) d.open = true;
    });
  });
})();
