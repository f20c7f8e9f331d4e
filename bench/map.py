"""Map under load: 5,000 units moving at 1 Hz — the console's map page vs a bare Leaflet page.

Both pages run in the same process, one after the other, in a 1280×800 QWebEngineView:

* bare: Leaflet with the canvas renderer and 5,000 circle markers, moved by one
  ``setLatLng`` loop per second in the page itself;
* console: the real map panel (MapView) on a situation store holding 5,000 units; once a
  second a batch moving every unit is applied to the store, as the feed bridge would, and
  the map feed pushes its JSON diff to the page over QWebChannel.

Reported for each: the page's frames per second (a requestAnimationFrame counter) and
milliseconds per update applied in the page; for the console also the UI-thread
milliseconds per push (building and emitting the diff).

    QT_QPA_PLATFORM=offscreen python bench/map.py [--seconds 12]
Last line: map_fps_ratio=<console fps / bare fps> (target >= 0.9)
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if hasattr(os, "geteuid") and os.geteuid() == 0:
    os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

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

UNITS = 5000
SIZE = (1280, 800)

BARE = """<!DOCTYPE html><html><head><meta charset="utf-8">
<style>html,body,#map{margin:0;height:100%;width:100%}</style><style>CSS</style>
<script>LEAFLET</script></head><body><div id="map"></div><script>
var map = L.map('map', {preferCanvas: true}).setView([31.32, 120.62], 9);
var renderer = L.canvas();
var markers = [];
for (var i = 0; i < 5000; i++) {
  markers.push(L.circleMarker([31.1 + Math.random() / 2, 120.4 + Math.random()],
    {renderer: renderer, radius: 5, weight: 1, fillOpacity: 0.9}).addTo(map));
}
var stats = {frames: 0, diffs: 0, applyMs: 0};
function frame() { stats.frames += 1; requestAnimationFrame(frame); }
requestAnimationFrame(frame);
setInterval(function () {
  var started = performance.now();
  for (var i = 0; i < markers.length; i++) {
    markers[i].setLatLng([31.1 + Math.random() / 2, 120.4 + Math.random()]);
  }
  stats.diffs += 1; stats.applyMs += performance.now() - started;
}, 1000);
window.ccmap = {stats: function () { return stats; }};
</script></body></html>"""


def evaluate(page, expression: str) -> dict:
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


def measure(page, seconds: float) -> tuple[float, float]:
    """(frames per second, ms per update applied) over ``seconds`` of steady state."""
    before = evaluate(page, "ccmap.stats()")
    started = time.monotonic()
    run_for(seconds)
    after = evaluate(page, "ccmap.stats()")
    elapsed = time.monotonic() - started
    fps = (after["frames"] - before["frames"]) / elapsed
    updates = after["diffs"] - before["diffs"]
    per_update = (after["applyMs"] - before["applyMs"]) / max(1, updates)
    return fps, per_update


def bare_page(seconds: float) -> tuple[float, float]:
    view = QWebEngineView()
    view.resize(*SIZE)
    view.show()
    html = BARE.replace("CSS", (LEAFLET / "leaflet.css").read_text()).replace(
        "LEAFLET", (LEAFLET / "leaflet.js").read_text()
    )
    done: list = []
    view.loadFinished.connect(done.append)
    view.setHtml(html)
    while not done:
        QApplication.processEvents()
    run_for(2.0)  # warm up
    result = measure(view.page(), seconds)
    view.close()
    return result


def move_all(store: SituationStore, rng: random.Random, version: int) -> None:
    batch = IngestBatch()
    ts = format_ts(utc_now())
    for index in range(UNITS):
        data = {
            "unit": f"U-{index:05d}",
            "lat": 31.1 + rng.random() / 2,
            "lon": 120.4 + rng.random(),
            "heading": rng.random() * 360,
            "speed": 10.0,
            "fix_at": ts,
            "version": version,
        }
        raw = json.dumps(data).encode()
        batch.upsert("positions", data["unit"], decode_entity("positions", raw), raw)
    batch.received["positions"] = time.time()
    store.apply(batch)


def console_page(seconds: float) -> tuple[float, float, list[float]]:
    store = SituationStore()
    store.apply(synthetic_picture(UNITS, 0))
    view = MapView(store)
    view.resize(*SIZE)
    view.show()
    ready: list = []
    view.pageLoaded.connect(lambda: ready.append(True))
    while not ready:
        QApplication.processEvents()
    rng = random.Random(7)
    version = [10]

    def tick() -> None:
        version[0] += 1
        move_all(store, rng, version[0])

    timer = QTimer()
    timer.setInterval(1000)
    timer.timeout.connect(tick)
    timer.start()
    run_for(2.0)  # warm up
    view.feed.push_ms.clear()
    fps, per_update = measure(view.page, seconds)
    timer.stop()
    pushes = list(view.feed.push_ms)
    stats = evaluate(view.page, "ccmap.stats()")
    assert stats["markers"]["units"] == UNITS, stats["markers"]
    view.shutdown()
    view.close()
    return fps, per_update, pushes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=12.0)
    args = parser.parse_args()
    app = QApplication(sys.argv[:1])
    bare_fps, bare_ms = bare_page(args.seconds)
    fps, page_ms, pushes = console_page(args.seconds)
    pushes.sort()
    p99 = pushes[max(0, int(len(pushes) * 0.99) - 1)] if pushes else float("nan")
    print(f"{UNITS} units moving at 1 Hz for {args.seconds:.0f} s, {SIZE[0]}x{SIZE[1]} view")
    print(f"bare Leaflet page:   {bare_fps:5.1f} fps, {bare_ms:6.1f} ms per update in the page")
    print(f"console map page:    {fps:5.1f} fps, {page_ms:6.1f} ms per update in the page")
    if pushes:
        print(
            f"console UI thread:   {statistics.mean(pushes):6.1f} ms per push (mean), "
            f"{p99:.1f} ms p99, {len(pushes)} pushes"
        )
    print(f"map_fps_ratio={fps / bare_fps:.2f}")
    app.quit()


if __name__ == "__main__":
    main()
