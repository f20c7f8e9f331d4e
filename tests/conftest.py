"""Test-wide settings: Qt runs offscreen, WebEngine without a sandbox when root."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if hasattr(os, "geteuid") and os.geteuid() == 0:
    os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox")

# WebEngine must be imported before any QApplication exists (pytest-qt makes one lazily).
import gc

import pytest
from PySide6 import QtWebEngineWidgets  # noqa: F401
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication


@pytest.fixture(autouse=True)
def _qt_garbage_goes_on_the_ui_thread():
    """After each test, delete what it left for deletion and collect its cycles — here,
    on the UI thread. Left to chance, Python's collector may run on one of a later test's
    network threads and destroy a window there, orphaning its running QTimers in the UI
    thread's timer list: a segfault seconds later, in an innocent test."""
    yield
    if QApplication.instance() is not None:
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()
