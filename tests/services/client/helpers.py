"""Real backends for the feed-client tests: a hub process that can be SIGKILLed, a mirror."""

from __future__ import annotations

import re
import signal
import socket
import subprocess
import sys
import threading
from pathlib import Path

from services.client.batch import IngestBatch
from services.client.config import ClientConfig, Endpoint
from services.protocol.entities import SERVICE_TOPICS
from tests.services.backend.wsclient import COMMANDER, TOKENS, ProtocolClient

ROOT = Path(__file__).resolve().parents[3]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def client_config(port: int, **options: object) -> ClientConfig:
    endpoints = {
        service: Endpoint(service, f"ws://127.0.0.1:{port}/{service}", COMMANDER)
        for service in SERVICE_TOPICS
    }
    options.setdefault("backoff_base_s", 0.1)
    options.setdefault("backoff_cap_s", 1.0)
    return ClientConfig(endpoints=endpoints, **options)  # type: ignore[arg-type]


class HubProcess:
    """``command-centre-services`` in its own process, on a fixed port and data directory."""

    def __init__(self, data: Path, port: int, *extra: str) -> None:
        self.data, self.port, self.extra = data, port, extra
        self.process: subprocess.Popen[str] | None = None
        self.tokens = data.parent / f"{data.name}-tokens.toml"
        self.tokens.write_text(
            "[tokens]\n" + "".join(f'"{t}" = "{r}"\n' for t, r in TOKENS.items())
        )

    def start(self, *extra: str) -> HubProcess:
        log = self.data.parent / f"{self.data.name}.log"
        with log.open("a") as stderr:
            self.process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "services.backend.cli",
                    "--port",
                    str(self.port),
                    "--data",
                    str(self.data),
                    "--tokens",
                    str(self.tokens),
                    *self.extra,
                    *extra,
                ],
                cwd=ROOT,
                stdout=subprocess.PIPE,
                stderr=stderr,
                text=True,
            )
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        assert re.search(r"listening on ws://", line), line + log.read_text()
        return self

    def kill(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        self.process.communicate(timeout=30)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.communicate(timeout=60)

    def url(self, service: str) -> str:
        return f"ws://127.0.0.1:{self.port}/{service}"


def server_state(url_of, topics: dict[str, tuple[str, ...]] = SERVICE_TOPICS):
    """(heads, entities) from fresh snapshots: topic -> (epoch, seq), topic -> key -> bytes."""
    import json  # noqa: PLC0415

    from services.protocol.entities import TOPIC_KEY  # noqa: PLC0415

    heads: dict[str, tuple[str, int]] = {}
    state: dict[str, dict[str, bytes]] = {}
    for service, names in topics.items():
        with ProtocolClient(url_of(service)) as client:
            client.send({"op": "subscribe", "topics": dict.fromkeys(names)})
            done = set()
            while done != set(names):
                frame = client.recv()
                if frame["op"] != "snapshot":
                    continue
                topic = frame["topic"]
                heads[topic] = (frame["epoch"], frame["seq"])
                bucket = state.setdefault(topic, {})
                for item in frame["items"]:
                    bucket[str(item[TOPIC_KEY[topic]])] = json.dumps(item, sort_keys=True)
                if frame["part"] == frame["parts"]:
                    done.add(topic)
    return heads, state


class Mirror:
    """A sink that keeps what the feed client delivered (raw JSON per entity, cursors)."""

    def __init__(self) -> None:
        self.lock = threading.Condition()
        self.state: dict[str, dict[str, bytes]] = {}
        self.cursors: dict[str, tuple[str, int]] = {}
        self.statuses: dict[str, str] = {}
        self.acks: dict[str, list] = {}
        self.sent: list[str] = []
        self.rejected = 0
        self.events = 0
        self.batches: list[IngestBatch] = []

    def __call__(self, batch: IngestBatch) -> None:
        with self.lock:
            for reset in batch.resets:
                self.state[reset.topic] = dict(reset.raw)
            for topic, entities in batch.upsert_raw.items():
                self.state.setdefault(topic, {}).update(entities)
            for topic, keys in batch.removals.items():
                for key in keys:
                    self.state.get(topic, {}).pop(key, None)
            self.cursors.update(batch.cursors)
            for service, status in batch.statuses.items():
                self.statuses[service] = status.state
            for ack in batch.acks:
                self.acks.setdefault(ack.command_id, []).append(ack)
            self.sent.extend(batch.sent)
            self.rejected += sum(batch.rejected.values())
            self.events += batch.events
            self.batches.append(batch)
            self.lock.notify_all()

    def wait(self, predicate, timeout: float = 60.0) -> None:
        with self.lock:
            assert self.lock.wait_for(lambda: predicate(self), timeout), "condition not met"

    def normalized(self) -> dict[str, dict[str, str]]:
        import json  # noqa: PLC0415

        with self.lock:
            return {
                topic: {
                    key: json.dumps(json.loads(raw), sort_keys=True)
                    for key, raw in entities.items()
                }
                for topic, entities in self.state.items()
            }
