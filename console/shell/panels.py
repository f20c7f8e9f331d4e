"""The panel registry: every dock of the desk, declared once.

A panel declares its id (the dock's object name, which saved layouts refer to), its
title, where it goes in the default layout, an optional shortcut that brings it to the
front, and how to build it from what it needs (:class:`PanelContext`: the store, the
clock, the command controller, the configuration). The main window builds its docks,
its View menu and its "show panel" shortcuts from the registry, so adding a panel is one
:meth:`PanelRegistry.register` call here — no main-window code. A saved layout that does
not know a newer panel still restores; the newcomer takes its default place.

A ``lazy`` panel (one tabbed behind another by default, with heavy imports: the opinion
trends' plots, the deployment planner's numerics) is built the first time its dock is
shown or the window's attribute for it is read; until then its dock holds an empty
placeholder, so the desk opens without waiting for it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import QWidget

from widgets.common.panel import PanelContext
from widgets.dispatch.orders import OrdersPanel
from widgets.dispatch.panel import DispatchPanel
from widgets.incidents.detail import IncidentDetailPanel
from widgets.incidents.queue import IncidentQueuePanel
from widgets.opinion.linked import LinkedAlertsList
from widgets.opinion.panels import build_feed, build_trends
from widgets.units.board import UnitBoardPanel
from widgets.video.panel import build_video_wall

__all__ = ["PANELS", "PanelContext", "PanelRegistry", "PanelSpec"]

Area = Qt.DockWidgetArea


@dataclass(frozen=True)
class PanelSpec:
    id: str  # the dock's object name; saved layouts refer to it, so never rename one
    attribute: str  # the window keeps the panel as ``window.<attribute>``
    title: Callable[[], str]  # translated when the window is built
    area: Qt.DockWidgetArea
    build: Callable[[PanelContext], QWidget]
    shortcut: str = ""  # brings the panel to the front ("Ctrl+U")
    shortcut_text: Callable[[], str] | None = None
    tab_with: str = ""  # in the default layout, tabbed behind this panel's dock
    size: int = 0  # default width (left/right areas) or height (top/bottom), in pixels
    #: default share of its area's length (height left/right, width top/bottom) beside the
    #: area's other untabbed panels, e.g. units 0.55 and orders 0.45 side by side below
    share: float = 0.0
    #: built on first show (or first read of ``window.<attribute>``), not with the window
    lazy: bool = False


class PanelRegistry:
    """Panels in the order they were registered (the View menu's order)."""

    def __init__(self) -> None:
        self._specs: dict[str, PanelSpec] = {}

    def register(self, spec: PanelSpec) -> Callable[[], None]:
        """Add ``spec``; returns the call that removes it again."""
        if spec.id in self._specs:
            raise ValueError(f"a panel {spec.id!r} is registered already")
        self._specs[spec.id] = spec

        def unregister() -> None:
            if self._specs.get(spec.id) is spec:
                del self._specs[spec.id]

        return unregister

    def __iter__(self) -> Iterator[PanelSpec]:
        return iter(list(self._specs.values()))

    def __contains__(self, panel_id: object) -> bool:
        return panel_id in self._specs

    def __getitem__(self, panel_id: str) -> PanelSpec:
        return self._specs[panel_id]


def _translate(text: str) -> Callable[[], str]:
    """Translated when called (the window is built after the translator is installed)."""
    return lambda: QCoreApplication.translate("MainWindow", text)


def _build_deployment(context: PanelContext) -> QWidget:
    # imported when first shown: the planner loads numpy, scipy and h3
    from widgets.deployment.panel import build_deployment  # noqa: PLC0415

    return build_deployment(context)


def _build_replay(context: PanelContext) -> QWidget:
    # imported when first shown (a replay's desk shows it; a live desk keeps it hidden):
    # the replay timeline loads pyqtgraph
    from widgets.replay.panel import build_replay  # noqa: PLC0415

    return build_replay(context)


def _opinion_section_title() -> str:
    return QCoreApplication.translate("IncidentDetailPanel", "Opinion alerts")


PANELS = PanelRegistry()

PANELS.register(
    PanelSpec(
        "incidentQueueDock",
        "queue",
        _translate(QT_TRANSLATE_NOOP("MainWindow", "Incidents")),
        Area.LeftDockWidgetArea,
        lambda c: IncidentQueuePanel(c.store, clock=c.clock, ticker=c.ticker, parent=c.parent),
        size=600,  # priority, ID, SLA, units, status and category without scrolling
    )
)
PANELS.register(
    PanelSpec(
        "incidentDetailDock",
        "detail",
        _translate(QT_TRANSLATE_NOOP("MainWindow", "Incident detail")),
        Area.RightDockWidgetArea,
        lambda c: IncidentDetailPanel(
            c.store,
            clock=c.clock,
            ticker=c.ticker,
            sections=[(_opinion_section_title(), LinkedAlertsList(c.store))],
            parent=c.parent,
        ),
        size=460,  # the dispatch list (tabbed here) with its flags and "why" columns
    )
)
PANELS.register(
    PanelSpec(
        "dispatchDock",
        "dispatch",
        _translate(QT_TRANSLATE_NOOP("MainWindow", "Dispatch")),
        Area.RightDockWidgetArea,
        lambda c: DispatchPanel(c.store, clock=c.clock, ticker=c.ticker, parent=c.parent),
        tab_with="incidentDetailDock",
    )
)
PANELS.register(
    PanelSpec(
        "unitsDock",
        "units",
        _translate(QT_TRANSLATE_NOOP("MainWindow", "Units")),
        Area.BottomDockWidgetArea,
        lambda c: UnitBoardPanel(c.store, clock=c.clock, ticker=c.ticker, parent=c.parent),
        shortcut="Ctrl+U",
        shortcut_text=_translate(QT_TRANSLATE_NOOP("MainWindow", "Show units")),
        size=300,
        share=0.55,
    )
)
PANELS.register(
    PanelSpec(
        "ordersDock",
        "orders",
        _translate(QT_TRANSLATE_NOOP("MainWindow", "Orders to the field")),
        Area.BottomDockWidgetArea,
        lambda c: OrdersPanel(c.store, clock=c.clock, ticker=c.ticker, parent=c.parent),
        shortcut="Ctrl+O",
        shortcut_text=_translate(QT_TRANSLATE_NOOP("MainWindow", "Show orders to the field")),
        share=0.45,  # beside the units: every column of an order, "Acknowledged" too
    )
)
PANELS.register(
    PanelSpec(
        "opinionDock",
        "opinion",
        _translate(QT_TRANSLATE_NOOP("MainWindow", "Opinion")),
        Area.BottomDockWidgetArea,
        build_feed,
        shortcut="Ctrl+Shift+O",
        shortcut_text=_translate(QT_TRANSLATE_NOOP("MainWindow", "Show opinion alerts")),
        tab_with="unitsDock",  # the wide one: the feed has many columns
    )
)
PANELS.register(
    PanelSpec(
        "opinionTrendsDock",
        "opinion_trends",
        _translate(QT_TRANSLATE_NOOP("MainWindow", "Opinion trends")),
        Area.RightDockWidgetArea,
        build_trends,
        tab_with="incidentDetailDock",  # tall: the trends stack their plots
        lazy=True,  # pyqtgraph loads when the trends are first shown
    )
)
PANELS.register(
    PanelSpec(
        "videoWallDock",
        "video",
        _translate(QT_TRANSLATE_NOOP("MainWindow", "Video wall")),
        Area.BottomDockWidgetArea,
        build_video_wall,
        shortcut="Ctrl+Shift+V",
        shortcut_text=_translate(QT_TRANSLATE_NOOP("MainWindow", "Show the video wall")),
        tab_with="unitsDock",
    )
)
PANELS.register(
    PanelSpec(
        "replayDock",
        "replay",
        _translate(QT_TRANSLATE_NOOP("MainWindow", "Replay")),
        Area.TopDockWidgetArea,
        _build_replay,  # on a live desk: a hint, and the window keeps it hidden
        shortcut="Ctrl+Shift+P",
        shortcut_text=_translate(QT_TRANSLATE_NOOP("MainWindow", "Show the replay controls")),
        size=190,
        lazy=True,
    )
)
PANELS.register(
    PanelSpec(
        "deploymentDock",
        "deployment",
        _translate(QT_TRANSLATE_NOOP("MainWindow", "Deployment")),
        Area.RightDockWidgetArea,
        _build_deployment,
        shortcut="Ctrl+Shift+D",
        shortcut_text=_translate(QT_TRANSLATE_NOOP("MainWindow", "Show the deployment plan")),
        tab_with="incidentDetailDock",
        lazy=True,  # the planner's numerics load when the plan is first shown
    )
)
