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

// select[data-browser-zone]: a time zone still to be confirmed (Today's first-run box). The
// browser's own zone is chosen when the list has it, and the note says where it came from;
// nothing is saved until the person presses Save.
(function () {
  var select = document.querySelector("select[data-browser-zone]");
  var zone = window.Intl && Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (!select || !zone) { return; }
  // Browsers still say Asia/Calcutta or Europe/Kiev: the list names today's zones.
  var renamed = JSON.parse(select.dataset.browserZone || "{}");
  zone = renamed[zone] || zone;
  var options = select.options;
  for (var i = 0; i < options.length; i++) {
    if (options[i].value === zone) {
      select.value = zone;
      var note = document.getElementById("zone-suggested");
      if (note) { note.textContent = note.dataset.browserText; }
      return;
    }
  }
})();
