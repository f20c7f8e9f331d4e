"""A dialog that says why an action needs confirming and will not accept it without a reason.

Used for overriding a dispatch warning, recalling or reassigning a unit, and taking a unit
out of service. It opens window-modal without blocking (:meth:`QDialog.open`), so the
event loop — live data, tests — keeps running while the operator reads it; the caller
connects :attr:`QDialog.accepted` and reads :meth:`ReasonDialog.reason`.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from services.protocol.limits import REASON_CHARS


class ReasonDialog(QDialog):
    """``why`` lines (plain text, one per concern), a reason field, OK only with a reason.

    ``choices`` (text, value) adds a drop-down above the reason (the incident to reassign
    to, the status to set); :meth:`choice` returns the chosen value.
    """

    def __init__(
        self,
        title: str,
        heading: str,
        why: list[str],
        *,
        ok_text: str,
        choices: list[tuple[str, str]] | None = None,
        choice_label: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reasonDialog")
        self.setWindowTitle(title)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        layout = QVBoxLayout(self)
        self.heading_label = _plain(heading, self)
        self.heading_label.setObjectName("reasonHeading")
        layout.addWidget(self.heading_label)
        self.why_label = _plain("\n".join(why), self)
        self.why_label.setObjectName("reasonWhy")
        self.why_label.setVisible(bool(why))
        layout.addWidget(self.why_label)
        self.choice_box: QComboBox | None = None
        if choices is not None:
            if choice_label:
                layout.addWidget(_plain(choice_label, self))
            self.choice_box = QComboBox(self)
            self.choice_box.setObjectName("reasonChoice")
            for text, value in choices:
                self.choice_box.addItem(text, value)
            layout.addWidget(self.choice_box)
        prompt = self.tr("Reason (required, recorded in the notes and audit):")
        layout.addWidget(_plain(prompt, self))
        self.reason_edit = QLineEdit(self)
        self.reason_edit.setObjectName("reasonEdit")
        self.reason_edit.setMaxLength(REASON_CHARS)
        self.reason_edit.setPlaceholderText(self.tr("Why is this right?"))
        layout.addWidget(self.reason_edit)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(ok_text)
        self.buttons.accepted.connect(self._on_ok)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.reason_edit.textChanged.connect(self._update_ok)
        self._update_ok()
        self.reason_edit.setFocus()

    def reason(self) -> str:
        return self.reason_edit.text().strip()

    def choice(self) -> str | None:
        if self.choice_box is None or self.choice_box.currentIndex() < 0:
            return None
        return str(self.choice_box.currentData())

    def _update_ok(self) -> None:
        ready = bool(self.reason()) and (self.choice_box is None or self.choice() is not None)
        self.ok_button.setEnabled(ready)

    def _on_ok(self) -> None:
        if self.ok_button.isEnabled():  # Enter in the field must not skip the reason
            self.accept()


def open_in_turn(owner: QObject, attribute: str, dialog: ReasonDialog) -> ReasonDialog:
    """Open ``dialog`` (window-modal, not blocking) as ``owner.<attribute>``: the one that
    was open there is rejected first, and the attribute is cleared (the dialog deleted)
    when it closes, so a panel never has two questions open at once."""
    previous = getattr(owner, attribute)
    if previous is not None:
        previous.reject()
    setattr(owner, attribute, dialog)

    def finished(_result: int) -> None:
        if getattr(owner, attribute) is dialog:
            setattr(owner, attribute, None)
        dialog.deleteLater()

    dialog.finished.connect(finished)
    dialog.open()
    return dialog


def _plain(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label
