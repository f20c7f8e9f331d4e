"""The desk on a recording: watermark, controls over the one clock, the timeline, and the
trainee-actions table — real widgets on a real recorded shift."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QAction

from console.replay.session import open_replay, replay_source
from console.shell.main_window import MainWindow
from console.shell.training import Watermark
from tests.replay.conftest import Shift, pump


@pytest.fixture
def replay_desk(qtbot, recorded_shift: Shift, tmp_path):
    session = open_replay(recorded_shift.cache, trainee_file=tmp_path / "trainee.sqlite3")
    session.start()
    window = MainWindow(session, settings_path=tmp_path / "layout.ini")
    window.show()
    yield window, session
    window.close()
    window.deleteLater()
    session.stop()


def test_the_replay_desk_is_watermarked_and_follows_its_controls(replay_desk, qtbot) -> None:
    window, session = replay_desk
    source = replay_source(session)
    assert source is not None
    (mark,) = [m for m in window.findChildren(Watermark) if m.parent() is window]
    assert mark.isVisible()
    assert mark.word == "REPLAY"
    assert mark.geometry() == window.rect()
    floating = window.docks["unitsDock"]
    dock_mark = floating.findChild(Watermark)
    assert not dock_mark.isVisible()
    floating.setFloating(True)  # a dock on its own window carries its own watermark
    qtbot.waitUntil(dock_mark.isVisible, timeout=2000)
    floating.setFloating(False)
    assert window.windowTitle().startswith("[REPLAY]")
    controls = window.replay.controls
    clock = session.clock
    assert clock.paused
    assert clock() == source.start_time
    # step: the next recorded change, paused
    following = source.next_event_after(clock())
    controls.step.click()
    assert clock() == following
    assert clock.paused
    # speed and play
    controls.rate.setCurrentIndex(controls.rate.findData(60.0))
    assert clock.rate == 60.0
    controls.play.click()
    assert not clock.paused
    before = clock()
    qtbot.waitUntil(lambda: clock() > before + 5, timeout=2000)  # 60x: minutes per second
    controls.play.click()
    assert clock.paused
    # the index arrives; next incident stands where the next incident was first seen
    qtbot.waitUntil(lambda: source.index is not None, timeout=20000)
    qtbot.waitUntil(controls.next_incident.isEnabled, timeout=3000)
    clock.seek(source.start_time)
    marker = source.index.next_incident(source.start_time)
    assert marker is not None
    controls.next_incident.click()
    assert clock() == marker.ts
    qtbot.waitUntil(lambda: marker.key in session.store.incidents, timeout=5000)
    # the timeline seeks where it is clicked (its signal) and shows the position
    middle = (source.start_time + source.end_time) / 2
    controls.timeline.seek_requested.emit(middle)
    assert clock() == middle
    window.ticker.tick()
    assert abs(controls.timeline.cursor.value() - middle) < 1e-3
    assert len(controls.timeline.incidents.data) == len(source.index.incidents)
    assert len(controls.timeline.density.opts["x0"]) == len(source.index.density) == 400
    assert sum(n for _, n in source.index.density) > 0


def test_a_trainee_command_is_listed_and_not_sent(replay_desk, qtbot) -> None:
    window, session = replay_desk
    source = replay_source(session)
    session.clock.seek(source.end_time)
    assert pump(lambda: source.delivered_to == source.end_time and session.store.incidents, 20)
    incident = next(iter(session.store.incidents))
    window.controller.update_incident(incident, note="trainee note")
    table = window.replay.trainee_actions
    qtbot.waitUntil(lambda: table.rowCount() == 1, timeout=5000)
    assert table.item(0, 1).text() == "incident.update"
    assert table.item(0, 2).text() == incident


def test_the_replay_menu_writes_the_report(replay_desk, tmp_path, monkeypatch) -> None:
    window, _session = replay_desk
    out = tmp_path / "menu-report.html"
    monkeypatch.setattr(
        "console.shell.training.QFileDialog.getSaveFileName", lambda *_a, **_k: (str(out), "")
    )
    window.findChild(QAction, "afterActionReport").trigger()
    assert "<h1>" in out.read_text(encoding="utf-8")
    assert (tmp_path / "menu-report-incidents.csv").exists()
    assert window.findChild(QAction, "forkFromHere") is not None


def test_the_wall_shows_what_the_recorded_wall_showed(replay_desk, recorded_shift, qtbot) -> None:
    window, session = replay_desk
    wall = window.video.wall
    (t1, _, _, first, _), (t2, _, _, second, _), (t3, *_) = recorded_shift.wall
    expected = [
        (t1 - 0.5, [None, None]),
        (t2 + 0.5, [first, second]),
        (t3 + 0.5, [None, second]),
        (t2 + 0.5, [first, second]),  # and back
    ]
    for moment, tiles in expected:
        session.clock.seek(moment)
        qtbot.waitUntil(lambda tiles=tiles: wall.assignments[:2] == tiles, timeout=5000)
