"""Finding cue words in a call: Chinese cues as substrings, English cues as word
sequences allowing typos. Where cues overlap, the longest wins (小偷 is one theft cue,
not 小偷 and 偷; 火车站 claims its 火 from the fire cues), and text inside a place name
(苏州火车站) or a neutral word (火锅) is nobody's cue."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from console.state.intake.text import Word, is_cjk, normalise, same_word, words

#: Words that contain a cue's characters without meaning it.
NEUTRAL: tuple[str, ...] = ("火车", "火锅", "火腿", "红火", "打火机", "烟酒", "抽烟")

Span = tuple[int, int]


@dataclass(frozen=True)
class Hit:
    """A cue found in the text: what it is for, how much it weighs, where, and the words."""

    key: str  # the category (or the cue list's own key)
    weight: float
    start: int
    end: int
    text: str  # the caller's words that matched
    edits: int = 0


def _cjk_hits(text: str, key: str, cue: str, weight: float) -> list[Hit]:
    hits, at = [], text.find(cue)
    while at >= 0:
        hits.append(Hit(key, weight, at, at + len(cue), text[at : at + len(cue)]))
        at = text.find(cue, at + 1)
    return hits


def _word_hits(text: str, tokens: list[Word], key: str, cue: str, weight: float) -> list[Hit]:
    parts = [p.replace("'", "") for p in cue.split()]
    hits = []
    for first in range(len(tokens) - len(parts) + 1):
        edits = 0
        for offset, part in enumerate(parts):
            found = same_word(part, tokens[first + offset].text)
            if found is None:
                break
            edits += found
        else:
            start, end = tokens[first].start, tokens[first + len(parts) - 1].end
            hits.append(Hit(key, weight, start, end, text[start:end], edits))
    return hits


def find_hits(
    text: str,
    cues: Iterable[tuple[str, str, float]],
    claimed: Iterable[Span] = (),
) -> list[Hit]:
    """Every (key, cue, weight) found in ``text`` (already normalised), overlaps resolved:
    longest first, then the heavier; nothing inside a ``claimed`` span or a neutral word."""
    tokens = words(text)
    candidates: list[Hit] = []
    for key, cue, weight in cues:
        if any(is_cjk(ch) for ch in cue):
            candidates += _cjk_hits(text, key, cue, weight)
        else:
            candidates += _word_hits(text, tokens, key, cue, weight)
    taken = list(claimed)
    for neutral in NEUTRAL:
        taken += [(h.start, h.end) for h in _cjk_hits(text, "", neutral, 0.0)]
    accepted: list[Hit] = []
    for hit in sorted(candidates, key=lambda h: (-(h.end - h.start), -h.weight, h.start)):
        if any(start <= hit.start and hit.end <= end for start, end in taken):
            continue
        if any(a.key == hit.key and a.start < hit.end and hit.start < a.end for a in accepted):
            continue  # the same category's cues overlapping: count once
        accepted.append(hit)
        taken.append((hit.start, hit.end))
    return sorted(accepted, key=lambda h: h.start)


def contains_any(text: str, phrases: Iterable[str]) -> list[str]:
    """Which of ``phrases`` occur in the normalised ``text`` (words whole, no typos)."""
    found = []
    tokens = [w.text for w in words(text)]
    for phrase in phrases:
        if any(is_cjk(ch) for ch in phrase):
            if phrase in text:
                found.append(phrase)
            continue
        parts = [p.replace("'", "") for p in normalise(phrase).split()]
        for i in range(len(tokens) - len(parts) + 1):
            if tokens[i : i + len(parts)] == parts:
                found.append(phrase)
                break
    return found
