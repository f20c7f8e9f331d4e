"""The intake assistant's suggestions inside the new-incident form.

As the call-taker types what the caller says, the words are read again (debounced:
250 ms after the last keystroke) and three suggestions shown — category, priority and
place — each with its confidence and the caller's words that led to it, and an
"Accept" button; "Accept all" takes the three. Accepting only fills the form's fields:
the call-taker can still change anything, and nothing is created until they press OK.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QPushButton, QWidget

from console.state.intake import IntakeAssistant, Suggestion
from widgets.common import labels, style
from widgets.common.text import plain_label

DEBOUNCE_MS = 250
ROWS = ("category", "priority", "place")


@cache
def shared_assistant() -> IntakeAssistant:
    """One assistant per process (its place index is built once)."""
    return IntakeAssistant()


class IntakeSuggestionsView(QGroupBox):
    #: the call-taker accepted one suggestion: "category", "priority" or "place"
    accepted = Signal(str, object)
    #: a new suggestion was made for the current text
    suggested = Signal(object)

    def __init__(self, assistant: IntakeAssistant | None = None, parent: QWidget | None = None):
        super().__init__(self.tr("Suggestions from the caller's words (confirm or change)"), parent)
        self.setObjectName("intakeSuggestions")
        self.assistant = assistant or shared_assistant()
        self.suggestion: Suggestion | None = None
        self._text = ""
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self.refresh)
        grid = QGridLayout(self)
        self.values: dict[str, QLabel] = {}
        self.confidences: dict[str, QLabel] = {}
        self.words: dict[str, QLabel] = {}
        self.buttons: dict[str, QPushButton] = {}
        names = {
            "category": self.tr("Category"),
            "priority": self.tr("Priority"),
            "place": self.tr("Place"),
        }
        for row, key in enumerate(ROWS):
            grid.addWidget(QLabel(names[key], self), row, 0)
            self.values[key] = plain_label("—", self)
            self.confidences[key] = plain_label("", self)
            self.words[key] = plain_label("", self, wrap=True)
            self.words[key].setStyleSheet(f"color: {style.TEXT_DIM};")
            button = QPushButton(self.tr("Accept"), self)
            button.setObjectName(f"accept-{key}")
            button.setEnabled(False)
            button.clicked.connect(lambda _=False, k=key: self.accept(k))
            self.buttons[key] = button
            grid.addWidget(self.values[key], row, 1)
            grid.addWidget(self.confidences[key], row, 2)
            grid.addWidget(self.words[key], row, 3)
            grid.addWidget(button, row, 4)
        grid.setColumnStretch(3, 1)
        self.accept_all_button = QPushButton(self.tr("Accept all"), self)
        self.accept_all_button.setObjectName("accept-all")
        self.accept_all_button.setEnabled(False)
        self.accept_all_button.clicked.connect(self.accept_all)
        grid.addWidget(self.accept_all_button, len(ROWS), 4)

    def set_text(self, text: str) -> None:
        """The caller's words so far; suggestions follow once typing pauses."""
        self._text = text
        self._debounce.start()

    def refresh(self) -> None:
        """Suggest for the current text now."""
        self._debounce.stop()
        self.suggestion = self.assistant.suggest(self._text) if self._text.strip() else None
        self._show(self.suggestion)
        self.suggested.emit(self.suggestion)

    def accept(self, key: str) -> None:
        found = self.suggestion
        if found is None:
            return
        if key == "category" and found.category.category:
            self.accepted.emit(key, found.category.category)
        elif key == "priority":
            self.accepted.emit(key, found.priority.priority)
        elif key == "place" and found.place.place is not None:
            self.accepted.emit(key, found.place.place)

    def accept_all(self) -> None:
        for key in ROWS:
            if self.buttons[key].isEnabled():
                self.accept(key)

    def _show(self, found: Suggestion | None) -> None:
        rows: dict[str, tuple[str, float, tuple[str, ...]] | None] = dict.fromkeys(ROWS)
        if found is not None:
            if found.category.category:
                rows["category"] = (
                    labels.category(found.category.category),
                    found.category.confidence,
                    found.category.words,
                )
                rows["priority"] = (
                    labels.priority(found.priority.priority),
                    found.priority.confidence,
                    found.priority.words,
                )
            where = found.place.place
            if where is not None:
                rows["place"] = (
                    self.tr("{zh} {en} ({district})").format(
                        zh=where.zh, en=where.en, district=where.district
                    ),
                    found.place.confidence,
                    found.place.words,
                )
        for key, row in rows.items():
            self.buttons[key].setEnabled(row is not None)
            if row is None:
                self.values[key].setText("—")
                self.confidences[key].setText("")
                self.words[key].setText("")
                continue
            value, confidence, words = row
            self.values[key].setText(value)
            self.confidences[key].setText(self.tr("{0:.0%}").format(confidence))
            tint = style.TEXT if confidence >= 0.6 else style.WARNING
            self.confidences[key].setStyleSheet(f"color: {tint};")
            note = self.tr("from: {0}").format(", ".join(words)) if words else ""
            if key == "place" and found is not None and found.place.also_in:
                note += " · " + self.tr("also in: {0}").format(", ".join(found.place.also_in))
            if key == "place" and found is not None and found.place.outside:
                note += " · " + self.tr("not in that district: {0}").format(
                    ", ".join(found.place.outside)
                )
            self.words[key].setText(note)
        self.accept_all_button.setEnabled(any(row is not None for row in rows.values()))
