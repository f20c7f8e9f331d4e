"""Operations desk under load: how late the UI's event loop runs, the whole desk live.

``command-centre-services --profile load`` runs as its own process (bench/_harness.py);
the console connects to it as ``command-centre --config`` would: the feed client, its
cache, the store, and the whole main window maximised on a 1920x1080 screen — map,
incident queue, unit board, orders — with an open incident selected, its detail and the
dispatch recommendations side by side. After a warm-up, for ``--seconds`` (60):

* event-loop lateness: a 5 ms ``Qt.PreciseTimer`` on the UI thread; the lateness of a
  tick is its gap from the tick before minus 5 ms. p50, p99, max, and the stalls (gaps
  over 50 and over 100 ms) are counted;
* UI-thread CPU share: ``time.thread_time()`` on the UI thread over the wall time;
* store change → painted row: from the start of the store's apply that changed an
  incident whose queue row is on screen to the queue viewport's next paint event whose
  region covers that row (an event filter on the viewport).

``--profile`` runs cProfile on the UI thread during the measured window and prints the
top costs (the figures of such a run include the profiler's overhead).

    QT_QPA_PLATFORM=offscreen python bench/desk.py [--seconds 60] [--warmup 20] [--profile]
Last line: desk_lateness_p99_ms=<p99 lateness, ms> (target < 50, no stall over 100 ms)
"""

from __future__ import annotations

import argparse
import collections
import cProfile
import io
import json
import os
import pstats
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6 import QtWebEngineWidgets  # noqa: F401 (before the QApplication)
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication

from bench._harness import TOKEN, start_backend
from console.config import ConsoleConfig, ServiceSetting
from console.session import ConsoleSession
from console.shell.main_window import MainWindow
from console.shell.theme import apply_theme

SERVICES = ("cad", "avl", "video", "opinion")
SCREEN = {"screens": [{"name": "Desk", "x": 0, "y": 0, "width": 1920, "height": 1080,
                       "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}  # fmt: skip


def set_up_platform(folder: Path) -> None:
    """Offscreen on a 1920x1080 screen unless a display was asked for."""
    if os.environ.get("QT_QPA_PLATFORM", "offscreen") == "offscreen":
        screens = folder / "screens.json"
        screens.write_text(json.dumps(SCREEN), encoding="utf-8")
        os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={screens}"
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox")


def thread_cpu() -> dict[str, float]:
    """CPU seconds so far of each thread of this process, by name (Python's names for
    Python threads, the kernel's for the rest: Qt's, WebEngine's in-process ones)."""
    names = {t.native_id: t.name for t in threading.enumerate()}
    ticks = os.sysconf("SC_CLK_TCK")
    found: dict[str, float] = {}
    for task in Path("/proc/self/task").iterdir():
        try:
            stat = (task / "stat").read_text()
        except FileNotFoundError:
            continue  # ended meanwhile
        comm, fields = stat[stat.index("(") + 1 : stat.rindex(")")], stat.rsplit(")", 1)[1].split()
        name = names.get(int(task.name), comm)
        found[name] = found.get(name, 0.0) + (int(fields[11]) + int(fields[12])) / ticks
    return found


class StackSampler(threading.Thread):
    """Where the UI thread is, every 20 ms: a wall-clock profile that also sees waiting
    (for the interpreter lock, a lock, I/O), which cProfile's CPU view does not separate."""

    def __init__(self, thread_id: int) -> None:
        super().__init__(name="bench-sampler", daemon=True)
        self._target_id = thread_id
        self.samples: collections.Counter[str] = collections.Counter()
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.wait(0.02):
            frame = sys._current_frames().get(self._target_id)
            if frame is None:
                continue
            where = []
            while frame is not None and len(where) < 3:
                code = frame.f_code
                where.append(f"{Path(code.co_filename).name}:{frame.f_lineno} {code.co_name}")
                frame = frame.f_back
            self.samples[" < ".join(where)] += 1


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))] if ordered else float("nan")


class PaintFilter(QObject):
    """Calls ``on_paint(region)`` when the watched widget is about to paint."""

    def __init__(self, on_paint) -> None:
        super().__init__()
        self._on_paint = on_paint

    def eventFilter(self, _watched, event) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.Paint:
            self._on_paint(event.region())
        return False


class PaintLatency:
    """Store change → the queue viewport's paint covering the changed row (ms); counts
    the applies and events the store took in while measuring."""

    def __init__(self, store, queue) -> None:
        self._queue = queue
        self._started = 0.0
        self._pending: dict[int, float] = {}  # proxy row -> when its change was applied
        self.samples: list[float] = []
        self.measuring = False
        self.applies = self.events = 0
        original = store.apply

        def timed_apply(batch):
            self._started = time.perf_counter()
            if self.measuring:
                self.applies += 1
                self.events += batch.events
            return original(batch)

        store.apply = timed_apply
        store.subscribe(self._on_changes, owner="bench paint latency")
        self._filter = PaintFilter(self._on_paint)
        queue.table.viewport().installEventFilter(self._filter)

    def _on_changes(self, changes) -> None:
        if not self.measuring:
            return
        table, proxy, model = self._queue.table, self._queue.proxy, self._queue.model
        viewport = table.viewport().rect()
        for key in changes.changed["incidents"] | changes.added["incidents"]:
            row = model.row_of(key)
            if row is None:
                continue
            index = proxy.mapFromSource(model.index(row, 0))
            if not index.isValid():
                continue
            rect = table.visualRect(index)
            if rect.isValid() and rect.intersects(viewport):
                self._pending.setdefault(index.row(), self._started)

    def _on_paint(self, region) -> None:
        if not self._pending:
            return
        now = time.perf_counter()
        table = self._queue.table
        for row, started in list(self._pending.items()):
            rect = table.visualRect(self._queue.proxy.index(row, 0))
            rect.setLeft(0)
            rect.setRight(table.viewport().width())
            if region.intersects(rect):
                self.samples.append((now - started) * 1000)
                del self._pending[row]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--warmup", type=float, default=20.0)
    parser.add_argument("--profile", action="store_true", help="cProfile the UI thread")
    parser.add_argument(
        "--sample", action="store_true", help="sample the UI thread's stack every 20 ms"
    )
    args = parser.parse_args()
    tmp = tempfile.TemporaryDirectory(prefix="bench-desk-")
    folder = Path(tmp.name)
    set_up_platform(folder)

    app = QApplication(sys.argv[:1])
    apply_theme(app)
    backend, port = start_backend(folder / "backend", "--profile", "load", die_with_me=True)
    try:
        url = f"ws://127.0.0.1:{port}"
        config = ConsoleConfig(
            services={s: ServiceSetting(f"{url}/{s}", TOKEN) for s in SERVICES},
            cache=folder / "console.sqlite3",
            workstation="bench-desk",
            operator="bench",
        )
        session = ConsoleSession(config)
        window = MainWindow(session, settings_path=folder / "layout.ini")
        latency = PaintLatency(session.store, window.queue)
        session.start()
        window.show_desk()
        store = session.store

        def wait(predicate, seconds: float, what: str) -> None:
            deadline = time.monotonic() + seconds
            while not predicate():
                if time.monotonic() > deadline:
                    raise RuntimeError(f"{what} not within {seconds:.0f} s")
                app.processEvents()
                time.sleep(0.01)

        wait(lambda: len(store.incidents) > 0 and len(store.positions) > 0, 120, "the city")
        wait(lambda: window.map.ready, 120, "the map page")
        open_ids = [k for k, i in store.incidents.items() if i.status not in ("closed",)]
        chosen = open_ids[0] if open_ids else next(iter(store.incidents))
        docks = window.docks
        window.splitDockWidget(
            docks["incidentDetailDock"], docks["dispatchDock"], Qt.Orientation.Vertical
        )
        for name in ("incidentDetailDock", "dispatchDock", "ordersDock", "unitsDock"):
            docks[name].show()
            docks[name].raise_()
        window.queue.select_incident(chosen)
        window.dispatch_selected()  # as Enter on the queue row does
        warm_until = time.monotonic() + args.warmup
        wait(lambda: time.monotonic() > warm_until, args.warmup + 5, "the warm-up")

        gaps: list[float] = []
        last = [time.perf_counter()]

        def tick() -> None:
            now = time.perf_counter()
            gaps.append((now - last[0]) * 1000)
            last[0] = now

        beat = QTimer()
        beat.setTimerType(Qt.TimerType.PreciseTimer)
        beat.setInterval(5)
        beat.timeout.connect(tick)
        profiler = cProfile.Profile() if args.profile else None
        sampler = StackSampler(threading.main_thread().ident or 0) if args.sample else None
        latency.measuring = True
        wall0, cpu0, threads0 = time.perf_counter(), time.thread_time(), thread_cpu()
        last[0] = wall0
        beat.start()
        if profiler is not None:
            profiler.enable()
        if sampler is not None:
            sampler.start()
        QTimer.singleShot(int(args.seconds * 1000), lambda: app.exit(0))  # (quit() closes windows)
        app.exec()
        if profiler is not None:
            profiler.disable()
        if sampler is not None:
            sampler.stop.set()
            sampler.join()
        beat.stop()
        wall, cpu = time.perf_counter() - wall0, time.thread_time() - cpu0
        threads = {k: v - threads0.get(k, 0.0) for k, v in thread_cpu().items()}
        latency.measuring = False
        selected = window.queue.selected_incident()
        window.quit_confirmation = None  # the bench closes the desk, nobody to ask
        window.close()
        session.stop()
    finally:
        backend.terminate()
        backend.wait(60)
        tmp.cleanup()

    lateness = [max(0.0, gap - 5.0) for gap in gaps]
    print(
        f"desk: {len(store.incidents):,} incidents, {len(store.units):,} units, "
        f"{len(store.positions):,} positions; incident {chosen} selected (queue: {selected}), "
        "detail + dispatch open; load-profile backend in its own process"
    )
    print(
        f"measured {wall:.1f} s after {args.warmup:.0f} s warm-up: {latency.applies} store "
        f"applies, {latency.events:,} events ({latency.events / wall:,.0f}/s)"
    )
    print(
        f"event-loop lateness (5 ms precise timer, {len(gaps):,} ticks): "
        f"p50 {percentile(lateness, 0.5):.1f} ms, p99 {percentile(lateness, 0.99):.1f} ms, "
        f"max {max(lateness, default=0.0):.1f} ms; stalls > 50 ms: "
        f"{sum(g > 50 for g in gaps)}, > 100 ms: {sum(g > 100 for g in gaps)}"
    )
    print(f"UI-thread CPU share: {cpu / wall:.0%} ({cpu:.1f} s CPU in {wall:.1f} s)")
    busiest = sorted(threads.items(), key=lambda item: -item[1])[:8]
    print(
        f"process CPU share (all threads): {sum(threads.values()) / wall:.0%}; busiest: "
        + ", ".join(f"{name} {seconds / wall:.0%}" for name, seconds in busiest)
    )
    load = os.getloadavg()
    print(f"machine load average {load[0]:.1f} ({os.cpu_count()} cores)")
    samples = latency.samples
    if samples:
        print(
            f"store change -> painted queue row: {len(samples)} samples, p50 "
            f"{statistics.median(samples):.1f} ms, p99 {percentile(samples, 0.99):.1f} ms, "
            f"max {max(samples):.1f} ms"
        )
    else:
        print("store change -> painted queue row: no on-screen row changed")
    if profiler is not None:
        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out)
        stats.sort_stats("tottime").print_stats(20)
        stats.sort_stats("cumulative").print_stats(30)
        print(out.getvalue())
    if sampler is not None:
        total = sum(sampler.samples.values()) or 1
        print(f"UI thread, {total} stack samples (innermost < callers):")
        for where, count in sampler.samples.most_common(15):
            print(f"  {count / total:5.1%}  {where}")
    print(f"desk_lateness_p99_ms={percentile(lateness, 0.99):.1f}")


if __name__ == "__main__":
    main()
