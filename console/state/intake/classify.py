"""Category and priority from a caller's words.

**Category**: every category's cue weights found in the text are summed (each cue once;
overlaps resolved as in :mod:`~console.state.intake.cues`), then two rules read what a
word alone cannot: someone *gone* (不见了, can't find, lost) who is a *person* (孩子, my
son) makes a missing-person call; a *thing* gone (钱包, phone) with no theft word makes a
lost-property call. The highest sum wins (ties: the order of the 13 categories).
Confidence = (top / (top + runner-up)) × min(1, top / 3): one strong word alone gives
1.0 × 1.0 only if nothing else competes; a lone weak word gives little.

**Priority**: the category's usual priority, one level more urgent for each urgency
word (正在, injured, hurry — at most one level in all), straight to 1 for a critical one
(持刀, bleeding, not breathing, trapped), one level less urgent for a calming one
(yesterday, 没人受伤); kept within 1–4.
"""

from __future__ import annotations

from dataclasses import dataclass

from console.state.categories import CATEGORIES, TRAITS_BY_NAME
from console.state.intake.cues import Hit, Span, contains_any, find_hits
from console.state.intake.vocabulary import (
    CALM,
    CRITICAL,
    CUES,
    GONE_WORDS,
    PERSON_WORDS,
    THING_WORDS,
    URGENT,
)

_ALL_CUES = tuple(
    (category, cue, float(weight)) for category in CATEGORIES for cue, weight in CUES[category]
)
#: weight a rule adds when it fires
RULE_WEIGHT = 3.0


@dataclass(frozen=True)
class CategoryGuess:
    category: str | None
    confidence: float
    #: the caller's words that led to it
    words: tuple[str, ...]
    scores: dict[str, float]


@dataclass(frozen=True)
class PriorityGuess:
    priority: int
    confidence: float
    words: tuple[str, ...]


def guess_category(text: str, claimed: tuple[Span, ...] = ()) -> CategoryGuess:
    """The category of a normalised call text (``claimed``: place-name spans to skip)."""
    hits = find_hits(text, _ALL_CUES, claimed)
    scores = dict.fromkeys(CATEGORIES, 0.0)
    words: dict[str, list[str]] = {c: [] for c in CATEGORIES}
    for hit in hits:
        scores[hit.key] += hit.weight
        words[hit.key].append(hit.text)
    _apply_rules(text, hits, scores, words)
    ranked = sorted(CATEGORIES, key=lambda c: (-scores[c], CATEGORIES.index(c)))
    top, runner_up = scores[ranked[0]], scores[ranked[1]]
    if top <= 0:
        return CategoryGuess(None, 0.0, (), scores)
    confidence = (top / (top + runner_up)) * min(1.0, top / 3.0)
    return CategoryGuess(ranked[0], round(confidence, 3), tuple(words[ranked[0]]), scores)


def _apply_rules(
    text: str, hits: list[Hit], scores: dict[str, float], words: dict[str, list[str]]
) -> None:
    gone = contains_any(text, GONE_WORDS)
    if not gone:
        return
    stolen = scores["theft"] > 0 or scores["burglary"] > 0
    people = contains_any(text, PERSON_WORDS)
    things = contains_any(text, THING_WORDS)
    if people and not (things and stolen):
        scores["missing_person"] += RULE_WEIGHT
        words["missing_person"] += [people[0], gone[0]]
    elif things and not stolen:
        scores["lost_property"] += RULE_WEIGHT
        words["lost_property"] += [things[0], gone[0]]
    del hits


def guess_priority(text: str, category: str | None) -> PriorityGuess:
    """The priority of a normalised call text of the given category."""
    usual = TRAITS_BY_NAME[category].usual_priority if category in TRAITS_BY_NAME else 3
    calm = contains_any(text, CALM)
    critical = contains_any(_without(text, calm), CRITICAL)
    urgent = contains_any(_without(text, calm), [cue for cue, _w in URGENT])
    if critical:
        return PriorityGuess(1, 0.85, tuple(critical))
    priority = usual - (1 if urgent else 0) + (1 if calm else 0)
    priority = min(4, max(1, priority))
    confidence = 0.55 + (0.15 if urgent or calm else 0.0)
    return PriorityGuess(priority, confidence, tuple(urgent + calm))


def _without(text: str, phrases: list[str]) -> str:
    """The text with the given phrases blanked out (没人受伤 holds no 受伤)."""
    for phrase in phrases:
        text = text.replace(phrase, " " * len(phrase))
    return text
