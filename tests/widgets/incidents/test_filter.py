"""The queue's proxy: triage order and the operator's filters."""

from __future__ import annotations

import pytest

from tests.console.state.builders import batch
from tests.widgets.incidents.factories import full_incident
from widgets.incidents.filter import DEFAULT_STATUSES, IncidentFilterProxy
from widgets.incidents.roles import IncidentRoles


def shown(proxy: IncidentFilterProxy) -> list[str]:
    return [proxy.index(row, 0).data(IncidentRoles.KEY) for row in range(proxy.rowCount())]


@pytest.fixture
def proxy(store, make_model):
    store.apply(
        batch(
            full_incident("A", priority=2, reported_s=0, district="Gusu", category="theft"),
            full_incident(
                "B",
                priority=1,
                reported_s=30,
                district="Wuzhong",
                category="fire",
                summary="Smoke from a window",
                summary_en="烟",
            ),
            full_incident("C", priority=1, reported_s=10, district="Gusu", category="assault"),
            full_incident("D", priority=3, reported_s=5, status="closed", district="Gusu"),
            full_incident(
                "E",
                priority=4,
                reported_s=1,
                status="on_scene",
                district="Xiangcheng",
                address="Canal Road 9",
            ),
        )
    )
    model = make_model()
    filtered = IncidentFilterProxy()
    filtered.setSourceModel(model)
    yield filtered
    filtered.deleteLater()


def test_priority_first_then_oldest_first_and_closed_hidden(proxy):
    assert proxy.statuses == DEFAULT_STATUSES
    assert shown(proxy) == ["C", "B", "A", "E"]


def test_the_order_follows_changes_and_new_rows(store, proxy):
    store.apply(batch(full_incident("A", version=2, priority=1, district="Gusu")))
    assert shown(proxy) == ["A", "C", "B", "E"]
    store.apply(batch(full_incident("F", priority=1, reported_s=-60)))
    assert shown(proxy) == ["F", "A", "C", "B", "E"]
    store.apply(batch(removals={"incidents": ["C"]}))
    assert shown(proxy) == ["F", "A", "B", "E"]


def test_a_row_that_is_closed_leaves_the_default_view(store, proxy):
    store.apply(batch(full_incident("B", version=2, priority=1, reported_s=30, status="closed")))
    assert shown(proxy) == ["C", "A", "E"]


def test_status_filter(proxy):
    proxy.set_statuses({"closed"})
    assert shown(proxy) == ["D"]
    proxy.set_statuses({"new", "on_scene"})
    assert shown(proxy) == ["C", "B", "A", "E"]
    proxy.set_statuses(set())
    assert shown(proxy) == []


def test_district_category_and_priority_filters(proxy):
    proxy.set_district("Gusu")
    assert shown(proxy) == ["C", "A"]
    proxy.set_category("assault")
    assert shown(proxy) == ["C"]
    proxy.set_category(None)
    proxy.set_priority(2)
    assert shown(proxy) == ["A"]
    proxy.set_district(None)
    proxy.set_priority(None)
    assert shown(proxy) == ["C", "B", "A", "E"]
    assert (proxy.district, proxy.category, proxy.priority) == (None, None, None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("smoke", ["B"]),
        ("  SMOKE  ", ["B"]),
        ("烟", ["B"]),
        ("canal road", ["E"]),
        ("c", ["C", "E"]),  # the id C, the address "Canal Road 9"
        ("", ["C", "B", "A", "E"]),
        ("nothing like it", []),
    ],
)
def test_search_is_a_case_insensitive_substring(proxy, text, expected):
    proxy.set_search_text(text)
    assert shown(proxy) == expected


def test_hostile_text_is_neutralised_in_cells_and_search_ignores_invisible_characters(
    store, make_model
):
    from widgets.incidents.roles import IncidentColumn  # noqa: PLC0415

    store.apply(
        batch(full_incident("Z", summary="Ren\u200bmin Road", address="\u202eDNALSI 3-GS-U"))
    )
    model = make_model()
    filtered = IncidentFilterProxy()
    filtered.setSourceModel(model)
    row = [filtered.index(r, 0).data(IncidentRoles.KEY) for r in range(filtered.rowCount())]
    address = filtered.index(row.index("Z"), int(IncidentColumn.ADDRESS)).data()
    assert address == "DNALSI 3-GS-U", "no override character reaches the table"
    filtered.set_search_text("renmin")  # typed plainly, stored with a zero-width space
    assert shown(filtered) == ["Z"]
    filtered.set_search_text("3-GS\u200b-U")  # pasted with a zero-width space
    assert shown(filtered) == ["Z"]
    filtered.deleteLater()
