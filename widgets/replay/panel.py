"""The replay panel: the controls and timeline, and what the trainee did so far.

Built by the panel registry for every desk; on a live desk it only says how to open a
recording (and the main window keeps it hidden). The trainee-actions table lists the
commands issued in this replay — recorded, never sent — newest first, with the replay
moment each was issued at.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, Protocol

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from console.state import ChangeSet, SituationStore
from widgets.common.panel import PanelContext
from widgets.replay.controls import ReplayControls


class TraineeRecord(Protocol):
    def actions(self, since: float = ..., until: float = ...) -> list[dict[str, Any]]: ...


class TraineeActionsTable(QTableWidget):
    def __init__(
        self, trainee: TraineeRecord, store: SituationStore, parent: QWidget | None = None
    ):
        super().__init__(0, 4, parent)
        self.setObjectName("traineeActions")
        self.trainee = trainee
        self.setHorizontalHeaderLabels(
            [self.tr("Replay time"), self.tr("Action"), self.tr("Target"), self.tr("Operator")]
        )
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.verticalHeader().hide()
        self.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self._unsubscribe = store.subscribe(self._on_changes, "traineeActions")
        self.destroyed.connect(lambda *_: self._unsubscribe())
        self.reload()

    def _on_changes(self, changes: ChangeSet) -> None:
        if changes.commands:
            self.reload()

    def reload(self) -> None:
        actions = list(reversed(self.trainee.actions()))
        self.setRowCount(len(actions))
        for row, action in enumerate(actions):
            moment = datetime.fromtimestamp(action["replay_ts"], UTC).strftime("%H:%M:%S")
            for column, text in enumerate(
                (moment, action["type"], action["target"], action["operator"])
            ):
                self.setItem(row, column, QTableWidgetItem(text))


def build_replay(context: PanelContext) -> QWidget:
    session = context.session
    feed = getattr(session, "feed", None)
    if getattr(session, "mode", "live") == "live" or not hasattr(feed, "next_event_after"):
        return QLabel(
            QCoreApplication.translate(
                "ReplayPanel", "Not replaying. Open a recording with Replay ▸ Open recording…"
            ),
            context.parent,
        )
    panel = QWidget(context.parent)
    panel.setObjectName("replayPanel")
    controls = ReplayControls(feed, session.clock, ticker=context.ticker, parent=panel)
    actions = TraineeActionsTable(feed.trainee, context.store, panel)
    side = QVBoxLayout()
    title = QLabel(QCoreApplication.translate("ReplayPanel", "Trainee actions (not sent)"), panel)
    side.addWidget(title)
    side.addWidget(actions, 1)
    layout = QHBoxLayout(panel)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(controls, 3)
    layout.addLayout(side, 1)
    panel.controls = controls  # type: ignore[attr-defined]
    panel.trainee_actions = actions  # type: ignore[attr-defined]
    return panel
