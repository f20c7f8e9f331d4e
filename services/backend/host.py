"""What a :class:`~services.backend.session.Session` needs of the node serving it.

The single process (:class:`~services.backend.hub.Hub`) and a backbone edge
(:class:`~services.backend.backbone.edge.Edge`) both provide it: tokens and failed-hello
accounting, the budgets (``config``), each topic's in-memory state, older events, command
judgement and execution, and, for /video, cameras and a pool to render frames on.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from concurrent.futures import Executor
from typing import Protocol

from services.backend.config import HubConfig
from services.backend.guards import FailedHellos
from services.backend.sim import Simulator
from services.backend.tokens import TokenTable
from services.backend.topics import BatchCache, TopicState
from services.protocol.messages import Ack, Command


class SessionHost(Protocol):
    config: HubConfig
    tokens: TokenTable
    failed_hellos: FailedHellos
    batches: BatchCache
    #: each live session's wake-up call, called when its topics have new events
    sessions: set[Callable[[], None]]

    @property
    def media(self) -> Executor: ...  # where /video renders simulated camera frames

    @property
    def topics(self) -> Mapping[str, TopicState]: ...

    @property
    def sim(self) -> Simulator | None: ...  # the simulated clock for camera frames, if any

    async def read_events(self, topic: str, after: int, limit: int) -> list[tuple[int, bytes]]:
        """Events with seq > ``after`` no longer in memory (at most ``limit``)."""
        ...

    def refusal(self, command: Command, service: str, role: str) -> Ack | None: ...

    async def execute(
        self, command: Command, service: str, role: str, issuer: str, client: str = ""
    ) -> bytes:
        """The ack frame for ``command`` from ``issuer`` (applied at most once); ``client``
        is the sender's hello ``client`` name (recorded as a unit's ``dispatched_by``)."""
        ...

    def camera(self, camera_id: str) -> dict | None: ...
