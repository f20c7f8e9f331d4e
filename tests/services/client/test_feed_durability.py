"""The feed client's outbox when the disk fails: a lost -wal after a SIGKILL, a full disk,
a damaged or read-only cache at start — against a real hub process.

Whatever the fault, a command is either in the outbox (reported ``queued``) or reported
``not_queued`` with the reason and sent from memory: never silently dropped.
"""

from __future__ import annotations

import contextlib
import json
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from services.cache import Cache
from services.client.batch import IngestBatch
from services.client.feed import FeedClient
from tests.services.cache.mounts import tmpfs
from tests.services.client.helpers import (
    ROOT,
    HubProcess,
    Mirror,
    client_config,
    free_port,
    server_state,
)

NEW_INCIDENT = {
    "category": "fire",
    "priority": 1,
    "summary": "smoke from a shop",
    "location": {"lat": 31.3, "lon": 120.6},
}


class OutboxMirror(Mirror):
    """A Mirror that also keeps what became of each command on this side of the wire."""

    def __init__(self) -> None:
        super().__init__()
        self.queued: list[str] = []
        self.not_queued: dict[str, str] = {}

    def __call__(self, batch: IngestBatch) -> None:
        with self.lock:
            self.queued.extend(batch.queued)
            self.not_queued.update(batch.not_queued)
        super().__call__(batch)


@pytest.fixture
def setup(tmp_path: Path):
    port = free_port()
    hubs: list[HubProcess] = []
    feeds: list[FeedClient] = []

    def hub(*extra: str) -> HubProcess:
        process = HubProcess(tmp_path / "hub", port, *extra)
        hubs.append(process)
        return process.start()

    def feed(mirror: Mirror, cache_path: Path) -> FeedClient:
        client = FeedClient(client_config(port), Cache(cache_path), mirror, seed=1)
        feeds.append(client)
        client.start()
        return client

    yield hub, feed, tmp_path
    for client in feeds:
        client.stop()
    for process in hubs:
        process.stop()


def incidents_with_summary(mirror: Mirror, summary: str) -> list[dict]:
    found = [json.loads(raw) for raw in mirror.state.get("incidents", {}).values()]
    return [i for i in found if i["summary"] == summary]


KILLED_CONSOLE = r"""
import os, signal, sys
from pathlib import Path
from bench._harness import synthetic_picture
from services.cache import Cache
from services.client.feed import FeedClient
from tests.services.client.helpers import client_config
path = Path(sys.argv[1])
seen = []
feed = FeedClient(client_config(int(sys.argv[2])), Cache(path), seen.append)
feed.start()
feed.submit_command("cad", "incident.create", {
    "category": "fire", "priority": 1, "summary": "smoke from a shop",
    "location": {"lat": 31.3, "lon": 120.6}}, command_id="crash-0001")
feed.sync()  # the backend is down: committed, not sent
assert [b.queued for b in seen if b.queued] == [["crash-0001"]], seen
later = Cache(path)  # more work after the command, left in the -wal by the kill
later.commit(synthetic_picture(40, 0))
os.kill(os.getpid(), signal.SIGKILL)
"""


def test_a_queued_command_survives_sigkill_and_a_lost_wal_and_is_sent_once(setup) -> None:
    hub_of, feed_of, tmp = setup
    cache_path = tmp / "console.db"
    killed = subprocess.run(
        [sys.executable, "-c", KILLED_CONSOLE, str(cache_path), str(free_port())],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    wal = cache_path.with_name(cache_path.name + "-wal")
    assert wal.stat().st_size > 0
    wal.unlink()  # the -wal is lost (with everything committed after the checkpoint)
    cache_path.with_name(cache_path.name + "-shm").unlink(missing_ok=True)
    cache = Cache(cache_path)
    assert cache.entity_count("units") == 0  # what was only in the -wal is gone…
    assert cache.outbox_status("crash-0001") == "queued"  # …the command is not
    cache.close()

    hub = hub_of("--frozen")
    mirror = OutboxMirror()
    feed_of(mirror, cache_path)
    mirror.wait(lambda m: "crash-0001" in m.acks)
    ack = mirror.acks["crash-0001"][0]
    assert ack.ok
    heads, _ = server_state(hub.url)
    mirror.wait(lambda m: all(m.cursors.get(t) == h for t, h in heads.items()))
    created = incidents_with_summary(mirror, "smoke from a shop")
    assert [i["id"] for i in created] == [ack.result["incident"]]


def empty_the_wal(path: Path) -> None:
    """Checkpoint the -wal into the file and truncate it, so that the next write needs new
    blocks on the disk (SQLite otherwise reuses a -wal's room after a checkpoint: a full
    disk would not stop it)."""
    deadline = time.monotonic() + 30
    with contextlib.closing(sqlite3.connect(path, timeout=10)) as connection:
        while connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]:
            assert time.monotonic() < deadline, "the -wal stayed busy"
            time.sleep(0.05)
    assert path.with_name(path.name + "-wal").stat().st_size == 0


def test_a_full_disk_leaves_commands_not_queued_sent_from_memory_then_queued(setup) -> None:
    hub_of, feed_of, tmp = setup
    hub = hub_of("--frozen")
    with tmpfs(tmp / "disk", size="16m") as disk:
        cache_path = disk.path / "console.db"
        mirror = OutboxMirror()
        feed = feed_of(mirror, cache_path)
        mirror.wait(
            lambda m: len(m.statuses) == 4 and all(s == "live" for s in m.statuses.values())
        )
        feed.sync()
        empty_the_wal(cache_path)
        disk.fill()

        # Online: not queued (said at once, with the reason), but sent and accepted.
        online = feed.submit_command("cad", "incident.create", NEW_INCIDENT)
        mirror.wait(lambda m: online in m.not_queued)
        assert mirror.not_queued[online] == "database or disk is full"
        assert not feed.cache_health.writable
        assert feed.cache_health.reason == "database or disk is full"
        mirror.wait(lambda m: online in m.acks)
        assert mirror.acks[online][0].ok
        assert online in mirror.sent
        assert online not in mirror.queued

        # Offline: not queued, held in memory; room is made: the writer stores it
        # (queued), and it is sent when the link returns.
        hub.stop()
        mirror.wait(lambda m: all(s != "live" for s in m.statuses.values()))
        offline = feed.submit_command(
            "cad", "incident.create", {**NEW_INCIDENT, "summary": "held in memory"}
        )
        mirror.wait(lambda m: offline in m.not_queued)
        assert offline not in mirror.sent
        disk.free()
        mirror.wait(lambda m: offline in m.queued, timeout=30)
        assert feed.cache_health.writable
        feed.sync()
        assert feed.cache.outbox_status(offline) == "queued"
        hub.start("--frozen")
        mirror.wait(lambda m: offline in m.acks)
        assert mirror.acks[offline][0].ok
        mirror.wait(lambda m: len(incidents_with_summary(m, "held in memory")) == 1)
        feed.sync()
        assert feed.cache.outbox_status(offline) == "accepted"
        feed.stop()


def test_commands_salvaged_from_a_damaged_cache_are_sent(setup) -> None:
    hub_of, feed_of, tmp = setup
    cache_path = tmp / "console.db"
    cache = Cache(cache_path)
    cache.enqueue_command(
        "salvaged-0001",
        "cad",
        "incident.create",
        json.dumps({**NEW_INCIDENT, "summary": "salvaged"}).encode(),
        operator="duty",
        workstation="ws-1",
    )
    cache.close()
    with cache_path.open("r+b") as file:
        file.write(bytes(100))  # a zeroed header: "file is not a database"

    hub_of("--frozen")
    mirror = OutboxMirror()
    feed = feed_of(mirror, cache_path)
    assert feed.cache_opening.state == "recreated"
    assert feed.cache_opening.reason == "file is not a database"
    assert feed.cache_opening.salvaged == 1
    assert feed.cache_health.writable
    mirror.wait(lambda m: "salvaged-0001" in m.acks)
    assert mirror.acks["salvaged-0001"][0].ok
    mirror.wait(lambda m: len(incidents_with_summary(m, "salvaged")) == 1)


def test_a_read_only_cache_at_start_shows_its_picture_and_sends_commands(setup) -> None:
    hub_of, feed_of, tmp = setup
    hub_of("--frozen")
    with tmpfs(tmp / "disk", size="16m") as disk:
        cache_path = disk.path / "console.db"
        first = OutboxMirror()
        feed = feed_of(first, cache_path)
        first.wait(lambda m: all(s == "live" for s in m.statuses.values()) and m.state)
        feed.stop()
        cache = Cache(cache_path)
        cached_units = set(cache.load_picture().cursors)
        cache.close()
        assert "units" in cached_units
        disk.read_only()

        mirror = OutboxMirror()
        feed = feed_of(mirror, cache_path)
        assert feed.cache_opening.state == "read_only"
        assert not feed.cache_health.writable
        assert feed.cache_health.reason.startswith("read-only file system")
        assert mirror.batches[0].cursors.keys() == cached_units  # the picture, from disk
        command = feed.submit_command("cad", "incident.create", {**NEW_INCIDENT, "summary": "ro"})
        mirror.wait(lambda m: command in m.not_queued)
        assert mirror.not_queued[command].startswith("read-only file system")
        mirror.wait(lambda m: command in m.acks)
        assert mirror.acks[command][0].ok
        mirror.wait(lambda m: len(incidents_with_summary(m, "ro")) == 1)
        feed.stop()
