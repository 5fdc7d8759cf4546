// "Go back" links on public pages (a static file: the Content-Security-Policy allows no inline script).
document.addEventListener("click", function (event) {
  var link = event.target.closest("[data-history-back]");
  if (link && window.history.length > 1) {
    event.preventDefault();
    window.history.back();
  }
});
