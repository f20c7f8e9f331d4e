"""Operations desk under load: UI-thread milliseconds per applied batch.

The main window (map included) is built on a store holding 2,000 incidents and 5,000
units (with positions); a producer thread then feeds 2,000 events/s (70 % position fixes, 20 % unit
updates, 10 % incident updates) through the same bridge the feed client uses. The figure
is the time the UI thread spends applying each batch — the store's apply plus every
panel's model update, which run synchronously inside it — and, separately, the longest
stall of the UI event loop (painting included) seen by a 5 ms heartbeat.

    QT_QPA_PLATFORM=offscreen python bench/desk.py [--seconds 20]
Last line: desk_batch_p99_ms=<p99 of UI-thread ms per applied batch> (target < 50)
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if hasattr(os, "geteuid") and os.geteuid() == 0:
    os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import msgspec
from PySide6 import QtWebEngineWidgets  # noqa: F401 (before the QApplication)
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from bench._harness import synthetic_picture
from console.config import ConsoleConfig, ServiceSetting
from console.session import ConsoleSession
from console.shell.main_window import MainWindow
from console.shell.theme import apply_theme
from services.client.batch import IngestBatch, ServiceStatus
from services.protocol.codec import decode_entity
from services.protocol.times import format_ts, utc_now


def live_statuses() -> IngestBatch:
    batch = IngestBatch()
    for service in ("cad", "avl", "video", "opinion"):
        batch.statuses[service] = ServiceStatus(service, "live", time.time(), "", None, "commander")
    return batch


def producer(bridge, stop: threading.Event, rate: int) -> None:
    rng = random.Random(5)
    statuses = ["available", "dispatched", "en_route", "on_scene", "busy"]
    tick = 0.05
    per_tick = int(rate * tick)
    version = 100
    next_at = time.perf_counter()
    while not stop.is_set():
        batch = IngestBatch()
        ts = format_ts(utc_now())
        for _ in range(per_tick):
            version += 1
            roll = rng.random()
            if roll < 0.7:
                index = rng.randrange(5000)
                data = {
                    "unit": f"U-{index:05d}",
                    "lat": 31.1 + rng.random() / 2,
                    "lon": 120.4 + rng.random(),
                    "heading": rng.random() * 360,
                    "speed": rng.random() * 12,
                    "fix_at": ts,
                    "version": version,
                }
                topic, key = "positions", data["unit"]
            elif roll < 0.9:
                index = rng.randrange(5000)
                data = {
                    "id": f"U-{index:05d}",
                    "callsign": f"GS{index:04d}",
                    "kind": "patrol_car",
                    "station": f"S-{index % 30}",
                    "status": rng.choice(statuses),
                    "shift_started_at": ts,
                    "version": version,
                }
                topic, key = "units", data["id"]
            else:
                index = rng.randrange(2000)
                data = {
                    "id": f"I-20261128-{index:04d}",
                    "category": "theft",
                    "priority": 1 + index % 4,
                    "status": rng.choice(["new", "dispatched"]),
                    "summary": "电动车在小区门口被盗",
                    "location": {"lat": 31.3, "lon": 120.6},
                    "reported_at": ts,
                    "updated_at": ts,
                    "version": version,
                }
                topic, key = "incidents", data["id"]
            raw = msgspec.json.encode(data)
            batch.upsert(topic, key, decode_entity(topic, raw), raw)
            batch.events += 1
            batch.received[topic] = time.time()
        bridge.sink(batch)
        next_at += tick
        time.sleep(max(0.0, next_at - time.perf_counter()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--rate", type=int, default=2000)
    parser.add_argument(
        "--hide-map",
        action="store_true",
        help="hide the map page (tells its rendering from the desk's own cost)",
    )
    args = parser.parse_args()
    app = QApplication(sys.argv[:1])
    apply_theme(app)
    with tempfile.TemporaryDirectory(prefix="bench-desk-") as tmp:
        dead = "ws://127.0.0.1:9/"
        config = ConsoleConfig(
            services={s: ServiceSetting(dead + s, "x") for s in ("cad", "avl", "video", "opinion")},
            cache=Path(tmp) / "console.db",
            workstation="bench",
        )
        session = ConsoleSession(config)  # never started: the bench feeds the bridge
        store = session.store
        store.apply(synthetic_picture(5000, 2000))
        store.apply(live_statuses())
        window = MainWindow(session, settings_path=Path(tmp) / "layout.ini")
        window.show()
        if args.hide_map:
            window.map.view.hide()
        for _ in range(20):
            app.processEvents()
        durations: list[float] = []
        original = store.apply

        cpu: list[float] = []

        def timed_apply(batch):
            started, started_cpu = time.perf_counter(), time.thread_time()
            changes = original(batch)
            durations.append((time.perf_counter() - started) * 1000)
            cpu.append((time.thread_time() - started_cpu) * 1000)
            return changes

        store.apply = timed_apply  # type: ignore[method-assign]
        gaps: list[float] = []
        last = [time.perf_counter()]

        def heartbeat() -> None:
            now = time.perf_counter()
            gaps.append((now - last[0]) * 1000)
            last[0] = now

        beat = QTimer()
        beat.setInterval(5)
        beat.timeout.connect(heartbeat)
        beat.start()
        stop = threading.Event()
        feeder = threading.Thread(
            target=producer, args=(session.bridge, stop, args.rate), name="bench-producer"
        )
        feeder.start()
        QTimer.singleShot(int(args.seconds * 1000), app.quit)
        app.exec()
        stop.set()
        feeder.join()
        beat.stop()
        window.close()
        session.bridge.stop()
        session.feed.cache.close()
    durations.sort()
    p50 = statistics.median(durations)
    p99 = durations[int(len(durations) * 0.99) - 1]
    print(
        f"{len(durations)} batches applied in {args.seconds:.0f} s at {args.rate} events/s "
        f"(2,000 incidents, 5,000 units on the desk)"
    )
    print(f"UI-thread ms per applied batch: p50 {p50:.1f}, p99 {p99:.1f}, max {durations[-1]:.1f}")
    cpu.sort()
    print(
        f"  of which UI-thread CPU: p50 {statistics.median(cpu):.1f}, "
        f"p99 {cpu[int(len(cpu) * 0.99) - 1]:.1f} (the rest is waiting for a core: the map's "
        "renderer draws in software on this 2-core machine)"
    )
    gaps.sort()
    print(
        f"event-loop heartbeat gap (5 ms timer): p99 {gaps[int(len(gaps) * 0.99) - 1]:.1f} ms, "
        f"max {gaps[-1]:.1f} ms"
    )
    print(f"desk_batch_p99_ms={p99:.1f}")


if __name__ == "__main__":
    main()
