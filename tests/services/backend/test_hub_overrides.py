"""Override reasons, recall, out-of-service reasons and ``dispatched_by`` through the hub."""

from __future__ import annotations

import uuid

from tests.services.backend.wsclient import ProtocolClient

LOCATION = {"lat": 31.3, "lon": 120.62}


def command(client: ProtocolClient, kind: str, data: dict) -> dict:
    command_id = str(uuid.uuid4())
    client.send({"op": "command", "id": command_id, "type": kind, "data": data})
    frame, _ = client.wait_for(lambda f: f["op"] == "ack" and f["id"] == command_id)
    return frame


def available_units(client: ProtocolClient, count: int) -> list[str]:
    client.send({"op": "subscribe", "topics": {"units": None}})
    found: list[str] = []
    while True:
        frame = client.recv()
        if frame["op"] != "snapshot":
            continue
        found += [u["id"] for u in frame["items"] if u["status"] == "available"]
        if frame["part"] == frame["parts"]:
            client.send({"op": "unsubscribe", "topics": ["units"]})
            return found[:count]


def entity(client: ProtocolClient, topic: str, key: str) -> dict:
    """The entity as a fresh snapshot has it (the hub's committed state)."""
    client.send({"op": "subscribe", "topics": {topic: None}})
    found = None
    while True:
        frame = client.recv()
        if frame["op"] != "snapshot" or frame["topic"] != topic:
            continue
        found = found or next((i for i in frame["items"] if i["id"] == key), None)
        if frame["part"] == frame["parts"]:
            client.send({"op": "unsubscribe", "topics": [topic]})
            assert found is not None, f"{key} not in the {topic} snapshot"
            return found


def test_override_recall_and_out_of_service_through_the_hub(make_hub) -> None:
    hub = make_hub(simulate=False)
    with ProtocolClient(hub.url("cad")) as client:  # says hello as client "tests"
        created = command(
            client,
            "incident.create",
            {"category": "fraud", "priority": 3, "summary": "x", "location": LOCATION},
        )
        incident = created["result"]["incident"]
        first, second = available_units(client, 2)
        ack = command(
            client,
            "incident.dispatch",
            {"incident": incident, "units": [first, second], "reason": "two needed: armed"},
        )
        assert ack["ok"], ack
        assert entity(client, "units", first)["dispatched_by"] == "tests"
        notes = [n["text"] for n in entity(client, "incidents", incident)["notes"]]
        assert notes[-1].endswith(": two needed: armed")

        ack = command(
            client,
            "incident.recall",
            {"incident": incident, "units": [first], "reason": "not needed after all"},
        )
        assert ack["ok"], ack
        recalled = entity(client, "units", first)
        assert recalled["status"] == "available"
        assert recalled["incident"] is None
        after = entity(client, "incidents", incident)
        assert after["units"] == [second]
        assert after["notes"][-1]["text"].endswith(": not needed after all")

        refused = command(client, "unit.set_status", {"unit": first, "status": "off_duty"})
        assert refused["ok"] is False
        assert refused["error"]["code"] == "bad_request"
        assert "reason" in refused["error"]["message"]
        assert entity(client, "units", first)["status"] == "available"
        ack = command(
            client,
            "unit.set_status",
            {"unit": first, "status": "off_duty", "reason": "crew injured"},
        )
        assert ack["ok"], ack
        unit = entity(client, "units", first)
        assert (unit["status"], unit["status_reason"]) == ("off_duty", "crew injured")
