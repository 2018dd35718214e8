// What every Leaflet map of the site shares: the base map with its tiles and marker images,
// small DOM helpers, and a clustered layer loaded from a GeoJSON feed. Loaded before map.js
// (disputes) and events-map.js (events), which add their own popups.
(function () {
  "use strict";
  if (!window.L) return;

  function readJSON(id) {
    var element = document.getElementById(id);
    return element ? JSON.parse(element.textContent) : null;
  }

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

  // A clustered map of the features at the element's data-geojson-url. `options.popup(p)` builds
  // each marker's popup, `options.onMarker(marker, p, map)` may add more to it, and
  // `options.maxZoom` caps the zoom that fits them all. When the feed fails, #map-status says
  // `options.failed`. `data-loaded` tells the tests (and anyone else) how many were drawn.
  function clusteredGeoJSON(element, options) {
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
            var p = feature.properties || {};
            marker.bindPopup(options.popup(p));
            if (options.onMarker) options.onMarker(marker, p, map);
          },
        });
        var markers = layer.getLayers();
        cluster.addLayers(markers);
        // The cluster adds markers in chunks, so its own bounds are empty at this point.
        if (markers.length) {
          map.fitBounds(layer.getBounds(), {
            padding: [24, 24],
            maxZoom: options.maxZoom,
            animate: false,
          });
        }
        element.dataset.loaded = String(markers.length);
      })
      .catch(function () {
        if (status) status.textContent = options.failed || "";
        element.dataset.loaded = "error";
      });
    return map;
  }

  window.picketlineMap = {
    readJSON: readJSON,
    baseMap: baseMap,
    text: text,
    clusteredGeoJSON: clusteredGeoJSON,
  };
})();
