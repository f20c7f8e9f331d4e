"""Columns and custom data roles of the incident table (shared by the model, proxy, views)."""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import Qt


class IncidentColumn(IntEnum):
    ID = 0
    PRIORITY = 1
    CATEGORY = 2
    STATUS = 3
    DISTRICT = 4
    ADDRESS = 5
    AGE = 6
    UNITS = 7
    SLA = 8


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
