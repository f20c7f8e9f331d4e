"""Durations and times as an operator reads them."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QCoreApplication


def age(seconds: float | None) -> str:
    """``42s``, ``3m 05s``, ``2h 14m``, ``3d 4h`` (in Chinese ``3分05秒``…); ``—`` when unknown."""
    if seconds is None:
        return "—"
    seconds = max(0, int(seconds))
    if seconds < 60:
        return QCoreApplication.translate("duration", "{s}s").format(s=seconds)
    minutes, secs = divmod(seconds, 60)
    if minutes < 60:
        return QCoreApplication.translate("duration", "{m}m {s:02d}s").format(m=minutes, s=secs)
    hours, minutes = divmod(minutes, 60)
    if hours < 48:
        return QCoreApplication.translate("duration", "{h}h {m:02d}m").format(h=hours, m=minutes)
    days, hours = divmod(hours, 24)
    return QCoreApplication.translate("duration", "{d}d {h}h").format(d=days, h=hours)


def countdown(seconds: float | None) -> str:
    """Remaining time, ``-1m 10s`` once past."""
    if seconds is None:
        return "—"
    return age(seconds) if seconds >= 0 else "-" + age(-seconds)


def local_time(epoch_seconds: float) -> str:
    return datetime.fromtimestamp(epoch_seconds, UTC).astimezone().strftime("%H:%M:%S")
