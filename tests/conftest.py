"""Test-wide settings: Qt runs offscreen, WebEngine without a sandbox when root."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if hasattr(os, "geteuid") and os.geteuid() == 0:
    os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox")

# WebEngine must be imported before any QApplication exists (pytest-qt makes one lazily).
import gc
import logging

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


class ListenerErrors(logging.Handler):
    """Errors raised by the situation store's listeners during one test."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    def clear(self) -> None:
        self.records.clear()


@pytest.fixture(autouse=True)
def listener_errors():
    """A view whose store listener raises fails the test that made it raise.

    The store keeps calling the other listeners (and the app shows the failure in its
    status bar), so without this a broken panel could hide behind passing tests. A test
    that means to break a listener asks for this fixture and clears it.
    """
    handler = ListenerErrors()
    store_log = logging.getLogger("console.state.store")
    store_log.addHandler(handler)
    try:
        yield handler
    finally:
        store_log.removeHandler(handler)
    if handler.records:
        first = handler.records[0]
        pytest.fail(
            f"{len(handler.records)} store listener error(s); first: {first.getMessage()}\n"
            + (logging.Formatter().formatException(first.exc_info) if first.exc_info else ""),
            pytrace=False,
        )
