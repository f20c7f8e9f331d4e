"""Soak: a shift of the load profile compressed — memory and cache size over time.

``command-centre-services --profile load --speed S`` runs as its own process (6,000
units, ≈ 2,400 events/s per simulated second: ≈ 2,400 × S events/s), and the real
console runs as another: ``python -m console.app --config FILE`` (what ``command-centre
--config FILE`` runs; offscreen), the main window with its map page — or, with
``--headless``, a console session without a window (the same feed client, cache and
store; no Qt widgets, no page). Both are measured from outside every ``--interval``
seconds, for ``--minutes`` simulated minutes (``--minutes / S`` minutes of wall time):

* RSS of the console process, and of its page processes (every descendant: the
  QtWebEngine zygote, renderer and GPU processes, summed);
* the cache file and its -wal (bytes), the journal's rows, and the events journalled
  (the seq ranges of its event and batch rows; a frame of several topics is read and
  counted);
* bytes per journalled event = (cache + -wal − an empty cache) / events journalled:
  everything the cache holds counts (journal, checkpoints, the current picture,
  snapshots), nothing but the file's empty schema is left out.

Also printed: RSS growth after warm-up (the first fifth of the run, at least a minute:
the picture loading, the page building its markers) to the end, and the bytes per event
added after warm-up (the steady rate, the initial snapshots left out).

    python bench/soak.py [--minutes 30] [--speed 1] [--interval 30] [--headless]
Last line: soak_bytes_per_event=<bytes per journalled event> (target ≤ 64)
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._harness import ROOT, TOKEN, head_of, start_backend
from services.cache import Cache
from services.cache.frames import expand_frame

SERVICES = ("cad", "avl", "video", "opinion")
HEADLESS = """
import sys, threading
from console.config import load_config
from console.session import ConsoleSession
from PySide6.QtCore import QCoreApplication
app = QCoreApplication(sys.argv[:1])
session = ConsoleSession(load_config(__import__("pathlib").Path(sys.argv[1])))
session.start()
try:
    app.exec()
finally:
    session.stop()
"""


def write_config(folder: Path, port: int) -> Path:
    lines = ['workstation = "bench-soak"', 'operator = "bench"', 'language = "en"',
             "[cache]", f'path = "{folder / "console.sqlite3"}"']  # fmt: skip
    for service in SERVICES:
        lines += [f"[services.{service}]", f'url = "ws://127.0.0.1:{port}/{service}"',
                  f'token = "{TOKEN}"']  # fmt: skip
    config = folder / "console.toml"
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return config


def start_console(config: Path, headless: bool, log: Path) -> subprocess.Popen[bytes]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        env.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox")
    command = [sys.executable, "-m", "console.app", "--config", str(config)]
    if headless:
        command = [sys.executable, "-c", HEADLESS, str(config)]
    with log.open("wb") as output:
        return subprocess.Popen(command, cwd=ROOT, env=env, stdout=output, stderr=output)


def rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def descendants(pid: int) -> list[int]:
    """Every process under ``pid`` (children, their children, …)."""
    parents: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        parent = int(stat[stat.rindex(")") + 2 :].split()[1])
        parents.setdefault(parent, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        for child in parents.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def empty_cache_bytes(folder: Path) -> int:
    path = folder / "empty.sqlite3"
    Cache(path).close()
    return file_bytes(path)


def file_bytes(path: Path) -> int:
    wal = path.with_name(path.name + "-wal")
    return sum(p.stat().st_size for p in (path, wal) if p.exists())


class JournalCounter:
    """Rows and events of the console's journal, counted incrementally (read-only)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.last_id = 0
        self.rows = 0
        self.events = 0
        self.snapshots = 0  # snapshot frames (parts) journalled
        self.checkpoints = 0

    def update(self) -> None:
        if not self.path.exists():
            return
        connection = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)
        try:
            ranged = connection.execute(
                "SELECT max(id), count(*), sum(last_seq - first_seq + 1) FROM journal "
                "WHERE id > ? AND kind IN ('event', 'batch') AND first_seq IS NOT NULL",
                (self.last_id,),
            ).fetchone()
            mixed = connection.execute(
                "SELECT frame FROM journal WHERE id > ? AND kind IN ('event', 'batch') "
                "AND first_seq IS NULL",
                (self.last_id,),
            ).fetchall()
            newest, rows, snapshots = connection.execute(
                "SELECT max(id), count(*), count(*) FILTER (WHERE kind = 'snapshot') "
                "FROM journal WHERE id > ?",
                (self.last_id,),
            ).fetchone()
            self.checkpoints = connection.execute("SELECT count(*) FROM checkpoints").fetchone()[0]
        except sqlite3.OperationalError:
            return  # not created yet
        finally:
            connection.close()
        self.events += int(ranged[2] or 0)
        self.events += sum(expand_frame(f).count(b'"op":"event"') for (f,) in mixed)
        self.rows += int(rows or 0)
        self.snapshots += int(snapshots or 0)
        self.last_id = max(self.last_id, int(newest or 0))


def positions_seq(path: Path) -> int:
    """The console's cursor on the positions topic (read-only)."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        row = connection.execute("SELECT seq FROM cursors WHERE topic = 'positions'").fetchone()
    finally:
        connection.close()
    return int(row[0]) if row else 0


def composition(path: Path) -> str:
    """Where the file's bytes are: per table and index, and free pages (SQLite's dbstat)."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        rows = connection.execute(
            "SELECT name, sum(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC"
        ).fetchall()
        free = connection.execute("PRAGMA freelist_count").fetchone()[0]
        page = connection.execute("PRAGMA page_size").fetchone()[0]
    finally:
        connection.close()
    parts = [f"{name} {size / 1e6:.1f} MB" for name, size in rows if size >= 100_000]
    return ", ".join([*parts, f"free pages {free * page / 1e6:.1f} MB"])


@dataclass
class Sample:
    wall_s: float
    console_mb: float
    page_mb: float
    cache_bytes: int
    rows: int
    events: int


def sample(started: float, console: int, cache: Path, counter: JournalCounter) -> Sample:
    counter.update()
    page = sum(rss_mb(pid) for pid in descendants(console))
    return Sample(
        time.monotonic() - started,
        rss_mb(console),
        page,
        file_bytes(cache),
        counter.rows,
        counter.events,
    )


def growth(before: float, after: float) -> float:
    return 100.0 * (after - before) / before if before else 0.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--minutes", type=float, default=30.0, help="simulated minutes")
    parser.add_argument("--speed", type=float, default=1.0, help="the backend's --speed")
    parser.add_argument("--interval", type=float, default=30.0, help="seconds between samples")
    parser.add_argument(
        "--headless", action="store_true", help="a console session without the window"
    )
    args = parser.parse_args()
    wall_s = args.minutes * 60.0 / args.speed
    interval = min(args.interval, max(wall_s / 10, 2.0))
    with tempfile.TemporaryDirectory(prefix="soak-") as tmp:
        folder = Path(tmp)
        cache = folder / "console.sqlite3"
        empty = empty_cache_bytes(folder)
        backend, port = start_backend(
            folder / "backend", "--profile", "load", "--speed", str(args.speed)
        )
        console = start_console(write_config(folder, port), args.headless, folder / "console.log")
        counter = JournalCounter(cache)
        samples: list[Sample] = []
        what = "headless console session" if args.headless else "console window, offscreen"
        print(
            f"load profile at --speed {args.speed:g} for {args.minutes:g} simulated minutes "
            f"({wall_s / 60:.1f} min of wall time); the {what}"
        )
        print(" wall s  console MB  page MB   cache MB   journal rows    events  bytes/event")
        started = time.monotonic()
        try:
            while True:
                time.sleep(max(0.0, started + (len(samples) + 1) * interval - time.monotonic()))
                if console.poll() is not None:
                    raise RuntimeError(f"the console exited ({console.returncode}); see its log")
                row = sample(started, console.pid, cache, counter)
                samples.append(row)
                per_event = (row.cache_bytes - empty) / row.events if row.events else 0.0
                print(
                    f"{row.wall_s:7.0f} {row.console_mb:11.0f} {row.page_mb:8.0f} "
                    f"{row.cache_bytes / 1e6:10.1f} {row.rows:14d} {row.events:9d} "
                    f"{per_event:12.1f}",
                    flush=True,
                )
                if row.wall_s >= wall_s:
                    break
            server_head = asyncio.run(head_of(port))[1]
            console_seq = positions_seq(cache)
        finally:
            console.terminate()
            try:
                console.wait(20)
            except subprocess.TimeoutExpired:
                console.kill()
                console.wait()
            backend.terminate()
            backend.wait(20)
            log_tail = (folder / "console.log").read_text(errors="replace")[-2000:]
        final = samples[-1]
        counter.update()
        final_bytes = file_bytes(cache)
        events = max(counter.events, 1)
        warm = next(s for s in samples if s.wall_s >= max(wall_s / 5, min(60.0, wall_s / 2)))
        steady = (final_bytes - warm.cache_bytes) / max(counter.events - warm.events, 1)
        per_event = (final_bytes - empty) / events
        print(f"events journalled {counter.events} in {counter.rows} journal rows "
              f"({counter.events / final.wall_s:.0f} events/s of wall time)")  # fmt: skip
        print(
            f"positions: the server's head at the end {server_head}, the console's cursor "
            f"{console_seq} ({server_head - console_seq} behind)"
        )
        print(
            f"snapshot frames journalled {counter.snapshots}; "
            f"checkpoints kept {counter.checkpoints}"
        )
        print(f"cache {final_bytes / 1e6:.1f} MB (+ -wal) after the console stopped; "
              f"an empty cache is {empty / 1e3:.0f} kB")  # fmt: skip
        print(
            f"console RSS {warm.console_mb:.0f} MB after warm-up ({warm.wall_s:.0f} s) → "
            f"{final.console_mb:.0f} MB at the end: "
            f"{growth(warm.console_mb, final.console_mb):+.1f} %"
        )
        if args.headless:
            print("page processes: none (headless: no window, no map page)")
        else:
            print(
                f"page processes RSS {warm.page_mb:.0f} MB after warm-up → {final.page_mb:.0f} MB: "
                f"{growth(warm.page_mb, final.page_mb):+.1f} %"
            )
        print(f"bytes per event added after warm-up: {steady:.1f}")
        print(f"the cache file by table: {composition(cache)}")
        if "Traceback" in log_tail:
            print("the console logged a traceback:\n" + log_tail)
        print(f"soak_bytes_per_event={per_event:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
