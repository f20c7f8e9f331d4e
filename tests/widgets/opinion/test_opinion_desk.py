"""The opinion panels on the whole desk, against the real hub and the S-city simulator
(stepped by the test: see conftest.py)."""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import Qt

from console.state.opinion import OpinionPolicy
from services.backend.sim.profiles import ScriptedAlert
from tests.widgets.opinion.conftest import LIVE
from widgets.opinion import labels
from widgets.opinion.cells import AlertColumn

FLOODING_IN_WUZHONG = ScriptedAlert(at_s=900.0, kind="weather", district="Wuzhong", peak=400)


def volumes_by_key(store) -> Counter:
    totals: Counter = Counter()
    for alert in store.alerts.values():
        totals[(alert.topic, alert.district)] += alert.volume
    return totals


def volumes_by_topic(store) -> Counter:
    totals: Counter = Counter()
    for alert in store.alerts.values():
        totals[alert.topic] += alert.volume
    return totals


def test_a_simulated_spike_raises_exactly_one_warning_with_its_reason(qtbot, opinion_desk) -> None:
    desk = opinion_desk({"scripted_alerts": (FLOODING_IN_WUZHONG,)})
    seen: dict[float, Counter] = {}
    desk.minutes(75, lambda: seen.setdefault(desk.clock.now, volumes_by_key(desk.store)))
    [warning] = desk.raised
    assert warning.topic.endswith("积水严重")  # flooding at a place …
    assert warning.district == "吴中区"  # … in Wuzhong
    assert warning.raised_at > desk.clock.now - 75 * 60 + 900
    assert warning.volume == seen[warning.raised_at][warning.key]  # the store's count then
    reason = labels.warning_reason(warning, desk.monitor.policy)
    assert reason == (
        f"{warning.topic} in 吴中区: {warning.volume} posts/10 min, {warning.z:.1f}σ above baseline"
    )
    assert warning.volume >= 80
    assert warning.z >= 5.0
    assert reason in desk.feed.warning_list.item_text(warning.id)
    assert desk.feed.warning_list.title.text() == "Early warnings: 1 unacknowledged"
    # it grew critical and nobody acknowledged it: escalated, like an order
    assert desk.monitor.watch.warnings.get(warning.id).severity == "critical"
    assert desk.window.opinion_banner.count == 1
    assert desk.window.opinion_banner.isVisibleTo(desk.window)
    desk.feed.warning_list.select_warning(warning.id)
    qtbot.mouseClick(desk.feed.warning_list.acknowledge_button, Qt.MouseButton.LeftButton)
    assert not desk.window.opinion_banner.isVisibleTo(desk.window)


def test_steady_traffic_for_an_hour_raises_none_and_the_trends_show_the_store(
    qtbot, opinion_desk
) -> None:
    desk = opinion_desk({"alert_interval_s": 30.0}, policy=OpinionPolicy(trend_hours=0.5))
    seen: dict[float, Counter] = {}
    desk.minutes(60, lambda: seen.setdefault(desk.clock.now, volumes_by_topic(desk.store)))
    assert desk.raised == []
    assert desk.monitor.warnings() == []
    assert len(desk.store.alerts) > 60, "an hour of posts went by"
    trends = desk.window.opinion_trends
    trends.redraw_topics()
    now = desk.clock.now
    window = [t for t in seen if t >= now - 1800]
    assert trends.topic_curves
    for topic, curve in trends.topic_curves.items():
        x, y = curve.getData()
        assert list(x) == window
        assert list(y[:-1]) == [seen[t][topic] for t in window[:-1]]
        assert y[-1] == volumes_by_topic(desk.store)[topic]  # the live point: the store now
    hours, counts = [], {}
    for category, curve in trends.category_curves.items():
        hours, values = curve.getData()
        counts[category] = list(values)
    assert sum(sum(v) for v in counts.values()) == sum(
        1
        for i in desk.store.incidents.values()
        if (at := _ts(i.reported_at)) is not None and at >= hours[0] - 1800 and at <= now
    )


def _ts(text: str) -> float | None:
    from console.state.timestamps import ts_seconds  # noqa: PLC0415

    return ts_seconds(text)


def test_a_platform_that_stops_posting_is_flagged_within_its_quiet_period(
    qtbot, opinion_desk
) -> None:
    desk = opinion_desk(
        {"alert_interval_s": 15.0, "silent_platforms": (("weibo", 600.0),)},
        policy=OpinionPolicy(quiet_minutes={"weibo": 10}, default_quiet_minutes=30),
    )
    flagged_at: list[float] = []

    def check() -> None:
        if not flagged_at and "weibo" in desk.feed.coverage.quiet:
            flagged_at.append(desk.clock.now)

    desk.minutes(30, check)
    weibo = desk.monitor.watch.coverage.platform("weibo", desk.clock.now)
    assert weibo.last_seen is not None
    assert weibo.last_seen <= desk.clock.now - 30 * 60 + 600
    assert flagged_at, "weibo was flagged"
    # flagged within its quiet period (10 min), at the first tick after it ran out
    assert 600 < flagged_at[0] - weibo.last_seen <= 600 + 60
    assert desk.window.quiet_sources.isVisibleTo(desk.window)
    assert desk.window.quiet_sources.text().startswith("Opinion sources QUIET: Weibo")
    assert desk.feed.coverage.quiet_label.text().startswith("Weibo QUIET")
    assert [c.platform for c in desk.monitor.quiet_platforms()] == ["weibo"]


def test_acknowledge_and_link_go_through_the_outbox_and_survive_a_reconnect(
    qtbot, opinion_desk
) -> None:
    desk = opinion_desk({"initial_alerts": 6, "initial_incidents": 4})
    store, feed = desk.store, desk.feed
    first, second = sorted(store.alerts)[:2]
    incident_id = sorted(store.incidents)[0]
    versions = {key: store.alerts[key].version for key in (first, second)}
    desk.stop_backend()
    qtbot.waitUntil(lambda: store.service_status("opinion").state != "live", timeout=LIVE)
    assert feed.select_alert(first)
    qtbot.mouseClick(feed.actions.acknowledge_button, Qt.MouseButton.LeftButton)
    assert feed.select_alert(second)
    feed.actions.incident_edit.setText(incident_id)
    qtbot.mouseClick(feed.actions.link_button, Qt.MouseButton.LeftButton)
    model = feed.model

    def state(key: str) -> str:
        model.flush()
        return model.data(model.index(model.row_of(key), AlertColumn.STATE))

    assert state(first) == "acknowledging…"
    assert state(second) == f"linking to {incident_id}…"
    commands = [r for r in store.commands() if r.kind.startswith("alert.")]
    assert len(commands) == 2
    assert all(not r.answered for r in commands)

    desk.restart_backend()
    qtbot.waitUntil(
        lambda: store.alerts[first].acknowledged and store.alerts[second].incident == incident_id,
        timeout=LIVE,
    )
    qtbot.waitUntil(
        lambda: all(store.command(r.command_id).state == "accepted" for r in commands),
        timeout=LIVE,
    )
    assert store.alerts[first].version == versions[first] + 1, "applied exactly once"
    assert store.alerts[second].version == versions[second] + 1, "applied exactly once"
    assert state(first) == "acknowledged"
    assert state(second) == f"→ {incident_id}"
    # the connection drops once more: nothing is sent or applied again
    desk.stop_backend()
    desk.restart_backend()
    qtbot.waitUntil(desk.live, timeout=LIVE)
    qtbot.wait(500)
    assert store.alerts[first].version == versions[first] + 1
    assert store.alerts[second].version == versions[second] + 1
    # the linked alert shows in the incident's detail
    desk.window.queue.select_incident(incident_id)
    desk.window.detail.show_incident(incident_id)
    assert desk.window.detail.sections["linkedAlerts"].alert_ids() == [second]


def map_read(qtbot, view, expression: str):
    box: list = []
    view.evaluate(expression, box.append)
    qtbot.waitUntil(lambda: bool(box), timeout=10000)
    return box[0]


def test_the_map_and_the_feed_select_each_other(qtbot, opinion_desk) -> None:
    desk = opinion_desk({"initial_alerts": 12})
    window, store = desk.window, desk.store
    placed = sorted(key for key, alert in store.alerts.items() if alert.location is not None)
    assert len(placed) >= 2
    qtbot.waitUntil(
        lambda: (
            window.map.ready
            and map_read(qtbot, window.map, "ccmap.stats()")["markers"]["alerts"] == len(placed)
        ),
        timeout=LIVE,
    )
    marker = map_read(qtbot, window.map, f'ccmap.marker("alerts", "{placed[0]}")')
    alert = store.alerts[placed[0]]
    assert marker["tooltip"] == (
        f"{alert.topic} · {labels.severity(alert.severity)} · {alert.volume} posts/10 min"
        f"\n{alert.district}\n{alert.excerpt}"
    )
    assert map_read(qtbot, window.map, f'ccmap.click("alerts", "{placed[0]}")') is True
    qtbot.waitUntil(lambda: window.opinion.selected_alert() == placed[0], timeout=10000)
    assert window.docks["opinionDock"].isVisibleTo(window)
    window.opinion.select_alert(placed[1])
    qtbot.mouseClick(window.opinion.actions.map_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: map_read(qtbot, window.map, "ccmap.stats()")["selected"] == f"alerts:{placed[1]}",
        timeout=10000,
    )


def test_a_layout_saved_before_the_opinion_panels_still_restores(
    qtbot, opinion_desk, tmp_path
) -> None:
    import shutil  # noqa: PLC0415
    from pathlib import Path  # noqa: PLC0415

    saved = tmp_path / "before.ini"  # saved by the desk as it was before these panels
    shutil.copy(Path(__file__).parent / "data" / "layout-v2.ini", saved)
    desk = opinion_desk(settings=saved)
    window = desk.window
    assert window.layout_restored
    area = Qt.DockWidgetArea
    assert window.dockWidgetArea(window.docks["unitsDock"]) == area.RightDockWidgetArea  # kept
    for name, default in (
        ("opinionDock", area.BottomDockWidgetArea),
        ("opinionTrendsDock", area.RightDockWidgetArea),
    ):
        dock = window.docks[name]
        assert window.dockWidgetArea(dock) == default  # its default place
        assert not dock.isFloating()
        assert dock.toggleViewAction().isChecked()
    shortcut = next(a for a in window.actions() if a.objectName() == "show-opinionDock")
    assert shortcut.shortcut().toString() == "Ctrl+Shift+O"
