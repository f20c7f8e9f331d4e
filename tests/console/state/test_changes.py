from __future__ import annotations

from console.state import COLLECTIONS, ChangeSet
from tests.console.state.builders import ack


def test_a_fresh_change_set_is_empty_and_indexable_by_every_collection() -> None:
    changes = ChangeSet()
    assert changes.is_empty()
    for collection in COLLECTIONS:
        assert changes.added[collection] == set()
        assert changes.touched(collection) == set()


def test_removed_then_added_is_changed_and_added_then_removed_is_nothing() -> None:
    changes = ChangeSet()
    changes.note_removed("units", "U-1")
    changes.note_added("units", "U-1")
    changes.note_added("units", "U-2")
    changes.note_removed("units", "U-2")
    assert changes.changed["units"] == {"U-1"}
    assert changes.added["units"] == set()
    assert changes.removed["units"] == set()


def test_changed_never_shadows_added_or_removed() -> None:
    changes = ChangeSet()
    changes.note_added("incidents", "I-1")
    changes.note_changed("incidents", "I-1")
    changes.note_changed("incidents", "I-2")
    changes.note_removed("incidents", "I-2")
    assert changes.added["incidents"] == {"I-1"}
    assert changes.changed["incidents"] == set()
    assert changes.removed["incidents"] == {"I-2"}


def test_merge_coalesces_successive_change_sets() -> None:
    first = ChangeSet()
    first.note_added("incidents", "I-1")
    first.note_changed("units", "U-1")
    first.note_removed("cameras", "C-1")
    second = ChangeSet()
    second.note_removed("incidents", "I-1")  # created and closed within the window
    second.note_changed("units", "U-1")
    second.note_added("cameras", "C-1")  # came back
    second.services.add("cad")
    second.acks.append(ack("cmd-1"))
    second.commands.add("cmd-1")

    merged = first.merge(second)

    assert merged is first
    assert merged.touched("incidents") == set()
    assert merged.changed["units"] == {"U-1"}
    assert merged.changed["cameras"] == {"C-1"}
    assert merged.removed["cameras"] == set()
    assert merged.services == {"cad"}
    assert [a.command_id for a in merged.acks] == ["cmd-1"]
    assert merged.commands == {"cmd-1"}
    assert not merged.is_empty()


def test_touched_unites_the_three_kinds_of_change() -> None:
    changes = ChangeSet()
    changes.note_added("alerts", "A-1")
    changes.note_changed("alerts", "A-2")
    changes.note_removed("alerts", "A-3")
    assert changes.touched("alerts") == {"A-1", "A-2", "A-3"}
    assert "A-3" in repr(changes)
