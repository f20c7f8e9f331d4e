"""Run a hub on a background thread: the console's embedded default, tests and benchmarks.

Thread: ``BackendThread`` owns one thread named "backend-hub" running its own asyncio
loop; ``start()`` returns once the hub listens (or raises what made it fail) and
``stop()`` commits what is pending and joins the thread.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from typing import Any, TypeVar

from services.backend.config import HubConfig
from services.backend.hub import Hub
from services.backend.tokens import HASHED_PREFIX

T = TypeVar("T")


class BackendThread:
    def __init__(self, config: HubConfig) -> None:
        self.config = config
        self.hub: Hub | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._ready = threading.Event()
        self._failure: BaseException | None = None
        self._stop: asyncio.Event | None = None

    def start(self, timeout: float = 60.0) -> BackendThread:
        self._thread = threading.Thread(target=self._main, name="backend-hub", daemon=True)
        self._thread.start()
        if not self._ready.wait(timeout):
            raise TimeoutError("the backend did not start in time")
        if self._failure is not None:
            raise self._failure
        return self

    @property
    def port(self) -> int:
        assert self.hub is not None
        return self.hub.port

    @property
    def token(self) -> str:
        """The generated commander token (or the first commander token configured in clear)."""
        assert self.hub is not None
        if self.hub.generated_token:
            return self.hub.generated_token
        return next(
            token
            for token, role in self.config.tokens.items()
            if role == "commander" and not token.startswith(HASHED_PREFIX)
        )

    def url(self, service: str) -> str:
        return f"ws://{self.config.host}:{self.port}/{service}"

    def call(self, function: Callable[..., T], *args: Any) -> T:
        """Run ``function(*args)`` on the hub's loop thread and return its result."""
        assert self._loop is not None

        async def wrapper() -> T:
            return function(*args)

        return asyncio.run_coroutine_threadsafe(wrapper(), self._loop).result(30)

    def stop(self, timeout: float = 30.0) -> None:
        """Stop the hub (commits what is pending) and join its thread. Idempotent."""
        if self._thread is None or not self._thread.is_alive():
            return
        if self._loop is not None and self._stop is not None:
            self._loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(timeout)

    def _main(self) -> None:
        asyncio.run(self._serve())

    async def _serve(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._stop = asyncio.Event()
        self.hub = Hub(self.config)
        try:
            await self.hub.start()
        except Exception as exc:  # noqa: BLE001 (handed to the starting thread, which raises it)
            self._failure = exc
            self._ready.set()
            await self.hub.stop()
            return
        self._ready.set()
        try:
            await self._stop.wait()
        finally:
            await self.hub.stop()
