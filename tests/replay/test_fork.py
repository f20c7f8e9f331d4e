"""Fork from here: a sandbox backend in a child process, seeded with the replayed picture;
its initial state equals the replayed state, and trainee commands go to it, not live."""

from __future__ import annotations

import random
import threading

from console.fork import fork_from
from console.replay.digest import store_digest
from console.replay.session import open_replay
from tests.replay.conftest import Shift, pump
from tests.replay.test_equivalence import settle


def test_a_fork_starts_from_the_replayed_state(recorded_shift: Shift, tmp_path) -> None:
    at_moment = dict(recorded_shift.samples)
    moments = sorted(at_moment)
    moment = random.Random(3).choice(moments[len(moments) // 2 :])
    replay = open_replay(recorded_shift.cache, trainee_file=tmp_path / "trainee.sqlite3")
    replay.start()
    try:
        settle(replay, moment)
        replayed = store_digest(replay.store)
    finally:
        replay.stop()
    assert replayed == at_moment[moment]
    commands_before, _ = recorded_shift.relay.counts()
    # frozen: the sandbox serves its initial state and does not move on
    training = fork_from(recorded_shift.cache, moment, folder=tmp_path, simulate=False)
    assert training.mode == "training"
    sandbox = training.backend
    assert sandbox is not None
    assert sandbox.process.pid != threading.get_native_id()
    assert sandbox.port != recorded_shift.hub.port
    training.start()
    try:
        assert pump(lambda: store_digest(training.store) == replayed, 30), (
            "the sandbox's picture is not the replayed one"
        )
        incident = next(iter(training.store.incidents))
        command = training.controller.update_incident(incident, note="trainee in the sandbox")
        assert pump(
            lambda: (r := training.store.command(command)) is not None and r.state == "accepted",
            20,
        )
    finally:
        training.stop()
    assert sandbox.process.poll() is not None  # the sandbox stopped with the session
    assert recorded_shift.relay.counts()[0] == commands_before  # nothing reached live
    assert list(tmp_path.glob("fork-*/console.sqlite3"))  # the exercise's data lives apart
