"""The monitor on the UI thread: one warning per spike, escalation, quiet sources."""

from __future__ import annotations

from PySide6.QtCore import Qt

from console.state.opinion import OpinionPolicy
from tests.console.state.builders import batch
from tests.widgets.opinion.builders import opinion_alert
from widgets.opinion.coverage_view import CoverageStrip, QuietSourcesIndicator
from widgets.opinion.monitor import OpinionMonitor
from widgets.opinion.warnings_view import OpinionEscalationBanner, WarningList

POLICY = OpinionPolicy(
    min_volume=50, critical_volume=300, escalate_after_s=120, quiet_minutes={"weibo": 10}
)


def spike_city(qtbot, store, clock, volumes: list[int]):
    """30 quiet minutes of an alert at 10 posts, then ``volumes`` a minute apart."""
    monitor = OpinionMonitor(store, POLICY, clock=clock)
    raised = []
    monitor.warningRaised.connect(raised.append)
    version = 1
    store.apply(batch(opinion_alert("A-1", volume=10)))
    monitor.tick()
    for volume in [10] * 30 + volumes:
        clock.advance(60)
        version += 1
        store.apply(batch(opinion_alert("A-1", volume=volume, version=version)))
        monitor.tick()
    return monitor, raised


def test_a_spike_raises_one_warning_with_its_reason_on_screen(qtbot, store, clock) -> None:
    monitor, raised = spike_city(qtbot, store, clock, [90])
    warnings = WarningList(monitor)
    qtbot.addWidget(warnings)
    for _ in range(5):  # the spike goes on: no second warning
        clock.advance(60)
        monitor.tick()
    [warning] = raised
    assert (warning.topic, warning.district, warning.volume) == ("flooding", "Wuzhong", 90)
    line = warnings.item_text(warning.id)
    assert "flooding in Wuzhong: 90 posts/10 min, 25.3σ above baseline" in line
    assert warnings.title.text() == "Early warnings: 1 unacknowledged"
    warnings.select_warning(warning.id)
    qtbot.mouseClick(warnings.acknowledge_button, Qt.MouseButton.LeftButton)
    assert monitor.watch.warnings.get(warning.id).acknowledged
    assert warnings.title.text() == "Early warnings: 0 unacknowledged"
    assert not warnings.acknowledge_button.isEnabled()


def test_an_unacknowledged_critical_warning_escalates_like_an_order(qtbot, store, clock) -> None:
    monitor, [warning] = spike_city(qtbot, store, clock, [400])
    banner = OpinionEscalationBanner(monitor)
    qtbot.addWidget(banner)
    banner.show()  # a parent that is shown
    banner.hide()
    assert monitor.watch.warnings.get(warning.id).severity == "critical"
    clock.advance(120)
    monitor.tick()
    assert banner.count == 0
    clock.advance(1)
    with qtbot.waitSignal(monitor.escalationsChanged, timeout=1000):
        monitor.tick()
    assert banner.count == 1
    assert not banner.isHidden()
    assert "1 critical opinion warning(s) NOT acknowledged" in banner.text()
    assert "flooding in Wuzhong: 400 posts/10 min" in banner.text()
    monitor.acknowledge_warning(warning.id)
    assert banner.count == 0
    assert banner.isHidden()


def test_a_quiet_platform_is_flagged_in_the_header_and_the_status_bar(qtbot, store, clock) -> None:
    monitor = OpinionMonitor(store, POLICY, clock=clock)
    strip, flag = CoverageStrip(monitor), QuietSourcesIndicator(monitor)
    for widget in (strip, flag):
        qtbot.addWidget(widget)
    store.apply(batch(opinion_alert("A-1", platform="weibo", ts_s=0)))
    store.apply(batch(opinion_alert("A-2", platform="douyin", ts_s=0)))
    quiet_signals = []
    monitor.quietChanged.connect(quiet_signals.append)
    clock.advance(600)
    monitor.tick()
    assert strip.quiet == []
    assert flag.isHidden()
    assert strip.lines["weibo"] == "Weibo 0.0/min · 10m 00s ago"  # out of the window
    assert "Weibo 0.0/min · 10m 00s ago" in strip.rates_label.text()
    assert strip.quiet_label.isHidden()
    clock.advance(1)
    monitor.tick()
    assert strip.quiet == ["weibo"]
    assert strip.quiet_label.text() == "Weibo QUIET 10m 01s"
    assert not strip.quiet_label.isHidden()
    assert "Weibo" not in strip.rates_label.text()
    assert not flag.isHidden()
    assert flag.text() == "Opinion sources QUIET: Weibo 10m 01s"
    assert [[c.platform for c in q] for q in quiet_signals] == [["weibo"]]
    store.apply(batch(opinion_alert("A-1", platform="weibo", volume=11, version=2)))
    monitor.tick()
    assert strip.quiet == []
    assert flag.isHidden()


def test_acknowledging_or_linking_is_not_the_platform_posting(qtbot, store, clock) -> None:
    monitor = OpinionMonitor(store, POLICY, clock=clock)
    store.apply(batch(opinion_alert("A-1", platform="weibo", ts_s=0)))
    clock.advance(900)
    store.apply(batch(opinion_alert("A-1", platform="weibo", acknowledged=True, version=2)))
    store.apply(batch(opinion_alert("A-1", platform="weibo", incident="I-1", version=3)))
    monitor.tick()
    assert [c.platform for c in monitor.quiet_platforms()] == ["weibo"]


def test_the_first_sample_waits_for_opinion_data(qtbot, store, clock) -> None:
    monitor = OpinionMonitor(store, POLICY, clock=clock)
    monitor.tick()
    assert len(monitor.watch.history) == 0
    store.apply(batch(opinion_alert("A-1", volume=500)))  # a cached picture mid-spike
    monitor.tick()
    assert len(monitor.watch.history) == 1
    assert monitor.warnings() == []  # primed, not raised
