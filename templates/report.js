// Hovering or focusing a shared span marks its counterpart in the other report.
(function () {
  "use strict";
  function toggle(event, on) {
    var span = event.target.closest ? event.target.closest(".shared") : null;
    if (!span) { return; }
    var twin = document.getElementById(span.getAttribute("data-twin"));
    span.classList.toggle("active", on);
    if (twin) { twin.classList.toggle("active", on); }
  }
  document.addEventListener("mouseover", function (e) { toggle(e, true); });
  document.addEventListener("mouseout", function (e) { toggle(e, false); });
  document.addEventListener("focusin", function (e) { toggle(e, true); });
  document.addEventListener("focusout", function (e) { toggle(e, false); });
}());
