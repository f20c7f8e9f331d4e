"""Display-safe text: bidi controls and zero-width characters never reach the screen."""

from __future__ import annotations

import msgspec
import pytest

from console.state.text import display_safe, fold_for_search, safe_entity
from tests.console.state.builders import batch
from tests.widgets.incidents.factories import full_incident

RLO = "\u202e"


@pytest.mark.parametrize(
    "control",
    list("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
    + list("\u200e\u200f\u061c\u200b\u200c\u200d\u2060\ufeff"),
)
def test_every_control_is_removed(control: str) -> None:
    assert display_safe(f"U-S{control}G-3") == "U-SG-3"


def test_a_right_to_left_override_shows_the_stored_order() -> None:
    assert display_safe(f"{RLO}DNALSI 3-GS-U") == "DNALSI 3-GS-U"


def test_clean_text_is_returned_unchanged_and_chinese_is_kept() -> None:
    text = "姑苏区 人民路 <b>&amp;</b>"
    assert display_safe(text) is text


def test_search_folds_case_and_invisible_characters() -> None:
    assert fold_for_search(" U-S\u200bG-3 ") == "u-sg-3"


def test_safe_entity_cleans_nested_fields_and_keeps_clean_entities_identical() -> None:
    hostile = full_incident(
        "I-1", summary=f"{RLO}DNALSI", address="Renmin\u200b Road", notes=[(0, f"a{RLO}b")]
    )
    cleaned = safe_entity(hostile)
    assert cleaned.summary == "DNALSI"
    assert cleaned.address == "Renmin Road"
    assert cleaned.notes[0].text == "ab"
    assert hostile.summary.startswith(RLO), "the original is not mutated"
    clean = full_incident("I-2")
    assert safe_entity(clean) is clean
    assert msgspec.structs.asdict(safe_entity(clean)) == msgspec.structs.asdict(clean)


def test_the_store_holds_display_safe_text(store) -> None:
    store.apply(batch(full_incident("I-RLO", summary=f"{RLO}DNALSI 3-GS-U")))
    assert store.incidents["I-RLO"].summary == "DNALSI 3-GS-U"
