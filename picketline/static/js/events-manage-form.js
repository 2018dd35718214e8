// The event form: tell the server this device's time zone, the default when the place gives
// none, and name it under the zone choice. Without this script the server falls back to UTC.
(function () {
  "use strict";
  var input = document.querySelector("input[name=browser_timezone]");
  if (!input || !window.Intl) return;
  var zone = "";
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
  } catch (error) {
    return;
  }
  if (!zone) return;
  input.value = zone;
  var hint = document.getElementById("event-device-zone");
  if (hint) {
    hint.textContent = hint.dataset.label + " " + zone;
    hint.hidden = false;
  }
})();
