"""Two edges, 20 subscribers, the load profile: SIGKILL an edge 10 times at random.

Every subscriber ends with the stream's head, having received every seq exactly once
and never a second snapshot (each loss was a resume by (epoch, seq) on the other edge).
The time from each kill to the resumed stream is reported per subscriber.
"""

from __future__ import annotations

import asyncio
import random
import statistics
import time
from pathlib import Path

import nats
import pytest

from services.backend.backbone.streams import stream_name
from tests.services.backbone.natsd import NatsServer
from tests.services.backbone.nodes import NodeProcess
from tests.services.backbone.subscribers import Subscriber, run_subscribers
from tests.services.backend.wsclient import COMMANDER

KILLS = 10
SUBSCRIBERS = 20


def stream_heads(url: str, topics: list[str]) -> dict[str, int]:
    async def read() -> dict[str, int]:
        client = await nats.connect(url)
        try:
            js = client.jetstream()
            return {t: (await js.stream_info(stream_name(t))).state.last_seq for t in topics}
        finally:
            await client.close()

    return asyncio.run(read())


def wait_until(predicate, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, f"not within {timeout} s: {what}"
        time.sleep(0.05)


@pytest.mark.slow
def test_random_edge_kills_lose_nothing_and_double_nothing(
    tmp_path: Path, nats_server, record_property, report_line
) -> None:
    server: NatsServer = nats_server()
    core = NodeProcess("core", [server.url], tmp_path / "core", "--profile", "load").start()
    edges = [NodeProcess("edge", [server.url], tmp_path / f"edge{i}").start() for i in range(2)]
    urls = {s: [e.url(s) for e in edges] for s in ("cad", "avl")}
    subscribers = [
        Subscriber(f"s{i}", urls["cad"], "cad", ("incidents", "units"), COMMANDER, i % 2)
        if i % 4 == 0
        else Subscriber(f"s{i}", urls["avl"], "avl", ("positions",), COMMANDER, i % 2)
        for i in range(SUBSCRIBERS)
    ]
    _, join = run_subscribers(subscribers)
    try:
        wait_until(lambda: all(s.events for s in subscribers if s.service == "avl"), 30, "live")
        rng = random.Random(16)
        kills: list[tuple[int, float]] = []
        for _ in range(KILLS):
            time.sleep(rng.uniform(0.5, 2.0))
            victim = rng.randrange(2)
            on_victim = [s for s in subscribers if s.url_now.startswith(edges[victim].url(""))]
            kills.append((len(on_victim), edges[victim].kill()))
            edges[victim].start()  # back on the same port before the next kill
        wait_until(
            lambda: all(s.outages[-1].resumed_at for s in subscribers if s.outages),
            30,
            "every subscriber resumed after the last kill",
        )
        core.stop()  # the head stops moving; its last commit is in the streams
        heads = stream_heads(server.url, ["incidents", "units", "positions"])
        wait_until(
            lambda: all(s.cursors[t][1] == heads[t] for s in subscribers for t in s.topics),
            30,
            "every subscriber at the head",
        )
    finally:
        join()
        for edge in edges:
            edge.stop()
        core.stop()
    for s in subscribers:
        assert s.gaps == [], f"{s.name} lost events: {s.gaps[:3]}"
        assert s.duplicates == 0, f"{s.name} received {s.duplicates} events twice"
        assert s.snapshots == 0, f"{s.name} took a snapshot instead of resuming"
        for topic in s.topics:
            assert s.cursors[topic][1] == heads[topic]
    outages = [o for s in subscribers for o in s.outages]
    assert len(outages) >= KILLS, "every kill cost some subscribers their link"
    per_subscriber: dict[str, list[float]] = {}
    for s in subscribers:
        for outage in s.outages:
            assert outage.resumed_at is not None
            killed_at = max(t for _, t in kills if t <= outage.lost_at + 0.001)
            per_subscriber.setdefault(s.name, []).append(outage.resumed_at - killed_at)
    # positions flow at ~2,400 events/s, so their first event after a kill is the moment
    # the stream resumed; cad's incidents and units change about once a second, so theirs
    # also waits for the city (reported, not measured against the target)
    flowing = {s.name for s in subscribers if s.service == "avl"}
    times = sorted(t for name, values in per_subscriber.items() if name in flowing for t in values)
    p99 = times[min(len(times) - 1, int(len(times) * 0.99))]
    record_property("failover_p50_s", round(statistics.median(times), 3))
    record_property("failover_p99_s", round(p99, 3))
    report_line(
        f"edge kills: {KILLS}, subscribers {SUBSCRIBERS}, outages {len(times)} on /avl; kill -> "
        f"resumed stream: median {statistics.median(times):.3f} s, p99 {p99:.3f} s, "
        f"max {times[-1]:.3f} s; per subscriber (s, /cad: first event after the kill): "
        + "; ".join(
            f"{name} " + ",".join(f"{t:.2f}" for t in values)
            for name, values in per_subscriber.items()
        )
    )
    assert p99 < 3.0
