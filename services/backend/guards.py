"""Per-connection budgets and per-address hello accounting, and log-safe client strings.

Pure rules with an injectable clock: the session asks them and acts (refuses, waits,
closes); they never sleep, read a socket or log.
"""

from __future__ import annotations

import time
from collections import OrderedDict, deque
from collections.abc import Callable
from dataclasses import dataclass, field


class TokenBucket:
    """``rate`` tokens a second, at most ``burst`` saved up; starts full."""

    def __init__(
        self, rate: float, burst: float, clock: Callable[[], float] = time.monotonic
    ) -> None:
        if rate <= 0 or burst < 1:
            raise ValueError(f"a token bucket needs rate > 0 and burst >= 1, not {rate}/{burst}")
        self.rate = rate
        self.burst = float(burst)
        self._clock = clock
        self._tokens = float(burst)
        self._stamp = clock()

    def _refill(self) -> None:
        now = self._clock()
        self._tokens = min(self.burst, self._tokens + (now - self._stamp) * self.rate)
        self._stamp = now

    def take(self) -> bool:
        """Spend one token if there is one."""
        self._refill()
        if self._tokens >= 1.0:
            self._tokens -= 1.0
            return True
        return False

    def wait_s(self) -> float:
        """Seconds until one token is available (0 when one is)."""
        self._refill()
        return max(0.0, (1.0 - self._tokens) / self.rate)


@dataclass
class _Failures:
    times: deque[float] = field(default_factory=deque)
    suppressed: int = 0  # failures not logged since the last line about this address
    logged_at: float = float("-inf")


@dataclass(frozen=True)
class HelloVerdict:
    """What to do about one failed hello from an address."""

    failures: int  # failed hellos from the address within the window, this one included
    delay_s: float  # wait this long before refusing (0: refuse at once)
    log: bool  # write a log line about it now
    suppressed: int  # failures from the address not logged since its last line


class FailedHellos:
    """Failed hellos per peer address in a sliding window.

    Up to ``limit`` failures in ``window_s`` are refused at once and each is logged.
    Past that the address is cooling: every further refusal waits ``delay_s`` (a guesser
    on one connection gets one try per ``delay_s``); the first of them is logged, then at
    most one line per window, which says how many were not logged one by one. At most
    ``max_addresses`` are tracked (the least recently failing are forgotten first), so
    many addresses cannot grow memory.
    """

    def __init__(
        self,
        *,
        limit: int = 5,
        window_s: float = 60.0,
        delay_s: float = 2.0,
        max_addresses: int = 10_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.limit = limit
        self.window_s = window_s
        self.delay_s = delay_s
        self.max_addresses = max_addresses
        self._clock = clock
        self._by_address: OrderedDict[str, _Failures] = OrderedDict()

    def record(self, address: str) -> HelloVerdict:
        now = self._clock()
        entry = self._by_address.pop(address, None) or _Failures()
        self._by_address[address] = entry  # most recent last
        while len(self._by_address) > self.max_addresses:
            self._by_address.popitem(last=False)
        entry.times.append(now)
        while entry.times and entry.times[0] <= now - self.window_s:
            entry.times.popleft()
        failures = len(entry.times)
        delay = self.delay_s if failures > self.limit else 0.0
        if failures <= self.limit + 1 or now - entry.logged_at >= self.window_s:
            entry.logged_at, suppressed, entry.suppressed = now, entry.suppressed, 0
            return HelloVerdict(failures, delay, True, suppressed)
        entry.suppressed += 1
        return HelloVerdict(failures, delay, False, entry.suppressed)

    def __len__(self) -> int:
        return len(self._by_address)


def printable(text: str, limit: int = 120) -> str:
    """``text`` safe for one log line: control and other non-printable characters escaped
    (``\\n`` stays two characters), cut to ``limit`` characters, quoted."""
    cut = text[:limit]
    escaped = "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in cut)
    more = "…" if len(text) > limit else ""
    quoted = escaped.replace('"', '\\"')
    return f'"{quoted}{more}"'
