from __future__ import annotations

import pytest

from console.state import SituationStore, StatePolicy
from tests.console.state.builders import (
    T0,
    FakeClock,
    batch,
    camera,
    heads,
    incident,
    live,
    position,
    status,
    unit,
)


def test_a_fix_goes_stale_after_a_minute(store: SituationStore) -> None:
    store.apply(live("cad", "avl"))
    store.apply(batch(unit("U-1"), position("U-1", fix_s=0.0), received={"positions": 0.0}))
    view = store.unit_view("U-1")
    assert view is not None

    assert view.fix_age(T0 + 59.0) == pytest.approx(59.0)
    assert not view.fix_stale(T0 + 59.0)
    assert view.fix_stale(T0 + 61.0)
    # The store answers the same; the AVL layer itself stays fresh thanks to heads.
    store.apply(batch(journal=[heads("avl", 58.0), heads("cad", 58.0)]))
    assert not store.is_stale("units", "U-1", T0 + 59.0)
    assert store.is_stale("units", "U-1", T0 + 61.0)
    assert store.is_stale("positions", "U-1", T0 + 61.0)


def test_a_fix_from_a_clock_ahead_of_ours_has_age_zero(store: SituationStore) -> None:
    store.apply(batch(unit("U-1"), position("U-1", fix_s=10.0)))
    view = store.unit_view("U-1")
    assert view is not None
    assert view.fix_age(T0) == 0.0
    assert not view.fix_stale(T0)


def test_a_unit_without_a_position_is_not_stale_while_cad_is_live(
    store: SituationStore,
) -> None:
    store.apply(batch(unit("U-1"), statuses=[status("cad")], received={"units": 0.0}))
    view = store.unit_view("U-1")
    assert view is not None
    assert view.fix_age(T0) is None
    assert not view.fix_stale(T0)
    assert not store.is_stale("units", "U-1", T0 + 5.0)
    assert not store.is_stale("units", "U-unknown", T0 + 5.0)


def test_a_layer_is_stale_until_live_and_again_when_quiet(
    store: SituationStore, clock: FakeClock
) -> None:
    assert store.layer_stale("incidents", T0)  # nothing yet
    assert store.layer_age("incidents", T0) is None

    store.apply(batch(incident("I-1"), received={"incidents": 0.0}))
    assert store.layer_stale("incidents", T0 + 1.0)  # data but no live connection

    changes = store.apply(live("cad"))
    assert changes.services == {"cad"}
    assert not store.layer_stale("incidents", T0 + 1.0)
    assert store.layer_age("incidents", T0 + 30.0) == pytest.approx(30.0)
    assert not store.layer_stale("incidents", T0 + 30.0)
    assert store.layer_stale("incidents", T0 + 31.0)  # quiet for longer than 30 s

    # The clock default: no explicit ``now``.
    clock.at(31.0)
    assert store.layer_stale("incidents")
    assert store.is_stale("incidents", "I-1")


def test_heads_keep_a_quiet_layer_fresh_but_not_its_data_age(store: SituationStore) -> None:
    store.apply(batch(camera("C-1"), received={"cameras": 0.0}, statuses=[status("video")]))
    store.apply(batch(journal=[heads("video", 100.0)]))
    assert not store.layer_stale("cameras", T0 + 110.0)
    assert store.layer_age("cameras", T0 + 110.0) == pytest.approx(110.0)
    assert store.layer_stale("cameras", T0 + 131.0)
    # Heads of another service prove nothing for this one.
    store.apply(batch(journal=[heads("cad", 200.0)]))
    assert store.layer_stale("cameras", T0 + 201.0)


def test_a_service_going_offline_makes_its_layers_stale_at_once(store: SituationStore) -> None:
    store.apply(batch(incident("I-1"), unit("U-1"), statuses=[status("cad")]))
    assert not store.is_stale("incidents", "I-1", T0 + 1.0)
    assert not store.is_stale("units", "U-1", T0 + 1.0)

    changes = store.apply(batch(statuses=[status("cad", "offline", since_s=1.0)]))
    assert changes.services == {"cad"}
    status_now = store.service_status("cad")
    assert status_now is not None
    assert status_now.state == "offline"
    assert store.is_stale("incidents", "I-1", T0 + 1.0)
    assert store.is_stale("units", "U-1", T0 + 1.0)
    assert store.service_statuses["cad"].state == "offline"


def test_an_unchanged_status_is_not_a_change(store: SituationStore) -> None:
    store.apply(live("avl"))
    repeat = batch(statuses=[status("avl")])
    repeat.statuses["avl"].last_frame_at = T0 + 3.0  # only the heartbeat moved
    assert store.apply(repeat).is_empty()


def test_a_status_object_updated_in_place_is_still_a_change(store: SituationStore) -> None:
    shared = status("video")
    store.apply(batch(statuses=[shared]))
    shared.state = "resyncing"
    shared.since = T0 + 5.0
    assert store.apply(batch(statuses=[shared])).services == {"video"}
    assert store.layer_stale("cameras", T0 + 5.0)


def test_the_cached_picture_is_stale_and_aged_by_its_receive_times(clock: FakeClock) -> None:
    store = SituationStore(clock=clock)
    clock.at(3600.0)  # the console starts an hour after the cache was written
    cached = batch(
        resets={"incidents": [incident("I-1")], "units": [unit("U-1")], "cameras": [camera()]},
        received={"incidents": -20.0, "units": -50.0, "cameras": -300.0},
        statuses=[status(service, "offline") for service in ("cad", "avl", "video", "opinion")],
    )
    changes = store.apply(cached)
    assert changes.added["incidents"] == {"I-1"}
    assert changes.services == {"cad", "avl", "video", "opinion"}
    assert store.layer_age("incidents") == pytest.approx(3620.0)
    assert store.picture_age() == pytest.approx(3900.0)  # the oldest layer: cameras
    assert store.is_stale("incidents", "I-1")


def test_a_reset_without_a_receive_time_is_dated_by_the_clock(
    store: SituationStore, clock: FakeClock
) -> None:
    clock.at(42.0)
    store.apply(batch(resets={"alerts": []}))
    assert store.layer_age("alerts", T0 + 50.0) == pytest.approx(8.0)
    assert store.picture_age(T0 + 50.0) == pytest.approx(8.0)


def test_picture_age_is_unknown_before_any_data(store: SituationStore) -> None:
    assert store.picture_age(T0) is None


def test_receive_times_never_go_backwards(store: SituationStore) -> None:
    store.apply(batch(unit("U-1"), received={"units": 10.0}))
    store.apply(batch(received={"units": 5.0}))
    assert store.layer_age("units", T0 + 20.0) == pytest.approx(10.0)


def test_rejected_frames_are_counted_per_service(store: SituationStore) -> None:
    refused = batch()
    refused.rejected = {"opinion": 2}
    changes = store.apply(refused)
    assert changes.services == {"opinion"}
    store.apply(refused)
    assert store.rejected_frames == {"opinion": 4}


def test_thresholds_come_from_the_policy(clock: FakeClock) -> None:
    store = SituationStore(clock=clock, policy=StatePolicy(fix_stale_s=10.0, layer_quiet_s=5.0))
    store.apply(
        batch(
            unit("U-1"),
            position("U-1"),
            received={"units": 0.0, "positions": 0.0},
            statuses=[status("cad"), status("avl")],
        )
    )
    view = store.unit_view("U-1")
    assert view is not None
    assert view.fix_stale(T0 + 11.0)
    assert store.layer_stale("units", T0 + 6.0)
    assert not store.layer_stale("units", T0 + 4.0)
