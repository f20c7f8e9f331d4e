"""The incident categories the S city's CAD uses (the simulator's 13), with what the
console's own tools assume about each.

``usual_priority`` is the priority a call of the category most often gets (the intake
assistant's starting point before it reads urgency in the words); ``patrol_weight`` is
how much a category asks of street patrols — the deployment map's weight for an incident
of it (a fraud reported online needs no patrol nearby; an assault does).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CategoryTraits:
    name: str
    usual_priority: int
    patrol_weight: float


CATEGORY_TRAITS: tuple[CategoryTraits, ...] = (
    CategoryTraits("theft", 3, 1.0),
    CategoryTraits("burglary", 2, 1.2),
    CategoryTraits("traffic_accident", 2, 1.0),
    CategoryTraits("assault", 2, 1.5),
    CategoryTraits("fraud", 3, 0.3),
    CategoryTraits("fire", 1, 0.8),
    CategoryTraits("dispute", 3, 0.8),
    CategoryTraits("missing_person", 2, 0.8),
    CategoryTraits("noise", 4, 0.4),
    CategoryTraits("suspicious_person", 3, 1.0),
    CategoryTraits("medical", 2, 0.6),
    CategoryTraits("lost_property", 4, 0.2),
    CategoryTraits("traffic_obstruction", 3, 0.5),
)

CATEGORIES: tuple[str, ...] = tuple(c.name for c in CATEGORY_TRAITS)
TRAITS_BY_NAME = {c.name: c for c in CATEGORY_TRAITS}
#: weight of an incident whose category this table does not know
UNKNOWN_PATROL_WEIGHT = 0.5
