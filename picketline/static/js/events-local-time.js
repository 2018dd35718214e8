// An event's time in the reader's own zone, shown under the organisers' time only when the two
// differ. The server always names the event's zone; this is a help, not the source of truth.
(function () {
  "use strict";
  var time = document.getElementById("event-time");
  var line = document.getElementById("event-local-time");
  var value = document.getElementById("event-local-time-value");
  if (!time || !line || !value || !window.Intl || !Intl.DateTimeFormat) return;

  var start = new Date(time.getAttribute("datetime"));
  var end = new Date(time.dataset.ends);
  if (isNaN(start) || isNaN(end)) return;
  var lang = document.documentElement.lang || undefined;
  var options = {
    weekday: "short",
    day: "numeric",
    month: "short",
    hour: "2-digit",
    minute: "2-digit",
    timeZoneName: "short",
  };

  var readerZone;
  try {
    readerZone = new Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch (error) {
    return;
  }
  if (!readerZone || readerZone === time.dataset.zone) return;
  // Same wall-clock time (another zone name with the same offset) needs no second line.
  var plain = Object.assign({}, options);
  delete plain.timeZoneName;
  var sameClock;
  try {
    var eventClock = new Intl.DateTimeFormat("en", Object.assign({ timeZone: time.dataset.zone }, plain));
    sameClock = eventClock.format(start) === new Intl.DateTimeFormat("en", plain).format(start);
  } catch (error) {
    return; // a zone the browser does not know: the organisers' time stays the only one
  }
  if (sameClock) return;
  var inReaderZone = new Intl.DateTimeFormat(lang, options);

  value.textContent =
    typeof inReaderZone.formatRange === "function"
      ? inReaderZone.formatRange(start, end)
      : inReaderZone.format(start) + " – " + inReaderZone.format(end);
  line.hidden = false;
})();
