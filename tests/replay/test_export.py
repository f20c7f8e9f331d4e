"""``command-centre-replay export``: a window of a recording in one file that replays the
same picture as the cache it came from."""

from __future__ import annotations

import random
from datetime import UTC, datetime

from console.app import main as console_main
from console.replay.cli import main
from console.replay.digest import store_digest
from console.replay.recording import Recording
from console.replay.session import open_replay
from tests.replay.conftest import Shift
from tests.replay.test_equivalence import settle


def iso(moment: float) -> str:
    return datetime.fromtimestamp(moment, UTC).isoformat()


def test_an_export_replays_the_window_like_the_cache(recorded_shift: Shift, tmp_path) -> None:
    recording = Recording(recorded_shift.cache)
    start, end = recording.start, recording.end
    recording.close()
    since, until = start + (end - start) * 0.4, start + (end - start) * 0.8
    out = tmp_path / "window.ccr"
    assert (
        main(
            [
                "export",
                str(recorded_shift.cache),
                "--from",
                iso(since),
                "--to",
                iso(until),
                str(out),
            ]
        )
        == 0
    )
    exported = Recording(out)
    assert not exported.complete
    assert abs(exported.start - since) < 1e-3
    assert exported.end <= until
    exported.close()
    at_moment = dict(recorded_shift.samples)
    inside = [m for m in sorted(at_moment) if since + 1e-3 < m <= until]
    assert len(inside) >= 3
    session = open_replay(out, trainee_file=tmp_path / "trainee.sqlite3")
    session.start()
    try:
        for moment in random.Random(7).sample(inside, 3):
            settle(session, moment)
            assert store_digest(session.store) == at_moment[moment]
    finally:
        session.stop()


def test_export_refuses_clearly(recorded_shift: Shift, tmp_path, capsys) -> None:
    taken = tmp_path / "taken"
    taken.write_text("")
    assert main(["export", str(recorded_shift.cache), str(taken)]) == 2
    assert "exists already" in capsys.readouterr().err
    assert main(["export", str(tmp_path / "missing"), str(tmp_path / "x")]) == 2
    assert "no such file" in capsys.readouterr().err
    assert (
        main(["export", str(recorded_shift.cache), "--from", "yesterday", str(tmp_path / "y")]) == 2
    )
    assert "not an ISO 8601 time" in capsys.readouterr().err


def test_command_centre_replay_of_a_file_that_is_no_recording_is_one_sentence(
    qapp, tmp_path, capsys
) -> None:
    assert console_main(["--replay", str(tmp_path / "missing.sqlite3")]) == 2
    assert "no such file" in capsys.readouterr().err
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"not a database at all" * 100)
    assert console_main(["--replay", str(junk)]) == 2
    assert "not a console recording" in capsys.readouterr().err
