"""Commands: exactly-once by id (across reconnects and restarts), conflicts and roles."""

from __future__ import annotations

import uuid

from tests.services.backend.wsclient import DISPATCHER, VIEWER, WALL, ProtocolClient

LOCATION = {"lat": 31.3, "lon": 120.62}


def ack_for(client: ProtocolClient, command_id: str) -> dict:
    frame, _ = client.wait_for(lambda f: f["op"] == "ack" and f["id"] == command_id)
    return frame


def create_command(command_id: str, summary: str) -> dict:
    return {
        "op": "command",
        "id": command_id,
        "type": "incident.create",
        "data": {"category": "theft", "priority": 3, "summary": summary, "location": LOCATION},
    }


def count_created(client: ProtocolClient, summary: str) -> int:
    client.send({"op": "subscribe", "topics": {"incidents": None}})
    count = 0
    while True:
        frame = client.recv()
        assert frame["op"] == "snapshot"
        count += sum(1 for item in frame["items"] if item["summary"] == summary)
        if frame["part"] == frame["parts"]:
            return count


def test_same_id_three_times_across_reconnect_and_restart_has_one_effect(
    make_hub, tmp_path
) -> None:
    data = tmp_path / "once"
    hub = make_hub(data, simulate=False)
    command_id = str(uuid.uuid4())
    summary = f"bicycle stolen {command_id[:8]}"
    with ProtocolClient(hub.url("cad")) as client:
        client.send(create_command(command_id, summary))
        first = client.recv_raw()
    with ProtocolClient(hub.url("cad")) as client:  # a reconnect
        client.send(create_command(command_id, summary))
        second = client.recv_raw()
    hub.stop()
    restarted = make_hub(data, simulate=False)
    with ProtocolClient(restarted.url("cad")) as client:  # a server restart
        client.send(create_command(command_id, summary))
        third = client.recv_raw()
        assert first == second == third, "three identical acks"
        assert '"ok":true' in first
        assert count_created(client, summary) == 1


def test_three_sends_before_the_first_ack_apply_once(make_hub) -> None:
    hub = make_hub(simulate=False)
    command_id = str(uuid.uuid4())
    summary = f"burst {command_id[:8]}"
    with ProtocolClient(hub.url("cad")) as client:
        for _ in range(3):
            client.send(create_command(command_id, summary))
        acks = [client.recv_raw() for _ in range(3)]
        assert len(set(acks)) == 1
        assert count_created(client, summary) == 1


def test_stale_expected_version_is_a_conflict(make_hub) -> None:
    hub = make_hub(simulate=False)
    with ProtocolClient(hub.url("cad")) as client:
        created = str(uuid.uuid4())
        client.send(create_command(created, "noise complaint"))
        incident = ack_for(client, created)["result"]["incident"]
        update = {"incident": incident, "priority": 2, "expected_version": 999}
        client.send({"op": "command", "id": "u-1", "type": "incident.update", "data": update})
        ack = ack_for(client, "u-1")
        assert ack["ok"] is False
        assert ack["error"]["code"] == "conflict"


def test_read_only_roles_are_forbidden_to_dispatch(make_hub) -> None:
    hub = make_hub(simulate=False)
    data = {"incident": "I-1", "units": ["U-1"]}
    for token in (VIEWER, WALL):
        with ProtocolClient(hub.url("cad"), token) as client:
            client.send(
                {"op": "command", "id": f"d-{token}", "type": "incident.dispatch", "data": data}
            )
            ack = ack_for(client, f"d-{token}")
            assert ack["ok"] is False
            assert ack["error"]["code"] == "forbidden"


def test_dispatcher_may_not_acknowledge_alerts_and_commands_need_their_service(make_hub) -> None:
    hub = make_hub(simulate=False)
    with ProtocolClient(hub.url("opinion"), DISPATCHER) as client:
        client.send(
            {"op": "command", "id": "a-1", "type": "alert.acknowledge", "data": {"alert": "A-1"}}
        )
        assert ack_for(client, "a-1")["error"]["code"] == "forbidden"
    with ProtocolClient(hub.url("opinion")) as client:
        client.send(create_command("wrong-service", "x"))
        ack = ack_for(client, "wrong-service")
        assert ack["error"]["code"] == "bad_request"
        assert "/cad" in ack["error"]["message"]


def test_unknown_incident_is_not_found_and_bad_data_is_bad_request(make_hub) -> None:
    hub = make_hub(simulate=False)
    with ProtocolClient(hub.url("cad")) as client:
        client.send(
            {
                "op": "command",
                "id": "c-1",
                "type": "incident.close",
                "data": {"incident": "I-00000000-9999"},
            }
        )
        assert ack_for(client, "c-1")["error"]["code"] == "not_found"
        client.send(
            {
                "op": "command",
                "id": "c-2",
                "type": "incident.dispatch",
                "data": {"incident": "I-1", "units": "U-1"},
            }
        )
        ack = ack_for(client, "c-2")
        assert ack["error"]["code"] == "bad_request"
        assert "units" in ack["error"]["message"]
