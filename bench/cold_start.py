"""Cold start: process start → the cached picture (5,000 units, 2,000 incidents) in the store.

A cache file is prepared first. Then a fresh Python process is launched that imports the
console core (Qt included), opens the cache, loads the picture and applies it to the
situation store; the figure is the wall time from launching that process to the moment
the store holds the picture (the process reports it), best and median of 5 runs.

    python bench/cold_start.py
Last line: cold_start_s=<median seconds>
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._harness import ROOT, synthetic_picture
from services.cache import Cache

CHILD = r"""
import sys
from pathlib import Path
from PySide6.QtCore import QCoreApplication
from console.bridge import FeedBridge
from console.state import SituationStore
from services.cache import Cache
cache = Cache(Path(sys.argv[1]))
store = SituationStore()
store.apply(cache.load_picture())
assert len(store.units) == 5000 and len(store.incidents) == 2000, (len(store.units),)
print("loaded", flush=True)
cache.close()
"""


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="bench-cold-") as tmp:
        path = Path(tmp) / "console.db"
        cache = Cache(path)
        cache.commit(synthetic_picture(5000, 2000))
        cache.close()
        timings = []
        for _ in range(5):
            started = time.perf_counter()
            child = subprocess.Popen(
                [sys.executable, "-c", CHILD, str(path)],
                cwd=ROOT,
                stdout=subprocess.PIPE,
                text=True,
            )
            line = child.stdout.readline()
            elapsed = time.perf_counter() - started
            child.wait(60)
            assert line.strip() == "loaded", line
            timings.append(elapsed)
    print(
        f"runs: {', '.join(f'{t:.2f}' for t in timings)} s "
        f"(5,000 units + positions, 2,000 incidents)"
    )
    print(f"best {min(timings):.2f} s, median {statistics.median(timings):.2f} s (target < 2)")
    print(f"cold_start_s={statistics.median(timings):.2f}")


if __name__ == "__main__":
    main()
