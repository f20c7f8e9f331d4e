"""Small shared helpers of the incident panels: plain-text labels, timestamps, categories."""

from __future__ import annotations

import html
from functools import lru_cache

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from services.protocol.times import parse_ts

#: Categories the operator can pick when re-classifying an incident (the CAD may send
#: others; an incident's own category is always offered too).
KNOWN_CATEGORIES: tuple[str, ...] = (
    "theft",
    "burglary",
    "traffic_accident",
    "assault",
    "fraud",
    "fire",
    "dispute",
    "missing_person",
    "noise",
    "suspicious_person",
    "medical",
)

PRIORITIES: tuple[int, ...] = (1, 2, 3, 4)


@lru_cache(maxsize=8192)
def ts_seconds(text: str | None) -> float | None:
    """Seconds since the epoch of a protocol timestamp; ``None`` if absent or unreadable."""
    if not text:
        return None
    try:
        return parse_ts(text).timestamp()
    except ValueError:
        return None


def plain_label(text: str = "", parent: QWidget | None = None, *, wrap: bool = False) -> QLabel:
    """A label that shows ``text`` literally (never as rich text) and can be selected."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setWordWrap(wrap)
    label.setText(text)
    return label


def escaped_tooltip(*paragraphs: str) -> str:
    """A tooltip of untrusted text: Qt renders tooltips that look like HTML as rich text,
    so the text is escaped and wrapped so that it always shows literally."""
    body = "".join(
        f"<p style='white-space:pre-wrap'>{html.escape(text)}</p>" for text in paragraphs if text
    )
    return f"<qt>{body}</qt>" if body else ""
