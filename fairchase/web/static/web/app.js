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

// A plain POST form is sent once: on a slow link a second tap would send it again (a call
// logged twice). After the first submit a second one is dropped and the form's buttons are
// disabled. The server's one-time key (web/once.py) is the guarantee; this spares the
// second request. htmx forms disable their own buttons (hx-disabled-elt).
document.addEventListener("submit", function (event) {
  var form = event.target;
  if (event.defaultPrevented || form.method !== "post" || form.hasAttribute("hx-post") || form.target) {
    return;
  }
  if (form.dataset.sent) {
    event.preventDefault();
    return;
  }
  form.dataset.sent = "1";
  // after this turn: a button disabled now would leave its name=value out of the POST
  window.setTimeout(function () {
    form.querySelectorAll("button:not([disabled]), input[type=submit]:not([disabled])").forEach(function (b) {
      b.disabled = true;
      b.dataset.sentDisabled = "1";
    });
  }, 0);
});

// Back to a page the browser kept (the back button): its forms may be sent again.
window.addEventListener("pageshow", function (event) {
  if (!event.persisted) { return; }
  document.querySelectorAll("form[data-sent]").forEach(function (form) {
    delete form.dataset.sent;
    form.querySelectorAll("[data-sent-disabled]").forEach(function (b) {
      b.disabled = false;
      delete b.dataset.sentDisabled;
    });
  });
});
