"""The sans-I/O ingest core, rule by rule (docs/protocol.md, "Events" and "Snapshots").

Each case feeds frames to a fresh :class:`IngestCore` with a known cursor and checks what
it applied, what it asked the server for, and what it says about being in step.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import pytest

from services.client.batch import IngestBatch
from services.client.ingest import IngestCore, backoff_delay, read_welcome

EPOCH = "e1"
NOW = 1_000.0


def position(unit: str, version: int = 1) -> dict[str, Any]:
    return {
        "unit": unit,
        "lat": 31.3,
        "lon": 120.6,
        "fix_at": "2026-11-30T08:00:00Z",
        "version": version,
    }


def event(seq: int, unit: str = "U-1", *, epoch: str = EPOCH, topic: str = "positions") -> dict:
    return {
        "op": "event",
        "topic": topic,
        "epoch": epoch,
        "seq": seq,
        "ts": "2026-11-30T08:00:00Z",
        "type": "position.updated",
        "data": position(unit, seq),
    }


def snapshot(seq: int, units: list[str], *, part: int = 1, parts: int = 1, epoch=EPOCH) -> dict:
    return {
        "op": "snapshot",
        "topic": "positions",
        "epoch": epoch,
        "seq": seq,
        "items": [position(u) for u in units],
        "part": part,
        "parts": parts,
    }


def heads(seq: int, epoch: str = EPOCH) -> dict:
    return {"op": "heads", "heads": {"positions": {"epoch": epoch, "seq": seq}}}


def frame(message: dict | str) -> bytes:
    return message.encode() if isinstance(message, str) else json.dumps(message).encode()


@dataclass
class Case:
    name: str
    cursor: tuple[str, int] | None
    frames: list[dict | str]
    applied: set[str] = field(default_factory=set)  # unit ids upserted
    cursor_after: tuple[str | None, int] | None = None
    requests: list[dict | None] = field(default_factory=list)  # resume points asked for
    syncing: bool = False
    rejected: int = 0
    reset: bool = False
    at: list[float] | None = None  # receive time of each frame (default NOW)


CASES = [
    Case("contiguous events apply", (EPOCH, 5), [event(6, "A"), event(7, "B")], {"A", "B"},
         (EPOCH, 7)),
    Case("a batch applies in order", (EPOCH, 5),
         [{"op": "batch", "events": [event(6, "A"), event(7, "B")]}], {"A", "B"}, (EPOCH, 7)),
    Case("duplicates are skipped", (EPOCH, 5), [event(4, "OLD"), event(5, "OLD"), event(6, "A")],
         {"A"}, (EPOCH, 6)),
    Case("a gap asks to resume from the last seq, once", (EPOCH, 5),
         [event(7, "A"), event(8, "B")], set(), (EPOCH, 5),
         [{"epoch": EPOCH, "after": 5}], syncing=True),
    Case("a new epoch is a gap", (EPOCH, 5), [event(1, "A", epoch="e2")], set(), (EPOCH, 5),
         [{"epoch": EPOCH, "after": 5}], syncing=True),
    Case("heads ahead is a gap", (EPOCH, 5), [heads(9)], set(), (EPOCH, 5),
         [{"epoch": EPOCH, "after": 5}], syncing=True),
    Case("heads equal to ours is in step", (EPOCH, 5), [heads(5)], set(), (EPOCH, 5)),
    Case("heads of another epoch is a gap", (EPOCH, 5), [heads(5, "e2")], set(), (EPOCH, 5),
         [{"epoch": EPOCH, "after": 5}], syncing=True),
    Case("no cursor waits for a snapshot, which ends the resync", None,
         [snapshot(10, ["A", "B"])], set(), ("e1", 10), reset=True),
    Case("events during a pending snapshot are ignored", None,
         [snapshot(10, ["A"], part=1, parts=2), event(11, "X"), snapshot(10, ["B"], part=2,
                                                                            parts=2)],
         set(), (EPOCH, 10), reset=True),
    Case("snapshot parts out of order are dropped and asked for again at the last part", None,
         [snapshot(10, ["A"], part=1, parts=3), snapshot(10, ["C"], part=3, parts=3)], set(),
         (None, 0), [None], syncing=True),
    Case("a snapshot whose first part is missing is never applied", None,
         [snapshot(10, ["B"], part=2, parts=2)], set(), (None, 0), [None], syncing=True),
    Case("parts of two snapshots do not mix", None,
         [snapshot(10, ["A"], part=1, parts=2), snapshot(12, ["B"], part=2, parts=2)], set(),
         (None, 0), [None], syncing=True),
    Case("events after a snapshot continue from its seq", None,
         [snapshot(10, ["A"]), event(11, "B"), event(13, "C")], {"B"}, (EPOCH, 11),
         [{"epoch": EPOCH, "after": 11}], syncing=True, reset=True),
    Case("a malformed frame is rejected and skipped", (EPOCH, 5),
         ['{"op": "event", "topic"', event(6, "A")], {"A"}, (EPOCH, 6), rejected=1),
    Case("an invalid entity is skipped but its seq counts", (EPOCH, 5),
         [{**event(6), "data": {"unit": "A", "lat": 999}}, event(7, "B")], {"B"}, (EPOCH, 7),
         rejected=1),
    Case("an unknown topic is rejected", (EPOCH, 5), [event(6, topic="nope")], set(),
         (EPOCH, 5), rejected=1),
    Case("a lost snapshot is asked for again when heads show it overdue", None,
         [heads(10), heads(10)], set(), (None, 0), [None], syncing=True, at=[NOW + 1, NOW + 9]),
    Case("a resync is not repeated before it is overdue", (EPOCH, 5),
         [event(8, "A"), heads(9), heads(9)], set(), (EPOCH, 5),
         [{"epoch": EPOCH, "after": 5}, {"epoch": EPOCH, "after": 5}], syncing=True,
         at=[NOW, NOW + 5, NOW + 8]),
]  # fmt: skip


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_sequence_rules(case: Case) -> None:
    core = IngestCore("avl", ["positions"], {"positions": case.cursor} if case.cursor else None)
    subscribe = json.loads(core.subscribe_all(NOW))
    assert subscribe == {"op": "subscribe", "topics": {"positions": _resume(case.cursor)}}
    batch = IngestBatch()
    requests: list[dict | None] = []
    times = case.at or [NOW] * len(case.frames)
    for message, at in zip(case.frames, times, strict=True):
        reaction = core.receive(frame(message), at, batch)
        for sent in reaction.send:
            decoded = json.loads(sent)
            assert decoded["op"] == "subscribe"
            requests.append(decoded["topics"]["positions"])
    upserted = set(batch.upserts.get("positions", {}))
    assert upserted == case.applied
    topic = core.topics["positions"]
    if case.cursor_after is not None:
        assert (topic.epoch, topic.seq) == case.cursor_after
    assert requests == case.requests
    assert core.syncing is case.syncing
    assert batch.rejected.get("avl", 0) == case.rejected
    assert bool(batch.resets) is case.reset
    if case.applied:
        assert batch.cursors["positions"] == (topic.epoch, topic.seq)


def _resume(cursor: tuple[str, int] | None) -> dict | None:
    return None if cursor is None else {"epoch": cursor[0], "after": cursor[1]}


def test_every_frame_is_journalled_with_its_place_in_the_sequence() -> None:
    core = IngestCore("avl", ["positions"], {"positions": (EPOCH, 5)})
    core.subscribe_all(NOW)
    batch = IngestBatch()
    core.receive(frame(event(6, "A")), NOW, batch)
    core.receive(frame("not json"), NOW, batch)
    core.receive(frame(heads(6)), NOW, batch)
    kinds = [(e.kind, e.topic, e.first_seq, e.last_seq) for e in batch.journal]
    assert kinds == [("event", "positions", 6, 6), ("rejected", None, None, None),
                     ("heads", None, None, None)]  # fmt: skip


def test_acks_are_answers_except_not_now_which_retries_later() -> None:
    core = IngestCore("cad", ["incidents"])
    batch = IngestBatch()
    accepted = core.receive(frame({"op": "ack", "id": "c1", "ok": True}), NOW, batch)
    refused = core.receive(
        frame({"op": "ack", "id": "c2", "ok": False, "error": {"code": "conflict"}}), NOW, batch
    )
    later = core.receive(
        frame({"op": "ack", "id": "c3", "ok": False, "error": {"code": "unavailable"}}),
        NOW,
        batch,
    )
    slower = core.receive(
        frame({"op": "ack", "id": "c4", "ok": False, "error": {"code": "rate_limited"}}),
        NOW,
        batch,
    )
    assert not accepted.retry_commands
    assert not refused.retry_commands
    assert later.retry_commands
    assert slower.retry_commands
    assert [(a.command_id, a.ok, a.error_code) for a in batch.acks] == [
        ("c1", True, None),
        ("c2", False, "conflict"),
    ]


def test_a_reconnect_resumes_every_topic_from_its_cursor() -> None:
    core = IngestCore("cad", ["incidents", "units"], {"incidents": (EPOCH, 3)})
    core.subscribe_all(NOW)
    batch = IngestBatch()
    core.receive(frame({**event(4, topic="incidents"), "data": {}}), NOW, batch)  # bad entity
    request = json.loads(core.subscribe_all(NOW + 60))
    assert request["topics"] == {"incidents": {"epoch": EPOCH, "after": 4}, "units": None}
    assert core.syncing, "units still waits for its snapshot"


@pytest.mark.parametrize(
    ("attempt", "draw", "expected"),
    [(0, 0.0, 0.25), (0, 0.999999, 0.5), (3, 0.0, 2.0), (5, 0.5, 7.5), (40, 0.0, 5.0)],
)
def test_backoff_doubles_is_capped_and_never_below_half(attempt, draw, expected) -> None:
    assert backoff_delay(attempt, 0.5, 10.0, draw) == pytest.approx(expected, rel=1e-5)


WELCOME = {"op": "welcome", "v": 1, "service": "cad", "topics": ["incidents", "units"],
           "role": "dispatcher", "server_time": "2026-11-30T08:00:00Z"}  # fmt: skip


@pytest.mark.parametrize(
    ("first_frame", "role", "failure"),
    [
        (WELCOME, "dispatcher", None),
        ({"op": "error", "code": "unauthorized", "message": "unknown token"}, None,
         "unauthorized"),
        ({"op": "error", "code": "unsupported_version", "message": "v2 only"}, None,
         "refused: unsupported_version: v2 only"),
        ({**WELCOME, "service": "avl"}, None, "this URL serves /avl, not /cad"),
        ({"op": "heads", "heads": {}}, None, "the server did not welcome us"),
        ("<html>", None, "bad welcome"),
    ],
)  # fmt: skip
def test_the_first_frame_grants_a_role_or_says_why_not(first_frame, role, failure) -> None:
    greeting = read_welcome(frame(first_frame), "cad")
    assert greeting.role == role
    if failure is None:
        assert greeting.failure is None
    else:
        assert greeting.failure is not None
        assert greeting.failure.startswith(failure)
