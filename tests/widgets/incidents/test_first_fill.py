"""The first fill of an empty incident table (the cached picture at start): one reset
with the rows already in triage order, so a sorting proxy sorts once; later batches are
row insertions as before."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.console.state.builders import batch
from tests.widgets.incidents.factories import full_incident
from tests.widgets.incidents.test_model import Spy, keys
from widgets.incidents.filter import IncidentFilterProxy
from widgets.incidents.roles import IncidentColumn, IncidentRoles


def test_the_first_fill_is_one_reset_in_triage_order_and_later_rows_are_inserted(
    store, make_model
) -> None:
    model = make_model()
    proxy = IncidentFilterProxy()
    proxy.setSourceModel(model)
    spy = Spy(model)

    store.apply(
        batch(
            full_incident("I-1", priority=3, reported_s=10.0),
            full_incident("I-2", priority=1, reported_s=50.0),
            full_incident("I-3", priority=1, reported_s=20.0),
            full_incident("I-4", priority=2, reported_s=5.0),
        )
    )

    assert spy.of("reset") == [("reset",)]
    assert spy.of("ins") == []
    assert keys(model) == ["I-3", "I-2", "I-4", "I-1"], "the model itself in triage order"
    shown = [proxy.index(row, 0).data(IncidentRoles.KEY) for row in range(proxy.rowCount())]
    assert shown == ["I-3", "I-2", "I-4", "I-1"]
    assert [model.row_of(key) for key in ("I-3", "I-2", "I-4", "I-1")] == [0, 1, 2, 3]

    store.apply(batch(full_incident("I-5", priority=1, reported_s=1.0)))
    assert spy.of("ins") == [("ins", 4, 4)], "appended, as every batch after the first"
    assert spy.of("reset") == [("reset",)]
    shown = [proxy.index(row, 0).data(IncidentRoles.KEY) for row in range(proxy.rowCount())]
    assert shown == ["I-5", "I-3", "I-2", "I-4", "I-1"]


def test_the_sort_key_follows_a_change_of_priority(store, make_model) -> None:
    model = make_model()
    proxy = IncidentFilterProxy()
    proxy.setSourceModel(model)
    store.apply(
        batch(
            full_incident("I-1", priority=2, reported_s=10.0),
            full_incident("I-2", priority=2, reported_s=20.0),
        )
    )
    store.apply(batch(full_incident("I-2", version=2, priority=1, reported_s=20.0)))
    assert model.index(model.row_of("I-2"), 0).data(IncidentRoles.SORT)[0] == 1
    shown = [
        proxy.index(row, IncidentColumn.ID).data(Qt.ItemDataRole.DisplayRole)
        for row in range(proxy.rowCount())
    ]
    assert shown == ["I-2", "I-1"]
