"""The map explains itself (issue 11 item 5), on the real WebEngine page: a legend whose
every word comes from Python's tr(), district names, plain-text popups, the density
grid under the units and faded at street zoom, incident ids on one line, a camera's
popup; and 20,000 units pushed at once."""

from __future__ import annotations

import json

import pytest
from PySide6.QtWidgets import QMenu

from bench._harness import synthetic_picture
from console.state import SituationStore
from services.protocol.times import format_ts, utc_now
from tests.widgets.map.test_map import read, upsert, wait_page
from widgets.map.page import GEO
from widgets.map.texts import camera_menu_text, page_labels
from widgets.map.view import MapView

HOSTILE = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>'
NO_MARKUP = "document.querySelectorAll('.leaflet-popup img, .leaflet-popup script').length"


def open_view(qtbot, store: SituationStore) -> MapView:
    view = MapView(store)
    view.resize(1000, 700)
    view.show()
    with qtbot.waitSignal(view.pageLoaded, timeout=30000):
        pass
    return view


@pytest.fixture
def mapped(qtbot):
    store = SituationStore()
    store.apply(synthetic_picture(50, 10))
    ts = format_ts(utc_now())
    for index, (name, status) in enumerate(
        [("North Gate & Plaza", "online"), ("Canal Bridge", "offline")]
    ):
        upsert(
            store,
            "cameras",
            {
                "id": f"K-{index}",
                "name": name,
                "location": {"lat": 31.30 + index / 100, "lon": 120.60},
                "status": status,
                "stream": {"kind": "ws-jpeg"},
                "version": 1,
            },
        )
    upsert(
        store,
        "alerts",
        {
            "id": "A-1",
            "ts": ts,
            "platform": "weibo",
            "topic": "Crowd at the station",
            "excerpt": "<b>so many</b> people & no police",
            "sentiment": -0.4,
            "volume": 120,
            "location": {"lat": 31.31, "lon": 120.62},
            "district": "Gusu",
            "severity": "warning",
            "version": 1,
        },
    )
    view = open_view(qtbot, store)
    wait_page(qtbot, view, lambda s: s["markers"]["cameras"] == 2 and s["markers"]["alerts"] == 1)
    yield store, view
    view.close()
    view.deleteLater()


def test_the_legend_names_every_shape_and_colour_with_words_from_python(qtbot, mapped) -> None:
    _, view = mapped
    legend = wait_page(qtbot, view, lambda v: v is not None, "ccmap.legend()")
    words = page_labels()
    assert legend["title"] == words["legend"]
    assert legend["sections"] == [
        words["legendIncidentColour"],
        words["legendIncidentShape"],
        words["legendUnits"],
        words["legendCameras"],
        words["legendAlerts"],
        words["legendDensity"],
    ]
    for key in (
        "priority.1",
        "priority.4",
        "incidentStatus.new",
        "incidentStatus.on_scene",
        "unitStatus.available",
        "unitStatus.busy",
        "staleFix",
        "cameraStatus.online",
        "cameraStatus.offline",
        "severity.critical",
        "legendDensityNote",
    ):
        assert words[key] in legend["entries"], key
    # every word on it came from Python (the page holds no English of its own)
    values = set(words.values())
    for entry in legend["entries"]:
        assert all(part in values for part in entry.split(" / ")), entry
    assert legend["swatches"] == len(legend["entries"])


def test_district_names_are_shown_on_the_map(qtbot, mapped) -> None:
    _, view = mapped
    districts = json.loads((GEO / "districts.geojson").read_text(encoding="utf-8"))
    expected = sorted(f["properties"]["name_en"] for f in districts["features"])
    names = wait_page(qtbot, view, lambda n: len(n) == len(expected), "ccmap.districtNames()")
    assert sorted(names) == expected


def test_a_hostile_summary_in_a_popup_stays_literal_text(qtbot, mapped) -> None:
    store, view = mapped
    ts = format_ts(utc_now())
    upsert(
        store,
        "incidents",
        {
            "id": "I-HOSTILE",
            "category": "fraud",
            "priority": 2,
            "status": "new",
            "summary": HOSTILE,
            "address": HOSTILE,
            "location": {"lat": 31.3, "lon": 120.6},
            "reported_at": ts,
            "updated_at": ts,
            "version": 1,
        },
    )
    wait_page(qtbot, view, lambda m: m is not None, 'ccmap.marker("incidents", "I-HOSTILE")')
    with qtbot.waitSignal(view.entitySelected, timeout=10000) as signal:
        assert read(qtbot, view, 'ccmap.click("incidents", "I-HOSTILE")') is True
    assert signal.args == ["incidents", "I-HOSTILE"]
    popup = wait_page(qtbot, view, lambda p: p is not None, "ccmap.popup()")
    assert popup["kind"] == "incidents"
    assert popup["text"].count(HOSTILE) == 2  # the summary and the address, as text
    assert popup["injected"] == 0
    assert read(qtbot, view, NO_MARKUP) == 0
    assert read(qtbot, view, "typeof window.__pwned") == "undefined"
    words = page_labels()
    assert words["popupPriority"] in popup["text"]
    assert words["incidentStatus.new"] in popup["text"]


def test_density_is_under_the_units_and_fades_at_street_zoom(qtbot, mapped) -> None:
    _, view = mapped
    panes = read(qtbot, view, "ccmap.panes()")
    assert panes["heat"]["zIndex"] < panes["alerts"]["zIndex"] < panes["units"]["zIndex"]
    assert panes["units"]["zIndex"] < panes["incidents"]["zIndex"]
    assert panes["zoom"] <= 12
    assert panes["heat"]["opacity"] == 1
    assert read(qtbot, view, "ccmap.setZoom(16)") == 16
    panes = wait_page(qtbot, view, lambda p: p["heat"]["opacity"] < 0.5, "ccmap.panes()")
    assert panes["heat"]["opacity"] <= 0.2
    assert panes["units"]["opacity"] == 1


def test_incident_ids_stay_on_one_line_in_tooltips(qtbot, mapped) -> None:
    store, view = mapped
    key = sorted(store.incidents)[0]
    title = read(qtbot, view, f'ccmap.hover("incidents", "{key}")')
    assert title["title"].startswith(key)
    assert title["whiteSpace"] == "nowrap"
    assert title["titleHeight"] < 1.5 * title["lineHeight"]


def test_a_clicked_camera_shows_its_popup_and_is_selected(qtbot, mapped) -> None:
    store, view = mapped
    view.select("incidents", sorted(store.incidents)[0])  # centred near the cameras, zoomed in
    wait_page(qtbot, view, lambda s: s["selected"] and s["zoom"] >= 13)
    # a click where the camera is drawn, as the pointer gives it: the canvases stacked
    # above the cameras' (units, incidents) must not swallow it
    with qtbot.waitSignal(view.entitySelected, timeout=10000) as signal:
        hit = read(qtbot, view, "ccmap.clickAt(31.31, 120.60)")
    assert signal.args == ["cameras", "K-1"]
    assert hit["selected"] == "cameras:K-1"
    popup = wait_page(qtbot, view, lambda p: p is not None, "ccmap.popup()")
    assert (popup["kind"], popup["id"]) == ("cameras", "K-1")
    assert "Canal Bridge" in popup["text"]
    assert page_labels()["cameraStatus.offline"] in popup["text"]
    # picked from "Cameras near here": the map centres on it and shows its popup
    view.select("cameras", "K-0")
    popup = wait_page(qtbot, view, lambda p: p and p["id"] == "K-0", "ccmap.popup()")
    assert "North Gate & Plaza" in popup["text"]


def test_an_opinion_alert_popup_is_plain_text(qtbot, mapped) -> None:
    _, view = mapped
    assert read(qtbot, view, 'ccmap.click("alerts", "A-1")') is True
    popup = wait_page(qtbot, view, lambda p: p is not None, "ccmap.popup()")
    assert "<b>so many</b> people & no police" in popup["text"]
    assert popup["injected"] == 0
    words = page_labels()
    assert words["severity.warning"] in popup["text"]
    assert f"120 {words['postsPer10Min']}" in popup["text"]


def test_cameras_near_here_shows_an_ampersand_not_a_mnemonic(qtbot) -> None:
    menu = QMenu()
    qtbot.addWidget(menu)
    action = menu.addAction(camera_menu_text("North Gate & Plaza", 120.4, "online"))
    assert action.iconText().startswith("North Gate & Plaza · 120 m")  # shown as typed


def test_twenty_thousand_units_in_one_push_are_twenty_thousand_markers(qtbot) -> None:
    store = SituationStore()
    store.apply(synthetic_picture(20000, 0))
    view = open_view(qtbot, store)
    try:
        stats = wait_page(qtbot, view, lambda s: s["markers"]["units"] == 20000)
        assert stats["markers"]["units"] == len(store.positions) == 20000
        assert view.feed.pushed_markers[0] == 20000  # no cap: one diff
        assert view.page.console_errors == []
    finally:
        view.close()
        view.deleteLater()


def test_the_page_acknowledges_each_diff_once_its_markers_are_drawn(qtbot, mapped) -> None:
    store, view = mapped
    view.feed.painted_ms.clear()
    upsert(
        store,
        "positions",
        {
            "unit": "U-00002",
            "lat": 31.33,
            "lon": 120.66,
            "fix_at": format_ts(utc_now()),
            "version": 77,
        },
    )
    qtbot.waitUntil(lambda: len(view.feed.painted_ms) >= 1, timeout=10000)
    stats = wait_page(qtbot, view, lambda s: s["paintedSeq"] == s["lastSeq"])
    assert stats["lastSeq"] > 1
    marker = read(qtbot, view, 'ccmap.marker("units", "U-00002")')
    assert (marker["lat"], marker["lng"]) == (31.33, 120.66)
