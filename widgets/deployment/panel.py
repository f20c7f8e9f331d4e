"""The deployment panel: suggested patrol posts for an hour of the day, why each is
there, and how much pressure they cover compared with where the available units are.

The hour slider shows the plan for a later hour (its next start); "Follow the clock"
keeps it on the current hour, recomputed as the hour changes. The plan is also
recomputed once a minute (units move, incidents come in), and at once when the number
of available units is no longer the plan's (checked every 5 s). The computation runs on the
planner's thread (:mod:`widgets.deployment.planner`); ``planChanged`` gives each new plan
to whoever draws it (the map).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSlider,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from console.state import SituationStore
from console.state.deployment import Plan, local_hour
from console.state.deployment.history import FrameHistory
from widgets.common.deployment_text import coverage_summary, hour_label, plan_details
from widgets.common.panel import PanelContext
from widgets.common.text import plain_label
from widgets.common.ticker import Ticker, TickSubscription
from widgets.deployment.journal import journal_reader
from widgets.deployment.planner import DeploymentPlanner
from widgets.deployment.posts_model import PostsModel

REFRESH_S = 60
#: how often the number of available units is compared with the plan's (a change of it
#: — the first units arriving, a shift change — recomputes without waiting a minute)
UNITS_CHECK_S = 5


class DeploymentPanel(QWidget):
    #: a new plan was made (UI thread)
    planChanged = Signal(object)  # noqa: N815

    def __init__(
        self,
        store: SituationStore,
        *,
        clock: Callable[[], float] = time.time,
        ticker: Ticker | None = None,
        history: Callable[[float], FrameHistory] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("deploymentPanel")
        self._clock = clock
        self.plan: Plan | None = None
        self._seconds = 0
        self._clock_hour = local_hour(clock())
        self.planner = DeploymentPlanner(store, clock=clock, history=history, parent=self)
        self.planner.planReady.connect(self._on_plan)
        self.planner.failed.connect(self._on_failed)

        self.hour_slider = QSlider(Qt.Orientation.Horizontal, self)
        self.hour_slider.setObjectName("deploymentHour")
        self.hour_slider.setRange(0, 23)
        self.hour_slider.setPageStep(3)
        self.hour_slider.setTickPosition(QSlider.TickPosition.TicksBelow)
        self.hour_slider.setTickInterval(3)
        self.hour_slider.setValue(self._clock_hour)
        self.hour_slider.setToolTip(
            QCoreApplication.translate(
                "DeploymentPanel", "The hour of the day to plan for (its next start)"
            )
        )
        self.hour_label = QLabel(hour_label(self._clock_hour), self)
        self.follow_box = QCheckBox(
            QCoreApplication.translate("DeploymentPanel", "Follow the clock"), self
        )
        self.follow_box.setChecked(True)
        self.follow_box.setToolTip(
            QCoreApplication.translate("DeploymentPanel", "Keep the plan on the current hour")
        )
        self.refresh_button = QPushButton(
            QCoreApplication.translate("DeploymentPanel", "Recompute"), self
        )
        top = QHBoxLayout()
        for widget in (self.hour_label, self.hour_slider, self.follow_box, self.refresh_button):
            top.addWidget(widget, 1 if widget is self.hour_slider else 0)

        self.coverage_label = plain_label(
            QCoreApplication.translate("DeploymentPanel", "Computing the plan…"), self, wrap=True
        )
        self.coverage_label.setObjectName("deploymentCoverage")
        self.details_label = plain_label("", self, wrap=True)
        self.details_label.setObjectName("deploymentDetails")
        self.model = PostsModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("deploymentPosts")
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)  # a reason reads whole, on two lines in a narrow dock
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.coverage_label)
        layout.addWidget(self.details_label)
        layout.addWidget(self.table, 1)

        self.hour_slider.valueChanged.connect(self._on_slider)
        self.follow_box.toggled.connect(self._on_follow_toggled)
        self.refresh_button.clicked.connect(self.recompute)
        self._tick = TickSubscription(self, clock, ticker, self._on_tick, active=True)
        self.recompute()

    @property
    def hour(self) -> int:
        return self.hour_slider.value()

    def recompute(self) -> None:
        self.planner.request(self.hour)

    def set_hour(self, hour: int) -> None:
        """Plan for ``hour`` (and stop following the clock)."""
        self.follow_box.setChecked(False)
        self.hour_slider.setValue(hour)

    def _on_slider(self, hour: int) -> None:
        self.hour_label.setText(hour_label(hour))
        if hour != local_hour(self._clock()):
            self.follow_box.setChecked(False)
        self.recompute()

    def _on_follow_toggled(self, on: bool) -> None:
        if on:
            self.hour_slider.setValue(local_hour(self._clock()))

    def _on_tick(self) -> None:
        self._seconds += 1
        hour = local_hour(self._clock())
        if hour != self._clock_hour:
            self._clock_hour = hour
            if self.follow_box.isChecked():
                if self.hour_slider.value() != hour:
                    self.hour_slider.setValue(hour)  # recomputes
                else:
                    self.recompute()
                return
        if self._seconds % REFRESH_S == 0:
            self.recompute()
        elif self._seconds % UNITS_CHECK_S == 0 and self.plan is not None:
            available = len(self.planner.available_units(self._clock()))
            if available != self.plan.units_available:
                self.recompute()

    def _on_plan(self, plan: Plan) -> None:
        self.plan = plan
        self.model.set_plan(plan)
        self.coverage_label.setText(coverage_summary(plan))
        self.details_label.setText(plan_details(plan))
        self.planChanged.emit(plan)

    def _on_failed(self, reason: str) -> None:
        self.coverage_label.setText(
            QCoreApplication.translate("DeploymentPanel", "The plan could not be made: {0}").format(
                reason
            )
        )

    def shutdown(self) -> None:
        self._tick.stop()
        self.planner.shutdown()


def build_deployment(context: PanelContext) -> DeploymentPanel:
    """The registry's builder: the panel over the window's store, clock and tick, reading
    past incidents from the session's cache journal when it has one."""
    feed = getattr(context.session, "feed", None)
    return DeploymentPanel(
        context.store,
        clock=context.clock,
        ticker=context.ticker,
        history=journal_reader(feed),
        parent=context.parent,
    )
