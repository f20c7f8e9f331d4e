"""The feed client against a real hub process that is killed, restarted and wiped."""

from __future__ import annotations

import json
import random
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from services.cache import Cache
from services.cache.store import continuity
from services.client.feed import FeedClient
from services.protocol.entities import TOPIC_ENTITY
from tests.services.client.helpers import (
    ROOT,
    HubProcess,
    Mirror,
    client_config,
    free_port,
    server_state,
)


@pytest.fixture
def setup(tmp_path: Path):
    port = free_port()
    hubs: list[HubProcess] = []
    feeds: list[FeedClient] = []

    def hub(*extra: str, data: Path | None = None) -> HubProcess:
        process = HubProcess(data or tmp_path / "hub", port, *extra)
        hubs.append(process)
        return process.start()

    def feed(mirror: Mirror, cache_path: Path | None = None) -> FeedClient:
        client = FeedClient(
            client_config(port), Cache(cache_path or tmp_path / "console.db"), mirror, seed=1
        )
        feeds.append(client)
        client.start()
        return client

    yield hub, feed, tmp_path
    for client in feeds:
        client.stop()
    for process in hubs:
        process.stop()


def assert_in_step_with_server(mirror: Mirror, hub: HubProcess) -> None:
    heads, state = server_state(hub.url)
    mirror.wait(lambda m: all(m.cursors.get(t) == h for t, h in heads.items()))
    assert mirror.normalized() == state


def assert_journal_continuous(cache_path: Path) -> None:
    cache = Cache(cache_path)
    try:
        for topic in TOPIC_ENTITY:
            assert continuity(cache.journal_ranges(topic)) == (0, 0), topic
    finally:
        cache.close()


def test_sigkill_mid_stream_loses_nothing_and_applies_nothing_twice(setup) -> None:
    hub_of, feed_of, tmp = setup
    hub = hub_of("--profile", "load")
    mirror = Mirror()
    feed = feed_of(mirror)
    rng = random.Random(11)
    for _ in range(3):
        seen = mirror.events
        mirror.wait(lambda m, seen=seen: m.events >= seen + rng.randrange(1000, 6000))
        hub.kill()  # SIGKILL: no flush, no goodbye
        hub.start()
    seen = mirror.events
    mirror.wait(lambda m: m.events >= seen + 500)
    hub.kill()
    hub.start("--frozen")
    assert_in_step_with_server(mirror, hub)
    feed.stop()
    assert_journal_continuous(tmp / "console.db")


def test_wiped_server_means_new_epoch_and_a_fresh_snapshot(setup) -> None:
    hub_of, feed_of, tmp = setup
    hub = hub_of("--speed", "10")
    mirror = Mirror()
    feed_of(mirror)
    mirror.wait(lambda m: m.events > 50)
    first_epoch = mirror.cursors["units"][0]
    hub.stop()
    shutil.rmtree(tmp / "hub")
    hub.start("--frozen")
    heads, _ = server_state(hub.url)
    assert heads["units"][0] != first_epoch
    assert_in_step_with_server(mirror, hub)


def test_commands_issued_offline_are_applied_once_when_the_link_returns(setup) -> None:
    hub_of, feed_of, tmp = setup
    hub = hub_of("--frozen")
    mirror = Mirror()
    feed = feed_of(mirror)
    mirror.wait(lambda m: all(s == "live" for s in m.statuses.values()))
    _, state = server_state(hub.url)
    units = [json.loads(u) for u in state["units"].values()]
    available = [u["id"] for u in units if u["status"] == "available"][:5]
    incidents = sorted(state["incidents"])[:1]
    assert len(available) == 5
    assert incidents
    hub.stop()
    mirror.wait(lambda m: all(s != "live" for s in m.statuses.values()))
    ids = [
        feed.submit_command(
            "cad",
            "incident.dispatch",
            {"incident": incidents[0], "units": [unit]},
            target=incidents[0],
        )
        for unit in available
    ]
    feed.sync()
    cache = Cache(tmp / "console.db")
    assert [cache.outbox_status(i) for i in ids] == ["queued"] * 5
    hub.start("--frozen")
    mirror.wait(lambda m: all(i in m.acks for i in ids))
    assert all(m_ack.ok for i in ids for m_ack in mirror.acks[i])
    feed.sync()
    assert [cache.outbox_status(i) for i in ids] == ["accepted"] * 5
    for command_id in ids:
        results = [row["result"] for row in cache.audit_rows(command_id)]
        assert results == ["queued", "accepted"]
    assert_in_step_with_server(mirror, hub)
    for unit in available:
        assert json.loads(mirror.state["units"][unit])["incident"] == incidents[0]
    cache.close()


CRASHING_CONSOLE = r"""
import os, signal, sys
from pathlib import Path
from services.cache import Cache
from services.client.feed import FeedClient
from tests.services.client.helpers import client_config
feed = FeedClient(client_config(int(sys.argv[2])), Cache(Path(sys.argv[1])), lambda b: None)
feed.start()
feed.submit_command("cad", "incident.create", {
    "category": "fire", "priority": 1, "summary": "smoke from a shop",
    "location": {"lat": 31.3, "lon": 120.6}}, command_id="crash-0001")
feed.sync()  # the outbox row is committed; the backend is down, so nothing was sent
os.kill(os.getpid(), signal.SIGKILL)
"""


def test_a_console_killed_between_commit_and_send_sends_once_on_restart(setup) -> None:
    hub_of, feed_of, tmp = setup
    hub = hub_of("--frozen")
    # The console process commits the command while its backend is unreachable, then
    # dies at once: kill -9, no shutdown, no flush beyond what was committed.
    dead_port = free_port()
    crashed = subprocess.run(
        [sys.executable, "-c", CRASHING_CONSOLE, str(tmp / "console.db"), str(dead_port)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert crashed.returncode == -signal.SIGKILL, crashed.stderr
    cache = Cache(tmp / "console.db")
    assert cache.outbox_status("crash-0001") == "queued"
    cache.close()
    mirror = Mirror()
    feed_of(mirror)  # the restarted console, now with its backend reachable
    mirror.wait(lambda m: "crash-0001" in m.acks)
    assert mirror.acks["crash-0001"][0].ok
    created = mirror.acks["crash-0001"][0].result["incident"]
    assert_in_step_with_server(mirror, hub)
    matches = [
        i
        for i in mirror.state["incidents"].values()
        if json.loads(i)["summary"] == "smoke from a shop"
    ]
    assert len(matches) == 1
    assert json.loads(matches[0])["id"] == created
