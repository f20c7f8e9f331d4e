"""The alert feed: an incremental table, newest first, filtered, and hostile text shown
literally."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from console.controller import CommandController
from console.state.opinion import OpinionPolicy
from console.state.text import display_safe
from tests.console.state.builders import ack, batch
from tests.widgets.opinion.builders import opinion_alert
from widgets.opinion.cells import AlertColumn, AlertRoles
from widgets.opinion.feed import OpinionFeedPanel
from widgets.opinion.model import AlertTableModel
from widgets.opinion.monitor import OpinionMonitor


class Recorder:
    """Every structural signal a model emitted, in order."""

    def __init__(self, model) -> None:
        self.events: list[tuple] = []
        model.rowsInserted.connect(
            lambda _p, first, last: self.events.append(("insert", first, last))
        )
        model.rowsRemoved.connect(
            lambda _p, first, last: self.events.append(("remove", first, last))
        )
        model.dataChanged.connect(
            lambda top, bottom, _roles: self.events.append(("change", top.row(), bottom.row()))
        )
        model.modelReset.connect(lambda: self.events.append(("reset",)))


def keys(model) -> list[str]:
    return [model.key_at(row) for row in range(model.rowCount())]


def make_feed(qtbot, store, clock, policy: OpinionPolicy | None = None) -> OpinionFeedPanel:
    monitor = OpinionMonitor(store, policy or OpinionPolicy(), clock=clock)
    feed = OpinionFeedPanel(store, monitor)
    monitor.setParent(feed)
    qtbot.addWidget(feed)
    return feed


def test_new_alerts_are_inserted_on_top_and_changes_touch_their_rows_only(qtbot, store) -> None:
    model = AlertTableModel(store, interval_ms=0)  # every change set at once
    store.apply(batch(opinion_alert("A-1", ts_s=0), opinion_alert("A-2", ts_s=10)))
    assert keys(model) == ["A-2", "A-1"]
    recorder = Recorder(model)
    store.apply(batch(opinion_alert("A-4", ts_s=40), opinion_alert("A-3", ts_s=30)))
    assert recorder.events == [("insert", 0, 1)]
    assert keys(model) == ["A-4", "A-3", "A-2", "A-1"]
    recorder.events.clear()
    store.apply(batch(opinion_alert("A-2", ts_s=10, volume=99, version=2)))
    assert recorder.events == [("change", 2, 2)]
    assert model.data(model.index(2, AlertColumn.VOLUME)) == "99"
    recorder.events.clear()
    store.apply(batch(removals={"alerts": ["A-3", "A-1"]}))
    assert ("reset",) not in recorder.events
    assert keys(model) == ["A-4", "A-2"]
    assert [model.row_of(k) for k in ("A-4", "A-2", "A-3")] == [0, 1, None]
    store.apply(batch(opinion_alert("A-5", ts_s=50)))
    assert keys(model) == ["A-5", "A-4", "A-2"]
    model.close()


def test_updates_are_coalesced_into_one_insert_per_interval(qtbot, store) -> None:
    model = AlertTableModel(store, interval_ms=100)
    recorder = Recorder(model)
    for second in range(5):
        store.apply(batch(opinion_alert(f"A-{second}", ts_s=second)))
    store.apply(batch(opinion_alert("A-1", ts_s=1, volume=70, version=2)))
    store.apply(batch(removals={"alerts": ["A-3"]}))
    assert recorder.events == []
    assert model.pending
    qtbot.waitUntil(lambda: not model.pending, timeout=2000)
    assert recorder.events == [("insert", 0, 3)]  # A-3 came and went: never shown
    assert keys(model) == ["A-4", "A-2", "A-1", "A-0"]
    assert model.data(model.index(2, AlertColumn.VOLUME)) == "70"
    model.close()


def test_every_column_says_what_it_shows(qtbot, store) -> None:
    model = AlertTableModel(store, interval_ms=0)
    store.apply(
        batch(
            opinion_alert(
                "A-1", topic="积水", district="吴中区", volume=48, sentiment=-0.62,
                platform="local_forum", excerpt="水到膝盖", incident="I-7", acknowledged=True,
            )
        )
    )  # fmt: skip
    texts = [model.data(model.index(0, column)) for column in AlertColumn]
    assert texts[AlertColumn.SEVERITY] == "Info"
    assert texts[AlertColumn.PLATFORM] == "Local forum"
    assert texts[AlertColumn.TOPIC : AlertColumn.SENTIMENT + 1] == ["积水", "吴中区", "48", "-0.62"]
    assert texts[AlertColumn.STATE] == "→ I-7 · acknowledged"
    assert texts[AlertColumn.EXCERPT] == "水到膝盖"
    assert len(texts[AlertColumn.TIME]) == 8  # local HH:MM:SS
    model.close()


def test_filters_by_severity_platform_district_topic_and_search(qtbot, store, clock) -> None:
    feed = make_feed(qtbot, store, clock)
    alerts = [
        opinion_alert("A-1", topic="flooding", district="Wuzhong", platform="weibo"),
        opinion_alert("A-2", topic="flooding", district="Gusu", platform="douyin"),
        opinion_alert("A-3", topic="crowd", district="Gusu", platform="weibo",
                      excerpt="Packed near the Pingjiang Road"),
    ]  # fmt: skip
    store.apply(batch(*alerts))
    store.apply(batch(opinion_alert("A-4", topic="crowd", district="Gusu", volume=400)))
    # severity comes from the service; A-4's is raised to critical
    from msgspec.structs import replace  # noqa: PLC0415

    store.apply(batch(replace(store.alerts["A-4"], severity="critical", version=5)))
    feed.model.flush()
    bar, proxy = feed.filter_bar, feed.proxy

    def shown() -> list[str]:
        return sorted(proxy.index(r, 0).data(AlertRoles.KEY) for r in range(proxy.rowCount()))

    assert shown() == ["A-1", "A-2", "A-3", "A-4"]
    bar.severity_combo.setCurrentIndex(bar.severity_combo.findData(3))
    assert shown() == ["A-4"]
    bar.severity_combo.setCurrentIndex(0)
    assert bar.choose(bar.platform_combo, "weibo")
    assert shown() == ["A-1", "A-3", "A-4"]
    assert bar.choose(bar.district_combo, "Gusu")
    assert shown() == ["A-3", "A-4"]
    assert bar.choose(bar.topic_combo, "crowd")
    bar.search_edit.setText("PINGJIANG")
    assert shown() == ["A-3"]
    assert bar.count_label.text() == "1 shown / 4"
    assert not bar.choose(bar.topic_combo, "never seen")


HOSTILE = "<img src=x onerror=alert(1)> <b>not bold</b> \u202eevil\u202c tail"


def test_hostile_text_in_an_excerpt_renders_literally(qtbot, store, clock) -> None:
    feed = make_feed(qtbot, store, clock)
    store.apply(batch(opinion_alert("A-1", excerpt=HOSTILE, topic=HOSTILE)))
    model = feed.model
    model.flush()
    shown = display_safe(HOSTILE)
    assert "\u202e" not in shown
    assert "<img src=x onerror=alert(1)>" in shown
    assert model.data(model.index(0, AlertColumn.EXCERPT)) == shown
    assert model.data(model.index(0, AlertColumn.TOPIC)) == shown
    tip = model.data(model.index(0, AlertColumn.EXCERPT), Qt.ItemDataRole.ToolTipRole)
    assert "&lt;img src=x onerror=alert(1)&gt;" in tip
    assert "<img" not in tip
    # the topic filter and the linked-alert lines are plain text too
    assert feed.filter_bar.topic_combo.findText(shown) > 0
    assert all(
        label.textFormat() == Qt.TextFormat.PlainText
        for label in feed.findChildren(QLabel)
        if "<img" in label.text()
    )


class FakeFeed:
    def __init__(self) -> None:
        self.sent: list[tuple[str, str, dict]] = []

    def submit_command(self, service: str, kind: str, data: dict, *, target: str = "") -> str:
        self.sent.append((service, kind, data))
        return f"cmd-{len(self.sent)}"


def test_the_state_column_follows_acknowledge_and_link_commands(qtbot, store, clock) -> None:
    feed = make_feed(qtbot, store, clock)
    sink = FakeFeed()
    controller = CommandController(sink, store)
    feed.acknowledgeRequested.connect(controller.acknowledge_alert)
    feed.linkRequested.connect(controller.link_alert)
    store.apply(batch(opinion_alert("A-1")))
    assert feed.select_alert("A-1")
    qtbot.mouseClick(feed.actions.acknowledge_button, Qt.MouseButton.LeftButton)
    feed.actions.incident_edit.setText("I-42")
    qtbot.keyClick(feed.actions.incident_edit, Qt.Key.Key_Return)
    assert sink.sent == [
        ("opinion", "alert.acknowledge", {"alert": "A-1"}),
        ("opinion", "alert.link_incident", {"alert": "A-1", "incident": "I-42"}),
    ]
    model = feed.model
    model.flush()
    state = model.index(0, AlertColumn.STATE)
    assert model.data(state) == "linking to I-42…"
    store.apply(batch(acks=[ack("cmd-2", ok=False, code="not_found")]))
    model.flush()
    assert model.data(state).startswith("refused: ")
    store.apply(batch(opinion_alert("A-1", incident="I-42", acknowledged=True, version=3)))
    model.flush()
    assert model.data(state).endswith("→ I-42 · acknowledged")
    assert not feed.actions.acknowledge_button.isEnabled()


def test_read_only_roles_see_no_acknowledge_or_link(qtbot, store, clock) -> None:
    feed = make_feed(qtbot, store, clock)
    store.apply(batch(opinion_alert("A-1")))
    feed.show()
    feed.set_read_only(True)
    feed.select_alert("A-1")
    assert not feed.actions.acknowledge_button.isVisible()
    assert not feed.actions.link_button.isVisible()
    assert feed.actions.map_button.isEnabled()


def test_nearby_incidents_are_suggested_for_one_click_linking(qtbot, store, clock) -> None:
    from msgspec.structs import replace  # noqa: PLC0415

    from tests.console.state.builders import incident  # noqa: PLC0415

    feed = make_feed(qtbot, store, clock)
    near = replace(incident("I-near", reported_s=-300.0), district="Wuzhong")
    elsewhere = replace(incident("I-elsewhere", reported_s=-300.0), district="Gusu")
    store.apply(batch(near, elsewhere, opinion_alert("A-1", district="Wuzhong", ts_s=0.0)))
    links = []
    feed.linkRequested.connect(lambda alert_id, incident_id: links.append((alert_id, incident_id)))
    feed.select_alert("A-1")
    buttons = [b for b in feed.actions.suggestion_buttons if not b.isHidden()]
    assert [b.text() for b in buttons] == ["Link I-near · Theft · 0 m · 5 min"]
    qtbot.mouseClick(buttons[0], Qt.MouseButton.LeftButton)
    assert links == [("A-1", "I-near")]
