from __future__ import annotations

from console.state import SituationStore, StatePolicy
from tests.console.state.builders import FakeClock, batch, incident, ts


def test_status_changes_are_recorded_in_order(store: SituationStore) -> None:
    store.apply(batch(incident("I-1", reported_s=0.0)))
    store.apply(batch(incident("I-1", version=2, status="dispatched", updated_s=40.0)))
    store.apply(batch(incident("I-1", version=3, status="dispatched", updated_s=50.0)))
    store.apply(batch(incident("I-1", version=4, status="en_route", updated_s=70.0)))
    store.apply(batch(incident("I-1", version=5, status="on_scene", updated_s=400.0)))

    assert store.timeline("I-1") == [
        (ts(0.0), "new"),
        (ts(40.0), "dispatched"),  # version 3 changed no status: no entry
        (ts(70.0), "en_route"),
        (ts(400.0), "on_scene"),
    ]


def test_an_incident_first_seen_mid_life_starts_at_its_update_time(
    store: SituationStore,
) -> None:
    store.apply(batch(resets={"incidents": [incident("I-1", status="on_scene", updated_s=300.0)]}))
    assert store.timeline("I-1") == [(ts(300.0), "on_scene")]


def test_the_timeline_is_dropped_with_its_incident(store: SituationStore) -> None:
    store.apply(batch(incident("I-1"), incident("I-2")))
    store.apply(batch(removals={"incidents": ["I-1"]}))
    store.apply(batch(resets={"incidents": []}))
    assert store.timeline("I-1") == []
    assert store.timeline("I-2") == []
    # Coming back starts a fresh timeline.
    store.apply(batch(incident("I-1", version=9, status="resolved", updated_s=900.0)))
    assert store.timeline("I-1") == [(ts(900.0), "resolved")]


def test_the_timeline_is_capped_keeping_the_newest(clock: FakeClock) -> None:
    store = SituationStore(clock=clock, policy=StatePolicy(timeline_cap=3))
    statuses = ["new", "dispatched", "en_route", "on_scene", "resolved"]
    for version, state in enumerate(statuses, start=1):
        store.apply(batch(incident("I-1", version=version, status=state, updated_s=version)))
    assert [state for _, state in store.timeline("I-1")] == ["en_route", "on_scene", "resolved"]
