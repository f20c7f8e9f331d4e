"""Command ids belong to their issuer (the token), and are looked up only after the role check."""

from __future__ import annotations

import json
import sqlite3
import time
import uuid
from pathlib import Path

from services.backend.eventlog import CommitGroup, EventLog
from services.backend.tokens import token_digest
from tests.services.backend.test_hub_commands import ack_for, count_created, create_command
from tests.services.backend.wsclient import COMMANDER, DISPATCHER, TOKENS, VIEWER, ProtocolClient

SECOND_COMMANDER = "a-second-commander-token-000001"


def ack_once(url: str, token: str, command: dict) -> tuple[str, dict]:
    """Send ``command`` on a fresh connection; the raw ack frame and its decoded form."""
    with ProtocolClient(url, token) as client:
        client.send(command)
        ack, _ = client.wait_for(lambda f: f["op"] == "ack" and f["id"] == command["id"])
    return json.dumps(ack, sort_keys=True), ack


def test_a_viewer_reusing_a_commanders_id_learns_nothing(make_hub) -> None:
    hub = make_hub(simulate=False)
    command = create_command(str(uuid.uuid4()), "commander's own incident")
    _, commanders = ack_once(hub.url("cad"), COMMANDER, command)
    assert commanders["ok"] is True
    _, viewers = ack_once(hub.url("cad"), VIEWER, command)
    assert viewers["ok"] is False
    assert viewers["error"]["code"] == "forbidden"
    assert "result" not in viewers or viewers["result"] is None
    assert commanders["result"]["incident"] not in json.dumps(viewers)


def test_a_viewer_using_an_id_first_blocks_nothing(make_hub) -> None:
    hub = make_hub(simulate=False)
    command_id = str(uuid.uuid4())
    summary = f"after a viewer {command_id[:8]}"
    _, viewers = ack_once(hub.url("cad"), VIEWER, create_command(command_id, summary))
    assert viewers["error"]["code"] == "forbidden"
    _, commanders = ack_once(hub.url("cad"), COMMANDER, create_command(command_id, summary))
    assert commanders["ok"] is True, commanders
    with ProtocolClient(hub.url("cad")) as client:
        assert count_created(client, summary) == 1


def test_another_authorised_token_with_the_same_id_gets_its_own_command(make_hub) -> None:
    hub = make_hub(simulate=False, tokens={**TOKENS, SECOND_COMMANDER: "commander"})
    command_id = str(uuid.uuid4())
    summary = f"two issuers {command_id[:8]}"
    first, a = ack_once(hub.url("cad"), COMMANDER, create_command(command_id, summary))
    second, b = ack_once(hub.url("cad"), SECOND_COMMANDER, create_command(command_id, summary))
    third, _ = ack_once(hub.url("cad"), DISPATCHER, create_command(command_id, summary))
    assert a["ok"]
    assert b["ok"]
    assert a["result"]["incident"] != b["result"]["incident"]
    assert len({first, second, third}) == 3
    again, _ = ack_once(hub.url("cad"), COMMANDER, create_command(command_id, summary))
    assert again == first, "the first issuer still gets its own ack"
    with ProtocolClient(hub.url("cad")) as client:
        assert count_created(client, summary) == 3


def test_refusals_before_anything_is_applied_are_not_remembered(make_hub) -> None:
    hub = make_hub(simulate=False)
    with ProtocolClient(hub.url("cad")) as client:
        client.send(create_command("r-0", "to be updated"))
        created = ack_for(client, "r-0")["result"]
        update = {"incident": created["incident"], "priority": 1}
        stale = {"op": "command", "id": "r-1", "type": "incident.update"}
        client.send({**stale, "data": {**update, "expected_version": 999}})
        conflict = ack_for(client, "r-1")
        assert conflict["error"]["code"] == "conflict"
        client.send({**stale, "data": {**update, "expected_version": created["version"]}})
        assert ack_for(client, "r-1") == conflict, "judged on the state: remembered"
        client.send({**stale, "id": "r-2", "data": {"incident": 5}})
        assert ack_for(client, "r-2")["error"]["code"] == "bad_request"
        client.send({**stale, "id": "r-2", "data": update})
        assert ack_for(client, "r-2")["ok"] is True, "a bad_request is judged afresh"


def test_acks_pushed_out_of_memory_are_found_in_the_log(make_hub) -> None:
    hub = make_hub(simulate=False, ack_memory=2)
    summaries = [f"memory {n} {uuid.uuid4().hex[:6]}" for n in range(4)]
    firsts = []
    with ProtocolClient(hub.url("cad")) as client:
        for number, summary in enumerate(summaries):
            client.send(create_command(f"m-{number}", summary))
            firsts.append(ack_for(client, f"m-{number}"))
        for number, summary in enumerate(summaries):  # m-0 and m-1 are only in the log
            client.send(create_command(f"m-{number}", summary))
            assert ack_for(client, f"m-{number}") == firsts[number]
        for summary in summaries:
            assert count_created(client, summary) == 1


def old_schema_log(path: Path) -> None:
    """A hub.sqlite3 as the backend wrote it before acks had issuers."""
    with sqlite3.connect(path) as db:
        db.executescript(
            """
            CREATE TABLE meta (key VARCHAR NOT NULL PRIMARY KEY, value VARCHAR NOT NULL);
            INSERT INTO meta VALUES ('epoch', 'e-olden');
            CREATE TABLE command_acks (
                id VARCHAR NOT NULL, service VARCHAR NOT NULL, frame BLOB NOT NULL,
                created FLOAT NOT NULL, PRIMARY KEY (id));
            CREATE INDEX ix_command_acks_created ON command_acks (created);
            """
        )
        db.execute(
            "INSERT INTO command_acks VALUES ('shared-id', 'cad', ?, ?)",
            (b'{"op":"ack","id":"shared-id","ok":true}', time.time()),
        )


def test_a_log_from_before_issuers_is_upgraded_and_its_acks_answer_no_one(tmp_path) -> None:
    path = tmp_path / "hub.sqlite3"
    old_schema_log(path)
    log = EventLog(path)
    recovered = log.recover(10)
    assert recovered.epoch == "e-olden"
    assert recovered.acks == [(("", "shared-id"), b'{"op":"ack","id":"shared-id","ok":true}')]
    issuer = token_digest(COMMANDER)
    assert log.find_ack(issuer, "shared-id") is None
    log.commit(CommitGroup(acks=[(issuer, "shared-id", "cad", b"mine")]))
    log.commit(CommitGroup(acks=[(token_digest(VIEWER), "shared-id", "cad", b"theirs")]))
    assert log.find_ack(issuer, "shared-id") == b"mine"
    assert log.find_ack(token_digest(VIEWER), "shared-id") == b"theirs"
    log.close()
    reopened = EventLog(path)  # a second open finds nothing left to upgrade
    assert len(reopened.recover(10).acks) == 3
    reopened.close()


def test_a_hub_starts_on_a_log_from_before_issuers(make_hub, tmp_path) -> None:
    data = tmp_path / "olden"
    data.mkdir()
    old_schema_log(data / "hub.sqlite3")
    hub = make_hub(data, simulate=False)
    command = create_command("shared-id", "after the upgrade")
    _, ack = ack_once(hub.url("cad"), COMMANDER, command)
    assert ack["ok"] is True, "the old ack did not answer for a new issuer"
    assert ack["result"]["incident"]
