// Small behaviours for every page, in a static file: the Content-Security-Policy allows
// no inline script or event-handler attributes.
//   data-confirm="Question?"  on a button or link: ask before going on
//   data-select-on-click      on a field: select its text when clicked (snippets to copy)
document.addEventListener("click", function (event) {
  var asking = event.target.closest("[data-confirm]");
  if (asking && !window.confirm(asking.dataset.confirm)) {
    event.preventDefault();
    event.stopImmediatePropagation();
    return;
  }
  var field = event.target.closest("[data-select-on-click]");
  if (field && typeof field.select === "function") {
    field.select();
  }
}, true);
