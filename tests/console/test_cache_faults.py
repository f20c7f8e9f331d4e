"""The desk when its local cache fails (real embedded backend, real disk faults).

An unwritable cache: the banner says so, an order shows "NOT queued: …" and still
reaches the backend while online. A damaged cache: set aside, said once, its unanswered
orders resent.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from services.cache import Cache
from tests.console.test_desk import LIVE, all_live, click_dispatch, select_in_queue
from tests.services.cache.mounts import tmpfs
from widgets.dispatch.orders_model import CommandColumn, command_state_text


@pytest.fixture
def disk(tmp_path: Path):
    """A tmpfs; requested before ``make_desk``, it is unmounted after the desk is closed."""
    with tmpfs(tmp_path / "disk", size="16m") as mounted:
        yield mounted


def command_cell(window, command_id: str) -> str:
    proxy = window.orders.command_proxy
    return proxy.index(proxy.row_keys().index(command_id), CommandColumn.STATE).data()


def test_an_unwritable_cache_is_shown_and_orders_still_reach_the_backend(
    qtbot, disk, make_desk
) -> None:
    cache_path = disk.path / "console.sqlite3"
    Cache(cache_path).close()
    disk.read_only()  # the cache's disk is read-only before the console starts

    desk = make_desk(cache=cache_path)
    window, store = desk.window, desk.session.store
    assert desk.session.cache_opening().state == "read_only"
    assert window.cache_banner.notice_row.isVisible()
    assert "is read-only (read-only file system" in window.cache_banner.notice.text()
    qtbot.waitUntil(window.cache_banner.problem.isVisible, timeout=LIVE)
    assert window.cache_banner.problem.text().startswith(
        "LOCAL CACHE NOT WRITABLE — read-only file system"
    )

    qtbot.waitUntil(
        lambda: all_live(desk) and any(i.status == "new" for i in store.incidents.values()),
        timeout=LIVE,
    )
    incident = next(i for i in store.incidents.values() if i.status == "new")
    select_in_queue(desk, incident.id)
    qtbot.waitUntil(lambda: window.dispatch.model.rowCount() > 0, timeout=LIVE)
    window.dispatch.table.selectRow(0)
    unit_id = window.dispatch.selected_unit_ids()[0]
    click_dispatch(qtbot, window)
    record = next(r for r in store.commands() if r.kind == "incident.dispatch")
    assert record.state == "queuing"  # issued at once, the disk's answer still to come

    qtbot.waitUntil(lambda: store.command(record.command_id).queue_error is not None, timeout=LIVE)
    assert store.command(record.command_id).queue_error.startswith("read-only file system")
    qtbot.waitUntil(lambda: store.command(record.command_id).state == "accepted", timeout=LIVE)
    qtbot.waitUntil(lambda: store.units[unit_id].incident == incident.id, timeout=LIVE)
    accepted = store.command(record.command_id)
    text = command_state_text(accepted)
    assert text.startswith("accepted ")
    assert " · NOT queued: read-only file system" in text
    qtbot.waitUntil(lambda: command_cell(window, record.command_id) == text, timeout=LIVE)
    assert window.cache_banner.problem.isVisible()


def test_a_damaged_cache_is_set_aside_said_once_and_its_orders_resent(
    qtbot, make_desk, tmp_path: Path
) -> None:
    cache_path = tmp_path / "console.sqlite3"  # where the embedded session keeps it
    cache = Cache(cache_path)
    order = {
        "category": "fire",
        "priority": 1,
        "summary": "recovered order",
        "location": {"lat": 31.3, "lon": 120.6},
    }
    cache.enqueue_command(
        "salvaged-0001",
        "cad",
        "incident.create",
        json.dumps(order).encode(),
        operator="duty",
        workstation="ws-1",
    )
    cache.close()
    with cache_path.open("r+b") as file:
        file.write(bytes(100))  # a zeroed header

    desk = make_desk()
    window, store = desk.window, desk.session.store
    notice = window.cache_banner.notice.text()
    assert window.cache_banner.notice_row.isVisible()
    assert notice.startswith("The local cache was damaged (file is not a database)")
    assert "console.sqlite3.damaged-" in notice
    assert notice.endswith("1 unanswered command(s) recovered from it will be sent.")
    assert list(tmp_path.glob("console.sqlite3.damaged-*"))

    qtbot.waitUntil(
        lambda: (r := store.command("salvaged-0001")) is not None and r.state == "accepted",
        timeout=LIVE,
    )
    qtbot.waitUntil(
        lambda: any(i.summary == "recovered order" for i in store.incidents.values()),
        timeout=LIVE,
    )
    window._refresh_status()
    assert not window.cache_banner.problem.isVisible()
    qtbot.mouseClick(window.cache_banner.dismiss_button, Qt.MouseButton.LeftButton)
    assert not window.cache_banner.notice_row.isVisible()
