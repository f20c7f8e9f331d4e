"""Columns and custom data roles of the incident table (shared by the model, proxy, views)."""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import Qt


class IncidentColumn(IntEnum):
    """In reading order: what a commander decides with first (priority, the SLA clock,
    the units on it), the address last — it takes the remaining width and elides, its
    full text in the tooltip — so a narrow queue still shows the deciding columns."""

    PRIORITY = 0
    ID = 1
    SLA = 2
    UNITS = 3
    STATUS = 4
    CATEGORY = 5
    AGE = 6
    DISTRICT = 7
    ADDRESS = 8


class IncidentRoles(IntEnum):
    """Custom data roles, the same for every column."""

    KEY = Qt.ItemDataRole.UserRole + 1  # incident id
    SORT = KEY + 1  # (priority, reported seconds, id): triage order
    STATUS = KEY + 2
    DISTRICT = KEY + 3
    CATEGORY = KEY + 4
    PRIORITY = KEY + 5
    SEARCH = KEY + 6  # lowercased id + summary + summary_en + address
    FLASHING = KEY + 7  # True while a new priority-1 row pulses
