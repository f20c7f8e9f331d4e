"""Replay equivalence: at 10 random moments of a recorded live session, the replayed
store holds exactly what the live store held then (canonical digests compared); and a
replay sends nothing anywhere."""

from __future__ import annotations

import random

from console.replay.digest import store_digest
from console.replay.rebuild import Replayer
from console.replay.recording import Recording
from console.replay.session import open_replay, replay_source
from services.cache import Cache
from tests.replay.conftest import Shift, pump


def settle(session, moment: float) -> None:
    """Seek the replay to ``moment`` and wait until the store shows it."""
    source = replay_source(session)
    assert source is not None
    session.clock.seek(moment)
    assert pump(lambda: source.delivered_to == moment and session.bridge._pending is None, 30), (
        f"the replay did not reach {moment}"
    )


def test_the_replayed_store_equals_the_live_one_at_ten_random_moments(
    recorded_shift: Shift, tmp_path
) -> None:
    samples = recorded_shift.samples
    recording = Recording(recorded_shift.cache)
    assert recording.has_checkpoints  # the seeks below start from checkpoints
    recording.close()
    distinct = len({digest for _, digest in samples})
    assert distinct > 20, f"the live store changed only {distinct} times"
    # The last digest recorded for each moment is what the store held at that moment.
    at_moment = dict(samples)
    moments = random.Random(14).sample(sorted(at_moment), 10)
    session = open_replay(recorded_shift.cache, trainee_file=tmp_path / "trainee.sqlite3")
    session.start()
    try:
        # in random order: forwards, backwards, across checkpoints
        for moment in moments:
            settle(session, moment)
            assert store_digest(session.store) == at_moment[moment], moment
        assert len(session.store.incidents) > 0
    finally:
        session.stop()


def test_no_command_leaves_a_replay(recorded_shift: Shift, tmp_path) -> None:
    relay = recorded_shift.relay
    commands_before, _ = relay.counts()
    # the relay does count commands: the live console's one went through it
    assert commands_before[recorded_shift.live_command] == 1
    outbox_before = Cache(recorded_shift.cache).unacknowledged()
    session = open_replay(recorded_shift.cache, trainee_file=tmp_path / "trainee.sqlite3")
    session.start()
    try:
        settle(session, Recording(recorded_shift.cache).end)
        incident = next(iter(session.store.incidents))
        unit = next(iter(session.store.units))
        issued = [
            session.controller.dispatch(incident, [unit]),
            session.controller.update_incident(incident, note="trainee"),
            session.controller.set_unit_status(unit, "available"),
            session.controller.create_incident(
                category="theft", priority=3, summary="drill", lat=31.3, lon=120.6
            ),
        ]
        assert pump(
            lambda: all(
                (r := session.store.command(c)) is not None and r.state == "refused" for c in issued
            ),
            10,
        )
        record = session.store.command(issued[0])
        assert record is not None
        assert record.error_code == "replay"
        source = replay_source(session)
        assert source is not None
        actions = source.trainee.actions()
        assert [a["command_id"] for a in actions] == issued
        assert actions[0]["type"] == "incident.dispatch"
    finally:
        session.stop()
    commands_after, _ = relay.counts()
    assert commands_after == commands_before  # 0 commands reached the hub
    assert Cache(recorded_shift.cache).unacknowledged() == outbox_before


def test_a_long_seek_reports_its_progress(recorded_shift: Shift, monkeypatch) -> None:
    monkeypatch.setattr("console.replay.rebuild.SEEK_CHUNK", 3)
    recording = Recording(recorded_shift.cache)
    try:
        replayer = Replayer(recording)
        seen: list[float] = []
        replayer.seek(recording.end, seen.append)
        assert len(seen) >= 3
        assert seen == sorted(seen)
        assert 0.0 < seen[0] < 1.0
        assert seen[-1] > 0.9
    finally:
        recording.close()
