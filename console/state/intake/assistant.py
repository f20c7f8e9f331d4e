"""The intake assistant: from a caller's words to suggested category, priority and place,
each with a confidence and the words that led to it. It only suggests: the call-taker
confirms or changes every field, and nothing is created without them.

Pure: text in, :class:`Suggestion` out (no clock, no Qt); the place index is built once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from console.state.intake.classify import (
    CategoryGuess,
    PriorityGuess,
    guess_category,
    guess_priority,
)
from console.state.intake.places import PlaceGuess, PlaceIndex
from console.state.intake.text import normalise
from services.geo import Gazetteer, load_gazetteer

#: longest text looked at (a call-taker's notes are short; the rest is ignored)
MAX_TEXT = 2000


@dataclass(frozen=True)
class Suggestion:
    text: str
    category: CategoryGuess
    priority: PriorityGuess
    place: PlaceGuess

    @property
    def confidence(self) -> float:
        """One figure for the whole suggestion: the category's, or the mean of the
        category's and the place's when a place was found."""
        if self.place.place is None:
            return self.category.confidence
        return round((self.category.confidence + self.place.confidence) / 2, 3)

    def reasons(self) -> list[str]:
        """Why, in plain English for the batch interface (the form words its own)."""
        out = []
        if self.category.category:
            out.append(f"category {self.category.category}: " + ", ".join(self.category.words))
        else:
            out.append("category: no words of any category")
        out.append(
            f"priority {self.priority.priority}: "
            + (", ".join(self.priority.words) or "usual for the category")
        )
        place = self.place
        if place.place is not None:
            out.append(
                f"place {place.place.en} ({place.place.district}): " + ", ".join(place.words)
            )
        if place.also_in:
            out.append("the name is also in " + ", ".join(place.also_in))
        if place.outside:
            out.append("not in the district named: " + ", ".join(place.outside))
        return out

    def as_record(self) -> dict[str, Any]:
        """The batch interface's JSON object (``command-centre-intake``)."""
        where = self.place.place
        return {
            "category": self.category.category,
            "priority": self.priority.priority,
            "district": where.district if where else None,
            "place": where.en if where else None,
            "place_zh": where.zh if where else None,
            "lat": where.lat if where else None,
            "lon": where.lon if where else None,
            "confidence": self.confidence,
            "category_confidence": self.category.confidence,
            "place_confidence": self.place.confidence if where else 0.0,
            "reasons": self.reasons(),
        }


class IntakeAssistant:
    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self.places = PlaceIndex(gazetteer or load_gazetteer())

    def suggest(self, text: str) -> Suggestion:
        """Suggestions for what a caller said so far (any length; empty gives nothing)."""
        clean = normalise(text[:MAX_TEXT])
        place, hits = self.places.guess(clean)
        claimed = tuple((h.start, h.end) for h in hits)
        category = guess_category(clean, claimed)
        priority = guess_priority(clean, category.category)
        return Suggestion(text, category, priority, place)
