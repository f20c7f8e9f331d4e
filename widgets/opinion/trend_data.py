"""What the trend plots draw, computed from the monitor's history and the store — no Qt.

* Topic volumes: per sample of the window, plus a live point at "now" from the current
  alerts. The topics shown are those with a warning raised in the window (newest first),
  then the busiest by peak volume, up to ``limit``.
* Sentiment: the volume-weighted mean and spread of the city's posts (or one topic's).
* Incidents per hour: the store's incidents by category and hour reported, for the hours
  the window touches.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from console.state.opinion import Mood, OpinionWatch
from console.state.timestamps import ts_seconds
from services.protocol.entities import Incident

HOUR_S = 3600.0


@dataclass(frozen=True, slots=True)
class TopicSeries:
    topic: str
    times: list[float]
    volumes: list[int]


def window_start(watch: OpinionWatch, now: float) -> float:
    return now - watch.policy.trend_s


def shown_topics(watch: OpinionWatch, now: float, limit: int) -> list[str]:
    start = window_start(watch, now)
    warned = [w.topic for w in watch.warnings.warnings() if w.raised_at >= start]  # newest first
    peaks: Counter[str] = Counter()
    for sample in watch.history:
        if sample.at >= start:
            for topic, mood in sample.topics.items():
                peaks[topic] = max(peaks[topic], mood.volume)
    for topic, mood in watch.volumes.topic_moods().items():
        peaks[topic] = max(peaks[topic], mood.volume)
    ranked = sorted(peaks, key=lambda t: (-peaks[t], t))
    return list(dict.fromkeys([*warned, *ranked]))[:limit]


def topic_series(watch: OpinionWatch, topic: str, now: float) -> TopicSeries:
    """The samples of the window, and the live volume at ``now`` (in place of a sample
    taken at ``now`` itself)."""
    times, volumes = watch.history.series(topic, window_start(watch, now))
    current = watch.volumes.topic_volume(topic)
    if times and now <= times[-1]:
        volumes[-1] = current  # sampled this very moment: the store may have moved since
    else:
        times.append(now)
        volumes.append(current)
    return TopicSeries(topic, times, volumes)


def mood_series(
    watch: OpinionWatch, now: float, topic: str | None = None
) -> tuple[list[float], list[Mood]]:
    """The city's (or one topic's) mood per sample of the window, and now."""
    start = window_start(watch, now)
    empty = Mood(0, 0.0, 0.0)
    times, moods = [], []
    for sample in watch.history:
        if sample.at >= start:
            times.append(sample.at)
            moods.append(sample.city if topic is None else sample.topics.get(topic, empty))
    if topic is None:
        current = watch.volumes.city_mood()
    else:
        current = watch.volumes.topic_moods().get(topic, empty)
    if times and now <= times[-1]:
        moods[-1] = current
    else:
        times.append(now)
        moods.append(current)
    return times, moods


def hour_buckets(start: float, now: float) -> list[float]:
    """Start times of the hours from the one holding ``start`` to the one holding ``now``."""
    first = math.floor(start / HOUR_S) * HOUR_S
    return [first + HOUR_S * n for n in range(int((now - first) // HOUR_S) + 1)]


def incidents_per_hour(
    incidents: Iterable[Incident], start: float, now: float
) -> tuple[list[float], dict[str, list[int]]]:
    """``(hour starts, {category: counts per hour})`` of incidents reported in those
    hours (up to ``now``)."""
    hours = hour_buckets(start, now)
    counts: dict[str, list[int]] = {}
    if not hours:
        return hours, counts
    first = hours[0]
    for incident in incidents:
        reported = ts_seconds(incident.reported_at)
        if reported is None or reported < first or reported > now:
            continue
        slot = int((reported - first) // HOUR_S)
        if slot < len(hours):
            counts.setdefault(incident.category, [0] * len(hours))[slot] += 1
    return hours, dict(sorted(counts.items()))
