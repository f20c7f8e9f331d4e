"""The deployment layer on the live map (real WebEngine, offscreen): what the page shows
is read back and compared with the model."""

from __future__ import annotations

import pytest

from bench._city_history import synthetic_history
from console.state import SituationStore
from console.state.deployment import DeploymentModel, IncidentBook, UnitSpot, load_city_grid
from services.geo import load_gazetteer
from tests.widgets.map.test_map import read, wait_page
from widgets.map.pressure import SHOW_FROM, shown_cells
from widgets.map.view import MapView

NOW = 1_796_000_000.0
LAYER_NAMES = (
    "Array.from(document.querySelectorAll('.leaflet-control-layers-overlays label'))"
    ".map(function (label) { return label.textContent.trim(); })"
)


@pytest.fixture(scope="module")
def plan():
    grid = load_city_grid()
    model = DeploymentModel(grid, load_gazetteer())
    book = IncidentBook(grid)
    for incident in synthetic_history(7, NOW):
        book.add(incident.id, incident.reported_ts, incident.lat, incident.lon, incident.category)
    units = [
        UnitSpot("U-1", 31.30, 120.60),
        UnitSpot("U-2", 31.38, 120.98),
        UnitSpot("U-3", 31.65, 120.75),
        UnitSpot("U-4", 31.32, 120.70),
    ]
    return model.plan(book.arrays(), units, NOW, NOW + 3 * 3600)


@pytest.fixture
def view(qtbot):
    mapped = MapView(SituationStore())
    mapped.resize(1000, 700)
    mapped.show()
    with qtbot.waitSignal(mapped.pageLoaded, timeout=30000):
        pass
    yield mapped
    mapped.close()
    mapped.deleteLater()


def test_the_layer_shows_the_models_values_for_every_cell_shown(qtbot, view, plan) -> None:
    view.show_deployment(plan)
    shown = wait_page(qtbot, view, lambda p: p["cells"], "ccmap.pressure()")
    expected_cells = shown_cells(plan)
    assert len(shown["cells"]) == len(expected_cells) > 500
    index = {cell: i for i, cell in enumerate(plan.pressure.cells)}
    for cell_id, heat, population, pressure in shown["cells"]:
        i = index[cell_id]
        assert heat == round(float(plan.pressure.heat[i]), 3)
        assert population == round(float(plan.pressure.population[i]), 3)
        assert pressure == round(float(plan.pressure.pressure[i]), 3)
        assert pressure >= round(SHOW_FROM, 3)
    shown_ids = {row[0] for row in shown["cells"]}
    assert shown_ids == {plan.pressure.cells[i] for i in expected_cells}
    assert shown["hour"] == plan.hour
    assert shown["uncovered"] == len(plan.uncovered) > 0  # 4 units leave busy cells uncovered
    assert not shown["visible"], "off until the operator asks: the live picture stays clear"
    assert not shown["legendShown"]
    assert read(qtbot, view, "ccmap.showDeployment(true)") is True
    shown = read(qtbot, view, "ccmap.pressure()")
    assert shown["visible"]
    assert shown["legendShown"]
    assert view.page.console_errors == []


def test_posts_have_a_line_from_their_unit_and_the_legend_names_both_indices(
    qtbot, view, plan
) -> None:
    view.show_deployment(plan)
    shown = wait_page(qtbot, view, lambda p: p["posts"], "ccmap.pressure()")
    assert len(shown["posts"]) == len(plan.posts) == 4
    assert shown["lines"] == 4  # one per post: every post was given a unit
    for drawn, post in zip(shown["posts"], plan.posts, strict=True):
        assert (drawn["lat"], drawn["lon"], drawn["unit"]) == (post.lat, post.lon, post.unit)
        assert "heat" in drawn["tooltip"]
        assert "population" in drawn["tooltip"]
    assert shown["legendSwatches"] == 9
    assert "incident heat" in shown["legend"]
    assert "population" in shown["legend"]
    names = read(qtbot, view, LAYER_NAMES)
    assert "Suggested posts" in names
    assert any(name.startswith("Pressure") for name in names)


def test_a_plan_sent_before_the_page_is_ready_is_drawn_when_it_is(qtbot, plan) -> None:
    early = MapView(SituationStore())
    early.show_deployment(plan)
    early.show()
    with qtbot.waitSignal(early.pageLoaded, timeout=30000):
        pass
    shown = wait_page(qtbot, early, lambda p: p["cells"], "ccmap.pressure()")
    assert len(shown["cells"]) == len(shown_cells(plan))
    early.close()
    early.deleteLater()
