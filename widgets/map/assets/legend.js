// The map's legend (every shape and colour, in the console's words) and the district
// names, drawn once the console has sent its config. Every text is placed with
// textContent; the words come from config.labels (translated in Python).
(function () {
  "use strict";

  var host = window.ccmapHost;
  if (!host) { throw new Error("legend: no map host"); }
  var map = host.map, word = host.word, fill = host.fill, el = host.el, color = host.color;
  var tracePath = host.tracePath, districts = host.districts, districtNames = host.districtNames;
  var STALE_FILL = host.fills.stale, CAMERA_FILL = host.fills.camera;
  var DENSITY_FILL = host.fills.density;
  var legendBox = null;

  function nameDistricts() {
    districts.forEach(function (layer) {
      layer.eachLayer(function (feature) {
        var props = feature.feature && feature.feature.properties;
        if (!props || props.kind !== "district") { return; }
        var name = fill(word("districtName") || "{en}", { en: props.name_en || "", zh: props.name_zh || "" });
        var tip = L.tooltip({ permanent: true, direction: "center", className: "cc-district-name",
          interactive: false, pane: "cc-districtNames" });
        tip.setContent(el("span", null, name));
        tip.setLatLng(feature.getCenter());
        districtNames.addLayer(tip);
      });
    });
  }

  function swatch(shape, fillColor, options) {
    var canvas = document.createElement("canvas");
    var ratio = window.devicePixelRatio || 1;
    canvas.width = 18 * ratio; canvas.height = 18 * ratio;
    canvas.className = "cc-swatch";
    var ctx = canvas.getContext("2d");
    ctx.scale(ratio, ratio);
    options = options || {};
    tracePath(ctx, shape, 9, 9, options.radius || 5, options.heading || 0);
    ctx.globalAlpha = options.fillOpacity === undefined ? 0.95 : options.fillOpacity;
    ctx.fillStyle = fillColor;
    ctx.fill();
    ctx.globalAlpha = 1;
    ctx.lineWidth = options.weight || 1;
    ctx.strokeStyle = options.stroke || "#0b0e13";
    ctx.stroke();
    return canvas;
  }
  function legendSection(title, entries) {
    var section = el("div", "cc-legend-section");
    section.appendChild(el("div", "cc-legend-heading", title));
    entries.forEach(function (entry) {
      var line = el("div", "cc-legend-entry");
      line.appendChild(entry[0]);
      line.appendChild(el("span", "cc-legend-text", entry[1]));
      section.appendChild(line);
    });
    legendBox.appendChild(section);
  }
  function buildLegend() {
    var legend = L.control({ position: "bottomleft" });
    legend.onAdd = function () {
      var outer = el("div", "cc-legend cc-map-legend");
      L.DomEvent.disableClickPropagation(outer);
      L.DomEvent.disableScrollPropagation(outer);
      var toggle = el("button", "cc-legend-toggle", word("legend"));
      toggle.type = "button";
      outer.appendChild(toggle);
      legendBox = el("div", "cc-legend-body");
      outer.appendChild(legendBox);
      toggle.addEventListener("click", function () {
        legendBox.style.display = legendBox.style.display === "none" ? "" : "none";
      });
      return outer;
    };
    legend.addTo(map);
    legendSection(word("legendIncidentColour"), [1, 2, 3, 4].map(function (p) {
      return [swatch("circle", color("priority", String(p), "#ffd43b")), word("priority." + p)];
    }));
    var grey = "#c4ccd6";
    legendSection(word("legendIncidentShape"), [
      [swatch("diamond", grey), word("incidentStatus.new")],
      [swatch("triangle", grey), word("incidentStatus.dispatched") + " / " + word("incidentStatus.en_route")],
      [swatch("square", grey), word("incidentStatus.on_scene")],
      [swatch("circle", grey, { fillOpacity: 0.35 }), word("incidentStatus.resolved")]
    ]);
    var units = ["available", "dispatched", "en_route", "on_scene", "busy"].map(function (status) {
      return [swatch("arrow", color("unit", status, "#51cf66"), { radius: 5, heading: 45 }),
        word("unitStatus." + status)];
    });
    units.push([swatch("arrow", STALE_FILL, { radius: 5, heading: 45, fillOpacity: 0.45 }),
      word("staleFix")]);
    legendSection(word("legendUnits"), units);
    legendSection(word("legendCameras"), ["online", "offline"].map(function (status) {
      return [swatch("square", CAMERA_FILL[status], { radius: 4 }), word("cameraStatus." + status)];
    }));
    legendSection(word("legendAlerts"), ["info", "watch", "warning", "critical"].map(function (s) {
      var c = color("severity", s, "#74c0fc");
      return [swatch("circle", c, { fillOpacity: 0.3, stroke: c, weight: 2, radius: 6 }),
        word("severity." + s)];
    }));
    legendSection(word("legendDensity"), [
      [swatch("square", DENSITY_FILL, { fillOpacity: 0.45, stroke: DENSITY_FILL, radius: 6 }),
        word("legendDensityNote")]
    ]);
  }

  host.onConfig(function () {
    nameDistricts();
    buildLegend();
  });

  // read-back (tests)
  window.ccmap.legend = function () {
    if (!legendBox) { return null; }
    function texts(selector) {
      return Array.from(legendBox.querySelectorAll(selector)).map(function (n) { return n.textContent; });
    }
    return {
      title: legendBox.parentNode.querySelector(".cc-legend-toggle").textContent,
      sections: texts(".cc-legend-heading"),
      entries: texts(".cc-legend-text"),
      swatches: legendBox.querySelectorAll("canvas.cc-swatch").length
    };
  };
  window.ccmap.districtNames = function () {
    return Array.from(document.querySelectorAll(".cc-district-name")).map(function (n) { return n.textContent; });
  };
})();
