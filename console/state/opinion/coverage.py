"""Source coverage: when each platform last posted, how fast it posts, and whether it
has gone quiet for longer than its configured period — a silent source is flagged,
never silently missing.

A platform counts as having posted when an alert on it is new or its posts changed
(volume, excerpt or sentiment) — an operator acknowledging or linking an alert is not a
post. Configured platforms (``[opinion.quiet_minutes]``) that never posted are flagged
once their quiet period has passed since coverage started.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

from console.state.opinion.policy import OpinionPolicy


@dataclass(frozen=True, slots=True)
class PlatformCoverage:
    platform: str
    #: when it last posted (None: not since coverage started)
    last_seen: float | None
    #: posts (alert changes) per minute over the rate window
    rate_per_min: float
    quiet_s: float
    #: seconds without a post (since coverage started if it never posted)
    silent_s: float

    @property
    def quiet(self) -> bool:
        return self.silent_s > self.quiet_s


class SourceCoverage:
    def __init__(self, policy: OpinionPolicy, started_at: float) -> None:
        self._policy = policy
        self._started_at = started_at
        self._window_min = max(1, round(policy.rate_window_minutes))
        self._last_seen: dict[str, float] = {}
        self._minutes: dict[str, deque[list[int]]] = {}  # platform -> [[minute, count], ...]

    def note(self, platform: str, at: float) -> None:
        """``platform`` posted at ``at``."""
        if at > self._last_seen.get(platform, float("-inf")):
            self._last_seen[platform] = at
        minute = int(at // 60)
        buckets = self._minutes.get(platform)
        if buckets is None:
            buckets = self._minutes[platform] = deque()
        if buckets and buckets[-1][0] == minute:
            buckets[-1][1] += 1
        elif not buckets or buckets[-1][0] < minute:
            buckets.append([minute, 1])
            while buckets[0][0] <= minute - self._window_min:
                buckets.popleft()
        elif minute > buckets[-1][0] - self._window_min:  # late (a cached alert's first post)
            for index, bucket in enumerate(buckets):
                if bucket[0] == minute:
                    bucket[1] += 1
                    break
                if bucket[0] > minute:
                    buckets.insert(index, [minute, 1])
                    break

    def platforms(self) -> list[str]:
        """Every platform seen or configured, sorted."""
        return sorted(self._last_seen.keys() | self._policy.quiet_minutes.keys())

    def report(self, now: float) -> list[PlatformCoverage]:
        return [self.platform(name, now) for name in self.platforms()]

    def platform(self, name: str, now: float) -> PlatformCoverage:
        last = self._last_seen.get(name)
        since = self._started_at if last is None else last
        first = int(now // 60) - self._window_min + 1  # the window: this minute and before
        posts = sum(count for minute, count in self._minutes.get(name, ()) if minute >= first)
        return PlatformCoverage(
            platform=name,
            last_seen=last,
            rate_per_min=posts / self._window_min,
            quiet_s=self._policy.quiet_s(name),
            silent_s=max(0.0, now - since),
        )

    def quiet(self, now: float) -> list[PlatformCoverage]:
        """Platforms silent for longer than their quiet period, longest silence first."""
        found = [c for c in self.report(now) if c.quiet]
        return sorted(found, key=lambda c: (-c.silent_s, c.platform))
