"""The pure rules behind the hub's budgets: token buckets, failed hellos, log-safe strings,
the per-connection send queue and the ack memory."""

from __future__ import annotations

import logging

import pytest

from services.backend.acks import AckMemory
from services.backend.guards import FailedHellos, TokenBucket, printable
from services.backend.send_queue import SendQueue


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_token_bucket_spends_its_burst_then_refills_at_its_rate() -> None:
    clock = Clock()
    bucket = TokenBucket(rate=4.0, burst=3, clock=clock)
    assert [bucket.take() for _ in range(4)] == [True, True, True, False]
    assert bucket.wait_s() == pytest.approx(0.25)
    clock.now += 0.1
    assert not bucket.take()
    assert bucket.wait_s() == pytest.approx(0.15)
    clock.now += 0.15
    assert bucket.take()
    clock.now += 3600.0  # a long pause saves up no more than the burst
    assert [bucket.take() for _ in range(4)] == [True, True, True, False]


def test_token_bucket_refuses_nonsense() -> None:
    with pytest.raises(ValueError, match="rate > 0"):
        TokenBucket(rate=0.0, burst=5)


def test_failed_hellos_are_logged_until_the_limit_then_delayed_and_summarised() -> None:
    clock = Clock()
    hellos = FailedHellos(limit=3, window_s=60.0, delay_s=2.0, clock=clock)
    first = [hellos.record("10.0.0.9") for _ in range(3)]
    assert [(v.failures, v.delay_s, v.log) for v in first] == [
        (1, 0.0, True),
        (2, 0.0, True),
        (3, 0.0, True),
    ]
    cooling = [hellos.record("10.0.0.9") for _ in range(4)]
    assert [(v.failures, v.delay_s) for v in cooling] == [(4, 2.0), (5, 2.0), (6, 2.0), (7, 2.0)]
    assert [v.log for v in cooling] == [True, False, False, False]  # the first, then quiet
    assert hellos.record("10.0.0.10").delay_s == 0.0  # another address is not affected
    clock.now += 61.0  # a minute later the window has emptied
    again = hellos.record("10.0.0.9")
    assert (again.failures, again.delay_s, again.log) == (1, 0.0, True)
    assert again.suppressed == 3, "the next line says how many were not logged"


def test_failed_hellos_forget_the_oldest_addresses_past_their_bound() -> None:
    hellos = FailedHellos(limit=1, max_addresses=100, clock=Clock())
    for number in range(1000):
        hellos.record(f"10.0.{number // 256}.{number % 256}")
    assert len(hellos) == 100


def test_printable_cannot_start_a_new_log_line() -> None:
    forged = 'console\n2026-11-28 08:00:00,000 ERROR services.backend.hub: "forged"\r\x1b[2J'
    text = printable(forged)
    assert "\n" not in text
    assert "\r" not in text
    assert "\x1b" not in text
    assert text == (
        '"console\\n2026-11-28 08:00:00,000 ERROR services.backend.hub: \\"forged\\"\\r\\x1b[2J"'
    )
    assert printable("控制台 ws-12") == '"控制台 ws-12"'  # printable text stays readable
    assert printable("x" * 500, limit=10) == '"xxxxxxxxxx…"'
    record = logging.LogRecord("t", logging.INFO, __file__, 1, "client %s", (text,), None)
    assert "\n" not in logging.Formatter("%(asctime)s %(message)s").format(record)


def test_send_queue_sends_control_first_and_coalesces_snapshots() -> None:
    queue = SendQueue()
    first, second, third = [b"A1", b"A2"], [b"B1", b"B2"], [b"C1", b"C2"]
    queue.set_snapshot("units", first)
    queue.push(b"ack-1")
    queue.set_snapshot("units", second)  # the first had not started: replaced
    assert queue.nbytes == len(b"ack-1") + 4
    assert queue.pop() == b"ack-1"
    assert queue.pop() == b"B1"  # the second has started ...
    queue.set_snapshot("units", first)
    queue.set_snapshot("units", third)  # ... so only the newest waits behind it
    queue.push(b"ack-2")
    assert queue.has_snapshot("units")
    sent = []
    while (frame := queue.pop()) is not None:
        sent.append(frame)
    assert sent == [b"ack-2", b"B2", b"C1", b"C2"]
    assert queue.nbytes == 0
    assert not queue
    assert not queue.has_snapshot("units")


def test_send_queue_forgets_an_unsubscribed_topic() -> None:
    queue = SendQueue()
    queue.set_snapshot("units", [b"U1", b"U2", b"U3"])
    queue.set_snapshot("incidents", [b"I1"])
    assert queue.pop() == b"U1"
    queue.set_snapshot("units", [b"V1"])
    queue.drop_snapshots("units")
    assert queue.nbytes == 2
    assert [queue.pop(), queue.pop()] == [b"I1", None]


def test_ack_memory_keeps_the_newest_and_says_when_it_is_incomplete() -> None:
    memory = AckMemory(capacity=2)
    memory.load([(("a", "1"), b"one")], more_in_log=False)
    assert not memory.incomplete
    memory.remember(("a", "2"), b"two")
    assert not memory.incomplete
    memory.remember(("b", "1"), b"three")
    assert memory.incomplete, "an ack the log still holds fell out of memory"
    assert memory.get(("a", "1")) is None
    assert memory.get(("b", "1")) == b"three"
    assert memory.get(("a", "2")) == b"two"
    memory.load([(("x", "1"), b"newest"), (("x", "2"), b"older")], more_in_log=True)
    assert memory.incomplete
    assert memory.get(("x", "1")) == b"newest"
