"""What the incident panels offer an operator to choose from: categories and priorities."""

from __future__ import annotations

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
