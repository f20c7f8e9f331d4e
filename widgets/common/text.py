"""Untrusted text shown safely: labels that never render markup, tooltips that escape it."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget


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
