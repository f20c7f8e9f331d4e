"""History that survives a restart, end to end: a real hub, a console in a child process
that is SIGKILLed, and a new console on the same cache file.

The child console (this module run as ``python -m tests.console.test_history_restart``)
connects to the hub, dispatches a unit and waits for the terminal's acknowledgement,
sends a command the hub refuses, and — once the test has stopped the hub — issues one
more command that can only be queued. It then writes what its real widgets show (the
incident's timeline, "My commands", the order's row) and waits to be killed. The test
kills it with SIGKILL, starts a new session on the same cache with the hub still down,
renders the same widgets and compares; then it starts the hub again and the command
that was queued at the kill is sent and answered.
"""

from __future__ import annotations

import dataclasses
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import QApplication

from console.config import ConsoleConfig, ServiceSetting
from console.session import ConsoleSession
from console.state import SituationStore
from services.backend.config import HubConfig
from services.backend.runner import BackendThread
from services.client.feed import FeedClient
from services.protocol.entities import SERVICES
from tests.console.conftest import QUICK_CITY
from tests.services.backend.wsclient import COMMANDER, TOKENS
from widgets.dispatch.orders import OrdersPanel
from widgets.dispatch.rows import KEY_ROLE
from widgets.incidents.detail import IncidentDetailPanel

ROOT = Path(__file__).resolve().parents[2]
WORKSTATION = "ws-history"


def console_config(port: int, cache: Path) -> ConsoleConfig:
    services = {s: ServiceSetting(f"ws://127.0.0.1:{port}/{s}", COMMANDER) for s in SERVICES}
    return ConsoleConfig(services=services, workstation=WORKSTATION, operator="duty", cache=cache)


def table_rows(model: QAbstractItemModel) -> dict[str, list[str]]:
    """Each row's displayed texts, by row key, in display order."""
    rows: dict[str, list[str]] = {}
    for row in range(model.rowCount()):
        key = model.index(row, 0).data(KEY_ROLE)
        rows[key] = [
            model.index(row, column).data(Qt.ItemDataRole.DisplayRole)
            for column in range(model.columnCount())
        ]
    return rows


def rendered(store: SituationStore, clock: Callable[[], float], incident_id: str) -> dict[str, Any]:
    """What the incident detail and the orders panel show, read from real widgets."""
    orders = OrdersPanel(store, clock=clock)
    detail = IncidentDetailPanel(store, clock=clock)
    try:
        detail.show_incident(incident_id)
        orders.refresh()
        timeline = detail.timeline
        return {
            "timeline": [timeline.item(row).text() for row in range(timeline.count())],
            "commands": table_rows(orders.command_proxy),
            "orders": table_rows(orders.order_proxy),
        }
    finally:
        detail.close()
        orders.close()
        detail.deleteLater()
        orders.deleteLater()


# --- the child console ---------------------------------------------------------------------


def _wait(app: QApplication, condition: Callable[[], bool], what: str, timeout: float = 60.0):
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"the child console waited in vain for {what}")
        app.processEvents()
        time.sleep(0.01)


def child_main(port: int, cache: Path, out: Path) -> None:
    app = QApplication([])
    session = ConsoleSession(console_config(port, cache))
    session.start()
    store, controller = session.store, session.controller

    def state(service: str) -> str | None:
        status = store.service_status(service)
        return None if status is None else status.state

    def answered(command_id: str) -> Callable[[], bool]:
        return lambda: (store.command(command_id) or _NONE).answered

    _wait(app, lambda: all(state(s) == "live" for s in SERVICES), "every service live")
    for _attempt in range(3):  # a call settled on the phone meanwhile: take another one
        _wait(app, lambda: any(i.status == "new" for i in store.incidents.values()), "a call")
        incident = max(
            (i for i in store.incidents.values() if i.status == "new"),
            key=lambda i: (i.reported_at, i.id),
        )
        unit = next(
            u
            for u in sorted(store.units.values(), key=lambda u: u.id)
            if u.status == "available" and u.incident is None
        )
        dispatch = controller.dispatch(incident.id, [unit.id])
        _wait(app, answered(dispatch), "the dispatch's answer")
        if (store.command(dispatch) or _NONE).state == "accepted":
            break
    else:
        raise AssertionError("three dispatches refused")
    _wait(app, lambda: store.units[unit.id].ack_at is not None, "the terminal's acknowledgement")
    _wait(app, lambda: len(store.timeline(incident.id)) >= 3, "new → dispatched → en route")
    refused = controller.close_incident("I-NO-SUCH-INCIDENT", "test")
    _wait(app, answered(refused), "the refusal")
    (out / "online-done").write_text("", encoding="utf-8")

    _wait(app, lambda: state("cad") == "offline", "the hub stopped by the test")
    queued = controller.update_incident(incident.id, note="issued while offline")
    _wait(app, lambda: (store.command(queued) or _NONE).state == "queued", "the queued command")
    shown = rendered(store, session.clock, incident.id)
    facts = {"incident": incident.id, "unit": unit.id, "queued": queued, "refused": refused}
    (out / "shown.json").write_text(json.dumps({"facts": facts, "shown": shown}), "utf-8")
    while True:  # until SIGKILL
        app.processEvents()
        time.sleep(0.05)


class _Unanswered:
    answered = False
    state = ""


_NONE = _Unanswered()


# --- the test ------------------------------------------------------------------------------


def _poll(
    condition: Callable[[], bool], child: subprocess.Popen[bytes], what: str, log: Path
) -> None:
    deadline = time.monotonic() + 120.0
    while not condition():
        code = child.poll()
        if code is not None or time.monotonic() > deadline:
            tail = "\n".join(log.read_text("utf-8", "replace").splitlines()[-30:])
            how = f"exited ({code})" if code is not None else "timed out"
            raise AssertionError(f"the child console {how} before {what}:\n{tail}")
        time.sleep(0.05)


def test_a_console_killed_and_started_again_shows_what_it_showed(qtbot, tmp_path: Path) -> None:
    hub_config = HubConfig(
        data_dir=tmp_path / "backend", port=0, tokens=TOKENS, profile_overrides=QUICK_CITY
    )
    cache_path = tmp_path / "console.sqlite3"
    out = tmp_path / "child"
    out.mkdir()
    backend = BackendThread(hub_config).start()
    port = backend.port
    hub_config = dataclasses.replace(hub_config, port=port)  # started again on the same port
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONUNBUFFERED": "1"}
    log_path = tmp_path / "child.log"
    log = log_path.open("wb")
    child = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.console.test_history_restart",
            str(port),
            str(cache_path),
            str(out),
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    session: ConsoleSession | None = None
    try:
        _poll((out / "online-done").exists, child, "its online commands", log_path)
        backend.stop()
        _poll((out / "shown.json").exists, child, "its queued command", log_path)
        child.send_signal(signal.SIGKILL)
        assert child.wait(30) == -signal.SIGKILL
        before = json.loads((out / "shown.json").read_text("utf-8"))
        facts, shown_before = before["facts"], before["shown"]

        # Started again on the same cache, the hub still down: only what the cache holds.
        session = ConsoleSession(console_config(port, cache_path))
        session.start()
        store = session.store
        qtbot.waitUntil(lambda: facts["incident"] in store.incidents, timeout=20000)
        shown_after = rendered(store, session.clock, facts["incident"])

        assert len(shown_before["timeline"]) >= 3
        assert shown_after["timeline"] == shown_before["timeline"]
        assert shown_after["commands"] == shown_before["commands"]
        assert len(shown_after["commands"]) == 3
        unit = facts["unit"]
        assert shown_after["orders"][unit] == shown_before["orders"][unit]
        sent_column = shown_after["orders"][unit][2]
        assert sent_column not in ("—", ""), sent_column
        assert (
            shown_after["commands"][facts["queued"]][3]
            == shown_before["commands"][facts["queued"]][3]
        )
        assert store.command(facts["queued"]).state == "queued"  # type: ignore[union-attr]
        assert store.command(facts["refused"]).error_code == "not_found"  # type: ignore[union-attr]

        # The hub back: the command queued at the kill is sent and answered.
        backend = BackendThread(hub_config).start()
        qtbot.waitUntil(lambda: (store.command(facts["queued"]) or _NONE).answered, timeout=60000)
        answered = rendered(store, session.clock, facts["incident"])["commands"][facts["queued"]]
        record = store.command(facts["queued"])
        assert record is not None
        assert answered[3] != shown_before["commands"][facts["queued"]][3]
        assert answered[3].startswith(("accepted", "refused"))
        feed = session.feed
        assert isinstance(feed, FeedClient)
        feed.sync()  # the answer is in the outbox too
        assert feed.cache.outbox_status(facts["queued"]) == record.state
    finally:
        if child.poll() is None:
            child.kill()
            child.wait(30)
        log.close()
        if session is not None:
            session.stop()
        backend.stop()


if __name__ == "__main__":
    child_main(int(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]))
