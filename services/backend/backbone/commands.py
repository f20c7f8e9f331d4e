"""Commands on the backbone: how an edge forwards one and how the core judges it.

An edge authorises a command exactly as the single process does (:func:`refusal`:
known type, right service, the role may send it) and validates its data before it
forwards anything, so the work queue only ever holds commands the core may apply. The
core judges them again (the same function) before it applies them.
"""

from __future__ import annotations

import logging

import msgspec
from msgspec import Raw, Struct

from services.backend.guards import printable
from services.backend.sim import CommandRejected, Emitted, Simulator
from services.protocol.codec import ProtocolError, decode_command_data
from services.protocol.messages import Ack, AckError, Command

log = logging.getLogger(__name__)


class ForwardedCommand(Struct):
    """One command on the work queue, with who sent it (the token's digest and role, and
    the hello's ``client`` name; absent in messages from an older edge)."""

    issuer: str
    role: str
    service: str
    id: str
    type: str
    data: Raw
    client: str = ""

    def command(self) -> Command:
        return Command(id=self.id, type=self.type, data=self.data)


forwarded_decoder = msgspec.json.Decoder(ForwardedCommand)


def invalid_data(command: Command) -> Ack | None:
    """``bad_request`` naming the field if the command's data does not decode."""
    try:
        decode_command_data(command.type, command.data)
    except ProtocolError as exc:
        return Ack(id=command.id, ok=False, error=AckError(exc.code, exc.message))
    return None


def apply(sim: Simulator, command: Command, client: str = "") -> tuple[Ack, list[Emitted]]:
    """Apply an authorised command from the client named ``client`` to the simulator:
    its ack and the events it caused."""

    def refused(code: str, message: str) -> tuple[Ack, list[Emitted]]:
        return Ack(id=command.id, ok=False, error=AckError(code, message)), []

    try:
        data = decode_command_data(command.type, command.data)
        result, emitted = sim.command(command.type, data, client)
    except (ProtocolError, CommandRejected) as exc:
        return refused(exc.code, exc.message)
    except Exception:
        log.exception(
            "command %s (%s) failed inside the simulator",
            printable(command.id),
            printable(command.type),
        )
        return refused("unavailable", "internal error while applying the command")
    return Ack(id=command.id, ok=True, result=result), emitted
