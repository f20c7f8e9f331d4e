"""Simulator profiles: how big and how busy the S-city is.

``demo`` is a lively city one person can follow on screen; ``load`` drives load tests with
thousands of units and thousands of events per simulated second. Derive variants with
``dataclasses.replace(PROFILES["demo"], never_ack_probability=0.0)``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ScriptedAlert:
    """An opinion spike that happens at a set time (drills and tests).

    At ``at_s`` simulated seconds after the start, posts about the first background topic
    of ``kind`` (e.g. ``"weather"``: flooding) begin in ``district`` (English or Chinese
    name) and climb to ``peak`` posts per 10 minutes over ``rise_s``, then decay.
    """

    at_s: float
    kind: str
    district: str
    peak: int = 400
    rise_s: float = 600.0
    decay_s: float = 1200.0


@dataclass(frozen=True)
class Profile:
    """Sizes and rates of one simulated city. Times are simulated seconds."""

    name: str
    #: units in the whole city, spread over the districts' stations
    units: int
    #: cameras in the whole city
    cameras: int
    #: police stations per district, inclusive range
    stations_per_district: tuple[int, int] = (2, 4)
    #: unit kinds and their weights
    unit_kinds: tuple[tuple[str, float], ...] = (
        ("patrol_car", 0.45),
        ("motorbike", 0.2),
        ("foot", 0.15),
        ("community", 0.14),
        ("drone", 0.06),
    )
    #: share of units on shift when the world is built (and on average afterwards)
    on_duty_fraction: float = 0.7
    #: shift length range in hours
    shift_hours: tuple[float, float] = (8.0, 12.0)
    #: mean seconds between 110 calls (Poisson; a day/night curve modulates it)
    call_interval_s: float = 30.0
    #: whether the call rate follows the hour of day (quieter at night)
    diurnal: bool = True
    #: seconds between position fixes of an on-duty unit, and of an off-duty one
    position_period_s: float = 2.0
    off_duty_position_period_s: float = 10.0
    #: AVL outages: per unit and hour, and their duration range (the fix goes stale)
    stale_fix_per_hour: float = 0.3
    stale_fix_s: tuple[float, float] = (60.0, 600.0)
    #: a "new" incident older than this is dispatched by the virtual dispatcher; None: never
    auto_dispatch_after_s: float | None = 90.0
    #: chance that a field terminal never acknowledges an order
    never_ack_probability: float = 0.07
    #: median and maximum terminal acknowledgement delay (lognormal, clipped)
    ack_median_s: float = 8.0
    ack_max_s: float = 60.0
    #: an order the terminal never acknowledged is confirmed by phone after this long
    phone_confirm_after_s: float = 600.0
    #: resolved incidents close after a delay in this range; closed ones are removed later
    close_after_s: tuple[float, float] = (120.0, 480.0)
    remove_closed_after_s: float = 3600.0
    #: per camera and hour: chance of going offline; offline duration range
    camera_offline_per_hour: float = 0.03
    camera_offline_s: tuple[float, float] = (120.0, 1800.0)
    #: mean seconds between new opinion alerts; how long an alert stays after its last change
    alert_interval_s: float = 40.0
    alert_ttl_s: float = 3 * 3600.0
    #: scales every topic's chance to spike; 0 gives steady traffic (no spike at all)
    alert_spike_scale: float = 1.0
    #: spikes at set times, whatever the random stream does
    scripted_alerts: tuple[ScriptedAlert, ...] = ()
    #: (platform, simulated second): from then on the platform posts nothing (a source
    #: that went quiet: no new alerts on it, its alerts stop changing)
    silent_platforms: tuple[tuple[str, float], ...] = ()
    #: incidents and alerts created at bootstrap so the picture is not empty
    initial_incidents: int = 4
    initial_alerts: int = 3


PROFILES: dict[str, Profile] = {
    "demo": Profile(
        name="demo", units=120, cameras=300, call_interval_s=35.0, on_duty_fraction=0.75
    ),
    "load": Profile(
        name="load",
        units=6000,
        cameras=2000,
        stations_per_district=(4, 6),
        call_interval_s=1.0,
        diurnal=False,
        position_period_s=2.0,
        off_duty_position_period_s=6.0,
        auto_dispatch_after_s=30.0,
        alert_interval_s=5.0,
        alert_ttl_s=2 * 3600.0,
        initial_incidents=40,
        initial_alerts=20,
    ),
}
