"""The trend plots draw what the store held: read the PlotDataItems' data back."""

from __future__ import annotations

from collections import Counter

from console.state.opinion import OpinionPolicy
from console.state.timestamps import ts_seconds
from tests.console.state.builders import T0, batch, incident
from tests.widgets.opinion.builders import opinion_alert
from widgets.opinion.monitor import OpinionMonitor
from widgets.opinion.trend_data import HOUR_S
from widgets.opinion.trends import OpinionTrendsPanel

POLICY = OpinionPolicy(trend_hours=1.0, min_volume=50)


def store_volumes(store) -> Counter:
    totals: Counter = Counter()
    for alert in store.alerts.values():
        totals[alert.topic] += alert.volume
    return totals


def make_trends(qtbot, store, clock) -> tuple[OpinionMonitor, OpinionTrendsPanel]:
    monitor = OpinionMonitor(store, POLICY, clock=clock)
    trends = OpinionTrendsPanel(store, monitor)
    monitor.setParent(trends)
    qtbot.addWidget(trends)
    return monitor, trends


def test_topic_curves_equal_the_store_counts_at_every_sample_and_now(qtbot, store, clock) -> None:
    monitor, trends = make_trends(qtbot, store, clock)
    expected: dict[float, Counter] = {}
    version = 0
    for minute in range(80):  # longer than the hour shown: the oldest samples leave
        version += 1
        alerts = [opinion_alert("A-1", topic="flooding", volume=10 + minute % 7, version=version)]
        if minute >= 20:
            alerts.append(opinion_alert("A-2", topic="crowd", volume=minute, version=version))
        if minute >= 30:
            alerts.append(
                opinion_alert("A-3", topic="flooding", district="Gusu", volume=5, version=version)
            )
        store.apply(batch(*alerts))
        monitor.tick()
        expected[clock.now] = store_volumes(store)
        clock.advance(60)
    store.apply(batch(opinion_alert("A-1", topic="flooding", volume=77, version=version + 1)))
    trends.redraw_topics()  # what the rate-limited live update does
    now = clock.now
    window = [t for t in expected if t >= now - 3600]
    for topic in ("flooding", "crowd"):
        x, y = trends.topic_curves[topic].getData()
        assert list(x) == [*window, now]
        assert list(y) == [expected[t][topic] for t in window] + [store_volumes(store)[topic]]
    assert x[0] >= now - 3600
    assert store_volumes(store)["flooding"] == 82


def test_warnings_are_marked_where_they_fired(qtbot, store, clock) -> None:
    monitor, trends = make_trends(qtbot, store, clock)
    store.apply(batch(opinion_alert("A-1", volume=10)))
    monitor.tick()
    for version in range(2, 12):
        clock.advance(60)
        store.apply(
            batch(opinion_alert("A-1", volume=10 if version < 11 else 120, version=version))
        )
        monitor.tick()
    [warning] = monitor.warnings()
    spots = trends.markers.data
    assert [(s["x"], s["y"], s["data"]) for s in spots] == [(warning.raised_at, 120, warning.id)]


def test_incidents_per_hour_by_category_equal_the_store(qtbot, store, clock) -> None:
    clock.at(2.5 * 3600)  # 23:00 UTC: the window reaches back into 22:00
    _monitor, trends = make_trends(qtbot, store, clock)
    items = [
        incident(f"I-{n}", reported_s=s)
        for n, s in enumerate([-100.0, 3700.0, 5000.0, 7300.0, 8000.0, 8900.0])
    ]
    store.apply(batch(*items))
    trends.redraw_incidents()
    x, y = trends.category_curves["theft"].getData()
    first_hour = (T0 + 1.5 * 3600) // HOUR_S * HOUR_S
    assert list(x) == [first_hour + HOUR_S / 2, first_hour + 1.5 * HOUR_S]
    in_window = Counter(
        (ts_seconds(i.reported_at) - first_hour) // HOUR_S
        for i in store.incidents.values()
        if ts_seconds(i.reported_at) >= first_hour
    )
    assert list(y) == [in_window[0], in_window[1]] == [3, 0]


def test_hover_shows_the_values_under_the_pointer(qtbot, store, clock) -> None:
    monitor, trends = make_trends(qtbot, store, clock)
    store.apply(batch(opinion_alert("A-1", topic="flooding", volume=12, sentiment=-0.5)))
    monitor.tick()
    clock.advance(60)
    store.apply(batch(opinion_alert("A-1", topic="flooding", volume=30, sentiment=-0.5, version=2)))
    monitor.tick()
    text = trends.hover_text(T0 + 5)
    assert "flooding: 12" in text
    assert "sentiment -0.50" in text
    assert "flooding: 30" in trends.hover_text(T0 + 59)
    store.apply(batch(incident("I-1", reported_s=10)))
    trends.redraw_incidents()
    assert "Theft 1" in trends.incident_hover_text(T0 + 100)


def test_live_redraws_are_rate_limited(qtbot, store, clock) -> None:
    monitor, trends = make_trends(qtbot, store, clock)
    store.apply(batch(opinion_alert("A-1")))
    monitor.tick()
    before = trends.redraws
    for version in range(2, 40):  # forty changes in a burst…
        store.apply(batch(opinion_alert("A-1", volume=version, version=version)))
    qtbot.waitUntil(lambda: trends.redraws > before, timeout=3000)
    qtbot.wait(300)
    assert trends.redraws - before <= 2  # …one or two redraws, not forty
    _x, y = trends.topic_curves["flooding"].getData()
    assert y[-1] == 39
