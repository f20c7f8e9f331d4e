"""The unit board's summary strip: how many units are in each status, in status colours."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from widgets.common import labels
from widgets.common.style import UNIT_STATUS_COLORS, readable_on

#: The order of the strip: from "ready to send" to "not working".
SUMMARY_STATUSES: tuple[str, ...] = (
    "available",
    "dispatched",
    "en_route",
    "on_scene",
    "busy",
    "off_duty",
)


class UnitSummaryStrip(QWidget):
    """One coloured chip per status: "Available 12", "En route 3", ..."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("unitSummary")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self._counts: dict[str, int] = dict.fromkeys(SUMMARY_STATUSES, 0)
        self._chips: dict[str, QLabel] = {}
        for status in SUMMARY_STATUSES:
            chip = QLabel(self)
            chip.setObjectName(f"unitCount_{status}")
            chip.setTextFormat(Qt.TextFormat.PlainText)
            background = UNIT_STATUS_COLORS[status]
            chip.setStyleSheet(
                f"QLabel {{ background: {background}; color: {readable_on(background).name()};"
                " border-radius: 3px; padding: 2px 8px; font-weight: bold; }"
            )
            layout.addWidget(chip)
            self._chips[status] = chip
        layout.addStretch(1)
        self._render()

    def count(self, status: str) -> int:
        return self._counts.get(status, 0)

    def chip(self, status: str) -> QLabel:
        return self._chips[status]

    def set_counts(self, counts: Mapping[str, int]) -> None:
        updated = {status: int(counts.get(status, 0)) for status in SUMMARY_STATUSES}
        if updated != self._counts:
            self._counts = updated
            self._render()

    def _render(self) -> None:
        for status, chip in self._chips.items():
            chip.setText(
                self.tr("{0} {1}").format(labels.unit_status(status), self._counts[status])
            )
