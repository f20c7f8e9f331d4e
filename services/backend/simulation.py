"""Driving the simulator in real time, the same for the single process and the core."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from services.backend.config import HubConfig
from services.backend.sim import Emitted, Simulator


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
