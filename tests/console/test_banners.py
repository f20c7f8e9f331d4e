"""Honest banners: OFFLINE says when the link was lost (the first loss, not the latest
retry) and why — a refused token in its own words — and start-up errors reach a dialog
when no terminal shows stderr."""

from __future__ import annotations

import io
import sys

import pytest
from PySide6.QtWidgets import QMessageBox

from console.app import main as console_main
from console.shell import errors
from console.shell.status import ConnectionBanner, outage_cause
from console.state import SituationStore
from services.client.batch import ServiceStatus
from tests.console.state.builders import T0, FakeClock, batch
from widgets.common import format as fmt

LIVE = 60000


def all_live(desk) -> bool:
    states = [desk.session.store.service_status(s) for s in ("cad", "avl", "video", "opinion")]
    return all(s is not None and s.state == "live" for s in states)


def test_a_refused_token_has_its_own_wording(qtbot, make_desk) -> None:
    desk = make_desk(token="no-such-token-0000000000")
    banner = desk.window.banner
    qtbot.waitUntil(
        lambda: (
            len(banner.outages) == 4 and all(o.cause == "token" for o in banner.outages.values())
        ),
        timeout=LIVE,
    )
    desk.window._refresh_status()
    text = banner.text()
    assert text.startswith(
        "OFFLINE — CAD, AVL, Video, Opinion: token refused — ask the administrator for a "
        "valid token (since "
    ), text
    assert "unreachable" not in text, "a refused token is not an unreachable service"
    indicator = desk.window.status_strip.indicators[0]
    # (between retries; while one is under way it says "connecting")
    qtbot.waitUntil(lambda: "token refused" in indicator.toolTip(), timeout=LIVE)


def test_link_lost_at_t_still_says_t_after_several_retries(qtbot, make_desk) -> None:
    """A real hub stopped: the feed client retries (backoff 0.25-0.5 s, 0.5-1 s, 1-2 s …),
    each retry a new status with its own time; the banner keeps the first loss."""
    desk = make_desk()
    store, banner = desk.session.store, desk.window.banner
    qtbot.waitUntil(lambda: all_live(desk), timeout=LIVE)
    failures: set[float] = set()  # each failed attempt: an offline status with its own time

    def count(changes) -> None:
        status = store.service_status("cad")
        if "cad" in changes.services and status is not None and status.state == "offline":
            failures.add(status.since)

    unsubscribe = store.subscribe(count, owner="retry counter")
    try:
        desk.stop_backend()
        qtbot.waitUntil(lambda: banner.level == "offline" and "cad" in banner.outages, timeout=LIVE)
        lost_at = banner.outages["cad"].since
        first_text = fmt.local_time(lost_at)
        assert f"unreachable since {first_text}" in banner.text(), banner.text()
        latest = store.service_status
        qtbot.waitUntil(
            lambda: len(failures) >= 4 and fmt.local_time(latest("cad").since) != first_text,
            timeout=LIVE,
        )  # the loss and three retries, the latest in a later second
        desk.window._refresh_status()
        assert banner.outages["cad"].since == lost_at
        assert f"since {first_text}" in banner.text(), banner.text()
        assert fmt.local_time(latest("cad").since) not in banner.text()
        assert banner.outages["cad"].cause == "unreachable"
    finally:
        unsubscribe()
    desk.restart_backend()
    qtbot.waitUntil(lambda: all_live(desk) and banner.level == "ok", timeout=LIVE)
    assert banner.outages == {}, "live again: the next loss starts a new outage"


@pytest.mark.parametrize(
    ("state", "detail", "cause"),
    [
        ("unauthorized", "unauthorized", "token"),
        ("offline", "TLS failure: certificate verify failed", "tls"),
        ("offline", "bad welcome: Expected `object`", "protocol"),
        ("offline", "refused: version: protocol 1 is not served", "protocol"),
        ("offline", "this URL serves /avl, not /cad", "protocol"),
        ("offline", "cannot connect: [Errno 111] Connection refused", "unreachable"),
        ("offline", "connection closed (1006: no close frame)", "unreachable"),
        ("offline", "not connected yet", "connecting"),
        ("connecting", "", None),
    ],
)
def test_each_status_detail_names_its_cause(state, detail, cause) -> None:
    assert outage_cause(state, detail) == cause


@pytest.fixture
def captured_dialogs():
    boxes: list[QMessageBox] = []
    previous = errors.set_presenter(boxes.append)
    yield boxes
    errors.set_presenter(previous)


def test_a_broken_config_is_shown_in_a_dialog_without_a_terminal(
    qapp, tmp_path, monkeypatch, captured_dialogs
) -> None:
    broken = tmp_path / "console.toml"
    broken.write_text('workstation = "ws-1"\n[services.cad]\nurl = 12\n')
    monkeypatch.setattr("sys.stderr", io.StringIO())  # started from an icon: no terminal
    assert console_main(["--config", str(broken)]) == 2
    assert len(captured_dialogs) == 1
    box = captured_dialogs[0]
    assert box.icon() == QMessageBox.Icon.Critical
    assert str(broken) in box.text(), box.text()
    assert box.text() in sys.stderr.getvalue(), "the same sentence on stderr"
    assert box.windowTitle() == "Command Centre could not start"


def test_with_a_terminal_the_error_is_printed_only(qapp, tmp_path, captured_dialogs) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    assert not errors.show_startup_error("command-centre: broken", Terminal())
    assert captured_dialogs == []
    assert errors.show_startup_error("command-centre: broken", io.StringIO())
    assert captured_dialogs[0].text() == "command-centre: broken"


def test_each_cause_has_its_own_clause_and_keeps_its_first_time(qapp) -> None:
    """A store fed the statuses a feed client reports: a TLS failure, a protocol error and
    an unreachable service each get their clause; a retry (connecting, then the same
    failure at a later time) changes neither the time nor the cause."""
    clock = FakeClock()
    store = SituationStore(clock=clock)
    banner = ConnectionBanner(store, ["cad", "avl", "video"], clock=clock)
    at = [T0 + 5, T0 + 6, T0 + 7]
    store.apply(
        batch(
            statuses=[
                ServiceStatus("cad", "offline", at[0], "TLS failure: certificate verify failed"),
                ServiceStatus("avl", "offline", at[1], "refused: version: 2 is not served"),
                ServiceStatus("video", "offline", at[2], "cannot connect: [Errno 111] refused"),
            ]
        )
    )
    banner.refresh()
    times = [fmt.local_time(t) for t in at]
    assert banner.text().startswith(
        f"OFFLINE — CAD: TLS failure since {times[0]} (certificate verify failed); "
        f"AVL: protocol error since {times[1]} (refused: version: 2 is not served); "
        f"Video unreachable since {times[2]}"
    ), banner.text()
    store.apply(batch(statuses=[ServiceStatus("cad", "connecting", T0 + 70)]))
    banner.refresh()
    assert f"CAD: TLS failure since {times[0]}" in banner.text(), "a retry changes nothing"
    store.apply(batch(statuses=[ServiceStatus("cad", "offline", T0 + 75, "TLS failure: expired")]))
    banner.refresh()
    assert f"CAD: TLS failure since {times[0]} (expired)" in banner.text()
