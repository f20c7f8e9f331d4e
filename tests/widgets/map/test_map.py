"""The live map with real WebEngine offscreen; every assertion reads state back from the page."""

from __future__ import annotations

import time

import msgspec
import pytest

from bench._harness import synthetic_picture
from console.state import SituationStore
from services.client.batch import IngestBatch
from services.protocol.codec import decode_entity
from services.protocol.times import format_ts, utc_now
from widgets.map.view import MapView


def read(qtbot, view: MapView, expression: str):
    box: list = []
    view.evaluate(expression, box.append)
    qtbot.waitUntil(lambda: bool(box), timeout=10000)
    return box[0]


def wait_page(qtbot, view: MapView, predicate, expression: str = "ccmap.stats()") -> dict:
    last: dict = {}

    def check() -> bool:
        last["value"] = read(qtbot, view, expression)
        return bool(predicate(last["value"]))

    qtbot.waitUntil(check, timeout=20000)
    return last["value"]


def upsert(store: SituationStore, topic: str, data: dict) -> None:
    raw = msgspec.json.encode(data)
    batch = IngestBatch()
    entity = decode_entity(topic, raw)
    batch.upsert(topic, data.get("id") or data["unit"], entity, raw)
    batch.received[topic] = time.time()
    store.apply(batch)


def remove(store: SituationStore, topic: str, key: str) -> None:
    batch = IngestBatch()
    batch.remove(topic, key)
    store.apply(batch)


@pytest.fixture
def mapped(qtbot):
    store = SituationStore()
    store.apply(synthetic_picture(300, 40))
    view = MapView(store)
    view.resize(1000, 700)
    view.show()
    with qtbot.waitSignal(view.pageLoaded, timeout=30000):
        pass
    wait_page(qtbot, view, lambda s: s["markers"]["units"] > 0)
    yield store, view
    view.close()
    view.deleteLater()


def test_page_loads_offline_with_boundaries_and_the_stores_markers(qtbot, mapped) -> None:
    store, view = mapped
    stats = read(qtbot, view, "ccmap.stats()")
    assert stats["connected"]
    assert stats["districts"] == 9
    assert stats["markers"]["units"] == len(store.positions) == 300
    open_incidents = [i for i in store.incidents.values() if i.status != "closed"]
    assert stats["markers"]["incidents"] == len(open_incidents) == 40
    assert stats["heat"] >= 1
    assert view.page.console_errors == []
    assert view.page.refused == []


def test_a_position_update_reaches_its_marker_and_removals_disappear(qtbot, mapped) -> None:
    store, view = mapped
    upsert(
        store,
        "positions",
        {
            "unit": "U-00007",
            "lat": 31.4567,
            "lon": 120.7654,
            "heading": 90,
            "fix_at": format_ts(utc_now()),
            "version": 99,
        },
    )
    marker = wait_page(
        qtbot,
        view,
        lambda m: m and abs(m["lat"] - 31.4567) < 1e-9,
        'ccmap.marker("units", "U-00007")',
    )
    assert abs(marker["lng"] - 120.7654) < 1e-9
    remove(store, "units", "U-00007")
    wait_page(qtbot, view, lambda m: m is None, 'ccmap.marker("units", "U-00007")')
    remove(store, "incidents", "I-20261128-0003")
    stats = wait_page(qtbot, view, lambda s: s["markers"]["incidents"] == 39)
    assert stats["markers"]["units"] == 299


def test_selection_works_both_ways(qtbot, mapped) -> None:
    store, view = mapped
    view.select("incidents", "I-20261128-0005")
    stats = wait_page(qtbot, view, lambda s: s["selected"] == "incidents:I-20261128-0005")
    incident = store.incidents["I-20261128-0005"]
    assert abs(stats["center"][0] - incident.location.lat) < 1e-6
    assert stats["zoom"] >= 13
    with qtbot.waitSignal(view.entitySelected, timeout=10000) as signal:
        assert read(qtbot, view, 'ccmap.click("units", "U-00012")') is True
    assert signal.args == ["units", "U-00012"]
    assert read(qtbot, view, "ccmap.stats()")["selected"] == "units:U-00012"


def test_hostile_summary_sets_no_flag_and_shows_as_text(qtbot, mapped) -> None:
    store, view = mapped
    hostile = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>'
    ts = format_ts(utc_now())
    upsert(
        store,
        "incidents",
        {
            "id": "I-HOSTILE",
            "category": "fraud",
            "priority": 2,
            "status": "new",
            "summary": hostile,
            "location": {"lat": 31.3, "lon": 120.6},
            "reported_at": ts,
            "updated_at": ts,
            "version": 1,
        },
    )
    marker = wait_page(
        qtbot, view, lambda m: m is not None, 'ccmap.marker("incidents", "I-HOSTILE")'
    )
    assert hostile in marker["tooltip"]
    assert "<img" not in marker["tooltipHtml"], "text, not markup"
    read(qtbot, view, 'ccmap.click("incidents", "I-HOSTILE")')
    assert read(qtbot, view, "typeof window.__pwned") == "undefined"


def test_navigation_away_is_refused_and_the_page_has_a_policy(qtbot, mapped) -> None:
    _, view = mapped
    policy = read(
        qtbot,
        view,
        'document.querySelector("meta[http-equiv=Content-Security-Policy]")'
        '.getAttribute("content")',
    )
    assert "default-src 'none'" in policy
    assert "connect-src 'none'" in policy
    view.page.runJavaScript('window.location.href = "https://example.invalid/"')
    qtbot.waitUntil(lambda: bool(view.page.refused), timeout=10000)
    assert read(qtbot, view, "ccmap.stats()")["connected"]


def test_context_menu_offers_new_incident_here(qtbot, mapped) -> None:
    _, view = mapped
    entries = read(qtbot, view, "ccmap.contextMenu(31.31, 120.61)")
    assert len(entries) == 3
    with qtbot.waitSignal(view.newIncidentRequested, timeout=10000) as signal:
        read(qtbot, view, "ccmap.chooseMenu(0)")
    assert signal.args == pytest.approx([31.31, 120.61])


def test_new_incidents_pulse_and_a_stale_fix_is_greyed(qtbot, mapped) -> None:
    store, view = mapped
    new = sum(1 for i in store.incidents.values() if i.status == "new")
    assert read(qtbot, view, "ccmap.stats()")["pulses"] == new > 0
    upsert(
        store,
        "positions",
        {
            "unit": "U-00020",
            "lat": 31.3,
            "lon": 120.6,
            "fix_at": "2026-01-01T00:00:00.000Z",
            "version": 50,
        },
    )
    marker = wait_page(
        qtbot, view, lambda m: m and m["fill"] == "#6b7480", 'ccmap.marker("units", "U-00020")'
    )
    assert "stale" in marker["tooltip"]


def test_callsigns_are_labelled_only_when_zoomed_in(qtbot, mapped) -> None:
    _, view = mapped
    assert read(qtbot, view, "ccmap.stats()")["labels"] == 0
    view.select("units", "U-00001")
    read(qtbot, view, "ccmap.setZoom(16)")
    stats = wait_page(qtbot, view, lambda s: s["labels"] > 0)
    assert stats["zoom"] == 16
    read(qtbot, view, "ccmap.setZoom(10)")
    wait_page(qtbot, view, lambda s: s["labels"] == 0)
