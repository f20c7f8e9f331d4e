"""Map under load: N units moving at 1 Hz — the console's map page vs a bare Leaflet page,
the same N markers on both sides, at 5,000 and at 20,000 units.

Both pages run in this process, one after the other, in a 1280×800 QWebEngineView, fed
from the same situation store. Once a second a batch moving every unit is applied to the
store (as the feed bridge would; not counted on either side). Then:

* bare: a minimal feed reads every position from the store, encodes ``[[id, lat, lon],
  …]`` with msgspec and hands the JSON text to the page with
  ``runJavaScript("bare.apply(<string literal>)")``; the page ``JSON.parse``-s it and
  calls ``setLatLng`` on each of its N Leaflet circle markers (canvas renderer);
* console: the real map panel (MapView): its feed notes the store's change set, builds
  its diff on its 200 ms timer (units that only moved as ``[id, lat, lon, heading]`` rows) and
  hands it to the page the same way (``ccmap.apply``); the page parses it and updates
  its units, which it draws itself on one canvas (``assets/units.js``: no Leaflet object
  per unit, one redraw per frame).

Per-marker update cost = the UI thread's CPU time on the Python side per marker + the
page's time per marker (parse included, ``performance.now()``), each the median over the
measured updates: on a shared machine other processes stretch single updates, and wall
time (printed too, with the all-wall means) counts their time as ours. Python side:
console = the feed's change-set listener + its pushes (diff building, encoding, the
runJavaScript call); bare = building, encoding and the runJavaScript call. Page side: the
apply entry point's own time (JSON.parse + marker updates); the canvas redraw that
follows, in the next frame, is in the frame rate, not in the cost.

Also: frames per second in the page (a requestAnimationFrame counter while the updates
stream) and the longest gap between two frames; and for the console the
store-change-to-painted-marker latency: from the store change a diff carries to the page's
acknowledgement from a requestAnimationFrame callback queued after the apply (it runs
after the unit canvas's redraw, queued during the apply, in that frame), reported back
over QWebChannel — so it includes the feed's 200 ms batching wait.

    QT_QPA_PLATFORM=offscreen python bench/map.py [--seconds 10] [--units 5000 20000]
Last line: map_marker_cost_ratio=<console / bare per-marker cost at 5,000 units>
(target <= 1.5; 20,000 units target >= 20 fps)
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if hasattr(os, "geteuid") and os.geteuid() == 0:
    os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import msgspec
from PySide6 import QtWebEngineWidgets  # noqa: F401
from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QApplication

from bench._harness import synthetic_picture
from console.state import SituationStore
from services.client.batch import IngestBatch
from services.protocol.codec import decode_entity
from services.protocol.times import format_ts, utc_now
from widgets.map.page import LEAFLET
from widgets.map.view import MapView

SIZE = (1280, 800)

BARE = """<!DOCTYPE html><html><head><meta charset="utf-8">
<style>html,body,#map{margin:0;height:100%;width:100%}</style><style>CSS</style>
<script>LEAFLET</script></head><body><div id="map"></div><script>
var map = L.map('map', {preferCanvas: true}).setView([31.32, 120.62], 9);
var renderer = L.canvas({padding: 0.3});
var markers = new Map();
var stats = {frames: 0, diffs: 0, applyMs: 0, parseMs: 0, markersApplied: 0};
var lastFrame = 0, longestGap = 0, recent = [];
function frame(now) {
  stats.frames += 1;
  if (lastFrame) { longestGap = Math.max(longestGap, now - lastFrame); }
  lastFrame = now;
  requestAnimationFrame(frame);
}
requestAnimationFrame(frame);
window.bare = {
  apply: function (text) {
    var started = performance.now();
    var rows = JSON.parse(text);
    var parsed = performance.now();
    for (var i = 0; i < rows.length; i++) {
      var row = rows[i], marker = markers.get(row[0]);
      if (marker) {
        marker.setLatLng([row[1], row[2]]);
      } else {
        marker = L.circleMarker([row[1], row[2]],
          {renderer: renderer, radius: 5, weight: 1, fillOpacity: 0.9}).addTo(map);
        markers.set(row[0], marker);
      }
    }
    var ms = performance.now() - started;
    stats.diffs += 1; stats.markersApplied += rows.length;
    stats.parseMs += parsed - started; stats.applyMs += ms;
    recent.push([ms, parsed - started, rows.length]);
  },
  costs: function () { var result = recent; recent = []; return result; },
  stats: function () { stats.count = markers.size; return stats; },
  frames: function () {
    var result = {frames: stats.frames, longestGapMs: longestGap};
    longestGap = 0;
    return result;
  }
};
</script></body></html>"""


def evaluate(page, expression: str):
    box: list = []
    page.runJavaScript(f"JSON.stringify({expression})", 0, box.append)
    loop = QEventLoop()
    while not box:
        loop.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
    return json.loads(box[0])


def run_for(seconds: float) -> None:
    deadline = time.monotonic() + seconds
    loop = QEventLoop()
    while time.monotonic() < deadline:
        loop.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)


def wait_for(predicate, timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    loop = QEventLoop()
    while not predicate():
        if time.monotonic() > deadline:
            raise TimeoutError("the page did not get there in time")
        loop.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)


class Mover:
    """Moves every unit of the store once a second (the same for both pages)."""

    def __init__(self, store: SituationStore, units: int) -> None:
        self.store = store
        self.units = units
        self.version = 10
        self.step = 0
        self.timer = QTimer()
        self.timer.setInterval(1000)
        self.timer.timeout.connect(self.tick)
        self.after: list = []  # called after each move (the bare feed)

    def tick(self) -> None:
        self.version += 1
        self.step += 1
        batch = IngestBatch()
        ts = format_ts(utc_now())
        shift = (self.step % 50) / 1000
        for index in range(self.units):
            key = f"U-{index:05d}"
            raw = (
                f'{{"unit":"{key}","lat":{round(31.1 + (index * 7919 % 5000) / 1e4 + shift, 6)},'
                f'"lon":{round(120.4 + (index * 104729 % 10000) / 1e4 + shift, 6)},'
                f'"heading":{(index + self.step * 10) % 360},"speed":10.0,'
                f'"fix_at":"{ts}","version":{self.version}}}'
            ).encode()
            batch.upsert("positions", key, decode_entity("positions", raw), raw)
        batch.received["positions"] = time.time()
        self.store.apply(batch)
        for call in self.after:
            call()


def show(view) -> None:
    view.resize(*SIZE)
    view.show()


class BareFeed:
    """The bare page's feed: every position, as ``[[id, lat, lon], …]``, to ``bare.apply``."""

    def __init__(self, store: SituationStore, page) -> None:
        self.store = store
        self.page = page
        self.push_ms: list[float] = []
        self.push_cpu_ms: list[float] = []
        self.pushed_markers: list[int] = []
        self.note_ms: list[float] = []  # it has no change listener
        self.note_cpu_ms: list[float] = []

    def push(self) -> None:
        started, started_cpu = time.perf_counter(), time.thread_time()
        rows = [[key, p.lat, p.lon] for key, p in self.store.positions.items()]
        text = msgspec.json.encode(rows).decode("utf-8")
        self.page.runJavaScript(f"bare.apply({json.dumps(text)})", 0)
        self.push_ms.append((time.perf_counter() - started) * 1000)
        self.push_cpu_ms.append((time.thread_time() - started_cpu) * 1000)
        self.pushed_markers.append(len(rows))


def bare_page(store: SituationStore, units: int, seconds: float) -> dict:
    view = QWebEngineView()
    show(view)
    html = BARE.replace("CSS", (LEAFLET / "leaflet.css").read_text()).replace(
        "LEAFLET", (LEAFLET / "leaflet.js").read_text()
    )
    done: list = []
    view.loadFinished.connect(done.append)
    view.setHtml(html)
    wait_for(lambda: bool(done))
    feed = BareFeed(store, view.page())
    feed.push()  # the markers appear
    wait_for(lambda: evaluate(view.page(), "bare.stats()")["count"] == units)
    mover = Mover(store, units)
    mover.after.append(feed.push)
    mover.timer.start()
    run_for(2.0)  # warm up
    result = measure(view.page(), "bare", seconds, feed)
    mover.timer.stop()
    view.close()
    view.deleteLater()
    return result


def console_page(store: SituationStore, units: int, seconds: float) -> dict:
    view = MapView(store)
    show(view)
    ready: list = []
    view.pageLoaded.connect(lambda: ready.append(True))
    wait_for(lambda: bool(ready))
    wait_for(lambda: evaluate(view.page, "ccmap.stats()")["markers"]["units"] == units)
    mover = Mover(store, units)
    mover.timer.start()
    run_for(2.0)  # warm up
    result = measure(view.page, "ccmap", seconds, view.feed)
    mover.timer.stop()
    result["painted_ms"] = sorted(view.feed.painted_ms)
    stats = evaluate(view.page, "ccmap.stats()")
    assert stats["markers"]["units"] == units, stats["markers"]
    view.shutdown()
    view.close()
    view.deleteLater()
    return result


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def measure(page, api: str, seconds: float, feed) -> dict:
    """Costs and frames over ``seconds`` of steady streaming.

    Per-marker cost = median over the updates of (Python ms / markers) + median over the
    applies of (page ms / markers): medians, because other processes on a shared machine
    stretch single updates on either side; the means are reported too.
    """
    for series in (
        feed.push_ms,
        feed.push_cpu_ms,
        feed.pushed_markers,
        feed.note_ms,
        feed.note_cpu_ms,
    ):
        series.clear()
    if hasattr(feed, "painted_ms"):
        feed.painted_ms.clear()
    evaluate(page, f"{api}.costs()")
    before = evaluate(page, f"{api}.stats()")
    evaluate(page, f"{api}.frames()")  # resets the longest gap
    started = time.monotonic()
    run_for(seconds)
    after = evaluate(page, f"{api}.stats()")
    frames = evaluate(page, f"{api}.frames()")
    elapsed = time.monotonic() - started
    applies = [entry for entry in evaluate(page, f"{api}.costs()") if entry[2] > 0]
    pushes = [
        (cpu, wall, n)
        for cpu, wall, n in zip(feed.push_cpu_ms, feed.push_ms, feed.pushed_markers, strict=True)
        if n > 0
    ]
    markers = sum(n for *_, n in pushes)
    # the change listener's time, spread over the markers pushed
    note_cpu_us = sum(feed.note_cpu_ms) * 1000 / max(1, markers)
    note_wall_us = sum(feed.note_ms) * 1000 / max(1, markers)
    python_us = median([cpu / n for cpu, _, n in pushes]) * 1000 + note_cpu_us
    python_wall_us = median([wall / n for _, wall, n in pushes]) * 1000 + note_wall_us
    page_us = median([ms / n for ms, _, n in applies]) * 1000
    return {
        "fps": (after["frames"] - before["frames"]) / elapsed,
        "longest_gap_ms": frames["longestGapMs"],
        "updates": after["diffs"] - before["diffs"],
        "markers": after["markersApplied"] - before["markersApplied"],
        "page_ms": after["applyMs"] - before["applyMs"],
        "parse_ms": after["parseMs"] - before["parseMs"],
        "python_ms": sum(wall for _, wall, _ in pushes) + sum(feed.note_ms),
        "python_us": python_us,
        "python_wall_us": python_wall_us,
        "page_us": page_us,
        "per_marker_us": python_us + page_us,
    }


def percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    return values[min(len(values) - 1, int(len(values) * share))]


def report(units: int, bare: dict, console: dict) -> float:
    print(f"--- {units} units moving at 1 Hz, {SIZE[0]}x{SIZE[1]} view ---")
    for name, r in (("bare Leaflet page", bare), ("console map page", console)):
        mean_us = (r["python_ms"] + r["page_ms"]) * 1000 / max(1, r["markers"])
        print(
            f"{name}: {r['fps']:.1f} fps, longest frame gap {r['longest_gap_ms']:.0f} ms; "
            f"{r['updates']} updates of {r['markers']} markers; per marker (medians): "
            f"Python {r['python_us']:.2f} us CPU ({r['python_wall_us']:.2f} us wall) + "
            f"page {r['page_us']:.2f} us = {r['per_marker_us']:.2f} us "
            f"(all-wall mean {mean_us:.2f} us; "
            f"JSON.parse {r['parse_ms']:.0f} of the page's {r['page_ms']:.0f} ms)"
        )
    painted = console["painted_ms"]
    if painted:
        print(
            f"console store change -> painted marker: p50 {percentile(painted, 0.5):.0f} ms, "
            f"p95 {percentile(painted, 0.95):.0f} ms, max {painted[-1]:.0f} ms "
            f"({len(painted)} diffs; includes the feed's 200 ms batching)"
        )
    ratio = console["per_marker_us"] / bare["per_marker_us"]
    print(f"per-marker cost ratio at {units} units (console / bare): {ratio:.2f}")
    return ratio


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--units", type=int, nargs="+", default=[5000, 20000])
    args = parser.parse_args()
    app = QApplication(sys.argv[:1])
    ratios = {}
    for units in args.units:
        store = SituationStore()
        store.apply(synthetic_picture(units, 0))
        bare = bare_page(store, units, args.seconds)
        console = console_page(store, units, args.seconds)
        ratios[units] = report(units, bare, console)
    headline = ratios.get(5000, next(iter(ratios.values())))
    print(f"map_marker_cost_ratio={headline:.2f}")
    app.quit()


if __name__ == "__main__":
    main()
