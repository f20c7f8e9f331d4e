"""A console session on a recording: ``command-centre --replay RECORDING``.

The session is an ordinary :class:`~console.session.ConsoleSession` — same store,
panels and controller — whose data source is a :class:`ReplaySource` and whose clock
starts paused at the recording's first moment. Trainee actions go to their own file
(by default beside the console's data, never into the recording).
"""

from __future__ import annotations

from pathlib import Path

from console.config import ConsoleConfig, ServiceSetting
from console.paths import data_home
from console.replay.recording import Recording
from console.replay.source import ReplaySource
from console.replay.trainee import TraineeLog, trainee_path_for
from console.session import ConsoleSession
from console.state.clock import Clock
from services.protocol.entities import SERVICES


def replay_config(recording: Path, *, operator: str = "trainee") -> ConsoleConfig:
    """A configuration naming no service address (a replay connects to nothing)."""
    return ConsoleConfig(
        services={s: ServiceSetting("", "") for s in SERVICES},
        workstation="replay",
        operator=operator,
        cache=None,
        source=recording,
    )


def open_replay(
    path: Path,
    *,
    config: ConsoleConfig | None = None,
    trainee_file: Path | None = None,
    at: float | None = None,
) -> ConsoleSession:
    """A session replaying ``path`` (a console cache or an export), paused at ``at``
    (default: the recording's start). Raises RecordingError for a file that is not one."""
    recording = Recording(path)
    config = config or replay_config(recording.path)
    clock = Clock()
    clock.pause()
    clock.seek(recording.start if at is None else at)
    trainee = TraineeLog(trainee_file or trainee_path_for(recording.path, data_home() / "training"))

    def source(cfg: ConsoleConfig, sink: object) -> ReplaySource:
        return ReplaySource(
            recording,
            clock,
            sink,  # type: ignore[arg-type]
            trainee,
            operator=cfg.operator,
            workstation=cfg.workstation,
        )

    return ConsoleSession(config, clock=clock, source=source)


def replay_source(session: ConsoleSession) -> ReplaySource | None:
    """The session's replay source, if it replays."""
    return session.feed if isinstance(session.feed, ReplaySource) else None
