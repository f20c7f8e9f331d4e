"""The deployment panel over a live store: posts with their reasons, figures, the hour
slider, following the clock, and history read from a real cache journal."""

from __future__ import annotations

import re

import msgspec
import pytest

from console.state import SituationStore
from console.state.deployment import local_hour
from console.state.deployment.history import FrameHistory, PastIncident
from services.cache import Cache
from services.client.batch import IngestBatch, JournalEntry
from services.protocol.codec import encode
from services.protocol.messages import Batch, Event
from tests.console.state.builders import T0, batch, incident, position, ts, unit
from widgets.common.ticker import Ticker
from widgets.deployment.journal import read_journal
from widgets.deployment.panel import DeploymentPanel

GUANQIAN, JINJI, KUNSHAN = (31.311, 120.626), (31.31, 120.69), (31.385, 120.97)
REASON = re.compile(r"^.+: heat \d\.\d\d \(.+ · \w+\), population \d\.\d\d$")


def history(now: float) -> FrameHistory:
    """A week of thefts in the old town in the evening and a few elsewhere."""
    past = [
        PastIncident(f"H-{day}-{n}", now - day * 86400 + n * 60, *GUANQIAN, "theft")
        for day in range(1, 8)
        for n in range(6)
    ]
    past += [PastIncident(f"K-{day}", now - day * 86400, *KUNSHAN, "dispute") for day in range(7)]
    return FrameHistory(past, frames=len(past))


@pytest.fixture
def desk_store(store: SituationStore, clock) -> SituationStore:
    entities = [unit(f"U-{i}") for i in range(3)]
    entities += [
        position("U-0", lat=31.50, lon=120.40, fix_s=0.0),  # far from everything
        position("U-1", lat=31.90, lon=120.60, fix_s=0.0),
        position("U-2", lat=31.20, lon=121.00, fix_s=0.0),
        incident("I-1", lat=JINJI[0], lon=JINJI[1], reported_s=-600.0),
    ]
    store.apply(batch(*entities))
    return store


@pytest.fixture
def panel(qtbot, desk_store, clock):
    ticker = Ticker(clock, interval_ms=3_600_000)  # ticked by hand
    view = DeploymentPanel(desk_store, clock=clock, ticker=ticker, history=history)
    qtbot.addWidget(view)
    view.resize(900, 500)
    view.show()
    yield view, ticker
    view.shutdown()


def wait_plan(qtbot, view, predicate=lambda plan: True):
    qtbot.waitUntil(lambda: view.plan is not None and predicate(view.plan), timeout=20000)
    return view.plan


def test_posts_are_listed_with_their_reasons_and_the_figures(qtbot, panel, clock) -> None:
    view, _ticker = panel
    plan = wait_plan(qtbot, view)
    assert plan.hour == local_hour(clock())
    assert plan.units_available == 3
    assert view.model.rowCount() == len(plan.posts) == 3
    assert plan.covered_suggested >= plan.covered_now
    assert view.planner.history_read is not None
    assert len(view.planner.history_read.incidents) == 49
    for row in range(3):
        reason = view.model.index(row, 1).data()
        assert REASON.match(reason), reason
        assert view.model.index(row, 2).data() in {"U-0", "U-1", "U-2"}
        assert view.model.index(row, 3).data().endswith("km")
    first = view.model.index(0, 1).data()
    assert first.startswith("Guanqian")  # the week of thefts is in the old town
    assert "Theft" in first
    assert "units now" in view.coverage_label.text()
    assert "%" in view.coverage_label.text()
    assert "3 units available" in view.details_label.text()


def test_the_slider_plans_a_later_hour_and_stops_following_the_clock(qtbot, panel, clock) -> None:
    view, _ticker = panel
    wait_plan(qtbot, view)
    later = (local_hour(clock()) + 5) % 24
    with qtbot.waitSignal(view.planChanged, timeout=20000) as changed:
        view.hour_slider.setValue(later)
    assert changed.args[0].hour == later
    assert not view.follow_box.isChecked()
    assert view.hour_label.text() == f"Plan for {later:02d}:00"
    assert changed.args[0].target_ts > clock()
    view.follow_box.setChecked(True)
    wait_plan(qtbot, view, lambda plan: plan.hour == local_hour(clock()))


def test_following_the_clock_recomputes_when_the_hour_changes(qtbot, panel, clock) -> None:
    view, ticker = panel
    first = wait_plan(qtbot, view)
    clock.advance(3600)
    with qtbot.waitSignal(view.planChanged, timeout=20000) as changed:
        ticker.tick()
    assert changed.args[0].hour == (first.hour + 1) % 24
    assert view.hour_slider.value() == changed.args[0].hour


def test_new_incidents_in_the_store_reach_the_next_plan(qtbot, panel, desk_store, clock) -> None:
    view, _ticker = panel
    before = wait_plan(qtbot, view).incidents_counted
    desk_store.apply(
        batch(*[incident(f"I-new-{n}", lat=KUNSHAN[0], lon=KUNSHAN[1]) for n in range(5)])
    )
    view.recompute()
    wait_plan(qtbot, view, lambda plan: plan.incidents_counted >= before + 5)


def test_a_failing_history_is_said_and_tried_again_losing_nothing(qtbot, desk_store, clock) -> None:
    calls = []

    def flaky(now: float) -> FrameHistory:
        calls.append(now)
        if len(calls) == 1:
            raise OSError("cache file unreadable")
        return history(now)

    view = DeploymentPanel(desk_store, clock=clock, ticker=Ticker(clock), history=flaky)
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: "could not be made" in view.coverage_label.text(), timeout=20000)
    assert "cache file unreadable" in view.coverage_label.text()
    qtbot.waitUntil(lambda: not view.planner.busy, timeout=20000)
    view.recompute()
    plan = wait_plan(qtbot, view)
    assert len(calls) == 2
    assert view.planner.history_read is not None
    # the history, and the store's incident handed to the job that failed
    assert view.planner.incidents_in_book == 49 + 1
    assert plan.units_available == 3
    view.shutdown()


def incident_frame(incident_id: str, seq: int) -> bytes:
    data = msgspec.json.encode(incident(incident_id, lat=GUANQIAN[0], lon=GUANQIAN[1]))
    event = Event(
        topic="incidents",
        epoch="e-1",
        seq=seq,
        ts=ts(0),
        type="incident.created",
        data=msgspec.Raw(data),
    )
    return encode(Batch(events=[event])) if seq % 2 else encode(event)


def test_history_comes_from_the_cache_journal(tmp_path) -> None:
    cache = Cache(tmp_path / "cache.sqlite3")
    try:
        stored = IngestBatch()
        stored.journal = [
            JournalEntry("cad", T0 - 86400 * n, incident_frame(f"I-{n}", n + 1), "event", None)
            for n in range(5)
        ]
        stored.journal.append(JournalEntry("cad", T0, b"{broken", "event", "incidents"))
        stored.journal.append(JournalEntry("avl", T0, b"{}", "event", "positions"))
        cache.commit(stored)
    finally:
        cache.close()
    found = read_journal(tmp_path / "cache.sqlite3", since=T0 - 3.5 * 86400)
    assert sorted(i.id for i in found.incidents) == ["I-0", "I-1", "I-2", "I-3"]
    assert found.unreadable == 1
    assert found.incidents[0].category == "theft"
    assert read_journal(tmp_path / "missing.sqlite3", since=0).incidents == []


def test_units_arriving_recompute_without_waiting_a_minute(qtbot, store, clock) -> None:
    ticker = Ticker(clock, interval_ms=3_600_000)
    view = DeploymentPanel(store, clock=clock, ticker=ticker, history=history)
    qtbot.addWidget(view)
    empty = wait_plan(qtbot, view)
    assert empty.units_available == 0
    assert empty.posts == ()
    store.apply(batch(unit("U-9"), position("U-9", lat=31.3, lon=120.6, fix_s=0.0)))
    for _ in range(5):  # five ticks: the units check
        ticker.tick()
    plan = wait_plan(qtbot, view, lambda plan: plan.units_available == 1)
    assert len(plan.posts) == 1
    view.shutdown()
