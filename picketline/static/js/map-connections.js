// Lines on the map from the chosen dispute to the disputes connected to it (delegations, the
// same employer or group, the same union), from /disputes/<slug>/connections.json.
(function () {
  "use strict";

  var lines = null;
  var pending = null;

  function clear(map) {
    if (pending) pending.abort();
    pending = null;
    if (lines && map) map.removeLayer(lines);
    lines = null;
  }

  document.addEventListener("picketline:dispute-selected", function (event) {
    var map = event.detail.map;
    var p = event.detail.properties || {};
    clear(map);
    if (!p.url || typeof L === "undefined") return;
    pending = new AbortController();
    fetch(p.url + "connections.json", {
      signal: pending.signal,
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then(function (data) {
        var from = event.detail.latlng;
        lines = L.layerGroup();
        (data.connections || []).forEach(function (connection) {
          if (!connection.point) return;
          var line = L.polyline([from, connection.point], {
            className: "connection-line",
            dashArray: "6 6",
            weight: 2,
          });
          line.bindTooltip(connection.title + " — " + connection.reasons.join("; "));
          lines.addLayer(line);
        });
        lines.addTo(map);
        map.getContainer().dataset.connections = String(lines.getLayers().length);
      })
      .catch(function () {
        /* No lines is the quiet fallback: the dispute page lists the connections too. */
      });
  });

  document.addEventListener("picketline:dispute-unselected", function (event) {
    clear(event.detail.map);
  });
})();
