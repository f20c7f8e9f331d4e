"""The incident table model: incremental rows, clock columns, staleness and P1 flashes."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor

from tests.console.state.builders import FakeClock, batch, status, unit
from tests.widgets.incidents.factories import full_incident
from widgets.common.style import PRIORITY_COLORS, SLA_COLORS, STALE_TEXT
from widgets.incidents.filter import IncidentFilterProxy
from widgets.incidents.model import FLASH_COLOR, IncidentTableModel
from widgets.incidents.roles import IncidentColumn, IncidentRoles

LAST_COLUMN = len(IncidentColumn) - 1


class Spy:
    """Records the structural and data signals of a model."""

    def __init__(self, model: IncidentTableModel) -> None:
        self.events: list[tuple[Any, ...]] = []
        model.rowsInserted.connect(lambda _p, first, last: self.events.append(("ins", first, last)))
        model.rowsRemoved.connect(lambda _p, first, last: self.events.append(("rem", first, last)))
        model.modelReset.connect(lambda: self.events.append(("reset",)))
        model.layoutChanged.connect(lambda *_: self.events.append(("layout",)))
        model.dataChanged.connect(
            lambda tl, br, roles: self.events.append(
                ("data", tl.row(), br.row(), tl.column(), br.column(), list(roles))
            )
        )

    def of(self, kind: str) -> list[tuple[Any, ...]]:
        return [event for event in self.events if event[0] == kind]


def keys(model: IncidentTableModel) -> list[str]:
    return [model.index(row, 0).data(IncidentRoles.KEY) for row in range(model.rowCount())]


def cell(model: IncidentTableModel, row: int, column: IncidentColumn, role: int) -> Any:
    return model.index(row, column).data(role)


def text(model: IncidentTableModel, row: int, column: IncidentColumn) -> Any:
    return cell(model, row, column, Qt.ItemDataRole.DisplayRole)


def test_existing_incidents_are_rows_and_added_ones_are_appended(store, make_model):
    store.apply(batch(full_incident("I-1")))
    model = make_model()
    spy = Spy(model)
    assert keys(model) == ["I-1"]

    store.apply(batch(full_incident("I-2"), full_incident("I-3")))

    assert keys(model) == ["I-1", "I-2", "I-3"]
    assert spy.of("ins") == [("ins", 1, 2)]
    assert spy.of("reset") == []
    assert model.row_of("I-3") == 2
    assert model.columnCount() == len(IncidentColumn)
    assert model.rowCount(model.index(0, 0)) == 0, "a flat table"


def test_displays_every_column(store, clock, make_model):
    store.apply(batch(unit("U-1")))
    store.apply(
        batch(
            full_incident(
                "I-1",
                priority=1,
                category="traffic_accident",
                district="Gusu",
                address="8 Shiquan Street",
                units=["U-1", "U-9"],
            )
        )
    )
    clock.at(30)
    model = make_model()
    assert [text(model, 0, column) for column in IncidentColumn] == [
        "P1",
        "I-1",
        "dispatch 0:30 / 1:00",  # which clock, time left, target
        "Call-U-1, U-9",
        "New",
        "Traffic accident",
        "30s",
        "Gusu",
        "8 Shiquan Street",
    ]
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in IncidentColumn]
    assert headers[:4] == ["Pri", "ID", "SLA", "Units"], "the deciding columns first"
    assert headers[-1] == "Address", "the address last: it stretches and elides"
    assert model.headerData(0, Qt.Orientation.Vertical) is None


def test_a_change_emits_data_changed_for_that_row_only(store, make_model):
    store.apply(batch(full_incident("I-1"), full_incident("I-2"), full_incident("I-3")))
    model = make_model()
    spy = Spy(model)

    store.apply(batch(full_incident("I-2", version=2, status="dispatched")))

    assert spy.events == [("data", 1, 1, 0, LAST_COLUMN, [])]
    assert text(model, 1, IncidentColumn.STATUS) == "Dispatched"


def test_removal_removes_the_row_and_keeps_the_index(store, make_model):
    store.apply(batch(*(full_incident(f"I-{n}") for n in range(1, 6))))
    model = make_model()
    spy = Spy(model)

    store.apply(batch(removals={"incidents": ["I-2", "I-4", "I-5"]}))

    assert keys(model) == ["I-1", "I-3"]
    assert spy.of("rem") == [("rem", 3, 4), ("rem", 1, 1)], "ranges, last first"
    assert spy.of("reset") == []
    assert model.row_of("I-3") == 1
    assert model.row_of("I-2") is None

    spy.events.clear()
    store.apply(batch(full_incident("I-3", version=2, priority=1)))
    assert spy.events == [("data", 1, 1, 0, LAST_COLUMN, [])]


def test_a_snapshot_is_applied_incrementally(store, make_model):
    store.apply(batch(full_incident("I-1"), full_incident("I-2"), full_incident("I-3")))
    model = make_model()
    spy = Spy(model)

    store.apply(
        batch(
            resets={
                "incidents": [
                    full_incident("I-1"),
                    full_incident("I-3", version=2, status="on_scene"),
                    full_incident("I-4"),
                ]
            }
        )
    )

    assert keys(model) == ["I-1", "I-3", "I-4"]
    assert spy.of("reset") == []
    assert spy.of("rem") == [("rem", 1, 1)]
    assert spy.of("ins") == [("ins", 2, 2)]
    assert spy.of("data") == [("data", 1, 1, 0, LAST_COLUMN, [])]


def test_the_tick_updates_only_the_age_and_sla_columns(store, clock, make_model):
    store.apply(batch(full_incident("I-1", priority=1), full_incident("I-2", priority=3)))
    model = make_model()
    proxy = IncidentFilterProxy()
    proxy.setSourceModel(model)
    spy = Spy(model)
    ticks: list = []
    model.clockTicked.connect(lambda columns, roles: ticks.append((columns, roles)))
    repainted: list = []
    proxy.dataChanged.connect(
        lambda a, b, roles: repainted.append((a.row(), b.row(), a.column(), b.column()))
    )
    assert text(model, 0, IncidentColumn.AGE) == "0s"

    clock.advance(65)
    model.refresh_clock_columns()

    assert spy.events == [], "no dataChanged: the proxy must not re-filter for the clock"
    assert [columns for columns, _ in ticks] == [[IncidentColumn.AGE, IncidentColumn.SLA]]
    assert Qt.ItemDataRole.DisplayRole in ticks[0][1]
    assert repainted == [
        (0, 1, IncidentColumn.AGE, IncidentColumn.AGE),
        (0, 1, IncidentColumn.SLA, IncidentColumn.SLA),
    ]
    assert text(model, 0, IncidentColumn.AGE) == "1m 05s"
    assert model.tick_timer_active


def test_sla_cells_count_down_and_are_coloured(store, clock, make_model):
    store.apply(batch(full_incident("I-1", priority=1)))  # dispatch target 60 s
    model = make_model()
    background = Qt.ItemDataRole.BackgroundRole

    clock.at(20)
    assert text(model, 0, IncidentColumn.SLA) == "dispatch 0:40 / 1:00"
    assert cell(model, 0, IncidentColumn.SLA, background) == QColor(SLA_COLORS["ok"])
    clock.at(50)
    assert cell(model, 0, IncidentColumn.SLA, background) == QColor(SLA_COLORS["warning"])
    clock.at(70)
    assert text(model, 0, IncidentColumn.SLA) == "dispatch -0:10 / 1:00"
    assert cell(model, 0, IncidentColumn.SLA, background) == QColor(SLA_COLORS["breach"])
    assert "1m 00s" in cell(model, 0, IncidentColumn.SLA, Qt.ItemDataRole.ToolTipRole)
    assert cell(model, 0, IncidentColumn.PRIORITY, background) == QColor(PRIORITY_COLORS[1])
    assert cell(model, 0, IncidentColumn.ADDRESS, background) is None

    store.apply(batch(full_incident("I-1", priority=1, version=2, status="dispatched")))
    assert text(model, 0, IncidentColumn.SLA) == "on scene 6:50 / 8:00", "says the clock moved"
    assert "On-scene clock" in cell(model, 0, IncidentColumn.SLA, Qt.ItemDataRole.ToolTipRole)

    store.apply(batch(full_incident("I-1", priority=1, version=3, status="on_scene")))
    assert text(model, 0, IncidentColumn.SLA) == "—"
    assert cell(model, 0, IncidentColumn.SLA, background) is None


def test_the_address_cell_elides_and_its_tooltip_has_it_in_full(store, make_model):
    long_address = "Building 7, 1288 Xinghu Street, Suzhou Industrial Park, east gate"
    store.apply(batch(full_incident("I-1", address=long_address, summary="smoke")))
    model = make_model()
    tooltip = model.index(0, IncidentColumn.ADDRESS).data(Qt.ItemDataRole.ToolTipRole)
    assert long_address in tooltip
    assert "smoke" in tooltip


def test_rows_turn_grey_when_the_incident_layer_is_stale(store, make_model):
    store.apply(batch(full_incident("I-1"), full_incident("I-2")))
    model = make_model()
    foreground = Qt.ItemDataRole.ForegroundRole
    assert cell(model, 0, IncidentColumn.ID, foreground) != QColor(STALE_TEXT)
    spy = Spy(model)

    store.apply(batch(statuses=[status("cad", "offline", since_s=5)]))

    assert [(e[1], e[2], e[3], e[4]) for e in spy.of("data")] == [(0, 1, 0, LAST_COLUMN)]
    assert foreground in spy.of("data")[0][5]
    for column in IncidentColumn:
        assert cell(model, 1, column, foreground) == QColor(STALE_TEXT)
    tooltip = cell(model, 0, IncidentColumn.ID, Qt.ItemDataRole.ToolTipRole)
    assert "stale" in tooltip

    spy.events.clear()
    store.apply(batch(statuses=[status("cad", "live", since_s=9)]))
    assert len(spy.of("data")) == 1
    assert cell(model, 1, IncidentColumn.ID, foreground) != QColor(STALE_TEXT)


def test_the_units_column_follows_callsigns(store, make_model):
    store.apply(batch(full_incident("I-1"), full_incident("I-2", units=["U-1"])))
    model = make_model()
    assert text(model, 1, IncidentColumn.UNITS) == "U-1"
    spy = Spy(model)

    store.apply(batch(unit("U-1")))
    assert spy.events == [("data", 1, 1, IncidentColumn.UNITS, IncidentColumn.UNITS, [])]
    assert text(model, 1, IncidentColumn.UNITS) == "Call-U-1"

    spy.events.clear()
    store.apply(batch(unit("U-1", version=2, status="busy")))  # same callsign
    assert spy.events == []


def test_custom_roles(store, make_model):
    store.apply(
        batch(
            full_incident(
                "I-7",
                priority=3,
                reported_s=12,
                category="fire",
                district="Wuzhong",
                address="Canal Road 3",
                summary="Smoke SEEN",
                summary_en="Rauch",
            )
        )
    )
    model = make_model()
    index = model.index(0, IncidentColumn.ADDRESS)
    assert index.data(IncidentRoles.KEY) == "I-7"
    priority, reported, key = index.data(IncidentRoles.SORT)
    assert (priority, key) == (3, "I-7")
    assert reported > 0
    assert index.data(IncidentRoles.STATUS) == "new"
    assert index.data(IncidentRoles.DISTRICT) == "Wuzhong"
    assert index.data(IncidentRoles.CATEGORY) == "fire"
    assert index.data(IncidentRoles.PRIORITY) == 3
    search = index.data(IncidentRoles.SEARCH)
    for part in ("i-7", "smoke seen", "rauch", "canal road 3"):
        assert part in search
    assert index.data(Qt.ItemDataRole.TextAlignmentRole) is not None
    assert model.data(QModelIndex()) is None
    assert model.flags(index) & Qt.ItemFlag.ItemIsSelectable
    assert not model.flags(index) & Qt.ItemFlag.ItemIsEditable


def test_tooltips_show_untrusted_summaries_literally(store, make_model):
    hostile = "<img src=x onerror=alert(1)>"
    store.apply(batch(full_incident("I-1", summary=hostile, summary_en="<b>x</b>")))
    model = make_model()
    tooltip = model.index(0, IncidentColumn.ID).data(Qt.ItemDataRole.ToolTipRole)
    assert "&lt;img src=x onerror=alert(1)&gt;" in tooltip
    assert "<img" not in tooltip
    assert "&lt;b&gt;x&lt;/b&gt;" in tooltip


class TestPriorityOneFlash:
    def test_a_new_p1_after_the_initial_load_flashes_then_stops(
        self, store, clock: FakeClock, make_model, qtbot
    ):
        store.apply(batch(full_incident("I-1", priority=1)))  # the initial load
        model = make_model()
        assert not model.is_flashing("I-1")
        arrived: list[str] = []
        model.priorityOneArrived.connect(arrived.append)

        store.apply(batch(full_incident("I-2", priority=1), full_incident("I-3", priority=2)))

        assert arrived == ["I-2"]
        assert model.is_flashing("I-2")
        assert not model.is_flashing("I-3")
        assert model.index(1, 0).data(IncidentRoles.FLASHING) is True
        assert model.flash_timer_active
        background = Qt.ItemDataRole.BackgroundRole
        assert model.index(1, IncidentColumn.ADDRESS).data(background) == QColor(FLASH_COLOR)
        clock.advance(0.5)
        assert model.index(1, IncidentColumn.ADDRESS).data(background) is None, "pulses"

        clock.advance(5)
        model.update_flashes()
        assert model.is_flashing("I-2")
        clock.advance(5)
        with qtbot.waitSignal(model.dataChanged):
            model.update_flashes()
        assert not model.is_flashing("I-2")
        assert model.index(1, 0).data(IncidentRoles.FLASHING) is False
        assert not model.flash_timer_active

    def test_the_first_batch_into_an_empty_model_is_the_initial_load(self, store, make_model):
        model = make_model()
        arrived: list[str] = []
        model.priorityOneArrived.connect(arrived.append)

        store.apply(batch(full_incident("I-1", priority=1)))  # cache or first snapshot
        store.apply(batch(full_incident("I-2", priority=1, status="dispatched")))
        assert arrived == []
        store.apply(batch(full_incident("I-3", priority=1)))
        assert arrived == ["I-3"]

    def test_mark_loaded_makes_even_the_first_batch_flash(self, store, make_model):
        model = make_model()
        model.mark_loaded()
        arrived: list[str] = []
        model.priorityOneArrived.connect(arrived.append)
        store.apply(batch(full_incident("I-1", priority=1)))
        assert arrived == ["I-1"]

    def test_the_flash_timer_runs_for_real(self, store, make_model, qtbot):
        store.apply(batch(full_incident("I-1")))
        model = make_model()
        store.apply(batch(full_incident("I-2", priority=1)))
        with qtbot.waitSignal(model.dataChanged, timeout=2000):
            pass
        assert model.is_flashing("I-2")


def test_close_unsubscribes_and_stops_the_timers(store, make_model):
    store.apply(batch(full_incident("I-1")))
    model = make_model()
    store.apply(batch(full_incident("I-2", priority=1)))
    model.close()
    model.close()  # idempotent

    store.apply(batch(full_incident("I-3")))
    assert model.rowCount() == 2
    assert not model.tick_timer_active
    assert not model.flash_timer_active


def test_destroying_the_model_unsubscribes(store, clock, qtbot):
    store.apply(batch(full_incident("I-1")))
    model = IncidentTableModel(store, clock=clock)
    with qtbot.waitSignal(model.destroyed):
        model.deleteLater()
    del model
    store.apply(batch(full_incident("I-2")))  # no listener left to fail


@pytest.mark.parametrize("status_name", ["closed", "resolved"])
def test_open_count_leaves_out_closed_incidents(store, make_model, status_name):
    store.apply(batch(full_incident("I-1"), full_incident("I-2")))
    model = make_model()
    assert model.open_count == 2
    store.apply(batch(full_incident("I-2", version=2, status=status_name)))
    assert model.open_count == (1 if status_name == "closed" else 2)
    store.apply(batch(removals={"incidents": ["I-2"]}))
    assert model.open_count == 1
