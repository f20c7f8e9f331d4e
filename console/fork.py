"""Fork from here: a training sandbox that starts from a replay's moment.

The picture at the replay clock is rebuilt from the recording (the same rules as the
replay), written as the entity state of a fresh backend data directory, and the
reference backend is started on it in a child process with ``--training`` — it
restores the city from those entities (``services/backend/sim/restore.py``) and goes on
from there. A new console session connects to it with a trainee token and a cache of
its own: everything of the exercise lives under ``<data>/training/fork-<time>/``, apart
from live data, and no command of the exercise can reach a live service (the session
knows only the sandbox's address).

Beside console/embedded.py, this is the console module that knows the reference backend.
"""

from __future__ import annotations

import re
import secrets
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import msgspec
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from console.config import ConsoleConfig, ServiceSetting
from console.paths import data_home
from console.replay.rebuild import Replayer
from console.replay.recording import Recording
from console.session import ConsoleSession
from services.backend.eventlog import CommitGroup, EventLog, meta_table
from services.protocol.entities import SERVICES, TOPIC_KEY
from services.sqlite import wal_engine

ROOT = Path(__file__).resolve().parents[1]


class ForkError(RuntimeError):
    """The sandbox did not start (its log says why)."""


def seed_backend(data_dir: Path, entities: dict[str, list[bytes]]) -> None:
    """Make ``data_dir`` a backend data directory holding exactly ``entities``."""
    log = EventLog(data_dir / "hub.sqlite3")
    log.commit(
        CommitGroup(
            upserts=[
                (topic, _key(topic, payload), payload)
                for topic, payloads in entities.items()
                for payload in payloads
            ]
        )
    )
    log.close()
    # A head per topic: the hub restores the city from the entities instead of building one.
    engine = wal_engine(data_dir / "hub.sqlite3", synchronous="FULL")
    with engine.begin() as conn:
        upsert = sqlite_insert(meta_table)
        conn.execute(
            upsert.on_conflict_do_update(index_elements=["key"], set_={"value": "1"}),
            [{"key": f"head:{topic}", "value": "1"} for topic in TOPIC_KEY],
        )
    engine.dispose()


def _key(topic: str, payload: bytes) -> str:
    return str(msgspec.json.decode(payload)[TOPIC_KEY[topic]])


class SandboxProcess:
    """``command-centre-services --training`` in a child process (stopped with the session)."""

    def __init__(self, data_dir: Path, token: str, *, simulate: bool = True) -> None:
        tokens = data_dir / "tokens.toml"
        tokens.write_text(f'[tokens]\n"{token}" = "trainee"\n', encoding="utf-8")
        self.log_path = data_dir / "backend.log"
        command = [sys.executable, "-m", "services.backend.cli", "--port", "0", "--training",
                   "--data", str(data_dir / "backend"), "--tokens", str(tokens)]  # fmt: skip
        if not simulate:
            command.append("--frozen")
        with self.log_path.open("a", encoding="utf-8") as log:
            self.process = subprocess.Popen(  # noqa: S603 (this project's own backend)
                command, cwd=ROOT, stdout=subprocess.PIPE, stderr=log, text=True
            )
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        found = re.search(r"ws://127\.0\.0\.1:(\d+)", line)
        if found is None:
            self.stop()
            raise ForkError(f"the sandbox did not start; see {self.log_path}")
        self.port = int(found.group(1))

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(30)
        if self.process.stdout is not None:
            self.process.stdout.close()


def fork_from(
    recording_path: Path,
    moment: float,
    *,
    folder: Path | None = None,
    simulate: bool = True,
    operator: str = "trainee",
) -> ConsoleSession:
    """A training session on a sandbox seeded with ``recording_path``'s picture at
    ``moment`` (not started: call ``start()``; stopping it stops the sandbox)."""
    recording = Recording(recording_path)
    try:
        replayer = Replayer(recording)
        replayer.seek(moment)
        entities = replayer.checkpoint().entities
    finally:
        recording.close()
    stamp = datetime.fromtimestamp(moment, UTC).strftime("%Y%m%dT%H%M%S")
    base = folder or data_home() / "training"
    data_dir = base / f"fork-{stamp}-{secrets.token_hex(3)}"
    data_dir.mkdir(parents=True)
    seed_backend(data_dir / "backend", entities)
    token = secrets.token_urlsafe(24)
    sandbox = SandboxProcess(data_dir, token, simulate=simulate)
    url = f"ws://127.0.0.1:{sandbox.port}"
    config = ConsoleConfig(
        services={s: ServiceSetting(f"{url}/{s}", token) for s in SERVICES},
        workstation="training",
        operator=operator,
        cache=data_dir / "console.sqlite3",
    )
    session = ConsoleSession(config, backend=sandbox)
    session.mode = "training"
    return session
