// The console's live map page. Diffs and commands arrive as JSON text at two fixed entry
// points (ccmap.apply, ccmap.command) and are parsed with JSON.parse; no JavaScript is ever
// built from data. Untrusted text (summaries, names, callsigns, district names) is only
// ever placed with textContent. Every word shown comes from the console (config.labels,
// translated there). Markers are kept by id; a diff touches only what changed, and units
// that only moved arrive as [[id, lat, lon, heading], ...]. Each dense layer
// draws on its own canvas, in its own pane: density under alerts under cameras under
// units under the district names under incidents.
(function () {
  "use strict";

  var map = null;
  Object.keys(window).forEach(function (key) {
    if (key.indexOf("map_") === 0 && window[key] instanceof L.Map) { map = window[key]; }
  });
  if (!map) { throw new Error("no map on the page"); }
  map.doubleClickZoom.disable();

  // --- shapes drawn on the canvas (markers and legend swatches) -----------------------------
  function tracePath(ctx, shape, x, y, r, heading) {
    ctx.beginPath();
    if (shape === "square") {
      ctx.rect(x - r, y - r, 2 * r, 2 * r);
    } else if (shape === "diamond") {
      ctx.moveTo(x, y - r * 1.3); ctx.lineTo(x + r * 1.3, y);
      ctx.lineTo(x, y + r * 1.3); ctx.lineTo(x - r * 1.3, y); ctx.closePath();
    } else if (shape === "triangle") {
      ctx.moveTo(x, y - r * 1.3); ctx.lineTo(x + r * 1.2, y + r);
      ctx.lineTo(x - r * 1.2, y + r); ctx.closePath();
    } else if (shape === "arrow") {
      var a = (heading || 0) * Math.PI / 180, sin = Math.sin(a), cos = Math.cos(a);
      ctx.moveTo(x + r * 1.6 * sin, y - r * 1.6 * cos);           // tip (0, -1.6r)
      ctx.lineTo(x - r * cos - r * sin, y - r * sin + r * cos);    // left (-r, r)
      ctx.lineTo(x - r * 0.4 * sin, y + r * 0.4 * cos);            // back (0, 0.4r)
      ctx.lineTo(x + r * cos - r * sin, y + r * sin + r * cos);    // right (r, r)
      ctx.closePath();
    } else {
      ctx.arc(x, y, r, 0, Math.PI * 2, false);
    }
  }
  L.Canvas.include({
    _updateShape: function (layer) {
      if (!this._drawing || layer._empty()) { return; }
      var p = layer._point, r = Math.max(Math.round(layer._radius), 1);
      tracePath(this._ctx, layer.options.shape, p.x, p.y, r, layer.options.heading);
      this._fillStroke(this._ctx, layer);
    }
  });
  var ShapeMarker = L.CircleMarker.extend({
    options: { shape: "circle", heading: 0 },
    _updatePath: function () { this._renderer._updateShape(this); }
  });

  var KINDS = ["incidents", "units", "cameras", "alerts"];
  var panes = {};
  var renderers = {};
  // The mouse never stops at these canvases (the top one would hide the others' markers
  // from it): the page finds what is under the pointer itself (hitTest below).
  [["heat", 405], ["alerts", 410], ["cameras", 415], ["units", 420], ["districtNames", 422],
   ["incidents", 425]].forEach(function (entry) {
    var pane = map.createPane("cc-" + entry[0]);
    pane.style.zIndex = String(entry[1]);
    pane.style.pointerEvents = "none";
    panes[entry[0]] = pane;
    renderers[entry[0]] = L.canvas({ padding: 0.3, pane: "cc-" + entry[0] });
  });
  var svg = L.svg();
  map.attributionControl.setPrefix("Leaflet");
  // units on a job are drawn over the idle ones, stale fixes under everything
  var UNIT_RANK = { stale: 0, available: 1, busy: 2, on_scene: 3, dispatched: 4, en_route: 5 };
  var unitLayer = window.ccUnitLayer(map, "cc-units", {
    key: function (item) { return item.stale ? "stale" : item.status; },
    rank: function (key) { return key in UNIT_RANK ? UNIT_RANK[key] : 1; },
    style: function (item) { return style("units", item); }
  });
  renderers.units = unitLayer.renderer;
  var layers = {
    heat: L.layerGroup().addTo(map),
    alerts: L.layerGroup().addTo(map),
    cameras: L.layerGroup().addTo(map),
    incidents: L.layerGroup().addTo(map),
    units: unitLayer.renderer.addTo(map),
    pulses: L.layerGroup().addTo(map)
  };
  // Leaflet markers by id (units have none: the unit layer draws them from their data)
  var markers = { incidents: new Map(), cameras: new Map(), alerts: new Map() };
  var data = { incidents: new Map(), units: unitLayer.items, cameras: new Map(), alerts: new Map() };
  var pulses = new Map();
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
  var stats = { diffs: 0, applyMs: 0, parseMs: 0, lastApplyMs: 0, markers: 0, frames: 0,
    lastSeq: 0 };
  var labelled = new Map();
  var recent = [];  // [ms, parse ms, markers] of the latest applies (benchmarks)

  function word(key) { return (config.labels && config.labels[key]) || ""; }
  function fill(template, values) {
    return String(template).replace(/\{(\w+)\}/g, function (whole, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : whole;
    });
  }
  var el = window.ccMapText.el;
  function color(group, key, fallback) {
    var table = config.colors[group] || {};
    return table[key] || fallback;
  }

  // --- how each kind of marker looks -------------------------------------------------------
  var INCIDENT_SHAPES = {
    "new": "diamond", dispatched: "triangle", en_route: "triangle", on_scene: "square",
    resolved: "circle", closed: "circle"
  };
  var STALE_FILL = "#6b7480";
  var CAMERA_FILL = { online: "#74c0fc", offline: "#5c636a" };
  var DENSITY_FILL = "#ff6b35";
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
        fillColor: item.stale ? STALE_FILL : color("unit", item.status, "#51cf66"),
        fillOpacity: item.stale ? 0.45 : 0.95, opacity: item.stale ? 0.5 : 1
      };
    }
    if (kind === "cameras") {
      return {
        shape: "square", radius: 3, weight: 1, color: "#0b0e13",
        fillColor: CAMERA_FILL[item.status] || CAMERA_FILL.offline, fillOpacity: 0.8
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

  // --- tooltips (one, shared, built when shown) and popups: assets/text.js ------------------
  var text = window.ccMapText(word);
  var tipText = text.tipText, tipNode = text.tipNode, popupNode = text.popupNode;

  var hoverTip = L.tooltip({ className: "cc-tip", direction: "top", offset: [0, -8] });
  var popup = L.popup({ className: "cc-popup", maxWidth: 380, minWidth: 180 });
  var popupFor = null;  // {kind, id}
  map.on("popupclose", function (event) { if (event.popup === popup) { popupFor = null; } });
  function openPopup(kind, id) {
    var item = data[kind] && data[kind].get(id);
    if (!item || kind === "units") { return false; }
    popupFor = { kind: kind, id: id };
    popup.setLatLng([item.lat, item.lon]).setContent(popupNode(kind, item));
    map.openPopup(popup);
    return true;
  }

  // --- what is under the pointer: the most important kind first ------------------------------
  var HIT_ORDER = ["incidents", "units", "cameras", "alerts"];
  function shown(kind) { return map.hasLayer(layers[kind]); }
  function hitMarker(kind, point) {
    var best = null, bestDistance = Infinity;
    markers[kind].forEach(function (marker, id) {
      if (!marker._point) { return; }
      var reach = marker._radius * 1.3 + 3;
      var dx = marker._point.x - point.x, dy = marker._point.y - point.y, d = dx * dx + dy * dy;
      if (d <= reach * reach && d < bestDistance) { best = id; bestDistance = d; }
    });
    return best;
  }
  function hitTest(point) {
    for (var i = 0; i < HIT_ORDER.length; i++) {
      var kind = HIT_ORDER[i];
      if (!shown(kind)) { continue; }
      var id = kind === "units" ? unitLayer.hit(point) : hitMarker(kind, point);
      if (id !== null) { return { kind: kind, id: id }; }
    }
    return null;
  }

  var hovered = null;
  function hover(hit) {
    var container = map.getContainer();
    if (!hit) {
      if (hovered) { map.closeTooltip(hoverTip); container.style.cursor = ""; hovered = null; }
      return;
    }
    if (hovered && hovered.kind === hit.kind && hovered.id === hit.id) { return; }
    var item = data[hit.kind].get(hit.id);
    if (!item) { return; }
    hovered = hit;
    hoverTip.setContent(tipNode(hit.kind, item)).setLatLng([item.lat, item.lon]);
    map.openTooltip(hoverTip);
    container.style.cursor = "pointer";
  }
  function activate(kind, id) {
    select(kind, id, false);
    openPopup(kind, id);
    if (bridge) { bridge.select(kind, id); }
  }

  (function listen() {
    var container = map.getContainer(), mapPane = map.getPane("mapPane");
    function onMap(event) {
      return mapPane.contains(event.target) && !event.target.closest(".leaflet-popup");
    }
    // Capture: before any layer underneath (the pressure cells) takes the click.
    container.addEventListener("click", function (event) {
      if (!onMap(event) || (map.dragging && map.dragging.moved())) { return; }
      var hit = hitTest(map.mouseEventToLayerPoint(event));
      if (!hit) { return; }
      event.stopPropagation();
      closeMenu();
      activate(hit.kind, hit.id);
    }, true);
    var pending = null, frameAsked = false;
    container.addEventListener("mousemove", function (event) {
      pending = onMap(event) ? map.mouseEventToLayerPoint(event) : null;
      if (frameAsked) { return; }
      frameAsked = true;
      window.requestAnimationFrame(function () {
        frameAsked = false;
        hover(pending ? hitTest(pending) : null);
      });
    }, true);
    container.addEventListener("mouseleave", function () { pending = null; hover(null); });
  })();

  // --- applying diffs --------------------------------------------------------------------
  function upsert(kind, item) {
    var latlng = [item.lat, item.lon];
    if (kind === "units") {
      item.heading = item.heading || 0;
      unitLayer.set(item);
      followUp(kind, item.id, latlng);
      return;
    }
    var marker = markers[kind].get(item.id);
    if (!marker) {
      var options = style(kind, item);
      options.renderer = renderers[kind];
      options.interactive = false;  // see hitTest
      marker = new ShapeMarker(latlng, options);
      marker._ccId = item.id;
      marker._ccStyle = styleKey(kind, item);
      markers[kind].set(item.id, marker);
      layers[kind].addLayer(marker);
    } else {
      var key = styleKey(kind, item);
      if (marker._ccStyle !== key) {
        var changed = style(kind, item);
        L.Util.setOptions(marker, changed);
        marker.setRadius(changed.radius);
        marker.setStyle(changed);
        marker._ccStyle = key;
      }
      marker.setLatLng(latlng);
    }
    data[kind].set(item.id, item);
    if (kind === "incidents") { setPulse(item.id, item.pulse, latlng); }
    followUp(kind, item.id, latlng);
  }

  // A moved marker's companions: its callsign label, the selection ring, the followed view.
  function followUp(kind, id, latlng) {
    if (labelled.size && labelled.has(id)) { labelled.get(id).setLatLng(latlng); }
    if (selected && selected.id === id && selected.kind === kind) { highlight.setLatLng(latlng); }
    if (followed === id && kind === "units") { map.panTo(latlng, { animate: false }); }
  }

  function move(rows) {
    var companions = labelled.size || selected || followed;
    for (var i = 0; i < rows.length; i++) {
      var row = rows[i];
      if (unitLayer.move(row[0], row[1], row[2], row[3]) && companions) {
        followUp("units", row[0], [row[1], row[2]]);
      }
    }
  }

  function remove(kind, id) {
    var marker = markers[kind] && markers[kind].get(id);
    if (marker) { layers[kind].removeLayer(marker); markers[kind].delete(id); }
    data[kind].delete(id);
    if (kind === "incidents") { setPulse(id, false); }
    if (labelled.has(id)) { map.removeLayer(labelled.get(id)); labelled.delete(id); }
    if (selected && selected.kind === kind && selected.id === id) {
      map.removeLayer(highlight);
      selected = null;
    }
    if (popupFor && popupFor.kind === kind && popupFor.id === id) { map.closePopup(popup); }
  }

  function clearAll() {
    KINDS.forEach(function (kind) {
      if (markers[kind]) { layers[kind].clearLayers(); markers[kind].clear(); }
      data[kind].clear();
    });
    hovered = null;
    layers.pulses.clearLayers();
    pulses.clear();
    labelled.forEach(function (tip) { map.removeLayer(tip); });
    labelled.clear();
    map.removeLayer(highlight);
    selected = null;
    map.closePopup(popup);
    map.closeTooltip(hoverTip);
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
        renderer: renderers.heat, stroke: false, fillColor: DENSITY_FILL,
        fillOpacity: 0.12 + 0.5 * (c[4] / most), interactive: false
      }));
    });
  }

  // The density grid is a city-scale picture: faded as the view closes in on the streets.
  function densityOpacity(zoom) {
    if (zoom <= 12) { return 1; }
    if (zoom >= 16) { return 0.15; }
    return [0.7, 0.45, 0.25][zoom - 13];
  }
  function fadeDensity() { panes.heat.style.opacity = String(densityOpacity(map.getZoom())); }
  map.on("zoomend", fadeDensity);
  fadeDensity();

  function apply(text) {
    var started = performance.now();
    var diff = JSON.parse(text);
    var parsed = performance.now();
    var touched = 0;
    if (diff.reset) { clearAll(); unitLayer.redraw(); }
    KINDS.forEach(function (kind) {
      var part = diff[kind];
      if (!part) { return; }
      var removals = part.remove || [], upserts = part.upsert || [];
      removals.forEach(function (id) { remove(kind, id); });
      upserts.forEach(function (item) { upsert(kind, item); });
      touched += removals.length + upserts.length;
      if (part.move) { move(part.move); touched += part.move.length; }
      if (kind === "units") { unitLayer.redraw(); }
    });
    if (diff.heat) { drawHeat(diff.heat); }
    if (diff.reset || (diff.units && diff.units.upsert && diff.units.upsert.length)) {
      refreshLabels();
    }
    var finished = performance.now();
    stats.diffs += 1;
    stats.markers += touched;
    stats.parseMs += parsed - started;
    stats.lastApplyMs = finished - started;
    stats.applyMs += stats.lastApplyMs;
    recent.push([stats.lastApplyMs, parsed - started, touched]);
    if (recent.length > 256) { recent.shift(); }
    if (diff.seq) {
      stats.lastSeq = diff.seq;
      // Leaflet's canvas redraw was queued for the next frame during the apply; this
      // callback runs after it in that frame: the markers are drawn.
      window.requestAnimationFrame(function () {
        stats.paintedSeq = diff.seq;
        if (bridge) { bridge.markersPainted(diff.seq); }
      });
    }
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
        var span = document.createElement("span");
        tip = L.tooltip({ permanent: true, direction: "right", offset: [6, 0],
          className: "cc-label", interactive: false });
        tip.setContent(span);
        tip._ccText = span;
        tip.setLatLng([item.lat, item.lon]);
        tip.addTo(map);
        labelled.set(id, tip);
      }
      tip._ccText.textContent = item.callsign || id;
    });
  }
  map.on("zoomend moveend", refreshLabels);

  // --- selection, follow, fit ------------------------------------------------------------
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
      if (select(message.kind, message.id, true) &&
          (message.kind === "cameras" || message.kind === "alerts")) {
        openPopup(message.kind, message.id);
      }
    } else if (message.op === "follow") {
      followed = message.id || null;
      if (followed) { select("units", followed, true); }
    } else if (message.op === "fit") {
      fitOpenIncidents();
    } else if (handlers.has(message.op)) {
      handlers.get(message.op)(message);
    }
  }

  // --- controls: layers, context menu (legend and district names: assets/legend.js) -----------
  var layerControl = null;
  var districtNames = L.layerGroup();
  var configured = [];  // other scripts' handlers of the config (their words and colours)
  var extraOverlays = [];  // [name, layer] added by other scripts before the control exists
  function buildControls() {
    if (layerControl) { return; }
    var overlays = {};
    overlays[word("incidents")] = layers.incidents;
    overlays[word("units")] = layers.units;
    overlays[word("cameras")] = layers.cameras;
    overlays[word("alerts")] = layers.alerts;
    overlays[word("heat")] = layers.heat;
    var districtGroup = L.layerGroup(districts);
    districts.forEach(function (d) { map.removeLayer(d); });
    districtGroup.addLayer(districtNames);
    districtGroup.addTo(map);
    overlays[word("districts")] = districtGroup;
    layerControl = L.control.layers(null, overlays, { collapsed: false, position: "topright" });
    extraOverlays.forEach(function (entry) { layerControl.addOverlay(entry[1], entry[0]); });
    layerControl.addTo(map);
    L.control.scale({ imperial: false }).addTo(map);
    configured.forEach(function (handler) { handler(config); });
  }

  var menu = null;
  function closeMenu() { if (menu) { menu.remove(); menu = null; } }
  map.on("contextmenu", function (event) {
    closeMenu();
    menu = document.createElement("div");
    menu.className = "cc-menu";
    [["new_incident", word("newIncident")], ["cameras_near", word("camerasNear")],
     ["fit", word("fit")]].forEach(function (entry) {
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

  // --- frames: a requestAnimationFrame counter and the longest gap between frames ----------
  var lastFrame = 0;
  var longestGap = 0;
  function frame(now) {
    stats.frames += 1;
    if (lastFrame) { longestGap = Math.max(longestGap, now - lastFrame); }
    lastFrame = now;
    window.requestAnimationFrame(frame);
  }
  window.requestAnimationFrame(frame);

  // --- for the page's other scripts (legend.js, pressure.js): map, words, shapes, commands ----
  var handlers = new Map();
  window.ccmapHost = {
    map: map,
    addOverlay: function (name, layer) {
      if (layerControl) { layerControl.addOverlay(layer, name); } else { extraOverlays.push([name, layer]); }
    },
    onCommand: function (op, handler) { handlers.set(op, handler); },
    onConfig: function (handler) { configured.push(handler); },
    word: word,
    fill: fill,
    el: el,
    color: color,
    tracePath: tracePath,
    fills: { stale: STALE_FILL, camera: CAMERA_FILL, density: DENSITY_FILL },
    districts: districts,
    districtNames: districtNames
  };

  function paneStyle(name) {
    var pane = map.getPane(name);
    var computed = window.getComputedStyle(pane);
    return { zIndex: Number(computed.zIndex), opacity: Number(computed.opacity) };
  }

  // --- the entry points (the console) and the read-back API (tests, benchmarks) ------------
  window.ccmap = {
    apply: apply,
    command: function (text) { command(JSON.parse(text)); },
    stats: function () {
      var count = {};
      KINDS.forEach(function (kind) { count[kind] = data[kind].size; });
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
        parseMs: stats.parseMs, markersApplied: stats.markers, lastApplyMs: stats.lastApplyMs,
        frames: stats.frames, lastSeq: stats.lastSeq, paintedSeq: stats.paintedSeq || 0,
        selected: selected ? selected.kind + ":" + selected.id : null,
        followed: followed, zoom: map.getZoom(),
        center: [map.getCenter().lat, map.getCenter().lng], connected: !!bridge
      };
    },
    // frames so far and the longest gap between two (ms) since the last call
    frames: function () {
      var result = { frames: stats.frames, longestGapMs: longestGap, at: performance.now() };
      longestGap = 0;
      return result;
    },
    // [ms, parse ms, markers] of each apply since the last call
    costs: function () { var result = recent; recent = []; return result; },
    marker: function (kind, id) {
      var item = data[kind] && data[kind].get(id);
      if (!item) { return null; }
      var marker = markers[kind] && markers[kind].get(id);
      var ll = marker ? marker.getLatLng() : L.latLng(item.lat, item.lon);
      var look = marker ? marker.options : style(kind, item), tip = tipNode(kind, item);
      return { lat: ll.lat, lng: ll.lng, fill: look.fillColor, shape: look.shape,
        heading: look.heading, tooltip: tipText(kind, item).join("\n"),
        tooltipHtml: tip.innerHTML };
    },
    hover: function (kind, id) {
      if (!data[kind] || !data[kind].has(id)) { return null; }
      hover({ kind: kind, id: id });
      var node = hoverTip.getElement();
      var title = node && node.querySelector(".cc-tip-title");
      return title ? { title: title.textContent, whiteSpace: getComputedStyle(title).whiteSpace,
        titleHeight: title.getBoundingClientRect().height,
        lineHeight: parseFloat(getComputedStyle(title).lineHeight) } : null;
    },
    // what selecting a marker does (the pointer's way is clickAt)
    click: function (kind, id) {
      if (!data[kind] || !data[kind].has(id)) { return false; }
      activate(kind, id);
      return true;
    },
    // a real click at a place, as the pointer gives it (whatever element is there);
    // returns what it hit
    clickAt: function (lat, lng) {
      var point = map.latLngToContainerPoint([lat, lng]);
      var box = map.getContainer().getBoundingClientRect();
      var x = box.left + point.x, y = box.top + point.y;
      var target = document.elementFromPoint(x, y);
      if (!target) { return null; }
      var before = selected ? selected.kind + ":" + selected.id : null;
      target.dispatchEvent(new MouseEvent("click", { bubbles: true, cancelable: true,
        clientX: x, clientY: y, view: window }));
      var after = selected ? selected.kind + ":" + selected.id : null;
      return { target: target.tagName + "." + target.className, selected: after,
        changed: after !== before };
    },
    popup: function () {
      var node = popup.getElement();
      if (!popupFor || !map.hasLayer(popup) || !node) { return null; }
      var body = node.querySelector(".cc-popup-body");
      return { kind: popupFor.kind, id: popupFor.id, text: body.textContent,
        elements: body.querySelectorAll("*").length,
        injected: body.querySelectorAll("img, script, iframe, svg, a, style").length };
    },
    panes: function () {
      var result = { zoom: map.getZoom() };
      ["heat", "alerts", "cameras", "units", "incidents"].forEach(function (name) {
        result[name] = paneStyle("cc-" + name);
      });
      return result;
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
    bridge.pageReady();
  });
})();
