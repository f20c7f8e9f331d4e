"""Driving the simulator in real time, the same for the single process and the core."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

from services.backend.config import HubConfig
from services.backend.guards import printable
from services.backend.sim import CommandRejected, Emitted, Simulator
from services.protocol.codec import ProtocolError, decode_command_data
from services.protocol.messages import Ack, AckError, Command

log = logging.getLogger(__name__)


async def drive(sim: Simulator, config: HubConfig, submit: Callable[[list[Emitted]], None]) -> None:
    """Step ``sim`` every ``config.tick_s`` by ``tick_s × speed`` simulated seconds and hand
    what it emits to ``submit``; when overloaded, simulated time slips rather than bursts."""
    loop = asyncio.get_running_loop()
    tick = config.tick_s
    deadline = loop.time()
    while True:
        submit(sim.step(tick * config.speed))
        deadline += tick
        delay = deadline - loop.time()
        if delay < -1.0:
            deadline = loop.time()
            delay = 0.0
        await asyncio.sleep(max(0.0, delay))


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
