"""The intake assistant in the new-incident form: live suggestions as the call-taker types
(debounced), accepted one by one or all at once, always editable; OK only with a summary
and a location."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from widgets.incidents.intake_view import DEBOUNCE_MS
from widgets.incidents.new_incident import NewIncidentDialog


@pytest.fixture
def form(qtbot):
    def make(lat=None, lon=None) -> NewIncidentDialog:
        dialog = NewIncidentDialog(lat, lon)
        qtbot.addWidget(dialog)
        dialog.show()
        return dialog

    return make


def type_text(qtbot, dialog: NewIncidentDialog, text: str) -> None:
    """Keys for Latin text; Chinese arrives as an input method commits it (QtTest cannot
    type it), as inserted text."""
    dialog.summary.setFocus()
    if text.isascii():
        qtbot.keyClicks(dialog.summary, text)
    else:
        dialog.summary.insertPlainText(text)


def test_suggestions_follow_the_typing_once_it_pauses(qtbot, form) -> None:
    dialog = form()
    view = dialog.suggestions
    with qtbot.waitSignal(view.suggested, timeout=5000) as first:
        type_text(qtbot, dialog, "two men fighting near Guanqian St")
    assert first.args[0].category.category == "assault"
    assert view.values["category"].text() == "Assault"
    assert view.buttons["category"].isEnabled()
    assert "fighting" in view.words["category"].text()
    assert view.values["place"].text() == "观前街 Guanqian St (Gusu)"
    assert view.confidences["place"].text().endswith("%")
    # a burst of keys is one suggestion, not one per key
    heard = []
    view.suggested.connect(heard.append)
    type_text(qtbot, dialog, ", one bleeding")
    qtbot.waitUntil(lambda: len(heard) == 1, timeout=5000)
    qtbot.wait(DEBOUNCE_MS * 2)
    assert len(heard) == 1
    assert view.values["priority"].text() == "P1"


def test_nothing_is_filled_until_the_call_taker_accepts(qtbot, form) -> None:
    dialog = form()
    view = dialog.suggestions
    with qtbot.waitSignal(view.suggested, timeout=5000):
        type_text(qtbot, dialog, "有人在金鸡湖边上偷电动车")
    assert dialog.category.currentData() is None
    assert dialog.address.text() == ""
    assert dialog.lat is None
    assert not dialog.ok_button.isEnabled()  # no location yet
    qtbot.mouseClick(view.buttons["category"], Qt.MouseButton.LeftButton)
    assert dialog.category.currentData() == "theft"
    qtbot.mouseClick(view.buttons["place"], Qt.MouseButton.LeftButton)
    assert dialog.address.text() == "金鸡湖 Jinji Lake"
    assert dialog.ok_button.isEnabled()
    values = dialog.values()
    assert values["district"] == "Wuzhong"
    assert (values["lat"], values["lon"]) == pytest.approx((31.31, 120.69), abs=0.01)
    # the call-taker changes what was accepted: the form keeps their choice
    dialog.category.setCurrentIndex(dialog.category.findData("burglary"))
    assert dialog.values()["category"] == "burglary"


def test_accept_all_takes_every_suggestion_but_the_map_point_stays(qtbot, form) -> None:
    dialog = form(31.40, 120.95)
    view = dialog.suggestions
    with qtbot.waitSignal(view.suggested, timeout=5000):
        type_text(qtbot, dialog, "car on fire at Kunshan South Station, someone trapped")
    qtbot.mouseClick(view.accept_all_button, Qt.MouseButton.LeftButton)
    values = dialog.values()
    assert (values["category"], values["priority"], values["district"]) == ("fire", 1, "Kunshan")
    assert (values["lat"], values["lon"]) == (31.40, 120.95)  # chosen on the map
    assert "Kunshan South Station" in values["address"]


def test_ok_needs_a_summary_and_nothing_happens_without_it(qtbot, form) -> None:
    dialog = form(31.3, 120.6)
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()
    type_text(qtbot, dialog, "noise")
    assert not ok.isEnabled()  # no category chosen yet
    dialog.category.setCurrentIndex(dialog.category.findData("noise"))
    assert ok.isEnabled()
    with pytest.raises(ValueError, match="no location"):
        form().values()


def test_every_simulator_category_can_be_chosen(qtbot, form) -> None:
    dialog = form()
    offered = {dialog.category.itemData(i) for i in range(dialog.category.count())}
    assert {"lost_property", "traffic_obstruction", "theft"} <= offered
    assert len(offered - {None}) == 13
