// Today and the page frame: keep a person's place while they work (a static file: the
// Content-Security-Policy allows no inline script or event-handler attributes).
//   [data-done]        a Today card just clicked: focus moves to the next lead, its Undo
//                      shows for UNDO_SECONDS, then goes (the confirmation stays)
//   [data-autosubmit]  a GET filter form: choosing an option reloads with it in the URL
//   .nav-burger        the phone menu's button: opens and closes the menu, says so (aria-expanded)
//   a table's box      while part of a table is hidden to its right, [data-more] (app.css fades
//                      that edge and the caption says "scroll sideways")
(function () {
  "use strict";
  var UNDO_SECONDS = 10;

  function nextLead(card) {
    var rows = document.querySelectorAll("li.agenda-row:not([data-done])");
    for (var i = 0; i < rows.length; i++) {
      if (card.compareDocumentPosition(rows[i]) & Node.DOCUMENT_POSITION_FOLLOWING) {
        return rows[i];
      }
    }
    return null;
  }

  function focusQuietly(el) {
    if (!el) { return; }
    try { el.focus({preventScroll: true}); } catch (e) { el.focus(); }
  }

  function settle(card) {
    if (card.matches("[data-done]")) {
      var next = nextLead(card);
      // Focus the next lead without scrolling: the confirmation stays where the eye is.
      focusQuietly(next ? next.querySelector(".lead-name") : null);
      var undo = card.querySelector("[data-undo]");
      if (undo) {
        window.setTimeout(function () {
          if (undo.isConnected && !undo.querySelector(".htmx-request")) { undo.remove(); }
        }, UNDO_SECONDS * 1000);
      }
    } else if (card.matches("li.agenda-row") && card.querySelector(".confirm")) {
      focusQuietly(card.querySelector(".lead-name"));  // an Undo put this lead back
    }
  }

  document.addEventListener("htmx:load", function (event) {
    var el = event.detail && event.detail.elt;
    if (el && el.nodeType === 1 && el.matches("li.agenda-row")) { settle(el); }
  });

  document.addEventListener("change", function (event) {
    var form = event.target.closest && event.target.closest("form[data-autosubmit]");
    if (form) { form.submit(); }
  });

  var SCROLLERS = ".insights-scroll, .table-wrap, .table";

  function markMore(box) {
    box.toggleAttribute("data-more", box.scrollWidth - box.clientWidth - box.scrollLeft > 2);
  }

  function markAll() {
    document.querySelectorAll(SCROLLERS).forEach(markMore);
  }

  document.addEventListener("scroll", function (event) {
    var box = event.target;
    if (box.nodeType === 1 && box.matches(SCROLLERS)) { markMore(box); }
  }, true);
  window.addEventListener("resize", markAll);
  document.addEventListener("htmx:load", markAll);  // the page, and each part htmx brings
  markAll();

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".nav-burger");
    if (!button) { return; }
    var open = button.getAttribute("aria-expanded") !== "true";
    button.setAttribute("aria-expanded", open ? "true" : "false");
    var nav = document.getElementById(button.getAttribute("aria-controls"));
    if (nav) { nav.classList.toggle("open", open); }
  });
})();
