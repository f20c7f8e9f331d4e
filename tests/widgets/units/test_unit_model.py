from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from console.state import SituationStore
from tests.console.state.builders import FakeClock, batch, position, status, unit
from tests.widgets.units.helpers import stationed
from widgets.common.adapters import contiguous_runs
from widgets.common.style import STALE_TEXT, UNIT_STATUS_COLORS, WARNING
from widgets.units.model import TIME_COLUMNS, UnitColumn, UnitRoles, UnitTableModel

HOUR = 3600.0
MakeModel = Callable[[], UnitTableModel]


@pytest.fixture
def make_model(qapp: QApplication, store: SituationStore, clock: FakeClock) -> Iterator[MakeModel]:
    models: list[UnitTableModel] = []

    def make() -> UnitTableModel:
        model = UnitTableModel(store, clock=clock)
        models.append(model)
        return model

    yield make
    for model in models:
        model.close()
        model.deleteLater()


def cell(model: UnitTableModel, key: str, column: UnitColumn, role: int = 0) -> object:
    row = model.row_of(key)
    assert row is not None
    return model.index(row, column).data(role or Qt.ItemDataRole.DisplayRole)


def foreground(model: UnitTableModel, key: str, column: UnitColumn) -> str | None:
    value = cell(model, key, column, Qt.ItemDataRole.ForegroundRole)
    return value.name() if isinstance(value, QColor) else None


class Spy:
    """Records the structural signals of a model."""

    def __init__(self, model: UnitTableModel) -> None:
        self.inserted: list[tuple[int, int]] = []
        self.removed: list[tuple[int, int]] = []
        self.changed: list[tuple[int, int, int, int]] = []
        self.resets = 0
        model.rowsInserted.connect(lambda _p, first, last: self.inserted.append((first, last)))
        model.rowsRemoved.connect(lambda _p, first, last: self.removed.append((first, last)))
        model.dataChanged.connect(
            lambda tl, br, _roles=(): self.changed.append(
                (tl.row(), br.row(), tl.column(), br.column())
            )
        )
        model.modelReset.connect(self._reset)

    def _reset(self) -> None:
        self.resets += 1


def test_contiguous_runs() -> None:
    assert contiguous_runs([5, 1, 2, 3, 7, 8]) == [(1, 3), (5, 5), (7, 8)]
    assert contiguous_runs([]) == []


def test_initial_rows_and_roles(store: SituationStore, make_model: MakeModel) -> None:
    store.apply(batch(unit("U-2"), unit("U-1", status="busy")))
    model = make_model()
    assert model.rowCount() == 2
    assert model.rowCount(model.index(0, 0)) == 0
    assert cell(model, "U-1", UnitColumn.CALLSIGN) == "Call-U-1"
    assert cell(model, "U-1", UnitColumn.STATUS) == "Busy"
    assert cell(model, "U-1", UnitColumn.INCIDENT) == "—"
    assert cell(model, "U-1", UnitColumn.KIND) == "Patrol car"
    assert cell(model, "U-1", UnitColumn.STATUS, UnitRoles.STATUS) == "busy"
    assert cell(model, "U-1", UnitColumn.ID, UnitRoles.KEY) == "U-1"
    assert cell(model, "U-1", UnitColumn.ID, UnitRoles.GROUP) == "Gusu"
    background = cell(model, "U-1", UnitColumn.STATUS, Qt.ItemDataRole.BackgroundRole)
    assert isinstance(background, QColor)
    assert background.name() == UNIT_STATUS_COLORS["busy"]
    assert model.status_counts()["busy"] == 1
    assert model.status_counts()["available"] == 1
    assert model.stations() == ["Gusu"]
    header = model.headerData(0, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
    assert header == "Callsign"


def test_batches_update_rows_incrementally(store: SituationStore, make_model: MakeModel) -> None:
    store.apply(batch(unit("U-1"), unit("U-2"), unit("U-3")))
    model = make_model()
    spy = Spy(model)

    store.apply(batch(unit("U-4")))
    assert spy.inserted == [(3, 3)]
    assert model.rowCount() == 4

    store.apply(batch(unit("U-2", version=2, status="busy")))
    row = model.row_of("U-2")
    assert spy.changed == [(row, row, 0, len(UnitColumn) - 1)]
    assert cell(model, "U-2", UnitColumn.STATUS) == "Busy"

    spy.changed.clear()
    store.apply(batch(position("U-3")))  # a fresh position: no fact of the row changed
    assert spy.changed == []  # its "last fix" age shows it on the next tick

    store.apply(batch(removals={"units": ["U-1", "U-2"]}))
    assert spy.removed == [(0, 1)]
    assert [model.key_at(r) for r in range(model.rowCount())] == ["U-3", "U-4"]
    assert model.row_of("U-4") == 1
    assert model.row_of("U-1") is None

    spy.changed.clear()
    store.apply(batch(unit("U-3", version=1)))  # identical re-apply: the store emits nothing
    assert spy.changed == []

    # Even a snapshot (a topic reset after a resync) is applied row by row.
    spy.inserted.clear()
    spy.removed.clear()
    store.apply(batch(resets={"units": [unit("U-0"), unit("U-3"), unit("U-5")]}))
    assert [model.key_at(r) for r in range(model.rowCount())] == ["U-0", "U-3", "U-5"]
    assert spy.removed == [(1, 1)]
    assert spy.inserted == [(1, 1), (0, 0)]
    assert spy.resets == 0


def test_rows_stay_grouped_by_station_then_callsign(
    store: SituationStore, make_model: MakeModel
) -> None:
    store.apply(
        batch(
            stationed("U-1", "S-B", callsign="B 2"),
            stationed("U-2", "S-A", callsign="A 9"),
            stationed("U-3", "S-B", callsign="B 1"),
        )
    )
    model = make_model()
    spy = Spy(model)
    moved: list[tuple[int, int]] = []
    model.rowsMoved.connect(lambda _p, first, _last, _d, dest: moved.append((first, dest)))

    def order() -> list[str]:
        return [model.key_at(row) for row in range(model.rowCount())]

    assert order() == ["U-2", "U-3", "U-1"]
    assert cell(model, "U-3", UnitColumn.ID, UnitRoles.SORT) == "s-b\x1fb 1\x1fU-3"

    # New units land inside their group, one block per insertion point.
    store.apply(
        batch(
            stationed("U-4", "S-B", callsign="B 15"),
            stationed("U-5", "S-B", callsign="B 16"),
            stationed("U-6", "S-A", callsign="A 1"),
        )
    )
    assert order() == ["U-6", "U-2", "U-3", "U-4", "U-5", "U-1"]
    assert spy.inserted == [(2, 3), (0, 0)]  # the later block first

    # A unit moved to another station moves to its new group; a status change does not.
    store.apply(batch(stationed("U-1", "S-A", callsign="B 2", version=2)))
    assert order() == ["U-6", "U-2", "U-1", "U-3", "U-4", "U-5"]
    assert moved == [(5, 2)]
    row = model.row_of("U-1")
    assert (row, row, 0, len(UnitColumn) - 1) in spy.changed
    store.apply(batch(stationed("U-4", "S-B", callsign="B 15", version=2, status="busy")))
    assert order() == ["U-6", "U-2", "U-1", "U-3", "U-4", "U-5"]
    assert len(moved) == 1
    assert spy.resets == 0


def test_counts_and_facets_signals(
    qtbot: QtBot, store: SituationStore, make_model: MakeModel
) -> None:
    store.apply(batch(unit("U-1")))
    model = make_model()
    with qtbot.waitSignal(model.countsChanged, timeout=1000):
        store.apply(batch(unit("U-1", version=2, status="on_scene")))
    assert model.status_counts()["on_scene"] == 1
    assert model.status_counts()["available"] == 0
    with qtbot.waitSignal(model.facetsChanged, timeout=1000):
        store.apply(batch(unit("U-2", kind="drone")))
    assert model.kinds() == ["drone", "patrol_car"]
    with qtbot.waitSignal(model.facetsChanged, timeout=1000):
        store.apply(batch(removals={"units": ["U-2"]}))
    assert model.kinds() == ["patrol_car"]


def test_time_in_status_after_a_status_change(
    store: SituationStore, clock: FakeClock, make_model: MakeModel
) -> None:
    store.apply(batch(unit("U-1")))
    model = make_model()
    assert cell(model, "U-1", UnitColumn.TIME_IN_STATUS) == "—"  # not known yet

    clock.at(10)
    store.apply(batch(unit("U-1", version=2, status="busy")))
    clock.at(85)
    assert cell(model, "U-1", UnitColumn.TIME_IN_STATUS) == "1m 15s"
    tooltip = cell(model, "U-1", UnitColumn.TIME_IN_STATUS, Qt.ItemDataRole.ToolTipRole)
    assert isinstance(tooltip, str)
    assert tooltip.startswith("In this status since")


def test_time_in_status_of_a_dispatched_unit_counts_from_dispatched_at(
    store: SituationStore, clock: FakeClock, make_model: MakeModel
) -> None:
    store.apply(batch(unit("U-1", status="dispatched", incident_id="I-9", dispatched_s=-30)))
    model = make_model()
    assert cell(model, "U-1", UnitColumn.TIME_IN_STATUS) == "30s"
    assert cell(model, "U-1", UnitColumn.INCIDENT) == "I-9"


def test_fatigue_flag_past_the_policy_limit(
    store: SituationStore, clock: FakeClock, make_model: MakeModel
) -> None:
    store.apply(
        batch(unit("U-1", shift_started_s=-10.5 * HOUR), unit("U-2", shift_started_s=-9 * HOUR))
    )
    model = make_model()
    assert cell(model, "U-1", UnitColumn.HOURS_ON_DUTY) == "10.5 h ⚠"
    assert foreground(model, "U-1", UnitColumn.HOURS_ON_DUTY) == QColor(WARNING).name()
    assert cell(model, "U-2", UnitColumn.HOURS_ON_DUTY) == "9.0 h"
    assert foreground(model, "U-2", UnitColumn.HOURS_ON_DUTY) is None

    clock.advance(1.5 * HOUR)  # U-2 crosses 10 h: the tick refreshes the column
    model.tick()
    assert cell(model, "U-2", UnitColumn.HOURS_ON_DUTY) == "10.5 h ⚠"


def test_tick_refreshes_time_columns_only(
    qtbot: QtBot, store: SituationStore, clock: FakeClock, make_model: MakeModel
) -> None:
    store.apply(batch(unit("U-1"), unit("U-2"), position("U-1"), position("U-2")))
    model = make_model()
    spy = Spy(model)
    ticked: list[tuple[list[int], list[int]]] = []
    model.clockTicked.connect(lambda columns, roles: ticked.append((columns, roles)))
    clock.advance(5)
    model.tick()
    # One signal for the (adjacent) time columns; no row's facts changed: no dataChanged
    # (a filter proxy would re-filter every row on it).
    assert [columns for columns, _roles in ticked] == [[int(c) for c in TIME_COLUMNS]]
    assert Qt.ItemDataRole.DisplayRole in ticked[0][1]
    assert [int(c) for c in TIME_COLUMNS] == list(range(TIME_COLUMNS[0], TIME_COLUMNS[-1] + 1))
    assert spy.changed == []
    assert cell(model, "U-1", UnitColumn.LAST_FIX) == "5s"
    assert spy.resets == 0

    store.apply(batch(position("U-1", fix_s=5, version=1)))  # a fresh fix...
    clock.advance(1)
    model.tick()  # ...read on the next tick
    assert cell(model, "U-1", UnitColumn.LAST_FIX) == "1s"


def test_the_timer_ticks_on_its_own(qtbot: QtBot, store: SituationStore, clock: FakeClock) -> None:
    store.apply(batch(unit("U-1")))
    model = UnitTableModel(store, clock=clock, tick_ms=10)
    try:
        with qtbot.waitSignal(model.clockTicked, timeout=2000):
            pass
    finally:
        model.close()
        model.deleteLater()


def test_stale_fix_is_grey(store: SituationStore, clock: FakeClock, make_model: MakeModel) -> None:
    store.apply(batch(unit("U-1"), position("U-1", fix_s=0), unit("U-2")))
    model = make_model()
    assert foreground(model, "U-1", UnitColumn.LAST_FIX) is None
    assert foreground(model, "U-1", UnitColumn.CALLSIGN) is None

    spy = Spy(model)
    clock.advance(120)  # past policy.fix_stale_s (60 s)
    model.tick()
    row = model.row_of("U-1")
    assert (row, row, 0, len(UnitColumn) - 1) in spy.changed  # the whole row flipped
    assert foreground(model, "U-1", UnitColumn.LAST_FIX) == STALE_TEXT
    assert foreground(model, "U-1", UnitColumn.CALLSIGN) == STALE_TEXT
    assert cell(model, "U-1", UnitColumn.LAST_FIX) == "2m 00s"
    assert foreground(model, "U-2", UnitColumn.CALLSIGN) is None  # no position: not stale

    store.apply(batch(position("U-1", fix_s=120, version=1)))  # a fresh fix
    assert foreground(model, "U-1", UnitColumn.CALLSIGN) is None


def test_rows_of_a_stale_layer_are_grey(store: SituationStore, make_model: MakeModel) -> None:
    store.apply(batch(unit("U-1")))
    model = make_model()
    store.apply(batch(unit("U-1", version=2, status="busy"), statuses=[status("cad", "offline")]))
    assert foreground(model, "U-1", UnitColumn.CALLSIGN) == STALE_TEXT


def test_close_unsubscribes(store: SituationStore, make_model: MakeModel) -> None:
    model = make_model()
    model.close()
    model.close()  # idempotent
    store.apply(batch(unit("U-1")))
    assert model.rowCount() == 0
    assert not model.index(0, 0).isValid()
    assert model.data(QModelIndex()) is None
