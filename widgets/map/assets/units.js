// The unit layer: every unit drawn by one canvas renderer, in batches (one path per
// colour), with its own hit test. There is no Leaflet object per unit: moving 20,000
// units is 20,000 writes to plain objects and one redraw in the next frame. Positions are
// projected (Web Mercator, as Leaflet's EPSG:3857) once per zoom level and per move.
(function () {
  "use strict";

  var D2R = Math.PI / 180;
  // smaller at city scale, where thousands of them would be one carpet
  function radiusAt(zoom) { return zoom <= 10 ? 3 : (zoom <= 12 ? 4 : 5); }
  var OUTLINE_FROM_ZOOM = 12;
  var CHUNK = 16;  // arrows per path (measured: 1 and 128 are both several times slower)

  // look: {key(item) -> string, rank(key) -> number (higher drawn later, on top),
  //        style(item) -> {fillColor, fillOpacity, opacity, color}}
  window.ccUnitLayer = function (map, paneName, look) {
    var items = new Map();
    var renderer = L.canvas({ padding: 0.1, pane: paneName });  // 1.2x the view: fewer pixels
    var view = { zoom: null, ox: 0, oy: 0, scale: 1, gen: 0, radius: 5, reach: 11 };

    function checkView() {
      var zoom = map.getZoom(), origin = map.getPixelOrigin();
      if (zoom !== view.zoom || origin.x !== view.ox || origin.y !== view.oy) {
        view.zoom = zoom; view.ox = origin.x; view.oy = origin.y;
        view.scale = 256 * Math.pow(2, zoom);
        view.radius = radiusAt(zoom);
        view.reach = view.radius * 1.6 + 3;  // the arrow's tip, and a little slack for the hand
        view.gen += 1;
      }
    }

    function project(item) {
      if (item._gen !== view.gen) {
        var sin = Math.sin(item.lat * D2R);
        item._x = view.scale * (item.lon / 360 + 0.5) - view.ox;
        item._y = view.scale * (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) - view.oy;
        item._gen = view.gen;
      }
      if (item._h !== item.heading) {
        var a = (item.heading || 0) * D2R;
        item._sin = Math.sin(a); item._cos = Math.cos(a); item._h = item.heading;
      }
    }

    function trace(ctx, item) {
      var x = item._x, y = item._y, s = item._sin * view.radius, c = item._cos * view.radius;
      ctx.moveTo(x + 1.6 * s, y - 1.6 * c);       // tip (0, -1.6r)
      ctx.lineTo(x - c - s, y - s + c);           // left (-r, r)
      ctx.lineTo(x - 0.4 * s, y + 0.4 * c);       // back (0, 0.4r)
      ctx.lineTo(x + c - s, y + s + c);           // right (r, r)
      ctx.closePath();
    }

    // Leaflet's canvas calls _draw after clearing (moves, zooms, our redraw requests).
    renderer._draw = function () {
      var ctx = this._ctx, bounds = this._bounds;
      if (!ctx || !bounds) { return; }
      checkView();
      var minX = bounds.min.x - view.reach, minY = bounds.min.y - view.reach;
      var maxX = bounds.max.x + view.reach, maxY = bounds.max.y + view.reach;
      var groups = new Map();
      items.forEach(function (item) {
        project(item);
        if (item._x < minX || item._x > maxX || item._y < minY || item._y > maxY) { return; }
        var key = look.key(item), group = groups.get(key);
        if (!group) { group = { style: look.style(item), list: [] }; groups.set(key, group); }
        group.list.push(item);
      });
      // Outlines only closer in: at city scale they double the drawing and nobody sees them.
      var outline = view.zoom >= OUTLINE_FROM_ZOOM;
      ctx.save();
      ctx.lineWidth = 1;
      ctx.lineJoin = "round";
      var keys = Array.from(groups.keys());
      keys.sort(function (a, b) { return look.rank(a) - look.rank(b); });
      keys.forEach(function (key) {
        var group = groups.get(key), list = group.list;
        ctx.fillStyle = group.style.fillColor;
        ctx.strokeStyle = group.style.color;
        // small paths: the rasteriser's cost grows much faster than its edge count
        for (var start = 0; start < list.length; start += CHUNK) {
          ctx.beginPath();
          for (var i = start; i < Math.min(list.length, start + CHUNK); i++) { trace(ctx, list[i]); }
          ctx.globalAlpha = group.style.fillOpacity;
          ctx.fill();
          if (outline) {
            ctx.globalAlpha = group.style.opacity;
            ctx.stroke();
          }
        }
      });
      ctx.restore();
    };

    function redraw() {
      if (renderer._map && !renderer._redrawRequest) {
        renderer._redrawRequest = L.Util.requestAnimFrame(renderer._redraw, renderer);
      }
    }

    return {
      renderer: renderer,
      items: items,
      redraw: redraw,
      shown: function () { return !!renderer._map; },
      set: function (item) { item._gen = -1; items.set(item.id, item); },
      // a new position for a unit already shown; false if there is none
      move: function (id, lat, lon, heading) {
        var item = items.get(id);
        if (!item) { return null; }
        item.lat = lat; item.lon = lon; item.heading = heading; item._gen = -1;
        return item;
      },
      remove: function (id) { return items.delete(id); },
      clear: function () { items.clear(); },
      // the id of the unit drawn nearest a layer point (within reach), or null
      hit: function (point) {
        if (!renderer._map) { return null; }
        checkView();
        var best = null, bestDistance = view.reach * view.reach;
        items.forEach(function (item, id) {
          project(item);
          var dx = item._x - point.x, dy = item._y - point.y, d = dx * dx + dy * dy;
          if (d <= bestDistance) { best = id; bestDistance = d; }
        });
        return best;
      }
    };
  };
})();
