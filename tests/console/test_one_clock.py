"""One clock: move it, and every panel reads the same moment at once."""

from __future__ import annotations

from console.state.timestamps import ts_seconds
from tests.console.test_desk import LIVE, all_live, select_in_queue
from widgets.common import format as fmt
from widgets.common import labels
from widgets.incidents.cells import display_text
from widgets.incidents.roles import IncidentColumn
from widgets.units.cells import UnitCells, UnitColumn


def _cell(model, row: int, column: int) -> str:
    return model.data(model.index(row, column))


def test_seeking_the_clock_moves_every_panel_to_the_same_moment(qtbot, make_desk) -> None:
    desk = make_desk()
    window, store, clock = desk.window, desk.session.store, desk.session.clock
    qtbot.waitUntil(lambda: all_live(desk), timeout=LIVE)
    qtbot.waitUntil(lambda: window.queue.model.rowCount() > 0, timeout=LIVE)
    incident_id = window.queue.model.key_at(0)
    select_in_queue(desk, incident_id)
    qtbot.waitUntil(lambda: window.detail.id_label.text() == incident_id, timeout=LIVE)
    reported = ts_seconds(store.incidents[incident_id].reported_at)
    assert reported is not None

    clock.pause()
    for offset in (125.0, 3 * 3600.0 + 7):
        moment = reported + offset
        clock.seek(moment)  # the one tick follows the jump at once: no waiting
        assert clock() == moment
        incident = store.incidents[incident_id]
        queue = window.queue.model
        row = queue.row_of(incident_id)
        assert _cell(queue, row, IncidentColumn.AGE) == fmt.age(offset)
        sla_text = display_text(incident, IncidentColumn.SLA, store, moment)
        assert _cell(queue, row, IncidentColumn.SLA) == sla_text
        assert f"({fmt.age(offset)} ago)" in window.detail.reported_label.text()
        sla = store.sla(incident_id, moment)
        if sla is not None and sla.remaining_s is not None:
            assert labels.sla_state(sla.state) in window.detail.sla_label.text()
        units = window.units.model
        for unit_id in list(store.units)[:20]:
            cells = UnitCells(store, store.units[unit_id], moment)
            for column in (UnitColumn.HOURS_ON_DUTY, UnitColumn.LAST_FIX):
                shown = _cell(units, units.row_of(unit_id), column)
                assert shown == cells.display(column, None), (unit_id, column)
        assert window.status_strip.clock.text() == fmt.local_time(moment)
    clock.go_live()
