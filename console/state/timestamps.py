"""Protocol timestamps as wall-clock seconds, the unit every derived view computes in."""

from __future__ import annotations

from functools import lru_cache

from services.protocol.times import parse_ts


@lru_cache(maxsize=8192)
def _seconds(text: str) -> float | None:
    try:
        return parse_ts(text).timestamp()
    except ValueError:
        return None


def ts_seconds(text: str | None) -> float | None:
    """Seconds since the epoch of a protocol timestamp; ``None`` if absent or unreadable.

    Entity timestamps passed schema validation, but the pattern admits impossible dates
    (month 13); a derived view treats those as unknown rather than failing the UI thread.
    Results are cached: the same ``dispatched_at``/``fix_at`` strings are read many times.
    """
    if text is None:
        return None
    return _seconds(text)


def age_s(text: str | None, now: float) -> float | None:
    """Seconds from ``text`` to ``now``, never negative (a clock ahead of ours reads as 0)."""
    moment = ts_seconds(text)
    if moment is None:
        return None
    return max(0.0, now - moment)
