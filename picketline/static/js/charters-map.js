// The map of a charter's endorsements: one circle per country, sized by how many endorse from
// there, labelled with the counts (no names). Data comes from a JSON block: no inline script.
// Needs map-base.js, loaded before it.
(function () {
  "use strict";
  if (!window.L || !window.picketlineMap) return;

  var element = document.getElementById("charter-map");
  if (!element) return;
  var points = window.picketlineMap.readJSON("charter-points") || [];
  var map = window.picketlineMap.baseMap(element);
  var group = L.featureGroup().addTo(map);
  points.forEach(function (point) {
    var radius = 6 + 4 * Math.sqrt(point.total);
    L.circleMarker([point.lat, point.lon], { radius: radius, weight: 1, fillOpacity: 0.5 })
      .bindTooltip(point.label)
      .addTo(group);
  });
  if (points.length) {
    map.fitBounds(group.getBounds(), { padding: [24, 24], maxZoom: 4, animate: false });
  } else {
    map.setView([20, 0], 1);
  }
  element.dataset.loaded = String(points.length);
})();
