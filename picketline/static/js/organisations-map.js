// Maps of organisations: every chapter of an organisation on its page, or one chapter's place
// and area on the chapter's page. Data comes from a JSON block and data-* attributes: no
// inline script. Needs map-base.js, loaded before it.
(function () {
  "use strict";
  if (!window.L || !window.picketlineMap) return;

  var shared = window.picketlineMap;

  function popupFor(point) {
    var box = document.createElement("div");
    box.className = "map-popup";
    box.dir = "auto";
    var title = shared.text("a", "map-popup__title", point.name);
    title.href = point.url;
    box.appendChild(title);
    if (point.place) box.appendChild(shared.text("p", "", point.place));
    return box;
  }

  function chaptersMap(element) {
    var points = shared.readJSON("chapter-points") || [];
    var map = shared.baseMap(element);
    var group = L.featureGroup().addTo(map);
    points.forEach(function (point) {
      L.marker([point.lat, point.lon], { title: point.name, alt: point.name })
        .bindPopup(popupFor(point))
        .addTo(group);
    });
    if (points.length) {
      map.fitBounds(group.getBounds(), { padding: [24, 24], maxZoom: 10, animate: false });
    }
    element.dataset.loaded = String(points.length);
  }

  function chapterMap(element) {
    var lat = parseFloat(element.dataset.lat);
    var lon = parseFloat(element.dataset.lon);
    var km = parseFloat(element.dataset.areaKm);
    if (isNaN(lat) || isNaN(lon)) return;
    var map = shared.baseMap(element);
    var label = element.dataset.label || "";
    L.marker([lat, lon], { title: label, alt: label }).bindTooltip(label).addTo(map);
    if (!isNaN(km) && km > 0) {
      var area = L.circle([lat, lon], { radius: km * 1000, weight: 1, fillOpacity: 0.08 }).addTo(map);
      map.fitBounds(area.getBounds(), { animate: false });
    } else {
      map.setView([lat, lon], 11);
    }
    element.dataset.loaded = "1";
  }

  var all = document.getElementById("chapters-map");
  if (all) chaptersMap(all);
  var one = document.getElementById("chapter-map");
  if (one) chapterMap(one);
})();
