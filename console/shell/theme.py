"""The control-room theme: Fusion with a dark palette and large, high-contrast text."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

from widgets.common import style

STYLESHEET = f"""
QMainWindow, QWidget {{ background: {style.BACKGROUND}; color: {style.TEXT}; }}
QDockWidget::title {{ background: {style.SURFACE_ALT}; padding: 4px 8px; font-weight: bold; }}
QTableView, QTreeView, QListView {{
    background: {style.SURFACE}; alternate-background-color: {style.SURFACE_ALT};
    gridline-color: #2b3440; selection-background-color: #2f5d8a;
}}
QHeaderView::section {{
    background: {style.SURFACE_ALT}; color: {style.TEXT_DIM}; padding: 4px; border: 0;
    border-right: 1px solid #2b3440; font-weight: bold;
}}
QLineEdit, QComboBox, QSpinBox {{
    background: {style.SURFACE}; border: 1px solid #344050; border-radius: 3px; padding: 3px;
}}
QPushButton, QToolButton {{
    background: #263141; border: 1px solid #3a4a5e; border-radius: 3px; padding: 4px 10px;
}}
QPushButton:hover, QToolButton:hover {{ background: #304056; }}
QPushButton:disabled {{ color: #5c6673; }}
QStatusBar {{ background: {style.SURFACE_ALT}; }}
QLabel#connectionBanner {{
    font-size: 15pt; font-weight: bold; padding: 6px 12px; border-radius: 3px;
}}
QLabel#escalationBanner {{
    background: {style.DANGER}; color: white; font-size: 13pt; font-weight: bold;
    padding: 4px 12px;
}}
"""


def apply_theme(app: QApplication) -> None:
    app.setStyle("Fusion")
    palette = QPalette()
    colors = {
        QPalette.ColorRole.Window: style.BACKGROUND,
        QPalette.ColorRole.WindowText: style.TEXT,
        QPalette.ColorRole.Base: style.SURFACE,
        QPalette.ColorRole.AlternateBase: style.SURFACE_ALT,
        QPalette.ColorRole.Text: style.TEXT,
        QPalette.ColorRole.Button: "#263141",
        QPalette.ColorRole.ButtonText: style.TEXT,
        QPalette.ColorRole.Highlight: "#2f5d8a",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.ToolTipBase: style.SURFACE_ALT,
        QPalette.ColorRole.ToolTipText: style.TEXT,
        QPalette.ColorRole.PlaceholderText: style.TEXT_DIM,
    }
    for role, value in colors.items():
        palette.setColor(role, QColor(value))
    app.setPalette(palette)
    font = QFont(app.font())
    font.setPointSizeF(max(font.pointSizeF(), 11.0))
    app.setFont(font)
    app.setStyleSheet(STYLESHEET)
