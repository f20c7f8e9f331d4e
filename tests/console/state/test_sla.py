from __future__ import annotations

import pytest

from console.state import SituationStore, SlaPolicy, SlaTargets, sla_clock
from tests.console.state.builders import T0, batch, incident

# priority -> (dispatch target, on-scene target), the documented defaults
TARGETS = {1: (60.0, 480.0), 2: (120.0, 900.0), 3: (300.0, 1800.0), 4: (900.0, 3600.0)}


@pytest.mark.parametrize("priority", [1, 2, 3, 4])
def test_the_dispatch_clock_runs_while_new(priority: int) -> None:
    dispatch_s, _ = TARGETS[priority]
    new = incident(priority=priority, status="new")

    early = sla_clock(new, T0 + 0.5 * dispatch_s)
    assert early.phase == "dispatch"
    assert early.state == "ok"
    assert early.target_s == dispatch_s
    assert early.elapsed_s == pytest.approx(0.5 * dispatch_s)
    assert early.remaining_s == pytest.approx(0.5 * dispatch_s)

    assert sla_clock(new, T0 + 0.74 * dispatch_s).state == "ok"
    assert sla_clock(new, T0 + 0.75 * dispatch_s).state == "warning"
    assert sla_clock(new, T0 + dispatch_s).state == "warning"  # on the target, not past it
    late = sla_clock(new, T0 + dispatch_s + 1.0)
    assert late.state == "breach"
    assert late.remaining_s == pytest.approx(-1.0)


@pytest.mark.parametrize("priority", [1, 2, 3, 4])
@pytest.mark.parametrize("status", ["dispatched", "en_route"])
def test_the_arrival_clock_runs_from_the_report_until_on_scene(priority: int, status: str) -> None:
    _, on_scene_s = TARGETS[priority]
    moving = incident(priority=priority, status=status)

    early = sla_clock(moving, T0 + 0.5 * on_scene_s)
    assert (early.phase, early.state, early.target_s) == ("arrival", "ok", on_scene_s)
    assert sla_clock(moving, T0 + 0.8 * on_scene_s).state == "warning"
    assert sla_clock(moving, T0 + on_scene_s + 1.0).state == "breach"


@pytest.mark.parametrize("status", ["on_scene", "resolved", "closed"])
def test_the_clock_is_done_on_scene_and_after(status: str) -> None:
    done = sla_clock(incident(priority=1, status=status), T0 + 10_000.0)
    assert done.phase == "done"
    assert done.state == "done"
    assert done.target_s is None
    assert done.remaining_s is None
    assert done.elapsed_s == pytest.approx(10_000.0)


def test_targets_and_warning_fraction_are_configurable() -> None:
    policy = SlaPolicy(
        targets={1: SlaTargets(dispatch_s=10.0, on_scene_s=100.0)}, warning_fraction=0.5
    )
    new = incident(priority=1)
    assert sla_clock(new, T0 + 5.0, policy).state == "warning"
    # A priority the policy does not name uses the least urgent configured one.
    assert sla_clock(incident(priority=3), T0 + 11.0, policy).state == "breach"


def test_a_report_from_a_clock_ahead_of_ours_counts_from_zero() -> None:
    clock = sla_clock(incident(priority=2, reported_s=30.0), T0)
    assert clock.elapsed_s == 0.0
    assert clock.state == "ok"


def test_a_bad_warning_fraction_is_refused() -> None:
    with pytest.raises(ValueError, match="warning_fraction"):
        SlaPolicy(warning_fraction=1.5)


def test_the_store_answers_for_its_incidents(store: SituationStore) -> None:
    store.apply(batch(incident("I-1", priority=1)))
    clock = store.sla("I-1", T0 + 61.0)
    assert clock is not None
    assert clock.state == "breach"
    assert clock.incident_id == "I-1"
    assert store.sla("I-404", T0) is None
