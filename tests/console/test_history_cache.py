"""History read back from a real SQLite cache (services/cache/history.py) and given to the
store: the rebuilt timelines and commands are what the live store had."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import msgspec
import pytest
from sqlalchemy import select

from console.controller import CommandController
from console.history import restore_history
from console.state import SituationStore
from console.state.commands import describe_command
from services.cache import Cache
from services.cache.frames import COMPRESSED
from services.cache.history import read_history
from services.cache.schema import journal
from services.client.batch import AckResult, IngestBatch, JournalEntry
from services.client.ingest import IngestCore
from services.protocol.codec import encode
from tests.console.state.builders import T0, FakeClock, batch, incident, ts, unit

EPOCH = "E1"


def incident_data(incident_id: str, version: int, status: str, updated_s: float) -> Any:
    return msgspec.to_builtins(
        incident(incident_id, version=version, status=status, updated_s=updated_s)
    )


def event(seq: int, data: Any, *, removed: bool = False) -> dict[str, Any]:
    kind = "incident.removed" if removed else "incident.updated"
    return {"op": "event", "topic": "incidents", "epoch": EPOCH, "seq": seq,
            "ts": ts(seq), "type": kind, "data": data}  # fmt: skip


def snapshot(seq: int, items: list[Any], part: int = 1, parts: int = 1) -> dict[str, Any]:
    return {"op": "snapshot", "topic": "incidents", "epoch": EPOCH, "seq": seq,
            "items": items, "part": part, "parts": parts}  # fmt: skip


# Every rule of the live client in one stream: a snapshot in two parts, a duplicate inside
# a batch (with another status: counting it would add a wrong entry), a removal, an
# event past a gap (not applied live: a resync is asked for), the resync's snapshot
# dropping an incident, and a compressed snapshot frame (large enough to be stored so).
FRAMES = [
    snapshot(10, [incident_data("I-1", 1, "new", 0.0)], part=1, parts=2),
    snapshot(10, [incident_data("I-2", 3, "on_scene", 20.0)], part=2, parts=2),
    event(11, incident_data("I-1", 2, "dispatched", 40.0)),
    {
        "op": "batch",
        "events": [
            event(11, incident_data("I-1", 2, "new", 41.0)),
            event(12, incident_data("I-1", 3, "en_route", 70.0)),
        ],
    },
    event(13, {"id": "I-2"}, removed=True),
    event(15, incident_data("I-1", 5, "resolved", 900.0)),  # past a gap: skipped live
    snapshot(
        16,
        [incident_data("I-1", 4, "on_scene", 400.0), incident_data("I-3", 1, "new", 300.0)]
        + [incident_data(f"I-{n}", 1, "new", 300.0) for n in range(10, 20)],
    ),
    event(17, incident_data("I-3", 2, "dispatched", 500.0)),
]


def record_live(cache: Cache, store: SituationStore, frames: list[dict[str, Any]], at: float):
    """Each frame through the live client's ingest rules into the cache, then the store."""
    core = IngestCore("cad", ["incidents"])
    core.subscribe_all(at)
    for offset, frame in enumerate(frames):
        batch = IngestBatch()
        core.receive(encode(frame), at + offset, batch)
        cache.commit(batch)
        store.apply(batch)


def restored_store(cache: Cache, *, since: float, workstation: str = "ws-a") -> SituationStore:
    store = SituationStore(clock=FakeClock(1000.0))
    history = read_history(cache, workstation=workstation, since=since, command_limit=200)
    store.restore_history(history)
    store.apply(cache.load_picture())
    return store


def test_timelines_rebuilt_from_the_journal_are_the_live_ones(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "cache.sqlite3")
    live = SituationStore(clock=FakeClock())
    record_live(cache, live, FRAMES, T0)

    again = restored_store(cache, since=T0 - 1.0)

    with cache.engine.connect() as conn:
        stored = list(conn.scalars(select(journal.c.frame)))
    assert any(frame.startswith(COMPRESSED) for frame in stored)  # read through expand_frame
    assert live.timeline("I-1") == [
        (ts(0.0), "new"),
        (ts(40.0), "dispatched"),
        (ts(70.0), "en_route"),
        (ts(400.0), "on_scene"),
    ]
    for incident_id in ("I-1", "I-2", "I-3", "I-10"):
        assert again.timeline(incident_id) == live.timeline(incident_id), incident_id
    assert again.timeline("I-2") == []  # removed, then absent from the snapshot
    assert again.timeline("I-3") == [(ts(0.0), "new"), (ts(500.0), "dispatched")]  # reported
    cache.close()


def test_the_rebuild_starts_at_its_window(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "cache.sqlite3")
    record_live(cache, SituationStore(clock=FakeClock()), FRAMES, T0)
    # From the frame received at T0 + 3 on: I-1 is first seen dispatched, then en route.
    again = restored_store(cache, since=T0 + 3.0)
    assert again.timeline("I-1") == [
        (ts(70.0), "en_route"),
        (ts(400.0), "on_scene"),
    ]
    cache.close()


def test_a_restored_store_without_history_starts_at_the_cached_status(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "cache.sqlite3")
    record_live(cache, SituationStore(clock=FakeClock()), FRAMES, T0)
    again = restored_store(cache, since=T0 + 3600.0)  # nothing in the window
    assert again.timeline("I-1") == [(ts(400.0), "on_scene")]
    cache.close()


def ack_frame(command_id: str, result: dict[str, Any] | None) -> bytes:
    return encode({"op": "ack", "id": command_id, "ok": True, "result": result})


def enqueue(cache: Cache, command_id: str, kind: str, data: dict[str, Any], **options: Any):
    options.setdefault("workstation", "ws-a")
    cache.enqueue_command(command_id, "cad", kind, encode(data), operator="duty", **options)


def test_commands_come_back_as_the_outbox_recorded_them(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "cache.sqlite3")
    dispatch = {"incident": "I-1", "units": ["U-1", "U-2"], "expected_version": 3}
    enqueue(cache, "old", "incident.close", {"incident": "I-0"}, at=T0 - 7200.0)
    cache.commit(IngestBatch(acks=[AckResult("old", True, None, None, None, T0 - 7100.0)]))
    enqueue(cache, "stuck", "incident.close", {"incident": "I-9"}, at=T0 - 7000.0)
    enqueue(cache, "c1", "incident.dispatch", dispatch, at=T0 + 1.0)
    cache.mark_sent(["c1"], T0 + 2.0)
    cache.mark_sent(["c1"], T0 + 60.0)  # sent again after a reconnect: the first time stays
    answer = AckResult("c1", True, {"incident": "I-1"}, None, None, T0 + 3.0)
    cache.commit(
        IngestBatch(
            acks=[answer],
            journal=[JournalEntry("cad", T0 + 3.0, ack_frame("c1", {"incident": "I-1"}), "ack")],
        )
    )
    enqueue(cache, "c2", "unit.set_status", {"unit": "U-3", "status": "busy"}, at=T0 + 4.0)
    refusal = AckResult("c2", False, None, "conflict", "unit U-3 is at version 9", T0 + 5.0)
    cache.commit(IngestBatch(acks=[refusal]))
    enqueue(cache, "c3", "incident.update", {"incident": "I-1", "note": "x"}, at=T0 + 6.0)
    enqueue(cache, "theirs", "incident.close", {"incident": "I-1"}, at=T0 + 7.0, workstation="b")

    history = read_history(cache, workstation="ws-a", since=T0 - 3600.0, command_limit=200)

    # The answered command from before the window is left out; the unanswered one is not.
    assert [c.command_id for c in history.commands] == ["stuck", "c1", "c2", "c3"]
    store = SituationStore(clock=FakeClock(1000.0))
    changes = store.restore_history(history)
    assert changes.commands == {"stuck", "c1", "c2", "c3"}
    sent = store.command("c1")
    assert sent is not None
    assert (sent.state, sent.issued_at, sent.sent_at, sent.answered_at) == (
        "accepted", T0 + 1.0, T0 + 2.0, T0 + 3.0
    )  # fmt: skip
    assert sent.summary == "I-1 ← U-1, U-2"
    assert sent.data == dispatch
    assert sent.result == {"incident": "I-1"}
    refused = store.command("c2")
    assert refused is not None
    assert (refused.state, refused.error_code, refused.error_message) == (
        "refused", "conflict", "unit U-3 is at version 9"
    )  # fmt: skip
    assert refused.summary == "U-3 → busy"
    queued = store.command("c3")
    assert queued is not None
    assert (queued.state, queued.sent_at, queued.summary) == ("queued", None, "I-1: note")
    assert [r.command_id for r in store.commands()] == ["c3", "c2", "c1", "stuck"]
    cache.close()


def test_answered_commands_are_bounded_unanswered_ones_are_not(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "cache.sqlite3")
    for n in range(5):
        enqueue(cache, f"a{n}", "incident.close", {"incident": f"I-{n}"}, at=T0 + n)
        cache.commit(IngestBatch(acks=[AckResult(f"a{n}", True, None, None, None, T0 + n)]))
    enqueue(cache, "waiting", "incident.close", {"incident": "I-9"}, at=T0 - 1.0)
    history = read_history(cache, workstation="ws-a", since=T0 - 10.0, command_limit=2)
    assert [c.command_id for c in history.commands] == ["waiting", "a3", "a4"]
    cache.close()


def test_the_restore_reads_only_a_live_feeds_cache(tmp_path: Path) -> None:
    store = SituationStore(clock=FakeClock())
    assert restore_history(store, object(), workstation="ws-a") is None
    assert store.commands() == []


@pytest.mark.parametrize(
    ("kind", "data", "summary"),
    [
        ("incident.close", {"incident": "I-4", "resolution": ""}, "I-4"),
        ("incident.create", {"category": "theft", "priority": 2}, "theft P2"),
        ("alert.acknowledge", {"alert": "A-1"}, "A-1"),
        ("alert.link_incident", {"alert": "A-1", "incident": "I-2"}, "A-1 → I-2"),
        ("something.new", {"x": 1}, "the target"),
    ],
)
def test_restored_summaries(kind: str, data: dict[str, Any], summary: str) -> None:
    assert describe_command(kind, data, "the target") == summary


class RecordingFeed:
    """Takes the controller's commands and gives each an id (this isolates the controller)."""

    def __init__(self) -> None:
        self.sent: dict[str, tuple[str, dict[str, Any], str]] = {}

    def submit_command(
        self, service: str, command_type: str, data: dict[str, Any], *, target: str = ""
    ) -> str:
        command_id = f"c{len(self.sent)}"
        self.sent[command_id] = (command_type, data, target)
        return command_id


def test_every_controller_summary_is_the_one_a_restart_writes_again() -> None:
    """A restart rebuilds summaries with describe_command: for every action the controller
    offers, it must say what the controller said when the command was issued."""
    store = SituationStore(clock=FakeClock())
    store.apply(batch(incident("I-1", version=4), unit("U-1", version=2)))
    feed = RecordingFeed()
    controller = CommandController(feed, store)
    actions: list[Callable[[], str]] = [
        lambda: controller.dispatch("I-1", ["U-1", "U-2"]),
        lambda: controller.dispatch("I-1", ["U-1"], "nearest unit is fatigued"),
        lambda: controller.reassign("U-1", "I-2", "higher priority"),
        lambda: controller.recall("I-1", ["U-1"], "sent by mistake"),
        lambda: controller.update_incident("I-1", priority=1, note="armed"),
        lambda: controller.create_incident(
            category="theft", priority=3, summary="bike", lat=31.3, lon=120.6
        ),
        lambda: controller.close_incident("I-1", "resolved on scene"),
        lambda: controller.set_unit_status("U-1", "available"),
        lambda: controller.set_unit_status("U-1", "off_duty", "vehicle breakdown"),
        lambda: controller.acknowledge_alert("A-1"),
        lambda: controller.link_alert("A-1", "I-1"),
    ]
    public = {name for name in vars(CommandController) if not name.startswith("_")}
    assert public == {
        "dispatch", "recall", "reassign", "update_incident", "create_incident",
        "close_incident", "set_unit_status", "acknowledge_alert", "link_alert",
    }, "a new controller action: add it here, and to describe_command"  # fmt: skip
    for action in actions:
        command_id = action()
        kind, data, target = feed.sent[command_id]
        record = store.command(command_id)
        assert record is not None
        assert describe_command(kind, data, target) == record.summary, kind


def test_the_store_shows_the_times_the_outbox_keeps() -> None:
    """Issued = the outbox row's ``created``, Sent = its first ``sent_at``: the times a
    restart reads back, not the moments the store happened to hear of them."""
    clock = FakeClock()
    store = SituationStore(clock=clock)
    store.track_command("c1", "incident.close", "I-1", {"incident": "I-1"})
    clock.advance(0.4)
    store.apply(IngestBatch(queued=["c1"], queued_at={"c1": T0 + 0.01}))
    first_send = IngestBatch(sent=["c1"], sent_at={"c1": T0 + 0.02})
    first_send.merge(IngestBatch(sent=["c1"], sent_at={"c1": T0 + 0.3}))  # sent again
    store.apply(first_send)
    record = store.command("c1")
    assert record is not None
    assert (record.state, record.issued_at, record.sent_at) == ("sent", T0 + 0.01, T0 + 0.02)


def test_the_journal_is_read_from_the_oldest_incident_shown(tmp_path: Path) -> None:
    """Frames from before the oldest incident in the picture was reported are not read:
    none of them can be about an incident still shown."""
    cache = Cache(tmp_path / "cache.sqlite3")
    early = [
        snapshot(1, [incident_data("I-OLD", 1, "new", 0.0)]),
        event(2, incident_data("I-OLD", 2, "closed", 60.0)),
        event(3, {"id": "I-OLD"}, removed=True),
    ]
    later = [
        msgspec.to_builtins(incident("I-7", reported_s=7200.0, updated_s=7200.0)),
        incident_data("I-8", 2, "dispatched", 7300.0) | {"reported_at": ts(7250.0)},
    ]
    live = SituationStore(clock=FakeClock())
    record_live(cache, live, early, T0)  # received at T0 .. T0 + 2
    record_live_from(cache, live, [event(4, later[0]), event(5, later[1])], T0 + 7200.0)

    history = read_history(cache, workstation="ws-a", since=T0 - 3600.0, command_limit=10)

    assert history.read_from == T0 + 7200.0 - 600.0  # I-7's report, less the clock margin
    assert history.frames_read == 2
    again = restored_store(cache, since=T0 - 3600.0)
    assert again.timeline("I-7") == live.timeline("I-7") == [(ts(7200.0), "new")]
    assert again.timeline("I-8") == live.timeline("I-8") == [(ts(7300.0), "dispatched")]
    cache.close()


def record_live_from(
    cache: Cache, store: SituationStore, frames: list[dict[str, Any]], at: float
) -> None:
    """Like record_live, for a client that has seen the topic up to the first frame."""
    core = IngestCore("cad", ["incidents"], {"incidents": (EPOCH, frames[0]["seq"] - 1)})
    core.subscribe_all(at)
    for offset, frame in enumerate(frames):
        batch = IngestBatch()
        core.receive(encode(frame), at + offset, batch)
        cache.commit(batch)
        store.apply(batch)


def test_a_cache_made_before_the_topic_index_gets_it_when_opened(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    Cache(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("DROP INDEX journal_topic")
    cache = Cache(path)
    with cache.engine.connect() as conn:
        plan = conn.exec_driver_sql(
            "EXPLAIN QUERY PLAN SELECT frame FROM journal WHERE topic = 'incidents' AND id >= 1"
        ).all()
    assert "journal_topic" in str(plan)
    cache.close()
