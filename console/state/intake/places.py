"""Finding the place a caller names: the S-city gazetteer's landmarks, streets, station
localities and districts, in Chinese or English, allowing near misses.

* Chinese names match as substrings; a name of three or more characters also matches
  with one character wrong (关前街 for 观前街) — not its last character (路, 街, 湖…)
  unless the wrong one sounds alike (狮山陆, 金鸡胡).
* English names match on words, spacing ignored (ping jiang road = Pingjiang Road),
  abbreviations expanded (rd, st, ave, jie, lu), with the typos of
  :func:`~console.state.intake.text.typo_allowance` (never in the first letter); a
  name's trailing generic words may be left out (Jinji for Jinji Lake, Pingjiang Road
  for Pingjiang Road Historic District) unless what is left is only generic words,
  "Suzhou" or a district's name ("old" is not Old Town).
* Overlapping finds: the longest (a typo counting half a character against it), then
  the fewest typos, then landmark > street > locality: 狮山陆 is 狮山路, not 狮山.

Choosing among the finds: a named district decides between places of the same name
(人民路 is in Gusu, Zhangjiagang and Kunshan) and outranks a place that is not in it
(the caller said where they are; the place may be misheard) — then the district itself
is the place, at its first station locality. Without one, the districts the other
finds agree on decide; a name left ambiguous is taken in the first district listed,
with a low confidence and the others named in the reasons.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from console.state.intake.text import (
    ABBREVIATIONS,
    edit_distance,
    is_cjk,
    normalise,
    typo_allowance,
    words,
)
from services.geo import Gazetteer

KIND_RANK = {"landmark": 0, "street": 1, "station": 2, "district": 3}
BASE_CONFIDENCE = {"landmark": 0.9, "street": 0.85, "station": 0.8, "district": 0.6}
GENERIC_WORDS = frozenset(
    (
        "road", "street", "avenue", "lane", "station", "railway", "park", "lake", "garden",
        "square", "town", "ancient", "old", "district", "historic", "scenic", "area", "the",
        "of",
    )
)  # fmt: skip
#: characters that often replace each other when a name is typed by sound
SOUND_ALIKE = (
    "路陆露鹿录",
    "街接阶节",
    "湖胡壶糊",
    "园圆元源原",
    "道到",
    "桥乔",
    "塘糖唐堂",
    "港岗",
)
_ALIKE = {ch: group for group in SOUND_ALIKE for ch in group}


@dataclass(frozen=True)
class Candidate:
    kind: str  # landmark | street | station | district
    district: str  # English district name
    zh: str
    en: str
    lat: float
    lon: float


@dataclass(frozen=True)
class PlaceHit:
    candidates: tuple[Candidate, ...]  # one per district the name is found in
    start: int
    end: int
    text: str
    edits: int


@dataclass(frozen=True)
class PlaceGuess:
    place: Candidate | None
    confidence: float
    words: tuple[str, ...]
    #: other districts an ambiguous name is also in
    also_in: tuple[str, ...] = ()
    #: a place named but not in the district the caller named
    outside: tuple[str, ...] = ()


def _english_forms(name: str, common: frozenset[str]) -> list[tuple[str, bool]]:
    """(joined words, is the full name) for a name and its shortened forms."""
    tokens = [ABBREVIATIONS.get(w.text, w.text) for w in words(normalise(name))]
    forms = [("".join(tokens), True)]
    while tokens and tokens[-1] in GENERIC_WORDS:
        tokens = tokens[:-1]
        meaningful = [t for t in tokens if t not in GENERIC_WORDS and t not in common]
        if meaningful:
            forms.append(("".join(tokens), False))
    return [(form, full) for form, full in forms if form]


def _one_wrong(name: str, window: str) -> bool:
    wrong = [i for i, (a, b) in enumerate(zip(name, window, strict=True)) if a != b]
    if len(wrong) != 1 or not all(is_cjk(ch) for ch in window):
        return False
    i = wrong[0]
    return i != len(name) - 1 or _ALIKE.get(name[i], "") == _ALIKE.get(window[i], "-")


class PlaceIndex:
    """The gazetteer's names, indexed for :meth:`guess`."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        common = {"suzhou"} | {d.name_en.lower() for d in gazetteer.districts}
        self.centres: dict[str, Candidate] = {}
        entries: list[tuple[Candidate, list[str]]] = []
        for kind, where, place in gazetteer.places():
            candidate = Candidate(kind, where, place.zh, place.en, place.lat, place.lon)
            entries.append((candidate, [place.zh, place.en, *place.aliases]))
        for district in gazetteer.districts:
            first = gazetteer.stations.get(district.name_en, ())
            if not first:
                continue
            centre = Candidate(
                "district",
                district.name_en,
                district.name_zh,
                district.name_en,
                first[0].lat,
                first[0].lon,
            )
            self.centres[district.name_en] = centre
            entries.append((centre, [district.name_zh, *district.aliases_zh, *district.aliases_en]))
        chinese: dict[str, list[tuple[int, Candidate]]] = defaultdict(list)
        english: dict[str, list[tuple[int, Candidate]]] = defaultdict(list)
        for candidate, names in entries:
            for name in names:
                if any(is_cjk(ch) for ch in name):
                    chinese[normalise(name)].append((2, candidate))
                else:
                    for form, full in _english_forms(name, frozenset(common)):
                        english[form].append((2 if full else 1, candidate))
        self._chinese = {key: _best(found) for key, found in chinese.items()}
        self._english = {key: _best(found) for key, found in english.items()}
        self._english_by_initial: dict[str, list[str]] = defaultdict(list)
        for key in self._english:
            self._english_by_initial[key[0]].append(key)

    # --- finding -------------------------------------------------------------------------

    def find(self, text: str) -> list[PlaceHit]:
        """Every place name in the normalised ``text``, overlaps resolved."""
        found = self._find_chinese(text) + self._find_english(text)
        found.sort(
            key=lambda h: (
                -(h.end - h.start - 0.5 * h.edits),
                h.edits,
                min(KIND_RANK[c.kind] for c in h.candidates),
            )
        )
        accepted: list[PlaceHit] = []
        for hit in found:
            if all(hit.end <= a.start or a.end <= hit.start for a in accepted):
                accepted.append(hit)
        return sorted(accepted, key=lambda h: h.start)

    def _find_chinese(self, text: str) -> list[PlaceHit]:
        hits = []
        for key, candidates in self._chinese.items():
            at = text.find(key)
            while at >= 0:
                hits.append(PlaceHit(candidates, at, at + len(key), text[at : at + len(key)], 0))
                at = text.find(key, at + 1)
            if len(key) >= 3:
                for start in range(len(text) - len(key) + 1):
                    window = text[start : start + len(key)]
                    if window != key and _one_wrong(key, window):
                        hits.append(PlaceHit(candidates, start, start + len(key), window, 1))
        return hits

    def _find_english(self, text: str) -> list[PlaceHit]:
        tokens = [(ABBREVIATIONS.get(w.text, w.text), w.start, w.end) for w in words(text)]
        hits = []
        for first in range(len(tokens)):
            joined = ""
            for last in range(first, min(first + 5, len(tokens))):
                joined += tokens[last][0]
                start, end = tokens[first][1], tokens[last][2]
                for key in self._english_by_initial.get(joined[0], ()):
                    limit = typo_allowance(len(key))
                    if abs(len(key) - len(joined)) > limit:
                        continue
                    edits = edit_distance(joined, key, limit)
                    if edits is not None:
                        hits.append(
                            PlaceHit(self._english[key], start, end, text[start:end], edits)
                        )
        return hits

    # --- choosing ------------------------------------------------------------------------

    def guess(self, text: str) -> tuple[PlaceGuess, list[PlaceHit]]:
        """The place the normalised ``text`` names (and every find, for their spans)."""
        hits = self.find(text)
        named = [h for h in hits if h.candidates[0].kind == "district"]
        named_districts = list(dict.fromkeys(h.candidates[0].district for h in named))
        specific = [h for h in hits if h.candidates[0].kind != "district"]
        district_words = tuple(h.text for h in named)
        if named_districts:
            for hit in specific:
                for candidate in hit.candidates:
                    if candidate.district in named_districts:
                        return self._chosen(candidate, hit, district_words, bonus=0.05), hits
            place = self.centres[named_districts[0]]
            outside = tuple(h.text for h in specific)
            edits = min(h.edits for h in named)
            confidence = BASE_CONFIDENCE["district"] - 0.1 * edits - (0.1 if outside else 0.0)
            return PlaceGuess(place, round(confidence, 3), district_words, (), outside), hits
        if not specific:
            return PlaceGuess(None, 0.0, ()), hits
        votes: dict[str, float] = defaultdict(float)
        for hit in specific:
            for candidate in hit.candidates:
                votes[candidate.district] += 1.0 / len(hit.candidates)
        for hit in specific:
            best = max(hit.candidates, key=lambda c: votes[c.district])
            if len(hit.candidates) == 1 or votes[best.district] > 1.0 / len(hit.candidates):
                agreeing = sum(
                    1 for h in specific if any(c.district == best.district for c in h.candidates)
                )
                return self._chosen(best, hit, (), bonus=0.05 if agreeing > 1 else 0.0), hits
        hit = specific[0]
        guess = self._chosen(hit.candidates[0], hit, (), bonus=0.0)
        also = tuple(c.district for c in hit.candidates[1:])
        return PlaceGuess(guess.place, round(guess.confidence * 0.6, 3), guess.words, also), hits

    @staticmethod
    def _chosen(
        candidate: Candidate, hit: PlaceHit, district_words: tuple[str, ...], bonus: float
    ) -> PlaceGuess:
        confidence = BASE_CONFIDENCE[candidate.kind] - 0.15 * hit.edits + bonus
        return PlaceGuess(candidate, round(min(confidence, 0.97), 3), (hit.text, *district_words))


def _best(found: list[tuple[int, Candidate]]) -> tuple[Candidate, ...]:
    """The candidates of a name: its best-quality ones, one per district (the most
    specific kind), in gazetteer order."""
    top = max(quality for quality, _c in found)
    by_district: dict[str, Candidate] = {}
    for quality, candidate in found:
        if quality != top:
            continue
        known = by_district.get(candidate.district)
        if known is None or KIND_RANK[candidate.kind] < KIND_RANK[known.kind]:
            by_district[candidate.district] = candidate
    return tuple(by_district.values())
