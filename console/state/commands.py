"""Commands the operator issued, tracked from the outbox to the server's answer.

``queuing`` (issued; the outbox write is under way) → ``queued`` (the outbox row is
committed: it survives a crash) → ``sent`` (on the wire) → ``accepted`` or ``refused``
(the ack; a refusal keeps the error code and message, e.g. ``conflict``, which the
operator must see: conflicts are never retried automatically).

If the local cache could not store it, a command goes ``queuing`` → ``not_queued`` with
the reason in ``queue_error``: it is held in memory and still sent while the console
runs, so it may go on to ``sent`` and be answered; ``queue_error`` stays on the record
(the command never reached the local outbox or its audit log) unless the cache takes it
later, which makes it ``queued``.

After a restart, :meth:`CommandTracker.restore` takes back the commands the local
outbox remembers (their summaries written again by :func:`describe_command`, the
controller's words for each kind), so "My commands" and the orders' times are what they
were before.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any, Literal

from console.state.history import PastCommand
from console.state.inputs import AckResult

logger = logging.getLogger(__name__)

CommandState = Literal["queuing", "queued", "not_queued", "sent", "accepted", "refused"]
_ANSWERED: frozenset[str] = frozenset({"accepted", "refused"})
_UNSENT: frozenset[str] = frozenset({"queuing", "queued", "not_queued"})
#: the outbox's states, as a tracked command's
_RESTORED: dict[str, CommandState] = {
    "queued": "queued",
    "sent": "sent",
    "accepted": "accepted",
    "refused": "refused",
}


@dataclass(frozen=True, slots=True)
class CommandRecord:
    command_id: str
    kind: str  # the command type, e.g. "incident.dispatch"; "" if only its ack was seen
    summary: str
    state: CommandState
    issued_at: float
    sent_at: float | None = None
    answered_at: float | None = None
    error_code: str | None = None
    error_message: str | None = None
    result: dict[str, Any] | None = None
    #: the command's payload as issued (who/what it targets), None if only its ack was seen
    data: Mapping[str, Any] | None = None
    #: why the local cache could not store the command (None once it is in the outbox)
    queue_error: str | None = None

    @property
    def answered(self) -> bool:
        return self.state in _ANSWERED


def describe_command(kind: str, data: Mapping[str, Any] | None, target: str = "") -> str:
    """The one-line summary the controller gives a command of ``kind`` with ``data``
    (``target`` for a kind it does not know)."""
    data = data or {}

    def text(name: str) -> str:
        value = data.get(name)
        return "" if value is None else str(value)

    def because(summary: str) -> str:  # an override or a status's reason, if given
        return f"{summary} ({text('reason')})" if text("reason") else summary

    units = data.get("units")
    unit_ids = ", ".join(str(u) for u in units) if isinstance(units, list) else ""
    if kind == "incident.dispatch":
        return because(f"{text('incident')} ← {unit_ids}")
    if kind == "incident.recall":
        return because(f"{text('incident')} ✕ {unit_ids}")
    if kind == "incident.update":
        changed = sorted(k for k in data if k not in ("incident", "expected_version"))
        return f"{text('incident')}: {', '.join(changed)}"
    if kind == "incident.create":
        return f"{text('category')} P{text('priority')}"
    if kind == "incident.close":
        return text("incident")
    if kind == "unit.set_status":
        return because(f"{text('unit')} → {text('status')}")
    if kind == "alert.acknowledge":
        return text("alert")
    if kind == "alert.link_incident":
        return f"{text('alert')} → {text('incident')}"
    return target


class CommandTracker:
    """The operator's recent commands; unanswered ones are kept however many there are."""

    def __init__(self, *, cap: int = 200) -> None:
        self._cap = cap
        self._records: dict[str, CommandRecord] = {}  # insertion order = issue order

    def track(
        self,
        command_id: str,
        kind: str,
        summary: str,
        at: float,
        data: Mapping[str, Any] | None = None,
    ) -> bool:
        """Record an issued command as ``queuing``; True if that changed anything.

        Tracking an id again keeps its state (a resent command is the same command) and
        only fills in a kind/summary known so far from its ack alone.
        """
        existing = self._records.get(command_id)
        if existing is not None:
            if existing.kind or not kind:
                return False
            self._records[command_id] = replace(existing, kind=kind, summary=summary, data=data)
            return True
        self._records[command_id] = CommandRecord(
            command_id, kind, summary, "queuing", at, data=data
        )
        self._trim()
        return True

    def queued(self, command_id: str, at: float | None = None) -> bool:
        """The outbox row is committed (``at``: its ``created`` time, which becomes the
        issue time shown, as a restart reads it back); True if that changed the command."""
        record = self._records.get(command_id)
        if record is None:
            return False
        if record.state in ("queuing", "not_queued"):
            issued_at = record.issued_at if at is None else at
            self._records[command_id] = replace(
                record, state="queued", queue_error=None, issued_at=issued_at
            )
            return True
        if record.queue_error is not None:  # sent from memory, stored in the outbox since
            issued_at = record.issued_at if at is None else at
            self._records[command_id] = replace(record, queue_error=None, issued_at=issued_at)
            return True
        return False

    def not_queued(self, command_id: str, reason: str) -> bool:
        """The cache could not store the command (it is sent from memory); True if that
        changed the command."""
        record = self._records.get(command_id)
        if record is None or record.queue_error == reason:
            return False
        state: CommandState = "not_queued" if record.state == "queuing" else record.state
        self._records[command_id] = replace(record, state=state, queue_error=reason)
        return True

    def sent(self, command_id: str, at: float) -> bool:
        """The client put the command on the wire; True if it was not sent before."""
        record = self._records.get(command_id)
        if record is None or record.state not in _UNSENT:
            return False
        self._records[command_id] = replace(record, state="sent", sent_at=at)
        return True

    def answer(self, ack: AckResult) -> bool:
        """Apply the server's ack; True if it changed the command (duplicates do not)."""
        state: CommandState = "accepted" if ack.ok else "refused"
        record = self._records.get(ack.command_id)
        untracked = record is None
        if record is None:
            # An ack for a command issued before a restart: show it all the same.
            record = CommandRecord(ack.command_id, "", "", "queued", ack.received_at)
        elif record.answered:
            return False
        self._records[ack.command_id] = replace(
            record,
            state=state,
            answered_at=ack.received_at,
            error_code=None if ack.ok else ack.error_code,
            error_message=None if ack.ok else ack.error_message,
            result=ack.result,
        )
        if untracked:
            self._trim()
        return True

    def restore(self, past: Iterable[PastCommand]) -> list[str]:
        """Take back commands issued before a restart, oldest first, as their outbox rows
        stand (queued, sent, accepted or refused); returns the ids added. A command
        tracked already is left as it is."""
        added: list[str] = []
        for command in past:
            state = _RESTORED.get(command.state)
            if state is None:
                logger.warning(
                    "command %s not restored: unknown outbox state %r",
                    command.command_id,
                    command.state,
                )
                continue
            if command.command_id in self._records:
                continue
            refused = state == "refused"
            self._records[command.command_id] = CommandRecord(
                command.command_id,
                command.kind,
                describe_command(command.kind, command.data, command.target),
                state,
                command.issued_at,
                sent_at=command.sent_at,
                answered_at=command.answered_at if state in _ANSWERED else None,
                error_code=command.error_code if refused else None,
                error_message=command.error_message if refused else None,
                result=command.result if state in _ANSWERED else None,
                data=None if command.data is None else dict(command.data),
            )
            added.append(command.command_id)
        self._trim()
        return [command_id for command_id in added if command_id in self._records]

    def get(self, command_id: str) -> CommandRecord | None:
        return self._records.get(command_id)

    def records(self) -> list[CommandRecord]:
        """Newest first."""
        return list(reversed(self._records.values()))

    def _trim(self) -> None:
        """Past the cap, forget the oldest answered commands (never a pending one)."""
        excess = len(self._records) - self._cap
        if excess <= 0:
            return
        for command_id in [cid for cid, r in self._records.items() if r.answered][:excess]:
            del self._records[command_id]
