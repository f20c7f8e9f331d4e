"""The console's own feed client, given two edges of one backbone, fails over between them.

The edge it is on is SIGKILLed: the client moves to the other URL at once and resumes by
(epoch, seq) — no snapshot (no topic reset), nothing missing from its journal, its
picture equal to the server's.
"""

from __future__ import annotations

from pathlib import Path

from services.cache import Cache
from services.cache.store import continuity
from services.client.config import ClientConfig, Endpoint
from services.client.feed import FeedClient
from services.protocol.entities import SERVICE_TOPICS, TOPIC_ENTITY
from tests.services.backbone.nodes import NodeProcess
from tests.services.backend.wsclient import COMMANDER
from tests.services.client.helpers import Mirror, server_state


def test_the_console_moves_to_the_next_edge_and_resumes_without_a_snapshot(
    tmp_path: Path, nats_server
) -> None:
    server = nats_server()
    core = NodeProcess("core", [server.url], tmp_path / "core", "--speed", "20").start()
    edges = [NodeProcess("edge", [server.url], tmp_path / f"edge{i}").start() for i in range(2)]
    endpoints = {
        s: Endpoint(s, edges[0].url(s), COMMANDER, more_urls=(edges[1].url(s),))
        for s in SERVICE_TOPICS
    }
    config = ClientConfig(endpoints=endpoints, backoff_base_s=0.2, backoff_cap_s=1.0)
    mirror = Mirror()
    feed = FeedClient(config, Cache(tmp_path / "console.db"), mirror, seed=1)
    feed.start()
    try:
        mirror.wait(lambda m: len(m.cursors) == len(TOPIC_ENTITY) and m.events > 100)
        resets = sum(len(batch.resets) for batch in mirror.batches)
        assert resets == len(TOPIC_ENTITY), "one snapshot per topic at the start"
        before = dict(mirror.cursors)
        edges[0].kill()
        mirror.wait(lambda m: m.cursors["positions"][1] > before["positions"][1] + 200, 30)
        mirror.wait(lambda m: all(m.statuses.get(s) == "live" for s in SERVICE_TOPICS), 30)
        assert all(c.url == edges[1].url(s) for s, c in feed.connections.items())
        core.stop()  # the city stops: the picture can be compared with the server's
        heads, state = server_state(edges[1].url)
        mirror.wait(lambda m: all(m.cursors.get(t) == h for t, h in heads.items()), 30)
        assert mirror.normalized() == state
        assert sum(len(batch.resets) for batch in mirror.batches) == resets, "no snapshot"
        assert all(mirror.cursors[t][0] == before[t][0] for t in TOPIC_ENTITY), "same epoch"
    finally:
        feed.stop()
        for edge in edges:
            edge.stop()
        core.stop()
    cache = Cache(tmp_path / "console.db")
    try:
        for topic in TOPIC_ENTITY:
            assert continuity(cache.journal_ranges(topic)) == (0, 0), topic
    finally:
        cache.close()
