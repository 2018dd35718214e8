// Leaflet maps of events: every listed event (clustered, from the GeoJSON feed), or one event's
// pin on its page. Data comes from data-* attributes and a JSON block: no inline script.
(function () {
  "use strict";
  if (!window.L) return;

  var labelsElement = document.getElementById("event-map-labels");
  var labels = labelsElement ? JSON.parse(labelsElement.textContent) : {};

  function baseMap(element) {
    // Hashed static file names defeat Leaflet's guess of its image folder: name each image.
    L.Icon.Default.imagePath = "";
    L.Icon.Default.mergeOptions({
      iconUrl: element.dataset.iconUrl,
      iconRetinaUrl: element.dataset.iconRetinaUrl,
      shadowUrl: element.dataset.shadowUrl,
    });
    var map = L.map(element, { worldCopyJump: true }).setView([25, 10], 2);
    L.tileLayer(element.dataset.tileUrl, {
      attribution: element.dataset.tileAttribution,
      maxZoom: 19,
    }).addTo(map);
    return map;
  }

  function text(tag, className, value) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    node.textContent = value;
    return node;
  }

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
    var map = baseMap(element);
    var status = document.getElementById("map-status");
    var cluster = L.markerClusterGroup({ showCoverageOnHover: false, chunkedLoading: true });
    map.addLayer(cluster);
    fetch(element.dataset.geojsonUrl, {
      headers: { Accept: "application/geo+json, application/json" },
      credentials: "same-origin",
    })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then(function (collection) {
        var layer = L.geoJSON(collection, {
          pointToLayer: function (feature, latlng) {
            var p = feature.properties || {};
            return L.marker(latlng, { title: p.title, alt: p.title });
          },
          onEachFeature: function (feature, marker) {
            marker.bindPopup(popupFor(feature.properties || {}));
          },
        });
        var markers = layer.getLayers();
        cluster.addLayers(markers);
        if (markers.length) {
          map.fitBounds(layer.getBounds(), { padding: [24, 24], maxZoom: 12, animate: false });
        }
        element.dataset.loaded = String(markers.length);
      })
      .catch(function () {
        if (status) status.textContent = labels.failed || "";
        element.dataset.loaded = "error";
      });
  }

  function pinMap(element) {
    var lat = parseFloat(element.dataset.lat);
    var lon = parseFloat(element.dataset.lon);
    if (isNaN(lat) || isNaN(lon)) return;
    var map = baseMap(element);
    var label = element.dataset.label || "";
    L.marker([lat, lon], { title: label, alt: label }).bindTooltip(label).addTo(map);
    map.setView([lat, lon], 15);
  }

  var all = document.getElementById("events-map");
  if (all && L.markerClusterGroup) eventsMap(all);
  var pin = document.getElementById("event-pin-map");
  if (pin) pinMap(pin);
})();
