"""Limits on the hub: what cannot travel in one frame is refused, never stored or sent.

A command whose field is over its limit, or whose note would pass the notes cap, is
refused with ``bad_request`` naming the field, before it changes anything; a log written
by an older build that holds an entity too big for a frame is served without it, and
every console's link stays live across the restart.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from msgspec import Raw

from services.backend.config import HubConfig
from services.backend.eventlog import CommitGroup, EventLog
from services.backend.runner import BackendThread
from services.backend.sim import PROFILES, CommandRejected, Emitted, Simulator
from services.cache import Cache
from services.client.config import ClientConfig, Endpoint
from services.client.feed import FeedClient
from services.protocol.codec import encode
from services.protocol.commands import IncidentCreate, IncidentDispatch, IncidentUpdate
from services.protocol.entities import Location
from services.protocol.limits import MAX_ENTITY_BYTES, MAX_INCIDENT_UNITS, MAX_NOTES, NOTE_CHARS
from services.protocol.messages import MAX_FRAME_BYTES, Event
from tests.services.backend.conftest import START
from tests.services.backend.wsclient import COMMANDER, TOKENS, ProtocolClient
from tests.services.client.helpers import Mirror, free_port

MEGABYTE = 1_000_000
CHINESE_MEGABYTE = "区" * (MEGABYTE // 3)  # 3 bytes a character in UTF-8
CREATE = {"category": "theft", "priority": 3, "location": {"lat": 31.311, "lon": 120.626}}


def command(client: ProtocolClient, command_type: str, data: dict[str, Any]) -> dict[str, Any]:
    """Send one command and return its ack."""
    command_id = str(uuid.uuid4())
    frame = {"op": "command", "id": command_id, "type": command_type, "data": data}
    client.send(json.dumps(frame, ensure_ascii=False))
    ack, _ = client.wait_for(lambda f: f["op"] == "ack" and f["id"] == command_id)
    return ack


def refused(ack: dict[str, Any], field: str) -> str:
    assert ack["ok"] is False, ack
    assert ack["error"]["code"] == "bad_request"
    message = ack["error"]["message"]
    assert f"$.{field}" in message, message
    return message


@pytest.fixture
def console(tmp_path: Path) -> Iterator[Any]:
    """A console's CAD link (the real feed client and cache) to a URL; stopped at the end."""
    feeds: list[FeedClient] = []

    def start(url: str) -> Mirror:
        config = ClientConfig(
            endpoints={"cad": Endpoint("cad", url, COMMANDER)},
            topics={"cad": ("incidents", "units")},
            backoff_base_s=0.1,
            backoff_cap_s=0.5,
        )
        mirror = Mirror()
        feed = FeedClient(config, Cache(tmp_path / f"console-{len(feeds)}.db"), mirror, seed=1)
        feeds.append(feed)
        feed.start()
        mirror.wait(lambda m: m.statuses.get("cad") == "live")
        return mirror

    yield start
    for feed in feeds:
        feed.stop()


def incident(mirror: Mirror, incident_id: str) -> dict[str, Any] | None:
    with mirror.lock:
        raw = mirror.state.get("incidents", {}).get(incident_id)
    return None if raw is None else json.loads(raw)


def test_a_megabyte_field_is_refused_by_name_and_another_console_stays_live(
    make_hub, console
) -> None:
    hub = make_hub(simulate=False)
    mirror = console(hub.url("cad"))
    with ProtocolClient(hub.url("cad")) as client:
        for field in ("district", "summary", "address", "category", "source"):
            refused(command(client, "incident.create", {**CREATE, field: CHINESE_MEGABYTE}), field)
        created = command(client, "incident.create", {**CREATE, "summary": "自行车被盗"})
        assert created["ok"], created
        incident_id = created["result"]["incident"]
        message = refused(
            command(client, "incident.update", {"incident": incident_id, "note": "x" * MEGABYTE}),
            "note",
        )
        assert "1000" in message  # the limit is in the message
        refused(
            command(
                client, "incident.close", {"incident": incident_id, "resolution": "x" * MEGABYTE}
            ),
            "resolution",
        )
        # The other console received the incident created after the refusals, and the
        # note sent afterwards: its CAD link is live and applying events.
        noted = command(client, "incident.update", {"incident": incident_id, "note": "已报案"})
        assert noted["result"] == {"incident": incident_id, "version": 2, "changed": True}
    mirror.wait(lambda m: (incident(m, incident_id) or {}).get("version") == 2)
    assert [n["text"] for n in incident(mirror, incident_id)["notes"]] == ["已报案"]
    assert mirror.statuses["cad"] == "live"
    assert mirror.rejected == 0


def test_the_notes_cap_refuses_a_note_and_changes_nothing(make_hub, console) -> None:
    hub = make_hub(simulate=False)
    mirror = console(hub.url("cad"))
    with ProtocolClient(hub.url("cad")) as client:
        incident_id = command(client, "incident.create", CREATE)["result"]["incident"]
        for number in range(MAX_NOTES):
            note = (f"第{number}条 " + "记录" * 500)[:NOTE_CHARS]  # the longest note there is
            assert command(client, "incident.update", {"incident": incident_id, "note": note})["ok"]
        # A note past the cap, with a priority change riding along: refused as a whole.
        message = refused(
            command(
                client,
                "incident.update",
                {"incident": incident_id, "priority": 1, "note": "one more"},
            ),
            "note",
        )
        assert f"{MAX_NOTES} notes" in message
    version = 1 + MAX_NOTES
    mirror.wait(lambda m: (incident(m, incident_id) or {}).get("version") == version)
    full = incident(mirror, incident_id)
    assert len(full["notes"]) == MAX_NOTES
    assert full["priority"] == 3  # the refused update changed nothing
    assert len(json.dumps(full, ensure_ascii=False).encode()) > 100_000  # a heavy incident
    assert mirror.statuses["cad"] == "live"
    assert mirror.rejected == 0


def test_a_client_far_behind_gets_batches_under_the_frame_limit(make_hub) -> None:
    """Resuming from the log (not memory) cuts batches by size, not only by count."""
    hub = make_hub(simulate=False, window=10)
    with ProtocolClient(hub.url("cad")) as client:
        client.send({"op": "subscribe", "topics": {"incidents": None}})
        snapshot = client.recv()
        incident_id = command(client, "incident.create", CREATE)["result"]["incident"]
        for _ in range(40):  # each event carries every note so far: ~2 MB of events in all
            note = "备注" * 500
            assert command(client, "incident.update", {"incident": incident_id, "note": note})["ok"]
    head = snapshot["seq"] + 41
    with ProtocolClient(hub.url("cad")) as behind:
        behind.send(
            {
                "op": "subscribe",
                "topics": {"incidents": {"epoch": snapshot["epoch"], "after": snapshot["seq"]}},
            }
        )
        seqs: list[int] = []
        sizes: list[int] = []
        while not seqs or seqs[-1] < head:
            raw = behind.recv_raw()
            frame = json.loads(raw)
            if frame["op"] in ("event", "batch"):
                sizes.append(len(raw.encode()))
                seqs += [e["seq"] for e in frame.get("events", [frame])]
    assert seqs == list(range(snapshot["seq"] + 1, head + 1))
    assert max(sizes) <= MAX_FRAME_BYTES
    assert sum(sizes) > 1.5 * MAX_FRAME_BYTES  # more than one frame could ever have held


# --- the simulator refuses before it changes anything ---------------------------------


@pytest.fixture
def sim_and_units() -> tuple[Simulator, list[str]]:
    """A city of 300 units, all on duty, that no virtual dispatcher touches."""
    profile = dataclasses.replace(
        PROFILES["demo"], units=300, on_duty_fraction=1.0, auto_dispatch_after_s=None
    )
    simulator = Simulator(seed=3, profile=profile, start=START)
    units = [e.data["id"] for e in simulator.bootstrap() if e.type == "unit.created"]
    return simulator, units


def test_dispatch_past_the_units_cap_is_refused_before_any_unit_moves(sim_and_units) -> None:
    sim, units = sim_and_units
    data = IncidentCreate(category="fire", priority=1, location=Location(lat=31.311, lon=120.626))
    incident_id = sim.command("incident.create", data)[0]["incident"]
    available = [uid for uid in units if sim.entity("units", uid)["status"] == "available"]
    assert len(available) > MAX_INCIDENT_UNITS
    first, second, extra = available[:64], available[64:128], available[128:130]
    for batch in (first, second):
        sim.command("incident.dispatch", IncidentDispatch(incident=incident_id, units=batch))
    before = sim.entity("incidents", incident_id)
    assert len(before["units"]) == MAX_INCIDENT_UNITS
    with pytest.raises(CommandRejected) as caught:
        sim.command("incident.dispatch", IncidentDispatch(incident=incident_id, units=extra))
    assert caught.value.code == "bad_request"
    assert "$.units" in caught.value.message
    assert f"at most {MAX_INCIDENT_UNITS}" in caught.value.message
    assert sim.entity("incidents", incident_id) == before
    assert all(sim.entity("units", uid)["status"] == "available" for uid in extra)


def test_a_change_that_would_outgrow_a_frame_is_refused_before_it_applies() -> None:
    """An incident an older build let grow near the frame limit takes no note that would
    push it over: the encoded size is checked on the incident as it would become."""
    seed = Simulator(seed=4, profile=PROFILES["demo"], start=START)
    (created,) = [e for e in seed.bootstrap() if e.type == "incident.created"][:1]
    heavy = dict(created.data, district="\x01" * ((MAX_ENTITY_BYTES - 4000) // 6))
    assert len(encode(heavy)) < MAX_ENTITY_BYTES  # it fits, just
    sim = Simulator(seed=4, profile=PROFILES["demo"], start=START)
    sim.restore({"incidents": [heavy]})
    update = IncidentUpdate(incident=heavy["id"], priority=1, note="\x01" * 1000)
    with pytest.raises(CommandRejected) as caught:
        sim.command("incident.update", update)
    assert caught.value.code == "bad_request"
    assert "$.note" in caught.value.message
    assert str(MAX_ENTITY_BYTES) in caught.value.message
    assert sim.entity("incidents", heavy["id"]) == heavy


# --- the hub's last guard, and logs written by an older build -------------------------


def errors(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info]


def test_the_hub_never_stores_an_entity_too_big_for_a_frame(make_hub, caplog) -> None:
    hub = make_hub(simulate=False)
    with ProtocolClient(hub.url("cad")) as client:
        client.send({"op": "subscribe", "topics": {"incidents": None}})
        snapshot = client.recv()
        victim = dict(snapshot["items"][0], district="x" * MAX_FRAME_BYTES, version=99)
        assert hub.hub is not None
        with caplog.at_level(logging.ERROR, logger="services.backend"):
            # As if a bug in the simulator emitted it: the commit path is the last guard.
            hub.call(hub.hub._submit, [Emitted("incidents", "incident.updated", victim)])
            client.send({"op": "command", "id": "after", "type": "incident.create", "data": CREATE})
            seen: list[dict[str, Any]] = []
            for frame in client.frames():
                seen.append(frame)
                if frame["op"] == "ack" and any(f.get("seq") for f in seen):
                    break
    (created,) = [f for f in seen if f["op"] == "ack"]
    assert created["ok"]
    assert [(f["seq"], f["data"]["id"]) for f in seen if f["op"] == "event"] == [
        (snapshot["seq"] + 1, created["result"]["incident"])
    ]
    assert hub.call(lambda: hub.hub.topics["incidents"].head) == snapshot["seq"] + 1
    assert [r.getMessage().split(" is ")[0] for r in errors(caplog)] == [
        f"incidents {victim['id']}"
    ]


def seed_oversized_incident(data: Path) -> tuple[str, str, int]:
    """Append to a stopped hub's log what an older build stored: an incident event and
    state over the frame limit, then an ordinary event; returns (epoch, id, its seq)."""
    log = EventLog(data / "hub.sqlite3")
    recovered = log.recover(10)
    head = recovered.heads["incidents"]
    items = [json.loads(p) for p in recovered.entities["incidents"].values()]
    big, small = items[0], items[1]
    big = dict(big, district="区" * 400_000, version=big["version"] + 1)  # 1.2 MB
    small = dict(small, priority=1, version=small["version"] + 1)
    ts = "2026-11-28T08:00:01.000Z"
    group = CommitGroup()
    for seq, entity in ((head + 1, big), (head + 2, small)):
        payload = encode(entity)
        frame = encode(
            Event(
                topic="incidents",
                epoch=recovered.epoch,
                seq=seq,
                ts=ts,
                type="incident.updated",
                data=Raw(payload),
            )
        )
        group.events.append(("incidents", seq, frame))
        group.upserts.append(("incidents", entity["id"], payload))
    assert len(group.events[0][2]) > MAX_FRAME_BYTES
    log.commit(group)
    log.close()
    return recovered.epoch, big["id"], head + 1


def test_a_log_holding_an_oversized_entity_keeps_every_console_live(
    tmp_path: Path, console, caplog
) -> None:
    port = free_port()
    data = tmp_path / "hub"

    def hub() -> BackendThread:
        config = HubConfig(data_dir=data, port=port, tokens=TOKENS, start=START, simulate=False)
        return BackendThread(config).start()

    first = hub()
    mirror = console(first.url("cad"))  # follows the topic across the restart
    first.stop()
    mirror.wait(lambda m: m.statuses.get("cad") == "offline")
    epoch, poisoned, bad_seq = seed_oversized_incident(data)
    with caplog.at_level(logging.ERROR, logger="services.backend"):
        second = hub()
        try:
            # A fresh subscriber: the snapshot leaves the entity out and stays in frames.
            with ProtocolClient(second.url("cad")) as fresh:
                fresh.send({"op": "subscribe", "topics": {"incidents": None}})
                raw = fresh.recv_raw()
                assert len(raw.encode()) <= MAX_FRAME_BYTES
                snapshot = json.loads(raw)
                assert snapshot["seq"] == bad_seq + 1
                assert poisoned not in {item["id"] for item in snapshot["items"]}
            # A resuming one: the event arrives as the entity's removal, same seq, in order.
            with ProtocolClient(second.url("cad")) as resuming:
                resuming.send(
                    {
                        "op": "subscribe",
                        "topics": {"incidents": {"epoch": epoch, "after": bad_seq - 1}},
                    }
                )
                events: list[dict[str, Any]] = []
                while len(events) < 2:
                    raw = resuming.recv_raw()
                    assert len(raw.encode()) <= MAX_FRAME_BYTES
                    frame = json.loads(raw)
                    events += frame.get("events", [frame])
                assert [(e["seq"], e["type"]) for e in events] == [
                    (bad_seq, "incident.removed"),
                    (bad_seq + 1, "incident.updated"),
                ]
                assert events[0]["data"] == {"id": poisoned}
            # The console that was following resumed across the restart and is live.
            mirror.wait(lambda m: m.cursors.get("incidents") == (epoch, bad_seq + 1))
            with ProtocolClient(second.url("cad")) as client:
                created = command(client, "incident.create", CREATE)["result"]["incident"]
            mirror.wait(lambda m: incident(m, created) is not None)
            assert incident(mirror, poisoned) is None
            assert mirror.statuses["cad"] == "live"
            assert mirror.rejected == 0
        finally:
            second.stop()
    logged = [r.getMessage() for r in errors(caplog)]
    assert any(poisoned in m and "not stored or sent" in m for m in logged), logged
    assert any(f"seq {bad_seq}" in m and "incident.removed" in m for m in logged), logged
    assert not [r for r in caplog.records if r.exc_info]
