"""The incident detail's once-a-second tick updates only what time alone changes (the
report age, the SLA clock, the waits of unacknowledged orders), shows what a full redraw
would, and re-styles no label whose look stays the same."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject

from tests.console.state.builders import FakeClock, batch, unit
from tests.widgets.incidents.factories import full_incident
from widgets.incidents.detail import IncidentDetailPanel


class StyleChanges(QObject):
    """Counts the style changes (a style sheet set) of the watched widgets."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.StyleChange:
            self.count += 1
        return False


def shown(panel: IncidentDetailPanel) -> tuple[object, ...]:
    lines = [(label.text(), label.property("level")) for label in panel.units.line_labels()]
    return (
        panel.reported_label.text(),
        panel.sla_label.text(),
        panel.sla_label.styleSheet(),
        lines,
    )


def test_each_tick_shows_what_a_full_redraw_would(qtbot, store, clock: FakeClock) -> None:
    others = [
        unit(f"U-{index}", status="dispatched", incident_id="I-9", dispatched_s=0)
        for index in range(100, 300)  # orders of another incident, not listed here
    ]
    store.apply(
        batch(
            *others,
            unit("U-1", status="on_scene"),
            unit("U-2", status="dispatched", incident_id="I-1", dispatched_s=0),
            unit("U-3", status="en_route", incident_id="I-1", dispatched_s=0, ack_s=8),
            full_incident("I-9"),
        )
    )
    clock.at(5)
    ticking = IncidentDetailPanel(store, clock=clock)
    qtbot.addWidget(ticking)
    store.apply(batch(full_incident("I-1", units=["U-1", "U-3"])))
    ticking.show_incident("I-1")
    for moment in (6, 30, 59, 60, 61, 62, 119, 121, 600, 601):
        clock.at(moment)
        ticking.refresh_times()
        redrawn = IncidentDetailPanel(store, clock=clock)
        qtbot.addWidget(redrawn)
        redrawn.show_incident("I-1")
        assert shown(ticking) == shown(redrawn), moment
        redrawn.shutdown()
    assert ticking.units.texts() == [
        "Call-U-1 · On scene",
        "Call-U-3 · acknowledged by terminal after 8 s",
        "Call-U-2 · NOT ACKNOWLEDGED 601 s — order may not have arrived",
    ]


def test_ticks_restyle_nothing_until_a_look_changes(qtbot, store, clock: FakeClock) -> None:
    store.apply(
        batch(
            unit("U-1", status="on_scene"),
            unit("U-2", status="dispatched", incident_id="I-1", dispatched_s=0),
            full_incident("I-1", units=["U-1"]),
        )
    )
    clock.at(1)
    panel = IncidentDetailPanel(store, clock=clock)
    qtbot.addWidget(panel)
    panel.show_incident("I-1")
    panel.show()  # a hidden widget is not polished: no style change would be seen
    qtbot.waitExposed(panel)
    changes = StyleChanges()
    watched = [panel.sla_label, *panel.units.line_labels()]
    for widget in watched:
        widget.installEventFilter(changes)
    sla_style = panel.sla_label.styleSheet()
    for moment in range(2, 50):  # the SLA state and the order's level stay the same
        clock.at(moment)
        panel.refresh_times()
    assert panel.sla_label.styleSheet() == sla_style
    assert panel.units.texts()[1] == "Call-U-2 · awaiting acknowledgement 49 s"
    assert changes.count == 0
    clock.at(61)  # the order escalates: its line, alone, is re-styled once
    panel.refresh_times()
    assert panel.units.line_labels()[1].property("level") == "escalated"
    assert changes.count >= 1
    restyled = changes.count
    clock.at(62)
    panel.refresh_times()
    assert changes.count == restyled
    for widget in watched:
        widget.removeEventFilter(changes)
