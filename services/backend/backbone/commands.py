"""Commands on the backbone: how an edge forwards one and how the core judges it.

An edge authorises a command exactly as the single process does (:func:`refusal`:
known type, right service, the role may send it) and validates its data before it
forwards anything, so the work queue only ever holds commands the core may apply. The
core judges them again (the same function) before it applies them.
"""

from __future__ import annotations

import msgspec
from msgspec import Raw, Struct

from services.protocol.codec import ProtocolError, decode_command_data
from services.protocol.messages import Ack, AckError, Command


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
