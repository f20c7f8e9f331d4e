"""The simulated city as the frames a console would receive, for the benches that build
a cache or a recording without a network (bench/replay.py, bench/history.py).

:func:`city_frames` runs the simulator and yields, turn by turn, the protocol frames its
events make — sequence numbers per topic under one epoch, a topic's events in frames of
at most ``events_per_frame`` — starting with an empty snapshot of every topic.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import Literal

from msgspec import Raw

from services.backend.sim.simulator import Simulator
from services.protocol.codec import encode
from services.protocol.entities import TOPIC_KEY, TOPIC_SERVICE
from services.protocol.messages import Batch, Event, Snapshot

Frames = list[tuple[str, bytes]]  # (service, frame)


def city_frames(
    sim: Simulator,
    *,
    epoch: str,
    seconds: float,
    group: Literal["topic", "service"],
    events_per_frame: int,
    turn_steps: int = 1,
    step_s: float = 0.1,
    lone_event_frames: bool = False,
) -> Iterator[tuple[float, Frames, int]]:
    """(simulated time, frames, events in them) per turn of ``turn_steps`` simulator
    steps, for ``seconds`` of simulated time. ``group``: a frame holds one topic's events,
    or one service's; ``lone_event_frames``: a single event goes as an event frame, not a
    batch of one."""
    start = sim.now.timestamp()
    empty = [(TOPIC_SERVICE[t], encode(Snapshot(topic=t, epoch=epoch, seq=0, items=[])))
             for t in TOPIC_KEY]  # fmt: skip
    yield start, empty, 0
    seqs: dict[str, int] = defaultdict(int)
    emitted = sim.bootstrap()
    end = start + seconds
    while True:
        now = sim.now.timestamp()
        ts = sim.now.isoformat().replace("+00:00", "Z")
        grouped: dict[str, list[Event]] = defaultdict(list)
        for item in emitted:
            seqs[item.topic] += 1
            event = Event(topic=item.topic, epoch=epoch, seq=seqs[item.topic], ts=ts,
                          type=item.type, data=Raw(encode(item.data)))  # fmt: skip
            grouped[item.topic if group == "topic" else TOPIC_SERVICE[item.topic]].append(event)
        frames: Frames = []
        for key, items in grouped.items():
            service = TOPIC_SERVICE[key] if group == "topic" else key
            for i in range(0, len(items), events_per_frame):
                chunk = items[i : i + events_per_frame]
                lone = lone_event_frames and len(chunk) == 1
                frames.append((service, encode(chunk[0] if lone else Batch(events=chunk))))
        if frames:
            yield now, frames, len(emitted)
        if now >= end:
            return
        emitted = []
        for _ in range(turn_steps):
            emitted += sim.step(step_s)
