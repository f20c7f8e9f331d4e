"""Incidents suggested for an alert: same district, near in space and time."""

from __future__ import annotations

from msgspec.structs import replace

from console.state.opinion import OpinionPolicy, suggest_incidents
from tests.console.state.builders import SCENE, incident
from tests.widgets.opinion.builders import opinion_alert

POLICY = OpinionPolicy(link_km=2.0, link_minutes=60.0)


def at_district(item, district: str = "Wuzhong"):
    return replace(item, district=district)


def test_near_in_space_and_time_in_the_same_district_nearest_first() -> None:
    alert = opinion_alert(ts_s=600.0)
    near = at_district(incident("I-near", reported_s=0.0, lat=SCENE[0] + 0.001))
    nearer = at_district(incident("I-nearer", reported_s=300.0))
    far = at_district(incident("I-far", lat=SCENE[0] + 0.05))  # ~5.5 km
    late = at_district(incident("I-late", reported_s=600.0 + 3700.0))
    elsewhere = at_district(incident("I-elsewhere"), "Gusu")
    closed = at_district(incident("I-closed", status="closed"))
    found = suggest_incidents(alert, [near, far, late, elsewhere, closed, nearer], POLICY)
    assert [s.incident_id for s in found] == ["I-nearer", "I-near"]
    assert found[0].distance_m == 0.0
    assert found[0].minutes_apart == 5.0
    assert 100 < found[1].distance_m < 120


def test_without_a_location_the_district_and_time_decide() -> None:
    alert = opinion_alert(location=None, ts_s=0.0)
    found = suggest_incidents(
        alert,
        [
            at_district(incident("I-1", reported_s=1200.0, lat=SCENE[0] + 0.05)),
            at_district(incident("I-2", reported_s=600.0)),
        ],
        POLICY,
    )
    assert [(s.incident_id, s.distance_m) for s in found] == [("I-2", None), ("I-1", None)]


def test_the_incident_already_linked_is_not_suggested_and_nowhere_suggests_nothing() -> None:
    linked = opinion_alert(incident="I-1")
    assert suggest_incidents(linked, [at_district(incident("I-1"))], POLICY) == []
    nowhere = opinion_alert(district="", location=None)
    assert suggest_incidents(nowhere, [at_district(incident("I-1"))], POLICY) == []
