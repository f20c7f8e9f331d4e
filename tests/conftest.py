"""Test-wide settings: Qt runs offscreen, WebEngine without a sandbox when root."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if hasattr(os, "geteuid") and os.geteuid() == 0:
    os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox")

# WebEngine must be imported before any QApplication exists (pytest-qt makes one lazily).
from PySide6 import QtWebEngineWidgets  # noqa: F401
