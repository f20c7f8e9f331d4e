"""Display-safe text: untrusted strings cannot reorder or hide what an operator reads.

Every string field of an entity comes from outside (a caller's words, a post's excerpt,
a camera's name). Two families of invisible characters can make such text lie on screen:

* bidirectional controls (U+202A–U+202E embeddings and overrides, U+2066–U+2069
  isolates, U+200E/U+200F/U+061C marks): a right-to-left override makes the stored
  ``"\\u202eDNALSI 3-GS-U"`` display as ``"U-SG-3 ISLAND"``;
* zero-width characters (U+200B–U+200D, U+2060–U+2064, U+FEFF, U+180E): invisible on
  screen, they make ``"U-S\\u200bG"`` fail a search for ``"U-SG"``.

The store passes every entity through :func:`safe_entity` as it is stored, so tables,
labels, tooltips and map labels all show the neutralised text; search boxes fold the
typed query with :func:`fold_for_search`. The raw frames stay in the cache's journal.
"""

from __future__ import annotations

import re
from typing import Any

import msgspec

_INVISIBLE = re.compile(
    "[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\u200b-\u200d\u2060-\u2064\ufeff\u180e]"
)


def display_safe(text: str) -> str:
    """``text`` without bidirectional controls and zero-width characters."""
    return _INVISIBLE.sub("", text) if _INVISIBLE.search(text) else text


def fold_for_search(text: str) -> str:
    """The form both sides of a text search are compared in: display-safe, case-folded."""
    return display_safe(text).strip().casefold()


def safe_entity(entity: Any) -> Any:
    """``entity`` with every string inside it display-safe; the same object if none changed.

    Walks msgspec structs, lists and dicts (an incident's notes, a camera's stream).
    """
    return _clean(entity)


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        return display_safe(value)
    if isinstance(value, msgspec.Struct):
        changes = {}
        for name in value.__struct_fields__:
            item = getattr(value, name)
            cleaned = _clean(item)
            if cleaned is not item:
                changes[name] = cleaned
        return msgspec.structs.replace(value, **changes) if changes else value
    if isinstance(value, list):
        cleaned_items = [_clean(item) for item in value]
        if any(new is not old for new, old in zip(cleaned_items, value, strict=True)):
            return cleaned_items
        return value
    if isinstance(value, dict):
        cleaned_map = {key: _clean(item) for key, item in value.items()}
        if any(cleaned_map[key] is not item for key, item in value.items()):
            return cleaned_map
        return value
    return value
