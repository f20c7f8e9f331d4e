"""The deployment plan and the intake form on the whole desk, against the real embedded
backend: the panel's plan is drawn on the map; Ctrl+N opens the new-incident form with no
point, and what the call-taker confirms is created."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence

from console.state.intake import IntakeAssistant
from tests.console.test_desk import LIVE, all_live, map_read
from widgets.map.pressure import shown_cells


def test_the_plan_reaches_the_map_with_posts_and_the_pressure_layer(qtbot, make_desk) -> None:
    desk = make_desk()
    window = desk.window
    qtbot.waitUntil(lambda: all_live(desk) and window.map.ready, timeout=LIVE)
    assert "deploymentDock" in window.docks
    window.deployment.recompute()  # with the live units, now that they have arrived
    qtbot.waitUntil(
        lambda: window.deployment.plan is not None and window.deployment.plan.units_available > 0,
        timeout=LIVE,
    )
    plan = window.deployment.plan

    def drawn() -> dict:
        return map_read(qtbot, window.map, "ccmap.pressure()")

    qtbot.waitUntil(lambda: drawn()["hour"] == plan.hour and bool(drawn()["posts"]), timeout=LIVE)
    shown = drawn()
    assert len(shown["posts"]) == len(window.deployment.plan.posts) > 0
    assert len(shown["cells"]) == len(shown_cells(window.deployment.plan))
    assert window.deployment.plan.covered_suggested >= window.deployment.plan.covered_now
    show = window.findChild(QAction, "show-deploymentDock")
    assert show.shortcut() == QKeySequence("Ctrl+Shift+D")
    # on the map while the plan's dock is in front; off when another tab covers it
    show.trigger()
    qtbot.waitUntil(lambda: drawn()["visible"] and drawn()["legendShown"], timeout=LIVE)
    window.docks["incidentDetailDock"].raise_()  # the same tab group: the plan goes behind
    qtbot.waitUntil(lambda: not drawn()["visible"] and not drawn()["legendShown"], timeout=LIVE)


def test_ctrl_n_opens_the_form_and_the_confirmed_call_is_created(qtbot, make_desk) -> None:
    desk = make_desk()
    window, store = desk.window, desk.session.store
    qtbot.waitUntil(lambda: all_live(desk), timeout=LIVE)
    opened = []
    words = "有人在平江路历史街区打架，一个人流血了"

    class CallTaker:
        """The form as a call-taker fills it: types the words, accepts every suggestion."""

        def __init__(self, lat, lon, _parent) -> None:
            opened.append((lat, lon))
            self.suggestion = IntakeAssistant().suggest(words)

        def exec(self) -> bool:
            return True

        def values(self) -> dict:
            place = self.suggestion.place.place
            return {
                "category": self.suggestion.category.category,
                "priority": self.suggestion.priority.priority,
                "summary": words,
                "address": place.zh,
                "district": place.district,
                "lat": place.lat,
                "lon": place.lon,
            }

    window.new_incident_dialog = CallTaker
    action = window.findChild(QAction, "newIncident")
    assert action.shortcut() == QKeySequence("Ctrl+N")
    action.trigger()
    assert opened == [(None, None)]
    qtbot.waitUntil(lambda: any(i.summary == words for i in store.incidents.values()), timeout=LIVE)
    created = next(i for i in store.incidents.values() if i.summary == words)
    assert (created.category, created.priority) == ("assault", 1)
    assert created.district in ("Gusu", "姑苏区")
