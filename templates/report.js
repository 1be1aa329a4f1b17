// What markup cannot do: light a shared span's counterpart on hover or focus, open a
// moved counterpart's popover with a tap, walk the shared passages (buttons, j and k),
// come back after following a link, and say so when no Chinese font is installed.
(function () {
  "use strict";
  var back = document.getElementById("back");
  var origin = null;

  function sharedOf(node) {
    return node && node.closest ? node.closest(".shared") : null;
  }

  function light(event, on) {
    var span = sharedOf(event.target);
    if (!span) { return; }
    var twin = document.getElementById(span.getAttribute("data-twin"));
    span.classList.toggle("active", on);
    if (twin) { twin.classList.toggle("active", on); }
  }
  document.addEventListener("mouseover", function (e) { light(e, true); });
  document.addEventListener("mouseout", function (e) { light(e, false); });
  document.addEventListener("focusin", function (e) { light(e, true); });
  document.addEventListener("focusout", function (e) { light(e, false); });

  function closePopovers(except) {
    var open = document.querySelectorAll(".moved.open");
    for (var i = 0; i < open.length; i++) {
      if (open[i] !== except) { open[i].classList.remove("open"); }
    }
  }

  function jumpFrom(from, href) {
    origin = from;
    if (back) { back.hidden = false; }
    var target = document.getElementById(href.slice(1));
    if (target) { setTimeout(function () { target.focus({ preventScroll: true }); }, 0); }
  }

  document.addEventListener("click", function (e) {
    var link = e.target.closest ? e.target.closest("a[href^='#']") : null;
    var moved = e.target.closest ? e.target.closest(".moved") : null;
    if (link && link.classList.contains("shared") && moved && !moved.classList.contains("open")) {
      // First tap on a moved passage opens its popover; the link inside goes there.
      e.preventDefault();
      closePopovers(moved);
      moved.classList.add("open");
      return;
    }
    if (link && (link.classList.contains("shared") || (moved && link.closest(".pop")))) {
      var from = sharedOf(link) || (moved ? moved.querySelector(".shared") : null);
      closePopovers(null);
      if (from) { jumpFrom(from, link.getAttribute("href")); }
      return;
    }
    if (!moved) { closePopovers(null); }
  });

  if (back) {
    back.addEventListener("click", function () {
      if (!origin) { return; }
      origin.scrollIntoView({ block: "center" });
      origin.focus({ preventScroll: true });
      back.hidden = true;
      origin = null;
    });
  }

  // Next and previous shared passage, among those the filter shows.
  function visibleShared() {
    var all = document.querySelectorAll(".srow .shared");
    var out = [];
    for (var i = 0; i < all.length; i++) {
      if (all[i].getClientRects().length) { out.push(all[i]); }
    }
    return out;
  }
  var current = -1;
  function walk(step) {
    var list = visibleShared();
    if (!list.length) { return; }
    var at = list.indexOf(document.activeElement);
    if (at < 0) { at = current < list.length ? current : -1; }
    var next = at + step;
    if (next < 0) { next = 0; }
    if (next >= list.length) { next = list.length - 1; }
    current = next;
    list[next].scrollIntoView({ block: "center" });
    list[next].focus({ preventScroll: true });
  }
  var walker = document.querySelector(".walk");
  if (walker) {
    walker.hidden = false;
    document.getElementById("next-shared").addEventListener("click", function () { walk(1); });
    document.getElementById("prev-shared").addEventListener("click", function () { walk(-1); });
  }
  document.addEventListener("keydown", function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey) { return; }
    var tag = e.target && e.target.tagName;
    if (tag === "TEXTAREA" || (tag === "INPUT" && e.target.type === "text")) { return; }
    if (e.key === "j") { e.preventDefault(); walk(1); }
    else if (e.key === "k") { e.preventDefault(); walk(-1); }
    else if (e.key === "Escape") {
      closePopovers(null);
      var inside = document.activeElement && document.activeElement.closest
        ? document.activeElement.closest(".moved") : null;
      if (inside) { document.activeElement.blur(); }
    }
  });

  // Boxes instead of characters: the Han test glyph draws like a missing glyph.
  function drawn(text) {
    var canvas = document.createElement("canvas");
    canvas.width = 40; canvas.height = 40;
    var ctx = canvas.getContext("2d");
    if (!ctx) { return ""; }
    ctx.font = "32px " + getComputedStyle(document.body).fontFamily;
    ctx.fillText(text, 2, 32);
    return canvas.toDataURL();
  }
  var note = document.getElementById("font-note");
  try {
    if (note && drawn("\u56fd") === drawn("\udb3f\udffd")) { note.hidden = false; }
  } catch (err) { /* no canvas: say nothing */ }
}());
