"""Text handling shared by the intake assistant: normalising, English words with their
positions, a light stemmer and a bounded edit distance (for typos)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_SUFFIXES = ("ing", "ed", "es", "s", "er")
#: Street-type abbreviations callers type, and the words they stand for.
ABBREVIATIONS = {
    "rd": "road",
    "st": "street",
    "str": "street",
    "ave": "avenue",
    "av": "avenue",
    "ln": "lane",
    "lu": "road",
    "jie": "street",
    "dadao": "avenue",
}


def normalise(text: str) -> str:
    """NFKC (full-width letters and digits become plain ones), lower case, typographic
    apostrophes made plain."""
    return unicodedata.normalize("NFKC", text).lower().replace("\u2019", "'")


def is_cjk(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff"


@dataclass(frozen=True)
class Word:
    """An English (or digit) word of the text and where it stands."""

    text: str  # apostrophes removed: "won't" -> "wont"
    start: int
    end: int


def words(text: str) -> list[Word]:
    """The Latin-script words of an already normalised text, in order."""
    return [
        Word(match.group().replace("'", ""), match.start(), match.end())
        for match in _WORD.finditer(text)
    ]


def stem(word: str) -> str:
    """Strip one common English suffix (fighting -> fight, refuses -> refus), keeping at
    least four letters."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def typo_allowance(length: int) -> int:
    """Edits tolerated in a word or name of this many letters: none below 5, one below 9,
    two from 9."""
    if length < 5:
        return 0
    return 1 if length < 9 else 2


def edit_distance(a: str, b: str, limit: int) -> int | None:
    """Optimal-string-alignment distance (substitutions, insertions, deletions, adjacent
    swaps) if it is at most ``limit``, else ``None``. Banded: O(len × limit)."""
    if a == b:
        return 0
    if abs(len(a) - len(b)) > limit:
        return None
    previous_previous: list[int] = []
    previous = list(range(len(b) + 1))
    big = limit + 1
    for i in range(1, len(a) + 1):
        current = [i] + [big] * len(b)
        low, high = max(1, i - limit), min(len(b), i + limit)
        row_best = current[0] if low == 1 else big
        for j in range(low, high + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if (
                i > 1
                and j > 1
                and a[i - 1] == b[j - 2]
                and a[i - 2] == b[j - 1]
                and previous_previous
            ):
                value = min(value, previous_previous[j - 2] + 1)
            current[j] = min(value, big)
            row_best = min(row_best, current[j])
        if row_best > limit:
            return None
        previous_previous, previous = previous, current
    distance = previous[len(b)]
    return distance if distance <= limit else None


def same_word(cue: str, word: str) -> int | None:
    """Edits between a cue word and a text word (after stemming both), or ``None`` when
    they are not the same word allowing for typos (never in the first letter)."""
    if cue == word:
        return 0
    cue_stem, word_stem = stem(cue), stem(word)
    if cue_stem == word_stem:
        return 0
    if cue_stem[:1] != word_stem[:1]:
        return None  # typos rarely hit the first letter; "locks" is not "blocked"
    return edit_distance(cue_stem, word_stem, typo_allowance(len(cue_stem)))
