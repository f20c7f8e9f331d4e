"""The thresholds of opinion early warning, read from the ``[opinion]`` table of the config.

::

    [opinion]
    z_threshold = 5.0         # a topic's volume in a district this many σ above its baseline…
    min_volume = 80           # …and at least this many posts per 10 min is a spike
    rearm_z = 1.0             # the spike is over once the volume is back under baseline + 1 σ
    critical_z = 8.0          # a spike reaching this many σ…
    critical_volume = 300     # …and this many posts per 10 min is critical
    sample_seconds = 60       # volumes are sampled this often
    baseline_minutes = 30     # time constant of the moving (EWMA) baseline
    escalate_after_s = 120    # an unacknowledged critical warning escalates after this long
    trend_hours = 3           # the trends show this many hours
    link_km = 2.0             # incidents suggested for an alert: this close…
    link_minutes = 60         # …and reported this close in time, in the same district
    [opinion.quiet_minutes]   # a platform silent this long is flagged; "default" for the rest
    default = 20
    weibo = 10
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

#: ``[opinion]`` keys and the policy fields they set.
_NUMBERS: dict[str, str] = {
    "z_threshold": "z_threshold",
    "min_volume": "min_volume",
    "rearm_z": "rearm_z",
    "critical_z": "critical_z",
    "critical_volume": "critical_volume",
    "sample_seconds": "sample_s",
    "baseline_minutes": "baseline_minutes",
    "escalate_after_s": "escalate_after_s",
    "trend_hours": "trend_hours",
    "link_km": "link_km",
    "link_minutes": "link_minutes",
}


@dataclass(frozen=True, slots=True)
class OpinionPolicy:
    """Spike detection, source coverage and link suggestion thresholds.

    * A (topic, district) volume ``x`` is a spike when ``x >= min_volume`` and
      ``(x - baseline) / σ >= z_threshold``; σ is the moving standard deviation, never
      below ``sqrt(baseline)`` (the noise of a count) nor 1.
    * The spike is over (and the detector re-armed) once ``x < baseline + rearm_z · σ``.
    * Its warning is critical once it reached both ``critical_z`` and ``critical_volume``.
    * ``volume_window_minutes`` is the window an alert's ``volume`` counts posts over
      (protocol: the last 10 minutes); it only names the unit in the warning's reason.
    * ``quiet_minutes`` per platform (else ``default_quiet_minutes``): a platform with no
      post for that long is flagged as gone quiet.
    """

    z_threshold: float = 5.0
    min_volume: int = 80
    rearm_z: float = 1.0
    critical_z: float = 8.0
    critical_volume: int = 300
    sample_s: float = 60.0
    baseline_minutes: float = 30.0
    volume_window_minutes: float = 10.0
    escalate_after_s: float = 120.0
    trend_hours: float = 3.0
    link_km: float = 2.0
    link_minutes: float = 60.0
    default_quiet_minutes: float = 20.0
    quiet_minutes: Mapping[str, float] = field(default_factory=dict)
    #: posts are counted per minute over this window for each platform's rate
    rate_window_minutes: float = 10.0

    def __post_init__(self) -> None:
        for name in (*_NUMBERS.values(), "default_quiet_minutes", "rate_window_minutes"):
            value = getattr(self, name)
            if not isinstance(value, int | float) or isinstance(value, bool) or value <= 0:
                raise ValueError(f"{name} must be a positive number, not {value!r}")
        if self.rearm_z >= self.z_threshold:
            raise ValueError(
                f"rearm_z ({self.rearm_z}) must be below z_threshold ({self.z_threshold})"
            )
        if self.critical_z < self.z_threshold:
            raise ValueError(
                f"critical_z ({self.critical_z}) must not be below z_threshold ({self.z_threshold})"
            )
        for platform, minutes in self.quiet_minutes.items():
            if not isinstance(minutes, int | float) or isinstance(minutes, bool) or minutes <= 0:
                raise ValueError(f"quiet_minutes.{platform} must be a positive number")

    def quiet_s(self, platform: str) -> float:
        """Seconds without a post after which ``platform`` is flagged as quiet."""
        return 60.0 * self.quiet_minutes.get(platform, self.default_quiet_minutes)

    @property
    def baseline_s(self) -> float:
        return 60.0 * self.baseline_minutes

    @property
    def trend_s(self) -> float:
        return 3600.0 * self.trend_hours


def opinion_policy(table: Mapping[str, Any]) -> OpinionPolicy:
    """The policy an ``[opinion]`` table describes; ValueError names a bad or unknown key."""
    values: dict[str, Any] = {}
    for key, value in table.items():
        if key == "quiet_minutes":
            values.update(_quiet(value))
        elif key in _NUMBERS:
            if not isinstance(value, int | float) or isinstance(value, bool) or value <= 0:
                raise ValueError(f"{key} must be a positive number, not {value!r}")
            values[_NUMBERS[key]] = value
        else:
            known = ", ".join(sorted([*_NUMBERS, "quiet_minutes"]))
            raise ValueError(f"{key!r} is not an opinion setting; settings are {known}")
    for key in ("min_volume", "critical_volume"):
        if key in values and not isinstance(values[key], int):
            raise ValueError(f"{key} must be a whole number of posts")
    return OpinionPolicy(**values)


def _quiet(value: Any) -> dict[str, Any]:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return {"default_quiet_minutes": value}
    if not isinstance(value, dict):
        raise ValueError("quiet_minutes must be a number or a table of platform = minutes")
    per_platform = {}
    values: dict[str, Any] = {}
    for platform, minutes in value.items():
        if not isinstance(minutes, int | float) or isinstance(minutes, bool) or minutes <= 0:
            raise ValueError(f"quiet_minutes.{platform} must be a positive number of minutes")
        if platform == "default":
            values["default_quiet_minutes"] = float(minutes)
        else:
            per_platform[str(platform)] = float(minutes)
    values["quiet_minutes"] = per_platform
    return values
