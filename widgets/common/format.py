"""Durations and times as an operator reads them."""

from __future__ import annotations

from datetime import UTC, datetime


def age(seconds: float | None) -> str:
    """``42s``, ``3m 05s``, ``2h 14m``, ``3d 4h``; ``—`` when unknown."""
    if seconds is None:
        return "—"
    seconds = max(0, int(seconds))
    if seconds < 60:
        return f"{seconds}s"
    minutes, secs = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes}m {secs:02d}s"
    hours, minutes = divmod(minutes, 60)
    if hours < 48:
        return f"{hours}h {minutes:02d}m"
    days, hours = divmod(hours, 24)
    return f"{days}d {hours}h"


def countdown(seconds: float | None) -> str:
    """Remaining time, ``-1m 10s`` once past."""
    if seconds is None:
        return "—"
    return age(seconds) if seconds >= 0 else "-" + age(-seconds)


def local_time(epoch_seconds: float) -> str:
    return datetime.fromtimestamp(epoch_seconds, UTC).astimezone().strftime("%H:%M:%S")
