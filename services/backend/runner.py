"""Run a hub on a background thread: the console's embedded default, tests and benchmarks.

Thread: ``BackendThread`` owns one thread named "backend-hub" running its own asyncio
loop; ``start()`` returns once the hub listens (or raises what made it fail) and
``stop()`` commits what is pending and joins the thread. The backbone's nodes run on
threads the same way (``ServingThread``).
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from typing import Any, Self, TypeVar

from services.backend.config import HubConfig
from services.backend.hub import Hub
from services.backend.tokens import HASHED_PREFIX

T = TypeVar("T")


class ServingThread:
    """One service object (anything with ``async start()`` and ``async stop()``) on its own
    thread and asyncio loop: ``start()`` returns once it serves (or raises what made it
    fail); ``stop()`` stops it and joins the thread. Subclasses say what to build."""

    thread_name = "backend"
    what = "backend"  # named in the start timeout

    def __init__(self) -> None:
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._ready = threading.Event()
        self._failure: BaseException | None = None
        self._stop: asyncio.Event | None = None

    def _build(self) -> Any:
        raise NotImplementedError

    def _starting(self, served: Any) -> None:
        """Keep ``served`` where callers find it (before it starts)."""

    def start(self, timeout: float = 60.0) -> Self:
        self._thread = threading.Thread(
            target=lambda: asyncio.run(self._serve()), name=self.thread_name, daemon=True
        )
        self._thread.start()
        if not self._ready.wait(timeout):
            raise TimeoutError(f"the {self.what} did not start in time")
        if self._failure is not None:
            raise self._failure
        return self

    def stop(self, timeout: float = 30.0) -> None:
        """Stop what is served (it commits what is pending) and join the thread. Idempotent."""
        if self._thread is None or not self._thread.is_alive():
            return
        if self._loop is not None and self._stop is not None:
            self._loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(timeout)

    async def _serve(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._stop = asyncio.Event()
        served = self._build()
        self._starting(served)
        try:
            await served.start()
        except Exception as exc:  # noqa: BLE001 (handed to the starting thread, which raises it)
            self._failure = exc
            self._ready.set()
            await served.stop()
            return
        self._ready.set()
        try:
            await self._stop.wait()
        finally:
            await served.stop()


class BackendThread(ServingThread):
    thread_name = "backend-hub"

    def __init__(self, config: HubConfig) -> None:
        super().__init__()
        self.config = config
        self.hub: Hub | None = None

    def _build(self) -> Hub:
        return Hub(self.config)

    def _starting(self, served: Any) -> None:
        self.hub = served

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
