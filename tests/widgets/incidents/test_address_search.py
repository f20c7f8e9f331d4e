"""The new-incident form's address search over the S-city gazetteer: any part of a name
or alias finds the place; picking it fills the address, the point and the district."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from services.geo.gazetteer import load_gazetteer
from widgets.incidents.address_search import gazetteer_places, place_text
from widgets.incidents.new_incident import NewIncidentDialog


def completions(dialog: NewIncidentDialog) -> list[str]:
    model = dialog.address.completer().completionModel()
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def pick_first(qtbot, dialog: NewIncidentDialog, typed: str) -> None:
    """Type ``typed`` into the address field and take the first completion, by keyboard."""
    dialog.address.setFocus()
    qtbot.keyClicks(dialog.address, typed)
    popup = dialog.address.completer().popup()
    qtbot.waitUntil(popup.isVisible, timeout=5000)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not popup.isVisible(), timeout=5000)


def test_every_named_point_of_the_gazetteer_is_searchable() -> None:
    gazetteer = load_gazetteer()
    kinds = {place.kind for place in gazetteer_places()}
    assert kinds == {"station", "street", "landmark"}
    assert len(gazetteer_places()) == sum(1 for _ in gazetteer.places())


@pytest.mark.parametrize("typed", ["humble admin", "拙政", "Zhuozheng"])
def test_part_of_a_name_or_an_alias_finds_the_place(qtbot, typed) -> None:
    dialog = NewIncidentDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.address.completer().setCompletionPrefix(typed)
    assert any("Humble Administrator's Garden" in text for text in completions(dialog))


# the completion popup asks for the keyboard, which the offscreen platform cannot grab
KEYBOARD_GRAB = pytest.mark.qt_log_ignore("This plugin does not support grabbing the keyboard")


@KEYBOARD_GRAB
def test_picking_a_completion_places_the_point_and_the_district(qtbot) -> None:
    dialog = NewIncidentDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.lat is None
    pick_first(qtbot, dialog, "Humble Admin")
    garden = next(p for p in gazetteer_places() if p.zh == "拙政园")
    assert dialog.address.text() == place_text(garden)
    assert (dialog.lat, dialog.lon) == (garden.lat, garden.lon)
    assert dialog.district == "Gusu"
    assert dialog.location.text() == "31.32500, 120.62800 (at Humble Administrator's Garden, Gusu)"
    dialog.summary.setPlainText("a tourist's wallet taken")
    dialog.category.setCurrentIndex(dialog.category.findData("theft"))
    assert dialog.ok_button.isEnabled()
    values = dialog.values()
    assert (values["lat"], values["lon"], values["district"]) == (31.325, 120.628, "Gusu")


@KEYBOARD_GRAB
def test_a_point_chosen_on_the_map_stays_when_an_address_is_picked(qtbot) -> None:
    dialog = NewIncidentDialog(31.30, 120.60)
    qtbot.addWidget(dialog)
    dialog.show()
    pick_first(qtbot, dialog, "Hanshan")
    assert "寒山寺 Hanshan Temple" in dialog.address.text()
    assert (dialog.lat, dialog.lon) == (31.30, 120.60)
