"""SIGKILL the core in the middle of a stream of commands (the load profile's city busy).

After it restarts, every command has been executed exactly once: each created incident
exists once, whatever the core was doing when it died (applying, journalling, fanning a
commit out, or not yet reading the queue). The acks reach the console that sent the
commands through edge A, and, resent by the same console's token through edge B, come
back identical.
"""

from __future__ import annotations

import asyncio
import json
import time
import uuid
from dataclasses import replace
from pathlib import Path

import msgspec
import nats
from msgspec import Raw

from services.backend.backbone.commands import ForwardedCommand
from services.backend.backbone.journal import JournalAck, JournalEntry, JournalEvent, encode_entry
from services.backend.backbone.runner import NodeThread
from services.backend.backbone.streams import (
    COMMAND_SUBJECT,
    JOURNAL_SUBJECT,
    STATE_STREAM,
    ack_key,
    decode_state,
    read_messages,
    stream_name,
    topic_subject,
)
from services.backend.config import HubConfig
from services.backend.tokens import token_digest
from services.protocol.codec import encode
from services.protocol.messages import Ack, Event
from tests.services.backbone.nodes import NodeProcess, backbone_config
from tests.services.backend.conftest import START
from tests.services.backend.test_hub_commands import create_command
from tests.services.backend.wsclient import COMMANDER, TOKENS, ProtocolClient

COMMANDS = 100
PACE_S = 0.05  # 20 commands a second: the per-connection budget


def incidents_named(client: ProtocolClient, prefix: str) -> dict[str, int]:
    client.send({"op": "subscribe", "topics": {"incidents": None}})
    counts: dict[str, int] = {}
    while True:
        frame = client.recv()
        if frame["op"] != "snapshot":
            continue
        for item in frame["items"]:
            if item["summary"].startswith(prefix):
                counts[item["summary"]] = counts.get(item["summary"], 0) + 1
        if frame["part"] == frame["parts"]:
            return counts


def test_a_core_killed_mid_command_applies_it_once_and_its_ack_reaches_another_edge(
    tmp_path: Path, nats_server, report_line
) -> None:
    server = nats_server()
    core = NodeProcess("core", [server.url], tmp_path / "core", "--profile", "load").start()
    edge_a = NodeProcess("edge", [server.url], tmp_path / "edge-a").start()
    edge_b = NodeProcess("edge", [server.url], tmp_path / "edge-b").start()
    prefix = f"crash-{uuid.uuid4().hex[:6]}"
    commands = [create_command(str(uuid.uuid4()), f"{prefix} {n:03d}") for n in range(COMMANDS)]
    acks_a: dict[str, str] = {}
    try:
        with ProtocolClient(edge_a.url("cad")) as console_a:
            killed_after = COMMANDS // 3
            for number, command in enumerate(commands):
                console_a.send(command)
                if number == killed_after:
                    core.kill()
                    restarted = time.monotonic()
                    core.start()
                    restarted = time.monotonic() - restarted
                time.sleep(PACE_S)
            deadline = time.monotonic() + 60
            while len(acks_a) < COMMANDS and time.monotonic() < deadline:
                raw = console_a.recv_raw(timeout=max(0.1, deadline - time.monotonic()))
                assert isinstance(raw, str)
                if '"op":"ack"' in raw:
                    acks_a[json.loads(raw)["id"]] = raw
        assert len(acks_a) == COMMANDS, f"console A got {len(acks_a)} of {COMMANDS} acks"
        with ProtocolClient(edge_b.url("cad")) as console_b:  # the same token, another edge
            acks_b = {}
            for command in commands:
                console_b.send(command)
                frame, _ = console_b.wait_for(lambda f, c=command: f.get("id") == c["id"])
                acks_b[command["id"]] = frame
                time.sleep(PACE_S)
            counts = incidents_named(console_b, prefix)
    finally:
        edge_a.stop()
        edge_b.stop()
        core.stop()
    assert acks_b == {i: json.loads(raw) for i, raw in acks_a.items()}, "the identical acks"
    assert all('"ok":true' in raw for raw in acks_a.values())
    assert counts == {command["data"]["summary"]: 1 for command in commands}, "each exactly once"
    finished = "finishing an interrupted commit" in (tmp_path / "core" / "core.log").read_text()
    report_line(
        f"core killed after command {killed_after + 1} of {COMMANDS}, restarted in "
        f"{restarted:.2f} s; an interrupted commit was finished on restart: {finished}"
    )


NOTE = "settled by the journal"


async def _half_committed_command(url: str, issuer: str, command_id: str) -> dict:
    """What a core killed half way through a command's commit leaves: the group in the
    journal, its event in the topic stream, but no state, no mark, no ack, and the
    command still unacknowledged on the work queue."""
    client = await nats.connect(url)
    try:
        js = client.jetstream()
        head = (await js.stream_info(stream_name("incidents"))).state.last_seq
        stored = await read_messages(
            js, STATE_STREAM, "cc.state.incidents.>", last_per_subject=True
        )
        _, payload = decode_state(stored[0].data)
        assert payload is not None
        incident = json.loads(payload)
        epoch = (await js.stream_info(stream_name("incidents"))).config.metadata["cc_epoch"]
        note = {"ts": incident["updated_at"], "text": NOTE}
        updated = {
            **incident,
            "notes": [*incident.get("notes", []), note],
            "version": incident["version"] + 1,
        }
        event = Event(
            topic="incidents",
            epoch=epoch,
            seq=head + 1,
            ts=incident["updated_at"],
            type="incident.updated",
            data=Raw(encode(updated)),
        )
        frame = encode(event)
        result = {"incident": incident["id"], "version": updated["version"]}
        ack = encode(Ack(id=command_id, ok=True, result=result))
        key = ack_key(issuer, command_id)
        entry = JournalEntry(
            events=[JournalEvent("incidents", head + 1, incident["id"], False, frame)],
            acks=[JournalAck(key, ack)],
        )
        await js.publish(JOURNAL_SUBJECT, encode_entry(entry))
        headers = {"Nats-Expected-Last-Sequence": str(head)}
        await js.publish(topic_subject("incidents"), frame, headers=headers)
        data = Raw(json.dumps({"incident": incident["id"], "note": NOTE}).encode())
        forwarded = ForwardedCommand(
            issuer, "commander", "cad", command_id, "incident.update", data
        )
        await js.publish(
            COMMAND_SUBJECT, msgspec.json.encode(forwarded), headers={"Nats-Msg-Id": key}
        )
        return {"incident": incident, "head": head, "ack": json.loads(ack)}
    finally:
        await client.close()


def test_a_commit_cut_off_after_its_events_is_finished_and_never_applied_again(
    tmp_path: Path, nats_server
) -> None:
    server = nats_server()
    backbone = backbone_config([server.url])
    config = HubConfig(
        data_dir=tmp_path / "core", port=0, tokens=TOKENS, start=START, simulate=False
    )
    NodeThread("core", config, backbone).start().stop()  # a city, then the core is gone
    command_id = str(uuid.uuid4())
    cut = asyncio.run(_half_committed_command(server.url, token_digest(COMMANDER), command_id))
    core = NodeThread("core", config, backbone).start()
    edge = NodeThread("edge", replace(config, data_dir=tmp_path / "edge"), backbone).start()
    try:
        incident = cut["incident"]
        with ProtocolClient(edge.url("cad")) as console:
            console.send(
                {
                    "op": "command",
                    "id": command_id,
                    "type": "incident.update",
                    "data": {"incident": incident["id"], "note": NOTE},
                }
            )
            ack, _ = console.wait_for(lambda f: f.get("id") == command_id)
            assert ack == cut["ack"], "the ack the cut-off commit meant to store"
            console.send({"op": "subscribe", "topics": {"incidents": None}})
            snapshot, _ = console.wait_for(lambda f: f["op"] == "snapshot")
        assert snapshot["seq"] == cut["head"] + 1, "the journalled event, once; nothing after"
        now = next(i for i in snapshot["items"] if i["id"] == incident["id"])
        assert now["version"] == incident["version"] + 1
        assert [n["text"] for n in now["notes"]].count(NOTE) == 1, "applied exactly once"
        assert core.core.heads["incidents"] == cut["head"] + 1
    finally:
        edge.stop()
        core.stop()
