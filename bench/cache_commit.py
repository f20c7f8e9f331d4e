"""Cache commit: CPU per event of the cache writer's commit of AVL position batches.

What the cache-writer thread does with every batch the feed client hands it
(:meth:`services.cache.store.Cache.commit`: the journal rows — positions packed by
``services/cache/frames.py`` —, the entity upserts and the cursors, in one transaction on
a real SQLite file in WAL mode), over batches shaped as the load profile sends them: a
240-position batch frame ten times a second from 6,000 units (the test suite's
``Fleet``). Printed: the journal's stored form alone (``store_form``: pack and check) per
position; then the whole commit per event, and its parts measured alone on fresh caches
(journal rows only; entity upserts and cursors only). Figures are process CPU time
(``time.process_time``), the median of ``--repeat`` runs.

    python bench/cache_commit.py [--batches N] [--repeat R]
Last line: cache_commit_us_per_event=<whole commit, CPU us per event>.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from services.cache.frames import expand_frame, store_form
from services.cache.store import Cache
from services.client.batch import IngestBatch
from tests.services.cache.journal_frames import Fleet

PER_FRAME = 240  # positions per batch frame under the load profile
UNITS = 6_000


def batches(count: int) -> list[IngestBatch]:
    fleet = Fleet(units=UNITS, seed=11)
    return [fleet.batch(1_795_000_000.0 + i / 10, PER_FRAME) for i in range(count)]


def without_journal(batch: IngestBatch) -> IngestBatch:
    return IngestBatch(
        upserts=batch.upserts,
        upsert_raw=batch.upsert_raw,
        cursors=batch.cursors,
        received=batch.received,
        events=batch.events,
    )


def journal_only(batch: IngestBatch) -> IngestBatch:
    return IngestBatch(journal=batch.journal, events=batch.events)


def commit_cpu(work: Path, name: str, items: list[IngestBatch]) -> float:
    """CPU seconds to commit ``items`` to a fresh cache file."""
    cache = Cache(work / f"{name}.sqlite3")
    try:
        started = time.process_time()
        for batch in items:
            cache.commit(batch)
        return time.process_time() - started
    finally:
        cache.close()


def median_us(runs: int, events: int, measure: Callable[[int], float]) -> float:
    return 1e6 * statistics.median(measure(run) for run in range(runs)) / events


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batches", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    items = batches(args.batches)
    events = sum(b.events for b in items)
    frames = [j.frame for b in items for j in b.journal]
    stored = [store_form(f, "batch", "positions") for f in frames]
    if [expand_frame(s) for s in stored] != frames:
        raise RuntimeError("a frame did not read back exactly")

    def forms(_run: int) -> float:
        started = time.process_time()
        for frame in frames:
            store_form(frame, "batch", "positions")
        return time.process_time() - started

    with tempfile.TemporaryDirectory(prefix="bench-cache-commit-") as tmp:
        work = Path(tmp)
        form_us = median_us(args.repeat, events, forms)
        whole = median_us(args.repeat, events, lambda r: commit_cpu(work, f"all{r}", items))
        journal_us = median_us(
            args.repeat,
            events,
            lambda r: commit_cpu(work, f"j{r}", [journal_only(b) for b in items]),
        )
        state_us = median_us(
            args.repeat,
            events,
            lambda r: commit_cpu(work, f"s{r}", [without_journal(b) for b in items]),
        )
    size = sum(len(s) for s in stored) / events
    print(f"{events:,} position events in {len(items)} batch frames of {PER_FRAME}")
    print(f"  journal stored form (pack + check):  {form_us:5.2f} us/event ({size:.1f} bytes)")
    print(f"  commit, journal rows only:           {journal_us:5.2f} us/event")
    print(f"  commit, entity upserts + cursors:    {state_us:5.2f} us/event")
    print(f"  commit, whole batch:                 {whole:5.2f} us/event")
    print(f"cache_commit_us_per_event={whole:.2f}")


if __name__ == "__main__":
    main()
