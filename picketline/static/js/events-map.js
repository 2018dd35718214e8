// Leaflet maps of events: every listed event (clustered by tile on the server), or one event's
// pin on its page. Data comes from data-* attributes and a JSON block: no inline script.
// Needs map-base.js, loaded before it.
(function () {
  "use strict";
  if (!window.L || !window.picketlineMap) return;

  var shared = window.picketlineMap;
  var text = shared.text;
  var labels = shared.readJSON("event-map-labels") || {};

  function popupFor(p) {
    var box = document.createElement("div");
    box.className = "map-popup";
    box.dir = "auto";
    var title = text("a", "map-popup__title", p.title);
    title.href = p.url;
    box.appendChild(title);
    if (p.status && p.status !== "scheduled") {
      box.appendChild(text("p", "map-popup__status", p.status_label));
    }
    // The time in the event's own zone, naming it, as the event's page shows it.
    if (p.when) box.appendChild(text("p", "", p.when));
    var place = [p.locality, p.country].filter(Boolean).join(", ");
    if (place) box.appendChild(text("p", "", place));
    if (p.organiser) box.appendChild(text("p", "", p.organiser));
    var link = text("a", "map-popup__link", labels.view || p.title);
    link.href = p.url;
    box.appendChild(link);
    return box;
  }

  function eventsMap(element) {
    shared.clusteredTiles(element, { popup: popupFor, maxZoom: 12, failed: labels.failed });
  }

  function pinMap(element) {
    var lat = parseFloat(element.dataset.lat);
    var lon = parseFloat(element.dataset.lon);
    if (isNaN(lat) || isNaN(lon)) return;
    var map = shared.baseMap(element);
    var label = element.dataset.label || "";
    L.marker([lat, lon], { title: label, alt: label }).bindTooltip(label).addTo(map);
    map.setView([lat, lon], 15);
  }

  var all = document.getElementById("events-map");
  if (all && all.dataset.tilesUrl) eventsMap(all);
  var pin = document.getElementById("event-pin-map");
  if (pin) pinMap(pin);
})();
