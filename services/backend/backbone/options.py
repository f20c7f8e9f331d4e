"""The command line's backbone options (``--backbone``, ``--role``, retention, replicas)."""

from __future__ import annotations

import argparse

from services.backend.backbone.streams import BackboneConfig, parse_urls

DAY_S = 24 * 3600.0


def add_backbone_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group(
        "backbone (NATS JetStream)",
        "Run as one node of a backend on NATS JetStream instead of the single process: one "
        "core (simulator and commands), any number of edges (websocket nodes for consoles).",
    )
    group.add_argument(
        "--backbone",
        metavar="nats://HOST:PORT[,…]",
        help="the NATS servers (JetStream enabled); without it the single process runs",
    )
    group.add_argument("--role", choices=("core", "edge"), help="this node's role")
    group.add_argument(
        "--replicas", type=int, default=1, help="copies of each stream: 1 (laptop) or 3 (cluster)"
    )
    group.add_argument(
        "--retention-days", type=float, default=7.0, help="events kept per topic (days)"
    )
    group.add_argument(
        "--retention-gb", type=float, default=4.0, help="bytes kept per topic stream (GiB)"
    )
    group.add_argument("--name", default="", help="this node's name in `status`")


def backbone_config(args: argparse.Namespace) -> BackboneConfig | None:
    """The backbone settings, None for the single process; ValueError says what is wrong."""
    if args.backbone is None:
        if args.role is not None:
            raise ValueError("--role needs --backbone")
        return None
    if args.role is None:
        raise ValueError("--backbone needs --role core or --role edge")
    if args.replicas not in (1, 3, 5):
        raise ValueError("--replicas must be 1, 3 or 5")
    if args.retention_days <= 0 or args.retention_gb <= 0:
        raise ValueError("--retention-days and --retention-gb must be positive")
    return BackboneConfig(
        urls=parse_urls(args.backbone),
        replicas=args.replicas,
        retention_s=args.retention_days * DAY_S,
        retention_bytes=int(args.retention_gb * (1 << 30)),
        name=args.name,
    )
