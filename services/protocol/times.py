"""Protocol timestamps: ISO-8601 UTC with milliseconds and ``Z``."""

from __future__ import annotations

from datetime import UTC, datetime


def format_ts(moment: datetime) -> str:
    """Format an aware (or naive-UTC) datetime as ``2026-11-28T20:30:00.123Z``."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def parse_ts(text: str) -> datetime:
    """Parse a protocol timestamp into an aware UTC datetime; raises ``ValueError``."""
    if not text.endswith("Z"):
        raise ValueError(f"timestamp must end in Z: {text!r}")
    return datetime.fromisoformat(text[:-1] + "+00:00").astimezone(UTC)


def utc_now() -> datetime:
    return datetime.now(UTC)
