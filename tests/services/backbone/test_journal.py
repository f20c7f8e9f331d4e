"""The core's journal: how commits are cut into entries, and what a restart republishes."""

from __future__ import annotations

import pytest

from services.backend.backbone.journal import (
    JournalAck,
    JournalEvent,
    Unit,
    decode_entry,
    encode_entry,
    entries_of,
    missing_events,
)


def event(topic: str, seq: int, size: int = 100) -> JournalEvent:
    return JournalEvent(topic, seq, f"K-{seq}", False, b"x" * size)


def test_a_commands_events_and_ack_are_never_split_but_a_step_may_be() -> None:
    step = Unit(events=[event("positions", n, 400) for n in range(1, 11)])
    command = Unit(
        events=[event("incidents", 1, 400), event("units", 1, 400)], ack=JournalAck("k", b"ack")
    )
    entries = entries_of([step, command], budget=2000)
    assert len(entries) > 2, "the step was cut to fit"
    holding = [e for e in entries if e.acks]
    assert len(holding) == 1
    assert [x.topic for x in holding[0].events][-2:] == ["incidents", "units"]
    assert [x.seq for e in entries for x in e.events if x.topic == "positions"] == list(
        range(1, 11)
    )
    assert decode_entry(encode_entry(entries[0])) == entries[0]


def test_missing_events_are_what_the_streams_lack_in_order() -> None:
    entries = entries_of(
        [Unit(events=[event("a", 1), event("b", 1), event("a", 2), event("a", 3)])]
    )
    missing = missing_events(entries, {"a": 1, "b": 1})
    assert [(e.topic, e.seq) for e in missing] == [("a", 2), ("a", 3)]
    assert missing_events(entries, {"a": 3, "b": 1}) == []


def test_a_journal_that_cannot_continue_a_stream_is_an_error() -> None:
    entries = entries_of([Unit(events=[event("a", 5)])])
    with pytest.raises(RuntimeError, match="ends at 3"):
        missing_events(entries, {"a": 3})
