/* Irreversible actions ask first: a form or its submit button with data-confirm="…" submits only
   when the user confirms the (translated) question. Without JavaScript the form simply submits. */
(function () {
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var button = event.submitter;
    var message = (button && button.getAttribute("data-confirm")) || form.getAttribute("data-confirm");
    if (message && !window.confirm(message)) {
      event.preventDefault();
    }
  }, true);
})();
