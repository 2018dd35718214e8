// What every Leaflet map of the site shares: the base map with its tiles and marker images,
// small DOM helpers, and a clustered layer read tile by tile from the server. Loaded before map.js
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

  // A map that asks the server only for the tiles on screen (data-tiles-url, a template with
  // {z}/{x}/{y}): each tile's JSON holds clusters, counted on the server, and single sites.
  // A cluster is a focusable button labelled by the server in the reader's language; choosing
  // it zooms to its sites, or lists its disputes (data-cluster-url) when they share one spot or
  // the map cannot zoom further. `options.popup(p)` builds a single site's popup and
  // `options.onMarker(marker, p, map)` may add to it. `data-loaded` says how many sites the
  // loaded tiles hold; with data-fit, the map first fits the matching sites (tile 0/0/0).
  function clusteredTiles(element, options) {
    var map = baseMap(element);
    var status = document.getElementById("map-status");
    var tilesUrl = element.dataset.tilesUrl;
    var clusterUrl = element.dataset.clusterUrl;
    var numbers = new Intl.NumberFormat(document.documentElement.lang || undefined);
    var loaded = {};

    function fill(template, values) {
      return template.replace(/\{(\w+)\}/g, function (whole, name) {
        return name in values ? String(values[name]) : whole;
      });
    }

    function getJSON(url, signal) {
      return fetch(url, {
        signal: signal,
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      }).then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      });
    }

    function tally() {
      var total = 0;
      Object.keys(loaded).forEach(function (key) {
        total += loaded[key];
      });
      element.dataset.loaded = String(total);
    }

    function listPopup(data) {
      var box = document.createElement("div");
      box.className = "map-popup map-cluster-list";
      box.appendChild(text("p", "map-popup__title", data.heading));
      var list = document.createElement("ul");
      (data.items || []).forEach(function (item) {
        var entry = document.createElement("li");
        var link = text("a", "", item.title);
        link.href = item.url;
        link.dir = "auto";
        entry.appendChild(link);
        var details = item.details || [item.status_label, item.city, item.country];
        var place = details.filter(Boolean).join(" · ");
        if (place) entry.appendChild(text("span", "map-cluster-list__meta", " " + place));
        list.appendChild(entry);
      });
      box.appendChild(list);
      if (data.more_label) box.appendChild(text("p", "", data.more_label));
      return box;
    }

    function openList(marker, coords, cluster) {
      var url = fill(clusterUrl, { z: coords.z, x: coords.x, y: coords.y, cell: cluster.cell });
      getJSON(url)
        .then(function (data) {
          marker.bindPopup(listPopup(data), { maxHeight: 260 }).openPopup();
        })
        .catch(function () {
          if (status) status.textContent = options.failed || "";
        });
    }

    function clusterMarker(cluster, coords) {
      var size = cluster.count < 10 ? "small" : cluster.count < 1000 ? "medium" : "large";
      var count = numbers.format(cluster.count);
      var icon = L.divIcon({
        className: "marker-cluster marker-cluster-" + size + " map-cluster",
        html: "<div><span>" + count + "</span></div>",
        iconSize: [40, 40],
      });
      var marker = L.marker([cluster.lat, cluster.lon], {
        icon: icon,
        keyboard: true,
        title: cluster.label,
        riseOnHover: true,
      });
      marker.on("add", function () {
        var node = marker.getElement();
        node.setAttribute("role", "button");
        node.setAttribute("aria-label", cluster.label);
        node.dataset.count = String(cluster.count);
      });
      marker.on("click", choose);
      // Leaflet opens a marker's popup on Enter; a cluster is chosen with Enter or Space.
      marker.on("keypress", function (event) {
        var key = event.originalEvent.key;
        if (key !== "Enter" && key !== " ") return;
        event.originalEvent.preventDefault();
        choose();
      });
      function choose() {
        var b = cluster.bounds;
        var oneSpot = b[0] === b[2] && b[1] === b[3];
        if (oneSpot || map.getZoom() >= map.getMaxZoom()) {
          openList(marker, coords, cluster);
          return;
        }
        var bounds = L.latLngBounds([b[0], b[1]], [b[2], b[3]]);
        var zoom = Math.max(map.getBoundsZoom(bounds.pad(0.2)), map.getZoom() + 1);
        map.setView(bounds.getCenter(), Math.min(zoom, map.getMaxZoom()));
      }
      return marker;
    }

    function siteMarker(p) {
      var marker = L.marker([p.lat, p.lon], { title: p.title, alt: p.title });
      marker.bindPopup(options.popup(p));
      if (options.onMarker) options.onMarker(marker, p, map);
      return marker;
    }

    var Layer = L.GridLayer.extend({
      createTile: function (coords, done) {
        var tile = document.createElement("div");
        var key = coords.z + "/" + coords.x + "/" + coords.y;
        var control = new AbortController();
        tile._picketline = { key: key, control: control, group: null };
        // Tiles of 512 pixels: each is one server tile of the zoom level above (four times
        // fewer requests, clusters of 64 pixels).
        var z = Math.max(coords.z - 1, 0);
        getJSON(fill(tilesUrl, { z: z, x: coords.x, y: coords.y }), control.signal)
          .then(function (data) {
            var group = L.layerGroup();
            (data.clusters || []).forEach(function (cluster) {
              group.addLayer(clusterMarker(cluster, { z: z, x: coords.x, y: coords.y }));
            });
            (data.sites || []).forEach(function (p) {
              group.addLayer(siteMarker(p));
            });
            tile._picketline.group = group.addTo(map);
            loaded[key] = data.count || 0;
            tally();
            done(null, tile);
          })
          .catch(function (error) {
            if (error && error.name === "AbortError") return;
            if (status) status.textContent = options.failed || "";
            element.dataset.loaded = "error";
            done(error, tile);
          });
        return tile;
      },
    });

    var layer = new Layer({
      tileSize: 512,
      noWrap: true,
      maxZoom: 21,
      keepBuffer: 1,
      className: "map-data",
    });
    // `data-state` is "loading" while the view's tiles are being fetched and "ready" once all
    // of them have been drawn: the tests (and anyone else) wait on it after a pan or zoom.
    layer.on("loading", function () {
      element.dataset.state = "loading";
    });
    layer.on("load", function () {
      element.dataset.state = "ready";
    });
    layer.on("tileunload", function (event) {
      var state = event.tile._picketline;
      if (!state) return;
      state.control.abort();
      if (state.group) map.removeLayer(state.group);
      delete loaded[state.key];
      tally();
    });

    if (element.dataset.fit) {
      // Filtered: show where the matching sites are before asking for the tiles there.
      getJSON(fill(tilesUrl, { z: 0, x: 0, y: 0 }))
        .then(function (data) {
          var bounds = L.latLngBounds([]);
          (data.clusters || []).forEach(function (cluster) {
            var b = cluster.bounds;
            bounds.extend([b[0], b[1]]).extend([b[2], b[3]]);
          });
          (data.sites || []).forEach(function (p) {
            bounds.extend([p.lat, p.lon]);
          });
          if (bounds.isValid()) {
            map.fitBounds(bounds, { padding: [24, 24], maxZoom: options.maxZoom, animate: false });
          }
        })
        .catch(function () {})
        .finally(function () {
          layer.addTo(map);
        });
    } else {
      layer.addTo(map);
    }
    return map;
  }

  window.picketlineMap = {
    readJSON: readJSON,
    baseMap: baseMap,
    text: text,
    clusteredTiles: clusteredTiles,
  };
})();
