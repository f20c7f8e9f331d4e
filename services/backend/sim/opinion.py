"""The public-opinion stream: alerts about topics and places, with volume spikes.

A background process raises alerts now and then; some of them spike - the volume of
posts climbs over several minutes (severity escalates with it), then decays. Some real
incidents (a fire, a bad crash) raise an alert about their place a minute or two later,
linked to the incident. Alerts are removed ``alert_ttl_s`` after their last change.

Drills and tests shape the stream through the profile: ``alert_spike_scale`` (0: steady
traffic, nothing spikes), ``scripted_alerts`` (a spike of a topic in a district at a set
time) and ``silent_platforms`` (a platform stops posting at a set time).
"""

from __future__ import annotations

import math
import random
from typing import Any

from services.backend.sim.geography import Geography, offset
from services.backend.sim.kernel import DailyIds, Kernel
from services.backend.sim.model import IncidentState
from services.backend.sim.opinion_text import BACKGROUND, LINKED, PLATFORMS, Topic
from services.backend.sim.places import Named, landmarks, place, tidy_en
from services.backend.sim.profiles import Profile, ScriptedAlert
from services.backend.sim.world import district_weight

_SEVERITY_STEPS = ((30, "info"), (100, "watch"), (300, "warning"))
_SEVERITY_RANK = {"info": 0, "watch": 1, "warning": 2, "critical": 3}

#: Every field an alert entity may carry (topics and places only, nothing personal).
ALERT_FIELDS = frozenset({
    "id", "ts", "updated_at", "platform", "kind", "topic", "topic_en", "excerpt",
    "excerpt_en", "sentiment", "volume", "location", "district", "district_en", "severity",
    "incident", "acknowledged", "acknowledged_at", "version",
})  # fmt: skip


def severity_for(volume: int, floor: str = "info") -> str:
    """Severity of an alert with ``volume`` posts in 10 minutes, never below ``floor``."""
    level = "critical"
    for limit, name in _SEVERITY_STEPS:
        if volume < limit:
            level = name
            break
    return level if _SEVERITY_RANK[level] >= _SEVERITY_RANK[floor] else floor


class AlertState:
    """An alert: entity fields plus its volume curve."""

    __slots__ = (
        "acknowledged", "acknowledged_at", "base", "decay_s", "district", "district_en",
        "excerpt", "excerpt_en", "floor", "gen", "id", "incident", "kind", "location",
        "peak", "platform", "posts", "rise_s", "sentiment", "severity", "t0", "topic",
        "topic_en", "ts", "updated_at", "updated_t", "version", "volume",
    )  # fmt: skip

    def __init__(self, aid: str) -> None:
        self.id = aid
        self.ts = self.updated_at = ""
        self.t0 = self.updated_t = 0.0
        self.platform = self.kind = self.topic = self.topic_en = ""
        self.excerpt = self.excerpt_en = self.district = self.district_en = ""
        self.posts: tuple[tuple[str, str], ...] = ()
        self.sentiment = 0.0
        self.volume = self.base = self.peak = 0
        self.rise_s = self.decay_s = 0.0
        self.location: tuple[float, float] | None = None
        self.severity = self.floor = "info"
        self.incident: str | None = None
        self.acknowledged = False
        self.acknowledged_at: str | None = None
        self.version = 0
        self.gen = 0

    def entity(self) -> dict[str, Any]:
        """The alert as a protocol entity (fresh dict)."""
        location = None
        if self.location is not None:
            location = {"lat": round(self.location[0], 6), "lon": round(self.location[1], 6)}
        return {
            "id": self.id,
            "ts": self.ts,
            "updated_at": self.updated_at,
            "platform": self.platform,
            "kind": self.kind,
            "topic": self.topic,
            "topic_en": self.topic_en,
            "excerpt": self.excerpt,
            "excerpt_en": self.excerpt_en,
            "sentiment": self.sentiment,
            "volume": self.volume,
            "location": location,
            "district": self.district,
            "district_en": self.district_en,
            "severity": self.severity,
            "incident": self.incident,
            "acknowledged": self.acknowledged,
            "acknowledged_at": self.acknowledged_at,
            "version": self.version,
        }


class Opinion:
    """Alerts and their life: creation, spikes, decay and removal."""

    def __init__(
        self, kernel: Kernel, rng: random.Random, geography: Geography, profile: Profile
    ) -> None:
        self.k = kernel
        self.rng = rng
        self.geo = geography
        self.profile = profile
        self.alerts: dict[str, AlertState] = {}
        self._weights = [district_weight(d) for d in geography.districts]
        self._ids = DailyIds("A", self.k)

    # --------------------------------------------------------------- identity
    def remember_id(self, aid: str) -> None:
        """Note an existing id (after a restart) so new ids never collide with it."""
        self._ids.remember(aid)

    def _next_id(self) -> str:
        return self._ids.next()

    def emit(self, alert: AlertState, created: bool = False) -> None:
        """Bump the alert's version, stamp ``updated_at`` and emit it."""
        alert.version += 1
        alert.updated_at = self.k.ts()
        alert.updated_t = self.k.t
        self.k.emit("alerts", "alert.created" if created else "alert.updated", alert.entity())

    # ------------------------------------------------------------- creation
    def start(self) -> None:
        """Start the background stream of alerts, and the profile's scripted spikes.

        Scripted spikes are played when the stream starts with no alert yet (a fresh
        city: bootstrap starts the stream before its first alerts); a restored city
        holding alerts has played them already.
        """
        self._schedule_background()
        if not self.alerts:
            for index, script in enumerate(self.profile.scripted_alerts):
                self.k.schedule(script.at_s, self._scripted, (index, script))

    def silent(self, platform: str) -> bool:
        """Whether ``platform`` has stopped posting (profile ``silent_platforms``)."""
        return any(
            p == platform and self.k.t >= after for p, after in self.profile.silent_platforms
        )

    def _platforms(self) -> list[tuple[str, float]]:
        if not self.profile.silent_platforms:
            return list(PLATFORMS)
        return [(p, w) for p, w in PLATFORMS if not self.silent(p)]

    def _schedule_background(self) -> None:
        if self.profile.alert_interval_s > 0:
            delay = self.rng.expovariate(1.0 / self.profile.alert_interval_s)
            self.k.schedule(self.k.t + delay, self._background)

    def _background(self, _subject: object, _gen: int) -> None:
        self.background_alert()
        self._schedule_background()

    def background_alert(self) -> AlertState | None:
        """An alert on a random topic somewhere in the city (None: every platform is silent)."""
        if not self._platforms():
            return None
        rng = self.rng
        district = rng.choices(self.geo.districts, self._weights)[0]
        topic = rng.choice(BACKGROUND)
        where = place(rng, district.name_en)
        mark = rng.choice(landmarks(district.name_en))
        district_names = Named(district.name_zh, district.name_en)
        location = None
        if "{p}" in topic.zh or "{m}" in topic.zh:
            centre = district.centre
            location = district.point_near(rng, centre[0], centre[1], 3000.0)
        alert = self._new(topic, where, mark, district_names, location)
        self._arm(alert, spike=rng.random() < topic.spike_share * self.profile.alert_spike_scale)
        return alert

    def _scripted(self, subject: tuple[int, ScriptedAlert], _gen: int) -> None:
        """A scripted spike: its own random stream, so it leaves the background's alone."""
        index, script = subject
        district = self.geo.district(script.district)
        topic = next((t for t in BACKGROUND if t.kind == script.kind), None)
        if district is None or topic is None or not self._platforms():
            return
        rng = random.Random(f"scripted:{index}:{script.at_s}")
        where = place(rng, district.name_en)
        mark = rng.choice(landmarks(district.name_en))
        centre = district.centre
        location = district.point_near(rng, centre[0], centre[1], 3000.0)
        names = Named(district.name_zh, district.name_en)
        alert = self._new(topic, where, mark, names, location, rng=rng)
        alert.peak = max(alert.base + 1, script.peak)
        alert.rise_s, alert.decay_s = script.rise_s, script.decay_s
        self.alerts[alert.id] = alert
        self.emit(alert, created=True)
        self.k.schedule(self.k.t + rng.uniform(45.0, 90.0), self._evolve, alert, alert.gen)

    def react_to(self, incident: IncidentState) -> None:
        """Maybe schedule posts about a new incident's place (a minute or two later)."""
        for category, chance, _topic in LINKED:
            if incident.category == category and self.rng.random() < chance:
                if category != "fire" and incident.priority > 2:
                    return
                delay = self.rng.uniform(40.0, 120.0)
                self.k.schedule(self.k.t + delay, self._linked, incident)
                return

    def _linked(self, incident: IncidentState, _gen: int) -> None:
        topic = next((t for c, _, t in LINKED if c == incident.category), None)
        if topic is None or not self._platforms():
            return
        short = incident.address.removeprefix(incident.district) or incident.district
        short_en = incident.address_en.removesuffix(f", {incident.district_en}")
        where = Named(short, short_en or incident.district_en)
        lat, lon = offset(
            incident.lat, incident.lon, self.rng.gauss(0, 120.0), self.rng.gauss(0, 120.0)
        )
        location = (lat, lon) if self.geo.contains(lat, lon) else (incident.lat, incident.lon)
        names = Named(incident.district, incident.district_en)
        alert = self._new(topic, where, where, names, location)
        alert.incident = incident.id
        alert.floor = "watch"
        alert.severity = severity_for(alert.volume, alert.floor)
        self._arm(alert, spike=self.profile.alert_spike_scale > 0)

    def _new(
        self,
        topic: Topic,
        where: Named,
        mark: Named,
        district: Named,
        location: tuple[float, float] | None,
        *,
        rng: random.Random | None = None,
    ) -> AlertState:
        rng = rng or self.rng
        platforms = self._platforms()
        fill = {"p": where.zh, "pe": where.en, "m": mark.zh, "me": mark.en}
        fill |= {"d": district.zh, "de": district.en}
        alert = AlertState(self._next_id())
        alert.ts = self.k.ts()
        alert.t0 = self.k.t
        alert.platform = rng.choices([p for p, _ in platforms], [w for _, w in platforms])[0]
        alert.kind = topic.kind
        alert.topic = topic.zh.format(**fill)
        alert.topic_en = tidy_en(topic.en.format(**fill))
        alert.posts = tuple(
            (zh.format(**fill), tidy_en(en.format(**fill))) for zh, en in topic.posts
        )
        alert.excerpt, alert.excerpt_en = rng.choice(alert.posts)
        alert.sentiment = self._sentiment(topic.sentiment, rng)
        alert.district, alert.district_en = district.zh, district.en
        alert.location = location
        alert.base = alert.volume = rng.randint(3, 25)
        alert.severity = severity_for(alert.volume)
        return alert

    def _sentiment(self, mean: float, rng: random.Random) -> float:
        return round(min(1.0, max(-1.0, mean + rng.gauss(0, 0.15))), 2)

    def _arm(self, alert: AlertState, spike: bool) -> None:
        """Publish a new alert and schedule its evolution."""
        rng = self.rng
        if spike:
            alert.peak = min(1500, int(alert.base * rng.uniform(5.0, 40.0)))
            alert.rise_s = rng.uniform(300.0, 1200.0)
            alert.decay_s = rng.uniform(600.0, 1800.0)
        else:
            alert.peak = alert.base
        self.alerts[alert.id] = alert
        self.emit(alert, created=True)
        wait = rng.uniform(45.0, 90.0) if spike else rng.uniform(120.0, 600.0)
        self.k.schedule(self.k.t + wait, self._evolve, alert, alert.gen)

    # ------------------------------------------------------------ evolution
    def _volume_at(self, alert: AlertState, t: float) -> int:
        age = t - alert.t0
        if alert.peak <= alert.base or alert.rise_s <= 0:
            return alert.base
        if age <= alert.rise_s:
            share = (age / alert.rise_s) ** 1.5
            return int(alert.base + (alert.peak - alert.base) * share)
        return int(alert.peak * math.exp(-(age - alert.rise_s) / alert.decay_s))

    def _evolve(self, alert: AlertState, gen: int) -> None:
        if gen != alert.gen or alert.id not in self.alerts:
            return
        if self.profile.silent_platforms and self.silent(alert.platform):
            self._schedule_removal(alert)  # its platform went quiet: no more posts
            return
        rng = self.rng
        t = self.k.t
        if alert.peak <= alert.base:  # a quiet alert: one drift update, then it rests
            alert.volume = max(1, alert.volume + rng.randint(-3, 6))
            self._publish_change(alert)
            self._schedule_removal(alert)
            return
        volume = self._volume_at(alert, t)
        rising = t - alert.t0 <= alert.rise_s
        over = not rising and volume < max(5, alert.peak * 0.12)
        alert.volume = max(1, volume)
        if alert.posts and rng.random() < 0.5:
            alert.excerpt, alert.excerpt_en = rng.choice(alert.posts)
        self._publish_change(alert)
        if over:
            self._schedule_removal(alert)
            return
        wait = rng.uniform(45.0, 90.0) if rising else rng.uniform(120.0, 300.0)
        self.k.schedule(t + wait, self._evolve, alert, alert.gen)

    def _publish_change(self, alert: AlertState) -> None:
        alert.severity = severity_for(alert.volume, alert.floor)
        alert.sentiment = round(min(1.0, max(-1.0, alert.sentiment + self.rng.gauss(0, 0.05))), 2)
        self.emit(alert)

    def _schedule_removal(self, alert: AlertState) -> None:
        self.k.schedule(self.k.t + self.profile.alert_ttl_s, self._expire, alert, alert.gen)

    def _expire(self, alert: AlertState, gen: int) -> None:
        if gen != alert.gen or alert.id not in self.alerts:
            return
        due = alert.updated_t + self.profile.alert_ttl_s
        if self.k.t + 1e-6 < due:  # changed since (acknowledged, linked): wait longer
            self.k.schedule(due, self._expire, alert, alert.gen)
            return
        del self.alerts[alert.id]
        self.k.emit("alerts", "alert.removed", {"id": alert.id})

    def schedule_restored(self, alert: AlertState) -> None:
        """After a restart: a busy alert decays from its last volume; a quiet one ages out."""
        if alert.volume >= 30:
            alert.base = max(1, alert.volume // 10)
            alert.peak = alert.volume
            alert.t0, alert.rise_s = self.k.t - 1.0, 1.0  # past its rise: only the decay is left
            alert.decay_s = self.rng.uniform(600.0, 1800.0)
            self.k.schedule(
                self.k.t + self.rng.uniform(120.0, 300.0), self._evolve, alert, alert.gen
            )
            return
        self.k.schedule(alert.updated_t + self.profile.alert_ttl_s, self._expire, alert, alert.gen)
