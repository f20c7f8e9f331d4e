"""The recent past the store takes back at start, stated by the store itself.

After a restart the store rebuilds its incident timelines and the operator's commands
from what the data source remembers (the live console: its local cache's journal and
outbox, read by ``services/cache/history.py`` and handed over by ``console/history.py``).
These protocols name exactly the fields the store reads; read-only properties, so a
source's frozen dataclasses match. Anything else that has them can restore a store too.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Protocol


class StatusChange(Protocol):
    """One version of an incident, as far as its status timeline needs it."""

    @property
    def id(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def reported_at(self) -> str: ...
    @property
    def updated_at(self) -> str: ...


class PastCommand(Protocol):
    """A command this workstation issued before, as its outbox row recorded it."""

    @property
    def command_id(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def target(self) -> str: ...
    @property
    def data(self) -> Mapping[str, Any] | None: ...
    @property
    def state(self) -> str: ...  # queued | sent | accepted | refused
    @property
    def issued_at(self) -> float: ...
    @property
    def sent_at(self) -> float | None: ...
    @property
    def answered_at(self) -> float | None: ...
    @property
    def error_code(self) -> str | None: ...
    @property
    def error_message(self) -> str | None: ...
    @property
    def result(self) -> dict[str, Any] | None: ...


class History(Protocol):
    """What a restart would otherwise forget."""

    @property
    def status_changes(self) -> Mapping[str, Sequence[StatusChange]]:
        """Per incident, its first version seen and each change of status, oldest first."""
        ...

    @property
    def commands(self) -> Sequence[PastCommand]:
        """Oldest first (issue order)."""
        ...
