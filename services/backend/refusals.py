"""The refusals every backend node gives before anything else, the same everywhere.

An unknown command type, a command sent to the wrong service, or a role that may not
issue it is refused at once — by the single process and by every edge of the backbone
alike — and the refusal is never remembered (so it can neither answer nor block a later
command with the same id from someone allowed to send it).
"""

from __future__ import annotations

from services.protocol.commands import COMMANDS, role_may
from services.protocol.messages import Ack, AckError, Command


def refusal(command: Command, service: str, role: str, *, training: bool) -> Ack | None:
    """The ack refusing ``command`` before anything else (unknown type, wrong service,
    role not allowed), or None if it may be applied."""

    def refused(code: str, message: str) -> Ack:
        return Ack(id=command.id, ok=False, error=AckError(code, message))

    known = COMMANDS.get(command.type)
    if known is None:
        return refused("bad_request", f"unknown command type {command.type!r}")
    if known[0] != service:
        return refused(
            "bad_request", f"{command.type} is a /{known[0]} command; this is /{service}"
        )
    if not role_may(role, command.type, training_backend=training):
        return refused("forbidden", f"role {role!r} may not {command.type}")
    return None
