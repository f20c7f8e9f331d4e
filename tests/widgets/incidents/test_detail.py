"""The incident detail panel: facts shown literally, live orders, actions, removal."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from tests.console.state.builders import FakeClock, batch, unit
from tests.widgets.incidents.factories import full_incident
from widgets.incidents.detail import IncidentDetailPanel

HOSTILE = "<img src=x onerror=alert(1)>"


@pytest.fixture
def panel(qtbot, store, clock: FakeClock):
    detail = IncidentDetailPanel(store, clock=clock)
    qtbot.addWidget(detail)
    detail.confirm = lambda _incident_id: True
    return detail


def show(store, panel: IncidentDetailPanel, *entities, key: str = "I-1") -> None:
    store.apply(batch(*entities))
    panel.show_incident(key)


def test_shows_the_incident(store, clock, panel):
    clock.at(125)
    show(
        store,
        panel,
        full_incident(
            "I-1",
            priority=1,
            category="traffic_accident",
            source="video",
            district="Gusu",
            address="8 Shiquan Street",
            summary="两车相撞",
            summary_en="Two cars collided",
        ),
    )
    assert panel.objectName() == "incidentDetail"
    assert panel.incident_id == "I-1"
    assert panel.id_label.text() == "I-1"
    assert panel.priority_label.text() == "P1"
    assert panel.category_label.text() == "Traffic accident"
    assert panel.status_label.text() == "New"
    assert panel.source_label.text() == "video patrol"  # the source in words, not "video"
    assert "2m 05s ago" in panel.reported_label.text()
    assert "BREACHED" in panel.sla_label.text()
    assert panel.summary_label.text() == "两车相撞"
    assert panel.summary_en_label.text() == "Two cars collided"
    assert not panel.summary_en_label.isHidden()
    assert panel.address_label.text() == "8 Shiquan Street"
    assert panel.district_label.text() == "Gusu"
    assert panel.location_label.text() == "31.30000, 120.60000"
    assert panel.timeline.texts()[0].endswith("New")
    assert not panel.showing_removed

    clock.advance(10)
    panel.refresh_times()
    assert "2m 15s ago" in panel.reported_label.text()


def test_summary_en_hidden_when_the_same_or_missing(store, panel):
    show(store, panel, full_incident("I-1", summary="Same", summary_en="Same"))
    assert panel.summary_en_label.isHidden()
    show(store, panel, full_incident("I-1", version=2, summary="Same"))
    assert panel.summary_en_label.isHidden()


def test_untrusted_text_is_shown_literally(store, panel):
    show(
        store,
        panel,
        full_incident(
            "I-1", summary=HOSTILE, address="<a href=x>here</a>", notes=[(5, "<b>bold</b>")]
        ),
    )
    assert panel.summary_label.text() == HOSTILE
    assert panel.summary_label.textFormat() == Qt.TextFormat.PlainText
    assert panel.address_label.text() == "<a href=x>here</a>"
    [note] = panel.notes.text_labels()
    assert note.text() == "<b>bold</b>"
    assert note.textFormat() == Qt.TextFormat.PlainText
    for label in panel.findChildren(QLabel):
        assert label.textFormat() == Qt.TextFormat.PlainText, label.objectName()


def test_timeline_and_notes_follow_the_store(store, panel):
    show(store, panel, full_incident("I-1"))
    assert panel.notes.text_labels() == []
    store.apply(
        batch(
            full_incident(
                "I-1", version=2, status="dispatched", updated_s=20, notes=[(20, "Caller hung up")]
            )
        )
    )
    assert [t.split()[-1] for t in panel.timeline.texts()] == ["New", "Dispatched"]
    assert [label.text() for label in panel.notes.text_labels()] == ["Caller hung up"]
    assert panel.status_label.text() == "Dispatched"


class TestAssignedUnits:
    def test_escalated_order_when_unacknowledged_past_the_threshold(self, store, clock, panel):
        store.apply(batch(unit("U-3", status="dispatched", incident_id="I-1", dispatched_s=0)))
        clock.at(45)
        show(store, panel, full_incident("I-1", units=["U-3"]))
        [line] = panel.units.line_labels()
        assert line.text() == "Call-U-3 · awaiting acknowledgement 45 s"
        assert line.property("level") == "awaiting"

        clock.at(75)
        panel.refresh_times()
        [line] = panel.units.line_labels()
        assert line.text() == "Call-U-3 · NOT ACKNOWLEDGED 75 s — order may not have arrived"
        assert line.property("level") == "escalated"
        assert "bold" in line.styleSheet()
        assert line.textFormat() == Qt.TextFormat.PlainText

    def test_acknowledgements_update_live(self, store, clock, panel):
        store.apply(batch(unit("U-3", status="dispatched", incident_id="I-1", dispatched_s=0)))
        clock.at(20)
        show(store, panel, full_incident("I-1", units=["U-3"]))
        store.apply(
            batch(
                unit(
                    "U-3",
                    version=2,
                    status="en_route",
                    incident_id="I-1",
                    dispatched_s=0,
                    ack_s=8,
                    ack_via="terminal",
                )
            )
        )
        assert panel.units.texts() == ["Call-U-3 · acknowledged by terminal after 8 s"]
        assert panel.units.line_labels()[0].property("level") == "acknowledged"

        store.apply(
            batch(
                unit(
                    "U-3",
                    version=3,
                    status="en_route",
                    incident_id="I-1",
                    dispatched_s=0,
                    ack_s=70,
                    ack_via="phone",
                )
            )
        )
        assert panel.units.texts() == ["Call-U-3 · confirmed by phone after 70 s"]

    def test_units_without_orders_unknown_units_and_orders_not_yet_listed(
        self, store, clock, panel
    ):
        store.apply(
            batch(
                unit("U-1", status="on_scene"),
                unit("U-2", status="dispatched", incident_id="I-1", dispatched_s=0),
            )
        )
        clock.at(5)
        show(store, panel, full_incident("I-1", units=["U-1", "U-404"]))
        assert panel.units.texts() == [
            "Call-U-1 · On scene",
            "U-404 · unknown unit",
            "Call-U-2 · awaiting acknowledgement 5 s",
        ]
        store.apply(batch(removals={"units": ["U-2"]}))
        assert len(panel.units.texts()) == 2


class TestActions:
    def test_priority_and_category_changes(self, store, panel, qtbot):
        show(store, panel, full_incident("I-1", priority=3, category="theft"))
        bar = panel.action_bar
        assert not bar.apply_button.isEnabled(), "nothing changed yet"
        bar.priority_combo.setCurrentIndex(bar.priority_combo.findData(2))
        with qtbot.waitSignal(panel.updateRequested) as blocker:
            qtbot.mouseClick(bar.apply_button, Qt.MouseButton.LeftButton)
        assert blocker.args == ["I-1", {"priority": 2}]

        bar.priority_combo.setCurrentIndex(bar.priority_combo.findData(3))
        bar.category_combo.setCurrentIndex(bar.category_combo.findData("fire"))
        with qtbot.waitSignal(panel.updateRequested) as blocker:
            bar.apply_button.click()
        assert blocker.args == ["I-1", {"category": "fire"}]

    def test_an_unapplied_choice_survives_a_live_update(self, store, panel):
        show(store, panel, full_incident("I-1", priority=3))
        bar = panel.action_bar
        bar.priority_combo.setCurrentIndex(bar.priority_combo.findData(1))
        store.apply(batch(full_incident("I-1", version=2, priority=3, status="dispatched")))
        assert bar.priority_combo.currentData() == 1
        store.apply(batch(full_incident("I-1", version=3, priority=1, status="dispatched")))
        assert not bar.apply_button.isEnabled()

    def test_an_unknown_category_is_offered(self, store, panel):
        show(store, panel, full_incident("I-1", category="drone_sighting"))
        assert panel.action_bar.category_combo.currentData() == "drone_sighting"

    def test_notes_are_sent_on_enter_and_blank_ones_refused(self, store, panel, qtbot):
        show(store, panel, full_incident("I-1"))
        edit = panel.action_bar.note_edit
        qtbot.keyClicks(edit, "   ")
        assert not panel.action_bar.note_button.isEnabled()
        with qtbot.assertNotEmitted(panel.updateRequested):
            qtbot.keyClick(edit, Qt.Key.Key_Return)
        edit.clear()
        qtbot.keyClicks(edit, "  Witness at the gate <b>x</b> ")
        with qtbot.waitSignal(panel.updateRequested) as blocker:
            qtbot.keyClick(edit, Qt.Key.Key_Return)
        assert blocker.args == ["I-1", {"note": "Witness at the gate <b>x</b>"}]
        assert edit.text() == ""
        qtbot.keyClicks(edit, "second")
        with qtbot.waitSignal(panel.updateRequested) as blocker:
            panel.action_bar.note_button.click()
        assert blocker.args == ["I-1", {"note": "second"}]

    def test_dispatch(self, store, panel, qtbot):
        show(store, panel, full_incident("I-1"))
        assert panel.action_bar.dispatch_button.text() == "Dispatch…"
        with qtbot.waitSignal(panel.dispatchRequested) as blocker:
            panel.action_bar.dispatch_button.click()
        assert blocker.args == ["I-1"]

    def test_close_asks_first(self, store, panel, qtbot):
        show(store, panel, full_incident("I-1"))
        asked: list[str] = []

        def refuse(incident_id: str) -> bool:
            asked.append(incident_id)
            return False

        panel.confirm = refuse
        with qtbot.assertNotEmitted(panel.closeRequested):
            panel.action_bar.close_button.click()
        assert asked == ["I-1"]

        panel.confirm = lambda _incident_id: True
        with qtbot.waitSignal(panel.closeRequested) as blocker:
            panel.action_bar.close_button.click()
        assert blocker.args == ["I-1"]

    def test_a_closed_incident_cannot_be_closed_or_dispatched(self, store, panel):
        show(store, panel, full_incident("I-1", status="closed"))
        assert not panel.action_bar.close_button.isEnabled()
        assert not panel.action_bar.dispatch_button.isEnabled()

    def test_every_button_has_a_tooltip(self, store, panel):
        show(store, panel, full_incident("I-1"))
        bar = panel.action_bar
        for button in (bar.apply_button, bar.note_button, bar.dispatch_button, bar.close_button):
            assert button.toolTip()

    def test_read_only_hides_every_action(self, store, panel, qtbot):
        show(store, panel, full_incident("I-1"))
        panel.set_read_only(True)
        bar = panel.action_bar
        assert bar.isHidden()
        for widget in (
            bar.priority_combo,
            bar.category_combo,
            bar.apply_button,
            bar.note_edit,
            bar.note_button,
            bar.dispatch_button,
            bar.close_button,
        ):
            assert not widget.isVisibleTo(panel)
        with qtbot.assertNotEmitted(panel.dispatchRequested):
            bar.dispatch_button.click()
        panel.set_read_only(False)
        assert not bar.isHidden()


def test_a_removed_incident_says_so(store, panel):
    show(store, panel, full_incident("I-1"), full_incident("I-2"))
    store.apply(batch(removals={"incidents": ["I-2"]}))
    assert not panel.showing_removed

    store.apply(batch(removals={"incidents": ["I-1"]}))
    assert panel.showing_removed
    assert "removed" in panel.placeholder.text()
    assert "I-1" in panel.placeholder.text()
    assert not panel.action_bar.isEnabled()

    store.apply(batch(full_incident("I-1", version=2)))
    assert not panel.showing_removed
    assert panel.id_label.text() == "I-1"


def test_no_incident(panel):
    panel.show_incident(None)
    assert panel.incident_id is None
    assert panel.placeholder.text() == "No incident selected"
    assert not panel.action_bar.isEnabled()


def test_shutdown_stops_listening(store, panel):
    show(store, panel, full_incident("I-1"))
    panel.shutdown()
    store.apply(batch(full_incident("I-1", version=2, summary="changed")))
    assert panel.summary_label.text() == "Theft reported"
