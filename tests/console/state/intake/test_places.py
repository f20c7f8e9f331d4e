"""Place matching, rule by rule (sentences made up here, not from the evaluation set)."""

from __future__ import annotations

import pytest

from console.state.intake.places import PlaceIndex
from console.state.intake.text import edit_distance, normalise
from services.geo import load_gazetteer


@pytest.fixture(scope="module")
def index() -> PlaceIndex:
    return PlaceIndex(load_gazetteer())


def guess(index: PlaceIndex, text: str):
    return index.guess(normalise(text))[0]


def test_a_chinese_landmark_gives_its_district_and_coordinates(index) -> None:
    found = guess(index, "拙政园门口人很多")
    assert (found.place.kind, found.place.district, found.place.en) == (
        "landmark",
        "Gusu",
        "Humble Administrator's Garden",
    )
    assert found.place.lat == pytest.approx(31.325, abs=0.01)
    assert found.words == ("拙政园",)
    assert found.confidence >= 0.85


def test_the_longest_name_wins_over_names_inside_it(index) -> None:
    assert guess(index, "石路步行街").place.kind == "landmark"  # not the street 石路
    assert guess(index, "太平路上").place.district == "Taicang"  # not the locality 太平


def test_one_wrong_character_is_forgiven_but_not_a_wrong_suffix(index) -> None:
    assert guess(index, "关前街").place.zh == "观前街"
    assert guess(index, "狮山陆").place.zh == "狮山路"  # 陆 sounds like 路
    assert guess(index, "狮山陆").confidence < guess(index, "狮山路").confidence
    assert guess(index, "狮山好").place is None or guess(index, "狮山好").place.zh != "狮山路"


def test_english_names_ignore_spacing_expand_abbreviations_and_forgive_typos(index) -> None:
    assert guess(index, "near ping jiang rd").place.zh == "平江路历史街区"  # alias Pingjiang Rd
    assert guess(index, "outside the tinglin prak").place.zh == "亭林公园"
    assert guess(index, "at jinji").place.zh == "金鸡湖"  # "Lake" may be left out
    assert guess(index, "somewhere in the old part of town").place is None  # "old" alone


def test_a_named_district_settles_a_name_found_in_several(index) -> None:
    assert guess(index, "昆山人民路").place.district == "Kunshan"
    assert guess(index, "张家港人民路").place.district == "Zhangjiagang"
    alone = guess(index, "人民路上")
    assert alone.also_in  # ambiguous: the other districts are named
    assert alone.confidence < 0.6


def test_other_places_agreeing_settle_an_ambiguous_one(index) -> None:
    found = guess(index, "Renmin Rd and Ganjiang Rd junction")
    assert found.place.district == "Gusu"


def test_a_place_outside_the_named_district_gives_way_to_the_district(index) -> None:
    found = guess(index, "苏州乐园 in Taicang")  # the park is in Huqiu
    assert found.place.kind == "district"
    assert found.place.district == "Taicang"
    assert found.outside == ("苏州乐园",)


def test_district_aliases(index) -> None:
    assert guess(index, "我在园区").place.district == "Wuzhong"
    assert guess(index, "new district, near the river").place.district == "Huqiu"
    assert guess(index, "nothing here").place is None


def test_edit_distance_is_bounded_and_counts_swaps_once() -> None:
    assert edit_distance("road", "raod", 1) == 1
    assert edit_distance("kitten", "sitting", 2) is None
    assert edit_distance("kitten", "sitting", 3) == 3
