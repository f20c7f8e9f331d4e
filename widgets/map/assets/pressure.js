// The deployment layer: pressure hexagons coloured by both indices (a 3 x 3 bivariate
// scheme: incident heat across, population up; opacity grows with the pressure), the
// suggested posts with a dashed line from the unit each is given, and a legend. Data
// arrives as the "deployment" command; no JavaScript is built from it and every text is
// placed with textContent.
(function () {
  "use strict";

  var host = window.ccmapHost;
  if (!host) { throw new Error("pressure layer: no map host"); }
  var map = host.map;
  [["cc-pressure", 402], ["cc-posts", 418]].forEach(function (entry) {
    map.createPane(entry[0]).style.zIndex = String(entry[1]);
  });
  var renderer = L.canvas({ padding: 0.3, pane: "cc-pressure" });
  var postRenderer = L.svg({ pane: "cc-posts" });
  // Off until the operator ticks them (or opens the deployment plan): the live picture of
  // incidents and units stays uncluttered on a duty commander's map.
  var cellsLayer = L.layerGroup();
  var postsLayer = L.layerGroup();
  var shown = new Map();  // cell id -> [heat, population, pressure]
  var postsShown = [];
  var legend = null, legendBox = null, registered = false, hour = null;

  // Rows: population low, mid, high; columns: heat low, mid, high.
  var PALETTE = [
    ["#e8e8e8", "#e4acac", "#c85a5a"],
    ["#b0d5df", "#ad9ea5", "#985356"],
    ["#64acbe", "#627f8c", "#574249"]
  ];
  function level(value) { return value < 1 / 3 ? 0 : (value < 2 / 3 ? 1 : 2); }
  function colour(heat, population) { return PALETTE[level(population)][level(heat)]; }

  function text(tag, className, content) {
    var el = document.createElement(tag);
    if (className) { el.className = className; }
    if (content !== undefined) { el.textContent = content; }
    return el;
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (whole, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : whole;
    });
  }

  function buildLegend(labels) {
    if (!legend) {
      legend = L.control({ position: "bottomright" });
      legend.onAdd = function () {
        legendBox = text("div", "cc-legend cc-pressure-legend");
        L.DomEvent.disableClickPropagation(legendBox);
        return legendBox;
      };
      legend.addTo(map);
      var showLegend = function () {
        var on = map.hasLayer(cellsLayer) || map.hasLayer(postsLayer);
        legendBox.style.display = on ? "" : "none";
      };
      map.on("overlayadd overlayremove layeradd layerremove", showLegend);
      showLegend();
    }
    legendBox.replaceChildren();
    legendBox.appendChild(text("div", "cc-legend-title", labels.title));
    var grid = text("div", "cc-bivariate");
    for (var row = 2; row >= 0; row -= 1) {
      for (var col = 0; col < 3; col += 1) {
        var swatch = text("span", "cc-bivariate-cell");
        swatch.style.background = PALETTE[row][col];
        grid.appendChild(swatch);
      }
    }
    var axes = text("div", "cc-bivariate-axes");
    axes.appendChild(text("div", "cc-axis-y", labels.population));
    axes.appendChild(grid);
    axes.appendChild(text("div", "cc-axis-x", labels.heat));
    legendBox.appendChild(axes);
    legendBox.appendChild(text("div", "cc-legend-note", labels.formula));
    var post = text("div", "cc-legend-note");
    var mark = text("span", "cc-post-mark");
    post.appendChild(mark);
    post.appendChild(document.createTextNode(labels.post));
    legendBox.appendChild(post);
    var gap = text("div", "cc-legend-note");
    gap.appendChild(text("span", "cc-uncovered-mark"));
    gap.appendChild(document.createTextNode(labels.uncovered));
    legendBox.appendChild(gap);
    legendBox.appendChild(text("div", "cc-legend-note", labels.summary));
  }

  function draw(message) {
    var labels = message.labels || {};
    cellsLayer.clearLayers();
    postsLayer.clearLayers();
    shown.clear();
    postsShown = [];
    hour = message.hour;
    (message.cells || []).forEach(function (cell) {
      var id = cell[0], heat = cell[1], population = cell[2], pressure = cell[3];
      var tint = colour(heat, population);
      var uncovered = cell[5] === 1;
      var polygon = L.polygon(cell[4], {
        renderer: renderer, stroke: uncovered, color: "#ff4d4f", weight: 1.5, opacity: 0.9,
        fillColor: tint, fillOpacity: 0.2 + 0.5 * Math.min(1, pressure)
      });
      var tip = text("div", null, fill(labels.cell || "", {
        heat: heat.toFixed(2), population: population.toFixed(2), pressure: pressure.toFixed(2)
      }));
      polygon.bindTooltip(tip, { className: "cc-tip", sticky: true });
      cellsLayer.addLayer(polygon);
      shown.set(id, [heat, population, pressure, uncovered]);
    });
    (message.posts || []).forEach(function (post) {
      if (post.unit && post.unitLat !== null && post.unitLon !== null) {
        postsLayer.addLayer(L.polyline([[post.unitLat, post.unitLon], [post.lat, post.lon]], {
          renderer: postRenderer, color: "#ffffff", weight: 1.5, opacity: 0.8,
          dashArray: "4 4", interactive: false
        }));
      }
      var marker = L.circleMarker([post.lat, post.lon], {
        renderer: postRenderer, radius: 7, color: "#ffffff", weight: 2.5, fillColor: "#20c997",
        fillOpacity: 0.9
      });
      var tip = text("div", null, post.reason + (post.unit ? "\n→ " + post.unit : ""));
      marker.bindTooltip(tip, { className: "cc-tip", direction: "top", offset: [0, -8] });
      marker._ccTip = tip;
      postsLayer.addLayer(marker);
      postsShown.push({ lat: post.lat, lon: post.lon, unit: post.unit, tooltip: tip.textContent,
        tooltipHtml: tip.innerHTML });
    });
    buildLegend(labels);
    if (!registered) {
      host.addOverlay(labels.pressure || "Pressure", cellsLayer);
      host.addOverlay(labels.posts || "Suggested posts", postsLayer);
      registered = true;
    }
  }

  host.onCommand("deployment", draw);
  host.onCommand("deploymentShown", function (message) {
    window.ccmap.showDeployment(Boolean(message.on));
  });

  // what ticking both boxes of the layer control does (tests, and the deployment dock)
  window.ccmap.showDeployment = function (on) {
    [cellsLayer, postsLayer].forEach(function (layer) {
      if (on && !map.hasLayer(layer)) { layer.addTo(map); }
      if (!on && map.hasLayer(layer)) { map.removeLayer(layer); }
    });
    return map.hasLayer(cellsLayer);
  };

  // read-back (tests): what the layer shows, exactly as drawn
  window.ccmap.pressure = function () {
    var cells = [];
    var uncovered = 0;
    shown.forEach(function (values, id) {
      cells.push([id, values[0], values[1], values[2]]);
      if (values[3]) { uncovered += 1; }
    });
    return {
      hour: hour, cells: cells, posts: postsShown, uncovered: uncovered, lines: postsLayer.getLayers().length - postsShown.length,
      legend: legendBox ? legendBox.textContent : null,
      legendSwatches: legendBox ? legendBox.querySelectorAll(".cc-bivariate-cell").length : 0,
      visible: map.hasLayer(cellsLayer),
      legendShown: Boolean(legendBox) && legendBox.style.display !== "none"
    };
  };
})();
