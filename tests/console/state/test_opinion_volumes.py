"""Volumes per topic and district from alerts, incrementally, and their history."""

from __future__ import annotations

import pytest

from console.state.opinion import AlertVolumes, Mood, VolumeHistory, VolumeSample
from tests.widgets.opinion.builders import opinion_alert


def test_volumes_add_up_per_topic_and_district() -> None:
    volumes = AlertVolumes()
    volumes.upsert(opinion_alert("A-1", volume=10))
    volumes.upsert(opinion_alert("A-2", volume=30))
    volumes.upsert(opinion_alert("A-3", volume=5, district="Gusu"))
    volumes.upsert(opinion_alert("A-4", volume=7, topic="crowd"))
    assert dict(volumes.by_key) == {
        ("flooding", "Wuzhong"): 40,
        ("flooding", "Gusu"): 5,
        ("crowd", "Wuzhong"): 7,
    }
    assert volumes.topic_volume("flooding") == 45


def test_a_change_replaces_the_alerts_share_and_a_removal_takes_it_away() -> None:
    volumes = AlertVolumes()
    volumes.upsert(opinion_alert("A-1", volume=10))
    volumes.upsert(opinion_alert("A-2", volume=30))
    assert volumes.upsert(opinion_alert("A-1", volume=25, version=2)) == "changed"
    assert volumes.by_key[("flooding", "Wuzhong")] == 55
    volumes.upsert(opinion_alert("A-2", volume=30, district="Gusu", version=2))  # moved
    assert dict(volumes.by_key) == {("flooding", "Wuzhong"): 25, ("flooding", "Gusu"): 30}
    assert volumes.remove("A-1")
    assert not volumes.remove("A-1")
    assert dict(volumes.by_key) == {("flooding", "Gusu"): 30}
    volumes.remove("A-2")
    assert dict(volumes.by_key) == {}
    assert volumes.topic_moods() == {}


def test_only_new_posts_count_as_activity() -> None:
    volumes = AlertVolumes()
    assert volumes.upsert(opinion_alert("A-1")) == "new"
    assert volumes.upsert(opinion_alert("A-1")) is None
    # an operator acknowledged or linked it: the platform did not post
    assert volumes.upsert(opinion_alert("A-1", acknowledged=True, version=2)) is None
    assert volumes.upsert(opinion_alert("A-1", incident="I-1", version=3)) is None
    assert volumes.upsert(opinion_alert("A-1", excerpt="new words", version=4)) == "changed"
    assert volumes.upsert(opinion_alert("A-1", sentiment=0.1, version=5)) == "changed"


def test_mood_is_the_volume_weighted_mean_and_spread() -> None:
    volumes = AlertVolumes()
    volumes.upsert(opinion_alert("A-1", volume=30, sentiment=-0.5))
    volumes.upsert(opinion_alert("A-2", volume=10, sentiment=0.5))
    mood = volumes.topic_moods()["flooding"]
    assert mood.volume == 40
    assert mood.mean == pytest.approx(-0.25)
    assert mood.spread == pytest.approx(0.4330127)
    assert volumes.city_mood() == mood
    assert Mood.of(0, 0.0, 0.0) == Mood(0, 0.0, 0.0)


def test_history_keeps_the_window_and_gives_a_topics_series() -> None:
    history = VolumeHistory(retention_s=600.0)
    for minute in range(15):
        topics = {"flooding": Mood(minute, 0.0, 0.0)} if minute % 2 else {}
        history.add(VolumeSample(60.0 * minute, topics, Mood(0, 0.0, 0.0)))
    assert len(history) == 11  # 240 s … 840 s
    times, values = history.series("flooding", 600.0)
    assert times == [600.0, 660.0, 720.0, 780.0, 840.0]
    assert values == [0, 11, 0, 13, 0]
    with pytest.raises(ValueError, match="forward"):
        history.add(VolumeSample(840.0, {}, Mood(0, 0.0, 0.0)))
