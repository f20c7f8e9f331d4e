"""Opinion panels under load: UI-thread milliseconds per second at 200 alerts/s.

The opinion feed and the trends are shown side by side (1600 × 900) on a store that
already holds 2,000 alerts and 500 incidents, with three hours of trend history; a
producer thread then feeds 200 alert events per second — a fifth of them new alerts
(each also retiring the oldest alert, so the city stays as busy), the rest volume and
sentiment changes of existing ones — and one new incident a second, through the same
bridge the feed client uses (batches every 50 ms, applied at most 10 times a second).
The store's apply, the feed's model and filter, the monitor, the coverage and warning
views and the throttled trend redraws all run on the UI thread, as in the console.

Why injected and not a hub process: the reference backend's profiles (``demo``,
``load``) raise at most a few alerts per second and its command line has no knob for
200 alerts/s; an in-process hub would share the GIL with the UI thread and bill its own
work to it. The injected batches are what the feed client would hand over for such a
stream, decoded by the protocol decoder.

Figures: UI-thread CPU milliseconds per wall second over the run (everything the UI
thread did: applying, models, painting, timers — the 5 ms heartbeat included, whose
own cost is shown by a 5 s idle run before the load starts), the UI thread's time
inside the store's apply per second, and the lateness of a 5 ms precise timer (p99,
max).

    QT_QPA_PLATFORM=offscreen python bench/opinion.py [--seconds 60] [--rate 200]
Last line: opinion_ui_ms_per_s=<UI-thread CPU ms per second> (target < 100)
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import threading
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import msgspec
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QSplitter

from console.bridge import FeedBridge
from console.shell.theme import apply_theme
from console.state import SituationStore
from console.state.opinion import OpinionPolicy
from services.client.batch import IngestBatch, ServiceStatus
from services.protocol.codec import decode_entity
from services.protocol.times import format_ts
from widgets.opinion.feed import OpinionFeedPanel
from widgets.opinion.monitor import OpinionMonitor
from widgets.opinion.trends import OpinionTrendsPanel

DISTRICTS = ["姑苏区", "吴中区", "相城区", "虎丘区", "吴江区", "常熟市", "张家港市", "昆山市",
             "太仓市"]  # fmt: skip
TOPICS = [f"{place}{what}" for place in ("观前街", "石路", "金鸡湖", "平江路", "山塘街")
          for what in ("积水严重", "道路拥堵", "人群聚集", "夜间施工噪音")]  # fmt: skip
PLATFORMS = ["weibo", "douyin", "wechat", "local_forum"]
CATEGORIES = ["theft", "traffic_accident", "dispute", "fire", "medical", "fraud"]


class City:
    """Alert and incident entities, as the feed client would decode them."""

    def __init__(self, seed: int = 11) -> None:
        self.rng = random.Random(seed)
        self.alerts: dict[str, dict] = {}
        self.count = 0
        self.oldest = 1
        self.incidents = 0

    def new_alert(self, at: float) -> tuple[str, dict]:
        self.count += 1
        rng = self.rng
        data = {
            "id": f"A-{self.count:07d}",
            "ts": format_ts_at(at),
            "platform": rng.choice(PLATFORMS),
            "topic": rng.choice(TOPICS),
            "excerpt": "刚路过这里，情况不太好，大家注意安全 " * rng.randint(1, 3),
            "sentiment": round(rng.uniform(-0.8, 0.4), 2),
            "volume": rng.randint(3, 40),
            "location": {"lat": 31.2 + rng.random() * 0.3, "lon": 120.5 + rng.random() * 0.3},
            "district": rng.choice(DISTRICTS),
            "severity": rng.choice(["info", "info", "watch", "warning"]),
            "version": 1,
        }
        self.alerts[data["id"]] = data
        return data["id"], data

    def retire_oldest(self) -> str:
        key = f"A-{self.oldest:07d}"
        del self.alerts[key]
        self.oldest += 1
        return key

    def change_alert(self) -> tuple[str, dict]:
        rng = self.rng
        key = f"A-{rng.randint(self.oldest, self.count):07d}"
        data = dict(self.alerts[key])
        data["volume"] = max(1, data["volume"] + rng.randint(-6, 6))
        data["sentiment"] = round(min(1.0, max(-1.0, data["sentiment"] + rng.gauss(0, 0.05))), 2)
        data["version"] += 1
        self.alerts[key] = data
        return key, data

    def new_incident(self, at: float) -> tuple[str, dict]:
        self.incidents += 1
        stamp = format_ts_at(at)
        key = f"I-20261128-{self.incidents:05d}"
        return key, {
            "id": key,
            "category": self.rng.choice(CATEGORIES),
            "priority": self.rng.randint(1, 4),
            "status": "new",
            "summary": "报警人称有人受伤",
            "location": {"lat": 31.3, "lon": 120.6},
            "district": self.rng.choice(DISTRICTS),
            "reported_at": stamp,
            "updated_at": stamp,
            "version": 1,
        }


def format_ts_at(at: float) -> str:
    from datetime import UTC, datetime  # noqa: PLC0415

    return format_ts(datetime.fromtimestamp(at, UTC))


def add(batch: IngestBatch, topic: str, key: str, data: dict) -> None:
    raw = msgspec.json.encode(data)
    batch.upsert(topic, key, decode_entity(topic, raw), raw)
    batch.events += 1
    batch.received[topic] = time.time()


def picture(city: City, now: float, alerts: int, incidents: int) -> IngestBatch:
    batch = IngestBatch()
    for index in range(alerts):
        add(batch, "alerts", *city.new_alert(now - 3 * 3600 + index * (3 * 3600 / alerts)))
    for index in range(incidents):
        add(batch, "incidents", *city.new_incident(now - 3 * 3600 + index * (3 * 3600 / incidents)))
    for service in ("cad", "opinion"):
        batch.statuses[service] = ServiceStatus(service, "live", now, "", None, "commander")
    return batch


def producer(bridge: FeedBridge, city: City, stop: threading.Event, rate: int) -> None:
    tick = 0.05
    per_tick = max(1, round(rate * tick))
    next_at = time.perf_counter()
    incident_due = time.time()
    while not stop.is_set():
        now = time.time()
        batch = IngestBatch()
        for _ in range(per_tick):
            if city.rng.random() < 0.2:
                add(batch, "alerts", *city.new_alert(now))
                batch.remove("alerts", city.retire_oldest())
                batch.events += 1
            else:
                add(batch, "alerts", *city.change_alert())
        if now >= incident_due:
            add(batch, "incidents", *city.new_incident(now))
            incident_due += 1.0
        bridge.sink(batch)
        next_at += tick
        time.sleep(max(0.0, next_at - time.perf_counter()))


def seed_history(monitor: OpinionMonitor, now: float) -> None:
    """Three hours of samples behind the trends (a minute apart, as the default policy)."""
    watch = monitor.watch
    for minute in range(180, 0, -1):
        watch.sample(now - 60.0 * minute)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--rate", type=int, default=200)
    args = parser.parse_args()
    app = QApplication(sys.argv[:1])
    apply_theme(app)
    store = SituationStore()
    bridge = FeedBridge(store)
    city = City()
    now = time.time()
    store.apply(picture(city, now, 2000, 500))
    monitor = OpinionMonitor(store, OpinionPolicy())
    seed_history(monitor, now)
    window = QSplitter(Qt.Orientation.Horizontal)
    feed = OpinionFeedPanel(store, monitor, window)
    trends = OpinionTrendsPanel(store, monitor, window)
    monitor.setParent(window)
    window.resize(1600, 900)
    window.show()
    for _ in range(20):
        app.processEvents()

    apply_ms: list[float] = []
    original = store.apply

    def timed_apply(batch):
        started = time.perf_counter()
        changes = original(batch)
        apply_ms.append((time.perf_counter() - started) * 1000)
        return changes

    store.apply = timed_apply  # type: ignore[method-assign]
    lateness: list[float] = []
    last = [time.perf_counter()]

    def heartbeat() -> None:
        moment = time.perf_counter()
        lateness.append(max(0.0, (moment - last[0]) * 1000 - 5.0))
        last[0] = moment

    beat = QTimer()
    beat.setTimerType(Qt.TimerType.PreciseTimer)
    beat.setInterval(5)
    beat.timeout.connect(heartbeat)
    stop = threading.Event()
    feeder = threading.Thread(
        target=producer, args=(bridge, city, stop, args.rate), name="bench-producer"
    )
    marks: dict[str, float] = {}
    redraws_before = [0]

    def mark(name: str) -> None:
        marks[f"{name}_cpu"] = time.thread_time()
        marks[f"{name}_wall"] = time.perf_counter()

    def start_load() -> None:
        """After 5 s of idle (panels shown, heartbeat running, nothing arriving)."""
        mark("load")
        lateness.clear()
        redraws_before[0] = trends.redraws
        feeder.start()

    def finish() -> None:
        mark("end")
        app.quit()  # (closes the window: Qt 6 quits by closing every window)

    beat.start()
    mark("idle")
    QTimer.singleShot(5000, start_load)
    QTimer.singleShot(5000 + int(args.seconds * 1000), finish)
    app.exec()
    stop.set()
    feeder.join()
    beat.stop()
    feed.shutdown()
    trends.shutdown()
    monitor.close()
    bridge.stop()
    wall = marks["end_wall"] - marks["load_wall"]
    ui_ms_per_s = (marks["end_cpu"] - marks["load_cpu"]) * 1000 / wall
    idle_ms_per_s = (
        (marks["load_cpu"] - marks["idle_cpu"]) * 1000 / (marks["load_wall"] - marks["idle_wall"])
    )
    lateness.sort()
    p99 = lateness[int(len(lateness) * 0.99) - 1]
    print(
        f"{args.rate} alert events/s for {wall:.0f} s (+1 incident/s): {bridge.applies} applies, "
        f"feed {feed.model.rowCount()} rows, {len(store.alerts)} alerts in the store, "
        f"{trends.redraws - redraws_before[0]} trend redraws, "
        f"{len(monitor.watch.history)} samples, {len(monitor.warnings())} warnings"
    )
    print(
        f"UI thread inside the store's apply (models and views included): "
        f"{sum(apply_ms) / wall:.1f} ms per s; per apply p50 {statistics.median(apply_ms):.1f} ms,"
        f" max {max(apply_ms):.1f} ms"
    )
    print(f"event-loop lateness (5 ms precise timer): p99 {p99:.1f} ms, max {lateness[-1]:.1f} ms")
    print(
        f"UI-thread CPU: {ui_ms_per_s:.1f} ms per second under load "
        f"(idle, the heartbeat alone: {idle_ms_per_s:.1f} ms per second)"
    )
    print(f"opinion_ui_ms_per_s={ui_ms_per_s:.1f}")


if __name__ == "__main__":
    main()
