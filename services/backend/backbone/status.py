"""``command-centre-services status --backbone nats://…``: health and lag of the backbone.

Prints every stream (messages, bytes, first and last seq, replicas, leader, replicas
behind), the core's command consumer (waiting, being executed, redelivered), and every
node that reported in the last 15 s (role, name, address, connections, how many events
each edge was behind each topic's stream when it reported, the age of that report).
Exit status 0 when a core and at least one edge report, every report is fresh and every
stream has a leader; 1 otherwise; 2 when no NATS server answers.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from typing import Any

import nats
from nats.js.errors import NotFoundError

from services.backend.backbone.streams import (
    COMMAND_STREAM,
    CORE_CONSUMER,
    JOURNAL_STREAM,
    NODES_BUCKET,
    STATE_STREAM,
    parse_urls,
    stream_name,
)
from services.protocol.entities import TOPIC_ENTITY

STALE_AFTER_S = 6.0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="command-centre-services status",
        description="Health and lag of every stream, consumer and node of the backbone.",
    )
    parser.add_argument("--backbone", required=True, metavar="nats://HOST:PORT[,…]")
    parser.add_argument("--json", action="store_true", help="print one JSON document")
    args = parser.parse_args(argv)
    try:
        urls = parse_urls(args.backbone)
    except ValueError as exc:
        print(f"command-centre-services status: {exc}", file=sys.stderr)
        return 2
    try:
        report = asyncio.run(collect(urls))
    except (OSError, TimeoutError, nats.errors.Error) as exc:
        print(
            f"command-centre-services status: no NATS server answers at {args.backbone} "
            f"({exc or type(exc).__name__})",
            file=sys.stderr,
        )
        return 2
    if args.json:
        print(json.dumps(report, indent=2, sort_keys=True))
    else:
        print(render(report))
    return 0 if report["healthy"] else 1


async def collect(urls: tuple[str, ...]) -> dict[str, Any]:
    client = await nats.connect(
        servers=list(urls), connect_timeout=2, max_reconnect_attempts=0, allow_reconnect=False
    )
    try:
        js = client.jetstream(timeout=3.0)
        now = time.time()
        streams: list[dict[str, Any]] = []
        lasts: dict[str, int] = {}
        for topic in TOPIC_ENTITY:
            entry = await _stream(js, stream_name(topic))
            streams.append(entry)
            lasts[topic] = entry.get("last_seq", 0)
        for name in (STATE_STREAM, JOURNAL_STREAM, COMMAND_STREAM):
            streams.append(await _stream(js, name))
        consumer: dict[str, Any] = {"name": f"{COMMAND_STREAM}/{CORE_CONSUMER}"}
        try:
            info = await js.consumer_info(COMMAND_STREAM, CORE_CONSUMER)
            consumer.update(
                waiting=info.num_pending,
                executing=info.num_ack_pending,
                redelivered=info.num_redelivered,
            )
        except NotFoundError:
            consumer["missing"] = True
        nodes = await _nodes(js, now, lasts)
    finally:
        await client.close()
    healthy = (
        all("missing" not in s and s.get("leader") != "-" for s in streams)
        and any(n["role"] == "core" for n in nodes)
        and any(n["role"] == "edge" for n in nodes)
        and not any(n["stale"] or n.get("failed") for n in nodes)
    )
    return {"streams": streams, "consumer": consumer, "nodes": nodes, "healthy": healthy}


async def _stream(js: Any, name: str) -> dict[str, Any]:
    try:
        info = await js.stream_info(name)
    except NotFoundError:
        return {"name": name, "missing": True}
    cluster = info.cluster
    replicas = cluster.replicas or [] if cluster else []
    return {
        "name": name,
        "messages": info.state.messages,
        "bytes": info.state.bytes,
        "first_seq": info.state.first_seq,
        "last_seq": info.state.last_seq,
        "replicas": info.config.num_replicas,
        "leader": (cluster.leader if cluster else None) or "-",
        "replicas_behind": {
            peer.name: {"lag": peer.lag or 0, "current": bool(peer.current)} for peer in replicas
        },
        "max_age_days": round((info.config.max_age or 0) / 86400, 2),
        "max_bytes": info.config.max_bytes,
    }


async def _nodes(js: Any, now: float, lasts: dict[str, int]) -> list[dict[str, Any]]:
    try:
        kv = await js.key_value(NODES_BUCKET)
        keys = await kv.keys()
    except (NotFoundError, nats.js.errors.NoKeysError):
        return []
    nodes = []
    for key in keys:
        try:
            entry = await kv.get(key)
        except nats.js.errors.KeyNotFoundError:
            continue
        if not entry.value:
            continue
        report = json.loads(entry.value)
        age = now - float(report.get("at", 0))
        heads = report.get("heads", {})
        report["age_s"] = round(age, 1)
        report["stale"] = age > STALE_AFTER_S
        if report.get("role") == "edge":  # as the edge saw its streams when it reported
            seen = report.get("stream_last", {})
            report["behind"] = {t: max(0, seen.get(t, 0) - heads.get(t, 0)) for t in lasts}
        nodes.append(report)
    return sorted(nodes, key=lambda n: (n.get("role") != "core", n.get("name", "")))


def render(report: dict[str, Any]) -> str:
    lines = ["streams:"]
    for s in report["streams"]:
        if s.get("missing"):
            lines.append(f"  {s['name']:<14} MISSING")
            continue
        behind = ", ".join(
            f"{peer} {v['lag']}{'' if v['current'] else ' (not current)'}"
            for peer, v in s["replicas_behind"].items()
        )
        lines.append(
            f"  {s['name']:<14} {s['messages']:>9} msgs {s['bytes']:>12} B  "
            f"seq {s['first_seq']}..{s['last_seq']}  R{s['replicas']} leader {s['leader']}"
            + (f"  replicas behind: {behind}" if behind else "")
        )
    c = report["consumer"]
    if c.get("missing"):
        lines.append(f"consumer {c['name']}: MISSING (no core has started)")
    else:
        lines.append(
            f"consumer {c['name']}: {c['waiting']} waiting, {c['executing']} being executed, "
            f"{c['redelivered']} redelivered"
        )
    lines.append("nodes:")
    if not report["nodes"]:
        lines.append("  none reporting")
    for n in report["nodes"]:
        state = "FAILED" if n.get("failed") else "STALE" if n["stale"] else "ok"
        where = n.get("url", "")
        extra = ""
        if n.get("role") == "edge":
            behind = ", ".join(f"{t} {v}" for t, v in n["behind"].items())
            extra = f" {n.get('connections', 0)} connection(s); behind: {behind}"
        else:
            extra = f" {n.get('commits', 0)} commits, {n.get('commands_in_flight', 0)} in flight"
        lines.append(f"  {n['role']:<4} {n['name']} {where} [{state}, {n['age_s']} s ago]{extra}")
    lines.append("healthy" if report["healthy"] else "NOT HEALTHY")
    return "\n".join(lines)
