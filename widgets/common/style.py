"""Colours of the control-room theme: dark, high-contrast, readable across a room.

Status colours are the same in every panel and on the map: an operator learns them once.
"""

from __future__ import annotations

from PySide6.QtGui import QColor

PRIORITY_COLORS = {1: "#ff4d4f", 2: "#ff9c2a", 3: "#ffd43b", 4: "#9aa4b2"}

INCIDENT_STATUS_COLORS = {
    "new": "#ff6b6b",
    "dispatched": "#ffa94d",
    "en_route": "#ffd43b",
    "on_scene": "#4dabf7",
    "resolved": "#69db7c",
    "closed": "#868e96",
}

UNIT_STATUS_COLORS = {
    "available": "#51cf66",
    "dispatched": "#ffa94d",
    "en_route": "#ffd43b",
    "on_scene": "#4dabf7",
    "busy": "#b197fc",
    "off_duty": "#5c636a",
}

SLA_COLORS = {"ok": "#51cf66", "warning": "#ffb020", "breach": "#ff4d4f", "done": "#868e96"}
SEVERITY_COLORS = {
    "info": "#74c0fc",
    "watch": "#ffd43b",
    "warning": "#ff9c2a",
    "critical": "#ff4d4f",
}

BACKGROUND = "#11151c"
SURFACE = "#1a2029"
SURFACE_ALT = "#202733"
TEXT = "#e9edf2"
TEXT_DIM = "#8d97a5"
STALE_TEXT = "#6b7480"
ACCENT = "#4dabf7"
DANGER = "#ff4d4f"
WARNING = "#ffb020"


def color(hex_code: str) -> QColor:
    return QColor(hex_code)


def readable_on(hex_code: str) -> QColor:
    """Black or white text, whichever reads better on ``hex_code``."""
    c = QColor(hex_code)
    luminance = 0.299 * c.red() + 0.587 * c.green() + 0.114 * c.blue()
    return QColor("#111111") if luminance > 140 else QColor("#ffffff")
