"""Category and priority rules (sentences made up here, not from the evaluation set)."""

from __future__ import annotations

from console.state.intake import IntakeAssistant
from console.state.intake.classify import guess_category, guess_priority
from console.state.intake.text import normalise


def category(text: str) -> str | None:
    return guess_category(normalise(text)).category


def test_the_longest_cue_claims_its_characters() -> None:
    assert category("车上的小偷") == "theft"
    guess = guess_category(normalise("有人偷看"))
    assert guess.category == "suspicious_person"  # 偷看 is not theft's 偷
    assert guess.scores["theft"] == 0


def test_a_place_name_is_nobodys_cue() -> None:
    assistant = IntakeAssistant()
    suggestion = assistant.suggest("我在苏州火车站，钱包丢了")
    assert suggestion.category.category == "lost_property"
    assert suggestion.category.scores["fire"] == 0  # 火 of 火车站
    assert guess_category(normalise("吃火锅的时候")).scores["fire"] == 0


def test_english_cues_allow_typos_and_inflections_but_not_a_first_letter() -> None:
    assert category("my bike was stollen") == "theft"
    assert category("they were fightting") == "assault"
    assert guess_category(normalise("the locks")).scores["traffic_obstruction"] == 0


def test_a_person_gone_is_missing_and_a_thing_gone_is_lost() -> None:
    assert category("can't find my daughter anywhere") == "missing_person"
    assert category("孩子找不到了") == "missing_person"
    assert category("can't find my passport") == "lost_property"
    assert category("my phone is gone, someone stole it") == "theft"


def test_confidence_reflects_competition_and_strength() -> None:
    strong = guess_category(normalise("burglary, they ransacked the flat"))
    weak = guess_category(normalise("someone took my"))
    assert strong.confidence == 1.0
    assert 0 < weak.confidence < 0.6
    assert guess_category(normalise("hello?")).category is None


def test_priority_follows_urgency_words() -> None:
    assert guess_priority(normalise("noise again"), "noise").priority == 4
    assert guess_priority(normalise("they are still there, hurry"), "noise").priority == 3
    assert guess_priority(normalise("he has a knife"), "dispute").priority == 1
    calm = guess_priority(normalise("昨天的事，没人受伤"), "traffic_accident")
    assert calm.priority == 3
    assert "昨天" in calm.words


def test_the_suggestion_record_has_every_field_the_batch_interface_promises() -> None:
    record = IntakeAssistant().suggest("Guanqian St: two men fighting, one bleeding").as_record()
    assert record["category"] == "assault"
    assert record["priority"] == 1
    assert record["district"] == "Gusu"
    assert record["place"] == "Guanqian St"
    assert isinstance(record["lat"], float)
    assert isinstance(record["lon"], float)
    assert 0 < record["confidence"] <= 1
    assert any("fighting" in reason for reason in record["reasons"])
