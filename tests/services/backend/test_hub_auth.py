"""Failed hellos are logged (never the token) and slowed per address; client strings
cannot forge log lines."""

from __future__ import annotations

import logging
import time

from tests.services.backend.test_hub_abuse import close_code
from tests.services.backend.wsclient import COMMANDER, ProtocolClient

GUESS = "a-guessed-token-that-is-wrong-42"
FORGED = "console\n2026-11-28 08:00:00,000 ERROR services.backend.hub: forged line"


def failed_hello(url: str, token: str = GUESS, client: str = "tests") -> tuple[float, int | None]:
    """Seconds from hello to the refusal's close, and the close code."""
    client_ = ProtocolClient(url, hello=False)
    started = time.monotonic()
    client_.send({"op": "hello", "v": 1, "token": token, "client": client})
    assert client_.recv()["code"] == "unauthorized"
    code = close_code(client_)
    return time.monotonic() - started, code


def test_failed_hellos_are_logged_with_the_address_and_never_the_token(make_hub, caplog) -> None:
    caplog.set_level(logging.INFO, logger="services.backend")
    hub = make_hub(simulate=False)
    _, code = failed_hello(hub.url("cad"))
    assert code == 4401
    refusals = [r for r in caplog.records if "refused a hello" in r.getMessage()]
    assert len(refusals) == 1
    line = refusals[0].getMessage()
    assert refusals[0].levelno == logging.WARNING
    assert "from 127.0.0.1" in line
    assert "/cad" in line
    assert "unknown or missing token" in line
    assert GUESS not in caplog.text
    assert GUESS[:12] not in caplog.text
    with ProtocolClient(hub.url("cad")):
        pass
    assert COMMANDER not in caplog.text


def test_an_address_that_keeps_failing_is_slowed_but_a_good_token_is_not(make_hub, caplog) -> None:
    caplog.set_level(logging.WARNING, logger="services.backend")
    hub = make_hub(simulate=False, hello_failures_per_minute=3, hello_failure_delay_s=1.0)
    for _ in range(3):
        failed_hello(hub.url("avl"))
    took, code = failed_hello(hub.url("avl"))
    assert code == 4401
    assert took >= 1.0, f"the fourth refusal came after {took:.2f} s"
    started = time.monotonic()
    with ProtocolClient(hub.url("avl")) as client:  # the same address, a good token
        assert client.welcome["role"] == "commander"
    assert time.monotonic() - started < 1.0
    failed_hello(hub.url("avl"))
    lines = [r.getMessage() for r in caplog.records if "refused a hello" in r.getMessage()]
    assert len(lines) == 4, "the fifth failure, within the minute, is not logged one by one"
    assert "4 failed hello(s) from this address" in lines[-1]


def test_a_forged_client_name_cannot_start_a_log_line(make_hub, caplog) -> None:
    caplog.set_level(logging.INFO, logger="services.backend")
    hub = make_hub(simulate=False)
    failed_hello(hub.url("cad"), client=FORGED)
    client = ProtocolClient(hub.url("cad"), hello=False)
    client.send({"op": "hello", "v": 1, "token": COMMANDER, "client": FORGED})
    assert client.recv()["op"] == "welcome"
    client.close()
    formatter = logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    mentions = [r for r in caplog.records if "forged line" in r.getMessage()]
    assert len(mentions) == 2  # the refusal and the connection
    for record in mentions:
        line = formatter.format(record)
        assert "\n" not in line, line
        assert "console\\n2026-11-28" in line
