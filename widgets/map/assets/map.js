// The console's live map page. Everything arrives as JSON diffs over QWebChannel; no
// JavaScript is ever built from data. Untrusted text (summaries, names, callsigns) is
// only ever placed with textContent. Markers are kept by id; a diff touches only what
// changed. Each dense layer draws on its own canvas.
(function () {
  "use strict";

  var map = null;
  Object.keys(window).forEach(function (key) {
    if (key.indexOf("map_") === 0 && window[key] instanceof L.Map) { map = window[key]; }
  });
  if (!map) { throw new Error("no map on the page"); }
  map.doubleClickZoom.disable();

  // --- shapes drawn on the canvas -------------------------------------------------------
  L.Canvas.include({
    _updateShape: function (layer) {
      if (!this._drawing || layer._empty()) { return; }
      var p = layer._point, ctx = this._ctx, r = Math.max(Math.round(layer._radius), 1);
      var shape = layer.options.shape;
      ctx.beginPath();
      if (shape === "square") {
        ctx.rect(p.x - r, p.y - r, 2 * r, 2 * r);
      } else if (shape === "diamond") {
        ctx.moveTo(p.x, p.y - r * 1.3); ctx.lineTo(p.x + r * 1.3, p.y);
        ctx.lineTo(p.x, p.y + r * 1.3); ctx.lineTo(p.x - r * 1.3, p.y); ctx.closePath();
      } else if (shape === "triangle") {
        ctx.moveTo(p.x, p.y - r * 1.3); ctx.lineTo(p.x + r * 1.2, p.y + r);
        ctx.lineTo(p.x - r * 1.2, p.y + r); ctx.closePath();
      } else if (shape === "arrow") {
        var a = (layer.options.heading || 0) * Math.PI / 180;
        var sin = Math.sin(a), cos = Math.cos(a);
        var pt = function (dx, dy) { return [p.x + dx * cos - dy * sin, p.y + dx * sin + dy * cos]; };
        var tip = pt(0, -r * 1.6), left = pt(-r, r), back = pt(0, r * 0.4), right = pt(r, r);
        ctx.moveTo(tip[0], tip[1]); ctx.lineTo(left[0], left[1]);
        ctx.lineTo(back[0], back[1]); ctx.lineTo(right[0], right[1]); ctx.closePath();
      } else {
        ctx.arc(p.x, p.y, r, 0, Math.PI * 2, false);
      }
      this._fillStroke(ctx, layer);
    }
  });
  var ShapeMarker = L.CircleMarker.extend({
    options: { shape: "circle", heading: 0 },
    _updatePath: function () { this._renderer._updateShape(this); }
  });

  // One canvas per layer, stacked: density under alerts under cameras under units under
  // incidents (the most important marks are never hidden by the most numerous ones).
  var renderers = {};
  [["heat", 405], ["alerts", 410], ["cameras", 415], ["units", 420], ["incidents", 425]]
    .forEach(function (entry) {
      var pane = map.createPane("cc-" + entry[0]);
      pane.style.zIndex = String(entry[1]);
      renderers[entry[0]] = L.canvas({ padding: 0.3, pane: "cc-" + entry[0] });
    });
  var svg = L.svg();
  map.attributionControl.setPrefix("Leaflet");
  var layers = {
    heat: L.layerGroup().addTo(map),
    alerts: L.layerGroup().addTo(map),
    cameras: L.layerGroup().addTo(map),
    incidents: L.layerGroup().addTo(map),
    units: L.layerGroup().addTo(map),
    pulses: L.layerGroup().addTo(map)
  };
  var markers = { incidents: new Map(), units: new Map(), cameras: new Map(), alerts: new Map() };
  var pulses = new Map();
  var data = { incidents: new Map(), units: new Map(), cameras: new Map(), alerts: new Map() };
  var districts = [];
  map.eachLayer(function (layer) { if (layer instanceof L.GeoJSON) { districts.push(layer); } });

  var bridge = null;
  var config = { colors: {}, labels: {}, labelZoom: 15 };
  var selected = null;  // {kind, id}
  var highlight = L.circleMarker([0, 0], {
    renderer: svg, radius: 16, color: "#ffffff", weight: 3, fill: false,
    className: "cc-highlight", interactive: false
  });
  var followed = null;
  var stats = { diffs: 0, applyMs: 0, lastApplyMs: 0, frames: 0 };
  var labelled = new Map();

  // --- styles ---------------------------------------------------------------------------
  function color(group, key, fallback) {
    var table = config.colors[group] || {};
    return table[key] || fallback;
  }
  var INCIDENT_SHAPES = {
    "new": "diamond", dispatched: "triangle", en_route: "triangle", on_scene: "square",
    resolved: "circle", closed: "circle"
  };
  function style(kind, item) {
    if (kind === "incidents") {
      return {
        shape: INCIDENT_SHAPES[item.status] || "circle", radius: 9, weight: 2,
        color: "#11151c", fillColor: color("priority", String(item.priority), "#ffd43b"),
        fillOpacity: item.status === "resolved" ? 0.35 : 0.95
      };
    }
    if (kind === "units") {
      return {
        shape: "arrow", heading: item.heading || 0, radius: 5, weight: 1, color: "#0b0e13",
        fillColor: item.stale ? "#6b7480" : color("unit", item.status, "#51cf66"),
        fillOpacity: item.stale ? 0.45 : 0.95, opacity: item.stale ? 0.5 : 1
      };
    }
    if (kind === "cameras") {
      return {
        shape: "square", radius: 3, weight: 1, color: "#0b0e13",
        fillColor: item.status === "online" ? "#74c0fc" : "#5c636a", fillOpacity: 0.8
      };
    }
    var volume = Math.max(1, item.volume || 1);
    return {
      shape: "circle", radius: Math.min(22, 5 + 3 * Math.log(volume)), weight: 2,
      color: color("severity", item.severity, "#74c0fc"),
      fillColor: color("severity", item.severity, "#74c0fc"),
      fillOpacity: item.acknowledged ? 0.12 : 0.3
    };
  }

  function styleKey(kind, item) {
    if (kind === "incidents") { return item.priority + "|" + item.status; }
    if (kind === "units") { return item.status + "|" + !!item.stale; }
    if (kind === "cameras") { return item.status; }
    return item.severity + "|" + item.volume + "|" + !!item.acknowledged;
  }

  function tipText(kind, item) {
    if (kind === "incidents") {
      return item.id + " · P" + item.priority + " · " + (item.status_label || item.status) +
        "\n" + (item.category_label || item.category || "") + "\n" + (item.summary || "");
    }
    if (kind === "units") {
      return (item.callsign || item.id) + " · " + (item.status_label || item.status) +
        (item.incident ? " → " + item.incident : "") + (item.stale ? "\n" + (config.labels.staleFix || "stale fix") : "");
    }
    if (kind === "cameras") { return item.name + " · " + (item.status_label || item.status); }
    var labels = config.labels || {};
    return (item.topic || "") + " · " + (labels["severity." + item.severity] || item.severity || "") +
      " · " + item.volume + " " + (labels.postsPer10Min || "posts/10 min") +
      (item.district ? "\n" + item.district : "") + "\n" + (item.excerpt || "");
  }

  // --- applying diffs ------------------------------------------------------------------
  function upsert(kind, item) {
    var marker = markers[kind].get(item.id);
    var latlng = [item.lat, item.lon];
    var options = style(kind, item);
    if (!marker) {
      options.renderer = renderers[kind];
      marker = new ShapeMarker(latlng, options);
      marker._ccKind = kind;
      marker._ccId = item.id;
      marker._ccStyle = styleKey(kind, item);
      var tip = document.createElement("div");
      marker._ccTip = tip;
      marker.bindTooltip(tip, { className: "cc-tip", direction: "top", offset: [0, -8] });
      marker.on("click", onMarkerClick);
      markers[kind].set(item.id, marker);
      layers[kind].addLayer(marker);
    } else {
      var key = styleKey(kind, item);
      if (marker._ccStyle !== key) {
        L.Util.setOptions(marker, options);
        marker.setRadius(options.radius);
        marker.setStyle(options);
        marker._ccStyle = key;
      } else if (kind === "units") {
        marker.options.heading = item.heading || 0;  // drawn on the redraw setLatLng asks for
      }
      marker.setLatLng(latlng);
    }
    marker._ccTip.textContent = tipText(kind, item);
    data[kind].set(item.id, item);
    if (kind === "incidents") { setPulse(item.id, item.pulse, latlng); }
    if (labelled.has(item.id)) { labelled.get(item.id).setLatLng(latlng); }
    if (selected && selected.kind === kind && selected.id === item.id) { highlight.setLatLng(latlng); }
    if (followed && kind === "units" && followed === item.id) { map.panTo(latlng, { animate: false }); }
  }

  function remove(kind, id) {
    var marker = markers[kind].get(id);
    if (marker) { layers[kind].removeLayer(marker); markers[kind].delete(id); }
    data[kind].delete(id);
    if (kind === "incidents") { setPulse(id, false); }
    if (labelled.has(id)) { map.removeLayer(labelled.get(id)); labelled.delete(id); }
    if (selected && selected.kind === kind && selected.id === id) {
      map.removeLayer(highlight);
      selected = null;
    }
  }

  function setPulse(id, on, latlng) {
    var ring = pulses.get(id);
    if (on && !ring) {
      ring = L.circleMarker(latlng, {
        renderer: svg, radius: 14, color: "#ff4d4f", weight: 3, fill: false,
        className: "cc-pulse", interactive: false
      });
      pulses.set(id, ring);
      layers.pulses.addLayer(ring);
    } else if (on) {
      ring.setLatLng(latlng);
    } else if (ring) {
      layers.pulses.removeLayer(ring);
      pulses.delete(id);
    }
  }

  function drawHeat(cells) {
    layers.heat.clearLayers();
    var most = 1;
    cells.forEach(function (c) { most = Math.max(most, c[4]); });
    cells.forEach(function (c) {
      layers.heat.addLayer(L.rectangle([[c[0], c[1]], [c[2], c[3]]], {
        renderer: renderers.heat, stroke: false, fillColor: "#ff6b35",
        fillOpacity: 0.12 + 0.5 * (c[4] / most), interactive: false
      }));
    });
  }

  function apply(diff) {
    var started = performance.now();
    if (diff.reset) {
      Object.keys(markers).forEach(function (kind) {
        Array.from(markers[kind].keys()).forEach(function (id) { remove(kind, id); });
      });
    }
    ["incidents", "units", "cameras", "alerts"].forEach(function (kind) {
      var part = diff[kind];
      if (!part) { return; }
      (part.remove || []).forEach(function (id) { remove(kind, id); });
      (part.upsert || []).forEach(function (item) { upsert(kind, item); });
    });
    if (diff.heat) { drawHeat(diff.heat); }
    if (diff.reset || (diff.units && diff.units.upsert && diff.units.upsert.length)) {
      refreshLabels();
    }
    stats.diffs += 1;
    stats.lastApplyMs = performance.now() - started;
    stats.applyMs += stats.lastApplyMs;
  }

  // --- labels at higher zoom -------------------------------------------------------------
  function refreshLabels() {
    var want = new Map();
    if (map.getZoom() >= config.labelZoom && map.hasLayer(layers.units)) {
      var bounds = map.getBounds();
      data.units.forEach(function (item, id) {
        if (want.size < 400 && bounds.contains([item.lat, item.lon])) { want.set(id, item); }
      });
    }
    labelled.forEach(function (tip, id) {
      if (!want.has(id)) { map.removeLayer(tip); labelled.delete(id); }
    });
    want.forEach(function (item, id) {
      var tip = labelled.get(id);
      if (!tip) {
        var el = document.createElement("span");
        tip = L.tooltip({ permanent: true, direction: "right", offset: [6, 0],
          className: "cc-label", interactive: false });
        tip.setContent(el);
        tip._ccText = el;
        tip.setLatLng([item.lat, item.lon]);
        tip.addTo(map);
        labelled.set(id, tip);
      }
      tip._ccText.textContent = item.callsign || id;
    });
  }
  map.on("zoomend moveend", refreshLabels);

  // --- selection, follow, fit ------------------------------------------------------------
  function onMarkerClick(event) {
    var marker = event.target;
    select(marker._ccKind, marker._ccId, false);
    if (bridge) { bridge.select(marker._ccKind, marker._ccId); }
  }

  function select(kind, id, centre) {
    var item = data[kind] && data[kind].get(id);
    if (!item) { map.removeLayer(highlight); selected = null; return false; }
    selected = { kind: kind, id: id };
    highlight.setLatLng([item.lat, item.lon]);
    if (!map.hasLayer(highlight)) { highlight.addTo(map); }
    if (centre) {
      map.setView([item.lat, item.lon], Math.max(map.getZoom(), 13), { animate: false });
    }
    return true;
  }

  function fitOpenIncidents() {
    var points = [];
    data.incidents.forEach(function (item) {
      if (item.status !== "resolved" && item.status !== "closed") { points.push([item.lat, item.lon]); }
    });
    if (points.length === 1) { map.setView(points[0], 14, { animate: false }); }
    if (points.length > 1) { map.fitBounds(points, { padding: [40, 40], maxZoom: 15, animate: false }); }
    return points.length;
  }

  function command(message) {
    if (message.op === "config") {
      config = message;
      buildControls();
    } else if (message.op === "select") {
      select(message.kind, message.id, true);
    } else if (message.op === "follow") {
      followed = message.id || null;
      if (followed) { select("units", followed, true); }
    } else if (message.op === "fit") {
      fitOpenIncidents();
    } else if (handlers.has(message.op)) {
      handlers.get(message.op)(message);
    }
  }

  // --- controls: layers, legend, context menu ----------------------------------------------
  var layerControl = null;
  var extraOverlays = [];  // [name, layer] added by other scripts before the control exists
  function buildControls() {
    if (layerControl) { return; }
    var names = config.labels;
    var overlays = {};
    overlays[names.incidents || "Incidents"] = layers.incidents;
    overlays[names.units || "Units"] = layers.units;
    overlays[names.cameras || "Cameras"] = layers.cameras;
    overlays[names.alerts || "Opinion alerts"] = layers.alerts;
    overlays[names.heat || "Incident density"] = layers.heat;
    var districtGroup = L.layerGroup(districts);
    districts.forEach(function (d) { map.removeLayer(d); });
    districtGroup.addTo(map);
    overlays[names.districts || "Districts"] = districtGroup;
    layerControl = L.control.layers(null, overlays, { collapsed: false, position: "topright" });
    extraOverlays.forEach(function (entry) { layerControl.addOverlay(entry[1], entry[0]); });
    layerControl.addTo(map);
    L.control.scale({ imperial: false }).addTo(map);
  }

  var menu = null;
  function closeMenu() { if (menu) { menu.remove(); menu = null; } }
  map.on("contextmenu", function (event) {
    closeMenu();
    menu = document.createElement("div");
    menu.className = "cc-menu";
    [["new_incident", config.labels.newIncident || "New incident here"],
     ["cameras_near", config.labels.camerasNear || "Cameras near here"],
     ["fit", config.labels.fit || "Fit all open incidents"]].forEach(function (entry) {
      var item = document.createElement("div");
      item.textContent = entry[1];
      item.dataset.action = entry[0];
      item.addEventListener("click", function () {
        closeMenu();
        if (entry[0] === "fit") { fitOpenIncidents(); return; }
        if (bridge) { bridge.contextAction(entry[0], event.latlng.lat, event.latlng.lng); }
      });
      menu.appendChild(item);
    });
    menu.style.left = event.containerPoint.x + "px";
    menu.style.top = event.containerPoint.y + "px";
    map.getContainer().appendChild(menu);
  });
  map.on("click movestart", closeMenu);

  // --- frame counter -------------------------------------------------------------------
  function frame() { stats.frames += 1; window.requestAnimationFrame(frame); }
  window.requestAnimationFrame(frame);

  // --- the read-back API (tests, benchmarks) ----------------------------------------------
  // --- for the page's other scripts (assets/pressure.js): the map, overlays, commands ----
  var handlers = new Map();
  window.ccmapHost = {
    map: map,
    addOverlay: function (name, layer) {
      if (layerControl) { layerControl.addOverlay(layer, name); } else { extraOverlays.push([name, layer]); }
    },
    onCommand: function (op, handler) { handlers.set(op, handler); }
  };

  window.ccmap = {
    stats: function () {
      var count = {};
      Object.keys(markers).forEach(function (kind) { count[kind] = markers[kind].size; });
      var features = 0;
      districts.forEach(function (d) {
        d.eachLayer(function (f) {
          if (f.feature && f.feature.properties && f.feature.properties.kind === "district") {
            features += 1;
          }
        });
      });
      return {
        markers: count, districts: features, pulses: pulses.size, labels: labelled.size,
        heat: layers.heat.getLayers().length, diffs: stats.diffs, applyMs: stats.applyMs,
        lastApplyMs: stats.lastApplyMs, frames: stats.frames,
        selected: selected ? selected.kind + ":" + selected.id : null,
        followed: followed, zoom: map.getZoom(),
        center: [map.getCenter().lat, map.getCenter().lng], connected: !!bridge
      };
    },
    marker: function (kind, id) {
      var marker = markers[kind] && markers[kind].get(id);
      if (!marker) { return null; }
      var ll = marker.getLatLng();
      return { lat: ll.lat, lng: ll.lng, fill: marker.options.fillColor,
        shape: marker.options.shape, tooltip: marker._ccTip.textContent,
        tooltipHtml: marker._ccTip.innerHTML };
    },
    click: function (kind, id) {
      var marker = markers[kind] && markers[kind].get(id);
      if (marker) { marker.fire("click"); }
      return !!marker;
    },
    contextMenu: function (lat, lng) {
      map.fire("contextmenu", { latlng: L.latLng(lat, lng),
        containerPoint: map.latLngToContainerPoint([lat, lng]) });
      return menu ? Array.from(menu.children).map(function (c) { return c.textContent; }) : [];
    },
    chooseMenu: function (index) {
      if (menu && menu.children[index]) { menu.children[index].click(); return true; }
      return false;
    },
    setZoom: function (zoom) { map.setZoom(zoom, { animate: false }); return map.getZoom(); }
  };

  new QWebChannel(qt.webChannelTransport, function (channel) {
    bridge = channel.objects.bridge;
    bridge.diffReady.connect(function (text) { apply(JSON.parse(text)); });
    bridge.commandReady.connect(function (text) { command(JSON.parse(text)); });
    bridge.pageReady();
  });
})();
