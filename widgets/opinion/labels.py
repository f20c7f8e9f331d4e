"""Every word an operator reads about opinion alerts and warnings, through Qt's tr()."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from console.state.opinion import OpinionPolicy, PlatformCoverage, SpikeWarning
from widgets.common import format as fmt

#: lowest first: the filter shows "this severity and above"
SEVERITY_ORDER: tuple[str, ...] = ("info", "watch", "warning", "critical")


def severity(name: str) -> str:
    labels = {
        "info": QCoreApplication.translate("opinion", "Info"),
        "watch": QCoreApplication.translate("opinion", "Watch"),
        "warning": QCoreApplication.translate("opinion", "Warning"),
        "critical": QCoreApplication.translate("opinion", "Critical"),
    }
    return labels.get(name, name)


def platform(name: str) -> str:
    labels = {
        "weibo": QCoreApplication.translate("opinion", "Weibo"),
        "douyin": QCoreApplication.translate("opinion", "Douyin"),
        "wechat": QCoreApplication.translate("opinion", "WeChat"),
        "local_forum": QCoreApplication.translate("opinion", "Local forum"),
    }
    return labels.get(name, name.replace("_", " "))


def warning_reason(warning: SpikeWarning, policy: OpinionPolicy) -> str:
    """Why it was raised, e.g. ``flooding in Wuzhong: 48 posts/10 min, 6.2σ above baseline``."""
    return QCoreApplication.translate(
        "opinion", "{0} in {1}: {2} posts/{3} min, {4}σ above baseline"
    ).format(
        warning.topic,
        warning.district or QCoreApplication.translate("opinion", "an unknown district"),
        warning.volume,
        f"{policy.volume_window_minutes:g}",
        f"{warning.z:.1f}",
    )


def warning_line(warning: SpikeWarning, policy: OpinionPolicy, now: float) -> str:
    """One line of the warning list: time, severity, reason, peak and state."""
    parts = [
        fmt.local_time(warning.raised_at),
        severity(warning.severity).upper(),
        warning_reason(warning, policy),
    ]
    if warning.peak_volume > warning.volume:
        parts.append(
            QCoreApplication.translate("opinion", "peak {0} posts").format(warning.peak_volume)
        )
    if warning.active:
        parts.append(
            QCoreApplication.translate("opinion", "going on for {0}").format(
                fmt.age(now - warning.raised_at)
            )
        )
    else:
        parts.append(QCoreApplication.translate("opinion", "over"))
    if warning.acknowledged:
        parts.append(QCoreApplication.translate("opinion", "acknowledged"))
    return " · ".join(parts)


def coverage_line(report: PlatformCoverage) -> str:
    """``Weibo 4.2/min · 12s ago`` or ``Weibo QUIET 25m 00s``."""
    name = platform(report.platform)
    if report.quiet:
        return QCoreApplication.translate("opinion", "{0} QUIET {1}").format(
            name, fmt.age(report.silent_s)
        )
    if report.last_seen is None:
        return QCoreApplication.translate("opinion", "{0} not heard yet").format(name)
    return QCoreApplication.translate("opinion", "{0} {1}/min · {2} ago").format(
        name, f"{report.rate_per_min:.1f}", fmt.age(report.silent_s)
    )


def quiet_summary(quiet: list[PlatformCoverage]) -> str:
    """For the status bar: which platforms have gone quiet, and for how long."""
    names = ", ".join(f"{platform(c.platform)} {fmt.age(c.silent_s)}" for c in quiet)
    return QCoreApplication.translate("opinion", "Opinion sources QUIET: {0}").format(names)
