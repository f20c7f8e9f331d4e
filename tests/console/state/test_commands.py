from __future__ import annotations

from console.state import ChangeSet, SituationStore, StatePolicy
from services.client.batch import IngestBatch
from tests.console.state.builders import T0, FakeClock, ack, batch


def test_a_command_goes_queuing_queued_sent_accepted(
    store: SituationStore, clock: FakeClock
) -> None:
    heard: list[ChangeSet] = []
    store.subscribe(heard.append)

    store.track_command("cmd-1", "incident.dispatch", "Send U-1 to I-1")
    record = store.command("cmd-1")
    assert record is not None
    assert (record.state, record.kind, record.issued_at) == ("queuing", "incident.dispatch", T0)

    store.apply(IngestBatch(queued=["cmd-1"]))  # the cache writer committed the outbox row
    record = store.command("cmd-1")
    assert record is not None
    assert (record.state, record.queue_error) == ("queued", None)

    clock.advance(1.0)
    store.command_sent("cmd-1")
    record = store.command("cmd-1")
    assert record is not None
    assert (record.state, record.sent_at) == ("sent", T0 + 1.0)

    changes = store.apply(batch(acks=[ack("cmd-1", at_s=2.0)]))
    assert [a.command_id for a in changes.acks] == ["cmd-1"]
    assert changes.commands == {"cmd-1"}
    record = store.command("cmd-1")
    assert record is not None
    assert record.state == "accepted"
    assert record.answered_at == T0 + 2.0
    assert record.error_code is None
    assert [c.commands for c in heard] == [{"cmd-1"}] * 4


def test_a_command_the_cache_could_not_store_is_not_queued_until_it_is(
    store: SituationStore,
) -> None:
    store.track_command("cmd-1", "incident.dispatch", "Send U-1 to I-1")
    changes = store.apply(IngestBatch(not_queued={"cmd-1": "database or disk is full"}))
    assert changes.commands == {"cmd-1"}
    record = store.command("cmd-1")
    assert record is not None
    assert (record.state, record.queue_error) == ("not_queued", "database or disk is full")
    assert not record.answered  # pending: never trimmed

    # Sent from memory and answered: the answer shows, and so does the missing outbox row.
    store.apply(IngestBatch(sent=["cmd-1"]))
    store.apply(batch(acks=[ack("cmd-1")]))
    record = store.command("cmd-1")
    assert record is not None
    assert (record.state, record.queue_error) == ("accepted", "database or disk is full")

    # The cache takes writes again and stores it: nothing is missing any more.
    store.track_command("cmd-2", "incident.close", "Close I-1")
    store.apply(IngestBatch(not_queued={"cmd-2": "attempt to write a readonly database"}))
    store.apply(IngestBatch(queued=["cmd-1", "cmd-2"]))
    assert store.command("cmd-1").queue_error is None  # type: ignore[union-attr]
    record = store.command("cmd-2")
    assert record is not None
    assert (record.state, record.queue_error) == ("queued", None)


def test_a_merged_batch_applies_not_queued_then_queued_then_sent(store: SituationStore) -> None:
    store.track_command("cmd-1", "unit.set_status", "U-1 busy")
    merged = IngestBatch(not_queued={"cmd-1": "disk I/O error"})
    merged.merge(IngestBatch(queued=["cmd-1"]))
    merged.merge(IngestBatch(sent=["cmd-1"]))
    store.apply(merged)
    record = store.command("cmd-1")
    assert record is not None
    assert (record.state, record.queue_error) == ("sent", None)


def test_a_conflict_is_refused_with_its_error(store: SituationStore) -> None:
    store.track_command("cmd-2", "incident.update", "Raise I-1 to P1")
    store.command_sent("cmd-2")
    store.apply(batch(acks=[ack("cmd-2", ok=False, code="conflict")]))
    record = store.command("cmd-2")
    assert record is not None
    assert record.state == "refused"
    assert record.error_code == "conflict"
    assert record.error_message is not None
    assert "changed meanwhile" in record.error_message


def test_a_duplicate_ack_changes_nothing(store: SituationStore) -> None:
    store.track_command("cmd-1", "incident.close", "Close I-1")
    store.apply(batch(acks=[ack("cmd-1")]))
    assert store.apply(batch(acks=[ack("cmd-1", at_s=9.0)])).is_empty()
    record = store.command("cmd-1")
    assert record is not None
    assert record.answered_at == T0


def test_sent_after_the_answer_does_not_downgrade(store: SituationStore) -> None:
    store.track_command("cmd-1", "unit.set_status", "U-1 busy")
    store.apply(batch(acks=[ack("cmd-1")]))
    store.command_sent("cmd-1")
    store.track_command("cmd-1", "unit.set_status", "U-1 busy")  # resent after a restart
    record = store.command("cmd-1")
    assert record is not None
    assert record.state == "accepted"


def test_an_ack_for_an_untracked_command_is_still_shown(store: SituationStore) -> None:
    store.apply(batch(acks=[ack("cmd-old", ok=False, code="not_found")]))
    record = store.command("cmd-old")
    assert record is not None
    assert (record.state, record.kind, record.error_code) == ("refused", "", "not_found")
    store.track_command("cmd-old", "incident.close", "Close I-9")
    record = store.command("cmd-old")
    assert record is not None
    assert (record.state, record.kind) == ("refused", "incident.close")


def test_commands_are_listed_newest_first_and_answered_ones_are_trimmed(
    clock: FakeClock,
) -> None:
    store = SituationStore(clock=clock, policy=StatePolicy(command_history_cap=2))
    for number in range(4):
        clock.advance(1.0)
        store.track_command(f"cmd-{number}", "incident.update", f"update {number}")
    store.apply(batch(acks=[ack("cmd-1")]))
    assert store.command("cmd-1") is not None  # an answer is shown before it may be trimmed
    # Over the cap, but only answered commands may go: cmd-1 does, pending ones stay.
    store.track_command("cmd-4", "incident.update", "update 4")
    assert [r.command_id for r in store.commands()] == ["cmd-4", "cmd-3", "cmd-2", "cmd-0"]
