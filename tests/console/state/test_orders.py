from __future__ import annotations

import pytest

from console.state import SituationStore, StatePolicy, UnitView, fatigued, hours_on_duty
from services.protocol.entities import Unit
from tests.console.state.builders import T0, FakeClock, batch, unit


def dispatched(unit_id: str, at_s: float, *, ack_s: float | None = None) -> Unit:
    return unit(unit_id, status="dispatched", incident_id="I-1", dispatched_s=at_s, ack_s=ack_s)


def test_an_unacknowledged_order_escalates_after_a_minute(store: SituationStore) -> None:
    store.apply(batch(dispatched("U-1", 0.0), unit("U-2")))

    (order,) = store.orders(T0 + 59.0)
    assert order.unit_id == "U-1"
    assert order.incident_id == "I-1"
    assert not order.acknowledged
    assert order.waited_s == pytest.approx(59.0)
    assert not order.escalated

    (order,) = store.orders(T0 + 61.0)
    assert order.escalated


def test_the_acknowledgement_clears_the_escalation(store: SituationStore) -> None:
    store.apply(batch(dispatched("U-1", 0.0)))
    assert store.orders(T0 + 90.0)[0].escalated

    store.apply(
        batch(
            unit(
                "U-1",
                version=2,
                status="en_route",
                incident_id="I-1",
                dispatched_s=0.0,
                ack_s=95.0,
                ack_via="phone",
            )
        )
    )
    (order,) = store.orders(T0 + 120.0)
    assert order.acknowledged
    assert not order.escalated
    assert order.ack_via == "phone"
    assert order.waited_s == pytest.approx(95.0)  # how long the acknowledgement took


def test_orders_disappear_when_the_unit_is_released_or_removed(store: SituationStore) -> None:
    store.apply(batch(dispatched("U-1", 0.0), dispatched("U-2", 0.0)))
    store.apply(batch(unit("U-1", version=2, status="available")))
    store.apply(batch(removals={"units": ["U-2"]}))
    assert store.orders(T0 + 10.0) == []


def test_orders_follow_a_reset(store: SituationStore) -> None:
    store.apply(batch(dispatched("U-1", 0.0)))
    store.apply(batch(resets={"units": [unit("U-1", version=5)]}))
    assert store.orders(T0 + 100.0) == []
    store.apply(batch(resets={"units": [dispatched("U-3", 50.0)]}))
    assert [o.unit_id for o in store.orders(T0 + 100.0)] == ["U-3"]


def test_escalated_first_then_waiting_then_acknowledged_longest_first(
    store: SituationStore,
) -> None:
    store.apply(
        batch(
            dispatched("U-ack-slow", 0.0, ack_s=50.0),
            dispatched("U-ack-fast", 0.0, ack_s=5.0),
            dispatched("U-waiting", 80.0),
            dispatched("U-esc-short", 20.0),
            dispatched("U-esc-long", 0.0),
            dispatched("U-waiting-longer", 60.0),
        )
    )
    orders = store.orders(T0 + 100.0)
    assert [o.unit_id for o in orders] == [
        "U-esc-long",
        "U-esc-short",
        "U-waiting-longer",
        "U-waiting",
        "U-ack-slow",
        "U-ack-fast",
    ]
    assert [o.escalated for o in orders] == [True, True, False, False, False, False]


def test_the_escalation_threshold_is_configurable(clock: FakeClock) -> None:
    store = SituationStore(clock=clock, policy=StatePolicy(ack_escalation_s=30.0))
    store.apply(batch(dispatched("U-1", 0.0)))
    clock.at(31.0)
    assert store.orders()[0].escalated


def test_fatigue_after_ten_hours_on_duty(store: SituationStore) -> None:
    store.apply(batch(unit("U-1", shift_started_s=0.0), unit("U-2")))
    ten_hours = 10 * 3600.0
    assert not store.fatigued("U-1", T0 + ten_hours - 60.0)
    assert store.fatigued("U-1", T0 + ten_hours + 60.0)
    assert not store.fatigued("U-2", T0 + 2 * ten_hours)  # no shift start known
    assert not store.fatigued("U-404", T0)

    store.apply(batch(unit("U-1", version=2, status="off_duty", shift_started_s=0.0)))
    assert not store.fatigued("U-1", T0 + 2 * ten_hours)


def test_fatigue_helpers_on_a_view() -> None:
    view = UnitView(unit("U-1", shift_started_s=0.0), None)
    assert hours_on_duty(view, T0 + 5400.0) == pytest.approx(1.5)
    assert fatigued(view, T0 + 5400.0, limit_s=3600.0)
    assert not fatigued(view, T0 + 5400.0)
    off = UnitView(unit("U-1", status="off_duty", shift_started_s=0.0), None)
    assert hours_on_duty(off, T0 + 5400.0) is None
