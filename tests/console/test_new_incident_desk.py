"""A new incident from the keyboard: Ctrl+N opens the form (Incidents menu), the address
search over the S-city gazetteer places the point, and the real hub creates the incident
there, in that district."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from services.geo.gazetteer import load_gazetteer
from widgets.incidents.new_incident import NewIncidentDialog

LIVE = 60000


@pytest.mark.qt_log_ignore("This plugin does not support grabbing the keyboard")
def test_ctrl_n_address_search_creates_the_incident_at_the_place(qtbot, make_desk) -> None:
    desk = make_desk()
    window, store = desk.window, desk.session.store
    cad = store.service_status
    qtbot.waitUntil(lambda: cad("cad") is not None and cad("cad").state == "live", timeout=LIVE)
    seen: dict[str, object] = {}

    class CallTaker(NewIncidentDialog):
        """The real form, filled in by keyboard as a call-taker would (exec, which would
        wait for a person, is replaced by the typing)."""

        def exec(self) -> bool:
            self.show()
            qtbot.keyClicks(self.summary, "tourist's wallet taken at the garden gate")
            self.category.setCurrentIndex(self.category.findData("theft"))
            self.address.setFocus()
            qtbot.keyClicks(self.address, "humble admin")  # part of a landmark's name
            popup = self.address.completer().popup()
            qtbot.waitUntil(popup.isVisible, timeout=5000)
            qtbot.keyClick(popup, Qt.Key.Key_Down)
            qtbot.keyClick(popup, Qt.Key.Key_Return)
            qtbot.waitUntil(lambda: self.lat is not None, timeout=5000)
            seen["location"] = self.location.text()
            seen["values"] = self.values()
            return True

    window.new_incident_dialog = CallTaker
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Incidents")
    action = next(a for a in menu.actions() if a.objectName() == "newIncident")
    assert action.shortcut().toString() == "Ctrl+N"
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "values" in seen, timeout=10000)
    assert seen["location"] == "31.32500, 120.62800 (at Humble Administrator's Garden, Gusu)"
    qtbot.waitUntil(
        lambda: any(i.summary.startswith("tourist's wallet") for i in store.incidents.values()),
        timeout=LIVE,
    )
    created = next(i for i in store.incidents.values() if i.summary.startswith("tourist's"))
    assert (created.location.lat, created.location.lon) == pytest.approx((31.325, 120.628))
    assert created.district == load_gazetteer().district_names("Gusu").name_zh
    assert created.category == "theft"
    assert "Humble Administrator's Garden" in created.address
