from __future__ import annotations

import pytest

from console.state import ChangeSet, SituationStore
from services.client.batch import IngestBatch
from tests.console.state.builders import (
    alert,
    batch,
    camera,
    incident,
    position,
    status,
    unit,
)


@pytest.fixture
def heard(store: SituationStore) -> list[ChangeSet]:
    received: list[ChangeSet] = []
    store.subscribe(received.append)
    return received


def test_reset_then_update_then_removal(store: SituationStore, heard: list[ChangeSet]) -> None:
    first = store.apply(
        batch(resets={"incidents": [incident("I-1"), incident("I-2")], "units": [unit("U-1")]})
    )
    assert first.added["incidents"] == {"I-1", "I-2"}
    assert first.added["units"] == {"U-1"}
    assert set(store.incidents) == {"I-1", "I-2"}

    second = store.apply(batch(incident("I-1", version=2, status="dispatched")))
    assert second.changed["incidents"] == {"I-1"}
    assert second.touched("units") == set()
    assert store.incidents["I-1"].status == "dispatched"

    third = store.apply(batch(removals={"incidents": ["I-2"]}))
    assert third.removed["incidents"] == {"I-2"}
    assert "I-2" not in store.incidents

    assert heard == [first, second, third]


def test_identical_reapply_changes_nothing_and_emits_nothing(
    store: SituationStore, heard: list[ChangeSet]
) -> None:
    def picture() -> IngestBatch:
        return batch(
            incident("I-1", version=3),
            unit("U-1"),
            position("U-1"),
            camera("C-1"),
            alert("A-1"),
            resets={"incidents": [incident("I-1", version=3)]},
        )

    assert not store.apply(picture()).is_empty()
    again = store.apply(picture())
    assert again.is_empty()
    assert len(heard) == 1
    assert store.apply(batch(removals={"units": ["U-9"]})).is_empty()  # unknown key


def test_a_reset_removes_what_it_lacks_adds_new_and_changes_only_new_versions(
    store: SituationStore,
) -> None:
    store.apply(batch(resets={"units": [unit("U-1"), unit("U-2"), unit("U-3")]}))
    changes = store.apply(
        batch(resets={"units": [unit("U-1"), unit("U-2", version=2), unit("U-4")]})
    )
    assert changes.removed["units"] == {"U-3"}
    assert changes.added["units"] == {"U-4"}
    assert changes.changed["units"] == {"U-2"}
    assert set(store.units) == {"U-1", "U-2", "U-4"}


def test_same_version_with_other_content_is_a_change(store: SituationStore) -> None:
    store.apply(batch(camera("C-1", version=4, status="online")))
    changes = store.apply(batch(camera("C-1", version=4, status="offline")))
    assert changes.changed["cameras"] == {"C-1"}
    assert store.cameras["C-1"].status == "offline"


def test_a_reset_followed_by_a_recreation_in_the_same_batch_reads_as_changed(
    store: SituationStore,
) -> None:
    store.apply(batch(alert("A-1"), alert("A-2")))
    changes = store.apply(batch(alert("A-1", version=2), resets={"alerts": [alert("A-2")]}))
    assert changes.changed["alerts"] == {"A-1"}
    assert changes.removed["alerts"] == set()
    assert store.alerts["A-1"].version == 2


def test_a_position_change_marks_its_unit_changed(store: SituationStore) -> None:
    store.apply(batch(unit("U-1"), unit("U-2"), position("U-1", fix_s=0.0)))

    moved = store.apply(batch(position("U-1", lat=31.31, fix_s=5.0)))
    assert moved.changed["positions"] == {"U-1"}
    assert moved.changed["units"] == {"U-1"}
    view = store.unit_view("U-1")
    assert view is not None
    assert view.position is not None
    assert view.position.lat == pytest.approx(31.31)

    first_fix = store.apply(batch(position("U-2")))
    assert first_fix.added["positions"] == {"U-2"}
    assert first_fix.changed["units"] == {"U-2"}

    lost = store.apply(batch(removals={"positions": ["U-1"]}))
    assert lost.changed["units"] == {"U-1"}
    view = store.unit_view("U-1")
    assert view is not None
    assert view.position is None


def test_a_position_without_a_cad_unit_touches_no_unit(store: SituationStore) -> None:
    changes = store.apply(batch(position("U-X")))
    assert changes.added["positions"] == {"U-X"}
    assert changes.touched("units") == set()
    assert store.unit_view("U-X") is None


def test_a_unit_arriving_with_its_position_is_just_added(store: SituationStore) -> None:
    changes = store.apply(batch(position("U-1"), unit("U-1")))
    assert changes.added["units"] == {"U-1"}
    assert changes.changed["units"] == set()
    assert [view.id for view in store.unit_views()] == ["U-1"]


def test_collections_are_read_only(store: SituationStore) -> None:
    store.apply(batch(unit("U-1")))
    with pytest.raises(TypeError):
        store.units["U-2"] = unit("U-2")  # type: ignore[index]


def test_unsubscribe_stops_notifications(store: SituationStore) -> None:
    heard: list[ChangeSet] = []
    unsubscribe = store.subscribe(heard.append)
    store.apply(batch(unit("U-1")))
    unsubscribe()
    unsubscribe()  # harmless twice
    store.apply(batch(unit("U-2")))
    assert len(heard) == 1


def test_unknown_topics_are_ignored(store: SituationStore) -> None:
    stray = batch()
    stray.upserts["weather"] = {"W-1": object()}
    assert store.apply(stray).is_empty()


def test_events_are_counted(store: SituationStore) -> None:
    store.apply(batch(unit("U-1"), unit("U-2")))
    store.apply(batch(removals={"units": ["U-1"]}))
    assert store.events_applied == 3


def test_a_failing_listener_is_reported_with_its_owner_and_the_others_still_hear(
    listener_errors,
) -> None:
    store = SituationStore()
    heard: list[object] = []
    failures: list[tuple[str, str]] = []

    def broken(_changes: object) -> None:
        raise RuntimeError("panel bug")

    store.subscribe(broken, owner="map")
    store.subscribe(heard.append)
    store.on_listener_failure(lambda owner, exc: failures.append((owner, str(exc))))
    store.apply(batch(incident("I-1")))
    assert len(heard) == 1, "the healthy listener still heard the change"
    assert failures == [("map", "panel bug")]
    assert [r.getMessage() for r in listener_errors.records] == ["change listener of map failed"]
    listener_errors.clear()  # expected here; any other test would fail on it


def test_reset_forgets_the_picture_and_tells_the_listeners(store: SituationStore) -> None:
    store.apply(batch(incident("I-1"), unit("U-1"), statuses=[status("cad")]))
    store.track_command("c-1", "incident.dispatch", "I-1 <- U-1", {})
    heard: list[ChangeSet] = []
    store.subscribe(heard.append)
    changes = store.reset()
    assert heard == [changes]
    assert changes.removed["incidents"] == {"I-1"}
    assert changes.removed["units"] == {"U-1"}
    assert "cad" in changes.services
    assert not store.incidents
    assert not store.units
    assert store.service_status("cad") is None
    assert store.command("c-1") is None
    assert store.events_applied == 0
    store.apply(batch(incident("I-2")))
    assert set(store.incidents) == {"I-2"}, "the store works on after a reset"
