"""A 3-node JetStream cluster (every stream replicated 3 times) loses a stream leader under
load: consoles see at most a pause, never a gap, a duplicate or a snapshot."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import nats
import pytest

from services.backend.backbone.streams import stream_name
from tests.services.backbone.natsd import NatsServer, cluster
from tests.services.backbone.nodes import NodeProcess
from tests.services.backbone.subscribers import Subscriber, run_subscribers
from tests.services.backend.wsclient import COMMANDER


async def _ask(urls: list[str], question):
    client = await nats.connect(servers=urls, connect_timeout=2)
    try:
        return await question(client.jetstream(timeout=2.0))
    finally:
        await client.close()


def ask(urls: list[str], question, timeout: float = 30.0):
    """Ask JetStream until it answers (a cluster electing a leader does not, for a while)."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            return asyncio.run(_ask(urls, question))
        except Exception:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


@pytest.fixture
def three_nodes(tmp_path: Path):
    servers = cluster(tmp_path / "cluster", 3)
    for server in servers:
        server.start()
    yield servers
    for server in servers:
        server.stop()


@pytest.mark.slow
def test_losing_the_stream_leader_is_at_most_a_pause(
    tmp_path: Path, three_nodes: list[NatsServer], report_line
) -> None:
    urls = [server.url for server in three_nodes]
    ask(urls, lambda js: js.account_info())  # the cluster has a JetStream meta leader
    core = NodeProcess("core", urls, tmp_path / "core", "--replicas", "3", "--speed", "20")
    core.start()
    edge = NodeProcess("edge", urls, tmp_path / "edge").start()
    arrivals: list[float] = []
    subscribers = [
        Subscriber(f"s{i}", [edge.url("avl")], "avl", ("positions",), COMMANDER) for i in range(4)
    ]
    subscribers.append(
        Subscriber("cad", [edge.url("cad")], "cad", ("incidents", "units"), COMMANDER)
    )
    subscribers[0].on_event = lambda topic, seq, at: arrivals.append(at)
    _, join = run_subscribers(subscribers)
    try:
        deadline = time.monotonic() + 30
        while not all(s.events for s in subscribers[:4]):
            assert time.monotonic() < deadline, "subscribers never went live"
            time.sleep(0.05)

        async def leader(js):
            info = await js.stream_info(stream_name("positions"))
            assert info.cluster.replicas
            assert len(info.cluster.replicas) == 2
            return info.cluster.leader

        old_leader = ask(urls, leader)
        victim = next(s for s in three_nodes if s.name == old_leader)
        before = subscribers[0].cursors["positions"][1]
        killed_at = time.monotonic()
        victim.kill()
        survivors = [s.url for s in three_nodes if s is not victim]
        deadline = time.monotonic() + 45
        while subscribers[0].cursors["positions"][1] < before + 2000:
            assert time.monotonic() < deadline, "the stream did not go on after the leader died"
            time.sleep(0.05)
        new_leader = ask(survivors, leader)
        assert new_leader != old_leader
        core.stop()
        heads = ask(
            survivors,
            lambda js: asyncio.gather(
                *(js.stream_info(stream_name(t)) for t in ("positions", "incidents", "units"))
            ),
        )
        last = {info.config.name: info.state.last_seq for info in heads}
        deadline = time.monotonic() + 30
        while not all(
            s.cursors[t][1] == last[stream_name(t)] for s in subscribers for t in s.topics
        ):
            assert time.monotonic() < deadline, "subscribers did not reach the head"
            time.sleep(0.05)
    finally:
        join()
        edge.stop()
        core.stop()
    for s in subscribers:
        assert s.gaps == [], f"{s.name}: {s.gaps[:3]}"
        assert s.duplicates == 0
        assert s.snapshots == 0
        assert s.outages == [], "the consoles' links to the edge never dropped"
    after_kill = [t for t in arrivals if t >= killed_at]
    pauses = [b - a for a, b in zip([killed_at, *after_kill], after_kill, strict=False)]
    longest = max(pauses)
    report_line(
        f"stream leader {old_leader} killed -> new leader {new_leader}; longest pause in "
        f"positions at a console {longest:.2f} s; {len(after_kill)} events after the kill"
    )
    # A pause, not an outage: NATS's own leader election after a SIGKILL took 4.6-15.3 s on
    # this 2-core machine (raft timeouts plus load); the bound only says it ended by itself.
    assert after_kill, "no event reached the consoles after the leader was killed"
    assert longest < 45.0
