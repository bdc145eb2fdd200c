/* Small page behaviours declared with data attributes instead of inline handlers, which the
   Content-Security-Policy forbids (script-src 'self'): a <select data-autosubmit> submits its form
   when changed; a button with data-print prints the page. */
(function () {
  document.addEventListener("change", function (event) {
    var el = event.target;
    if (el && el.hasAttribute && el.hasAttribute("data-autosubmit") && el.form) {
      el.form.submit();
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
