"""Early warnings on screen: the list in the feed's header, and the escalation banner."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from console.state.opinion import SpikeWarning
from widgets.common.style import DANGER, TEXT_DIM, WARNING, readable_on
from widgets.opinion import labels
from widgets.opinion.monitor import OpinionMonitor

WARNING_ID_ROLE = Qt.ItemDataRole.UserRole + 1
_SHOWN = 50  # the newest warnings listed (unacknowledged ones always are)


class WarningList(QWidget):
    """The warnings of the monitor, newest first, unacknowledged ones on top; the selected
    one can be acknowledged. Emits :attr:`warningSelected` with the warning id."""

    warningSelected = Signal(str)  # noqa: N815 (Qt signal)

    def __init__(self, monitor: OpinionMonitor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("opinionWarnings")
        self._monitor = monitor
        self.title = QLabel(self)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setStyleSheet("font-weight: bold;")
        self.acknowledge_button = QPushButton(self.tr("Acknowledge warning"), self)
        self.acknowledge_button.setObjectName("acknowledgeWarning")
        self.acknowledge_button.setToolTip(self.tr("I have seen this warning"))
        self.acknowledge_button.setEnabled(False)
        self.acknowledge_button.clicked.connect(self._acknowledge_selected)
        self.list = QListWidget(self)
        self.list.setObjectName("opinionWarningList")
        self.list.setWordWrap(True)
        self.list.setMinimumWidth(260)
        self.list.currentItemChanged.connect(self._on_current_changed)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.title, 1)
        top.addWidget(self.acknowledge_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.list)
        monitor.warningsChanged.connect(self.refresh)
        monitor.ticked.connect(self._on_tick)
        self.refresh()

    def shown_ids(self) -> list[str]:
        return [self.list.item(row).data(WARNING_ID_ROLE) for row in range(self.list.count())]

    def item_text(self, warning_id: str) -> str | None:
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.data(WARNING_ID_ROLE) == warning_id:
                return item.text()
        return None

    def select_warning(self, warning_id: str) -> bool:
        for row in range(self.list.count()):
            if self.list.item(row).data(WARNING_ID_ROLE) == warning_id:
                self.list.setCurrentRow(row)
                return True
        return False

    def refresh(self) -> None:
        monitor = self._monitor
        now = monitor.clock()
        warnings = monitor.warnings()
        pending = [w for w in warnings if not w.acknowledged]
        seen = [w for w in warnings if w.acknowledged][: max(0, _SHOWN - len(pending))]
        shown = pending + seen
        if [w.id for w in shown] == self.shown_ids():
            for row, warning in enumerate(shown):  # same list: only the words move on
                self._style(self.list.item(row), warning, now)
        else:
            current = self.list.currentItem()
            keep = None if current is None else current.data(WARNING_ID_ROLE)
            self.list.blockSignals(True)
            self.list.clear()
            for warning in shown:
                item = QListWidgetItem()
                item.setData(WARNING_ID_ROLE, warning.id)
                self._style(item, warning, now)
                self.list.addItem(item)
                if warning.id == keep:
                    self.list.setCurrentItem(item)
            self.list.blockSignals(False)
        self.title.setText(
            self.tr("Early warnings: {0} unacknowledged").format(len(pending))
            if warnings
            else self.tr("Early warnings: none")
        )
        self._update_button()

    def _style(self, item: QListWidgetItem, warning: SpikeWarning, now: float) -> None:
        item.setText(labels.warning_line(warning, self._monitor.policy, now))
        if warning.acknowledged:
            item.setBackground(QColor(0, 0, 0, 0))
            item.setForeground(QColor(TEXT_DIM))
        else:
            color = DANGER if warning.severity == "critical" else WARNING
            item.setBackground(QColor(color))
            item.setForeground(readable_on(color))

    def _on_tick(self) -> None:
        if any(w.active for w in self._monitor.warnings()[:_SHOWN]):
            self.refresh()  # "going on for …" moves

    def _update_button(self) -> None:
        item = self.list.currentItem()
        warning = (
            None if item is None else self._monitor.watch.warnings.get(item.data(WARNING_ID_ROLE))
        )
        self.acknowledge_button.setEnabled(warning is not None and not warning.acknowledged)

    def _on_current_changed(self, current: QListWidgetItem | None, *_previous: object) -> None:
        self._update_button()
        if current is not None:
            self.warningSelected.emit(current.data(WARNING_ID_ROLE))

    def _acknowledge_selected(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self._monitor.acknowledge_warning(item.data(WARNING_ID_ROLE))


class OpinionEscalationBanner(QLabel):
    """A red strip while a critical opinion warning is unacknowledged past its threshold."""

    def __init__(self, monitor: OpinionMonitor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("opinionEscalationBanner")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setStyleSheet(
            f"background: {DANGER}; color: {readable_on(DANGER).name()}; "
            "font-weight: bold; padding: 4px;"
        )
        self._monitor = monitor
        self.count = 0
        monitor.escalationsChanged.connect(self.show_count)
        self.hide()

    def show_count(self, count: int) -> None:
        self.count = count
        if not count:
            self.hide()
            return
        oldest = self._monitor.watch.escalated(self._monitor.clock())[:1]
        reason = labels.warning_reason(oldest[0], self._monitor.policy) if oldest else ""
        self.setText(
            QCoreApplication.translate(
                "OpinionEscalationBanner",
                "{0} critical opinion warning(s) NOT acknowledged — {1} — see Opinion "
                "(Ctrl+Shift+O)",
            ).format(count, reason)
        )
        self.show()
