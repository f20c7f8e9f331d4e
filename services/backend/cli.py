"""``command-centre-services``: run the reference backend (hub + S-city simulator) alone."""

from __future__ import annotations

import argparse
import asyncio
import logging
import signal
import ssl
import sys
from pathlib import Path

from services.backend.backbone import status
from services.backend.backbone.options import add_backbone_arguments, backbone_config
from services.backend.backbone.runner import serve as serve_backbone
from services.backend.camera_file import CameraFileError, load_camera_file
from services.backend.config import HubConfig, default_data_dir
from services.backend.hub import Hub
from services.backend.sim import PROFILES
from services.backend.tls import TlsSetupError, server_context
from services.backend.tokens import TokenFileError, load_tokens
from services.tls import is_loopback_host


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="command-centre-services",
        description="Reference backend: /cad /avl /video /opinion over one websocket port, "
        "driven by the S-city simulator.",
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument("--port", type=int, default=8765, help="port (0 picks a free one)")
    parser.add_argument("--seed", type=int, default=1, help="simulator seed (deterministic)")
    parser.add_argument("--profile", choices=sorted(PROFILES), default="demo")
    parser.add_argument("--tokens", type=Path, help='TOML file: [tokens] "<token>" = "<role>"')
    parser.add_argument("--data", type=Path, default=None, help="data directory (event log)")
    parser.add_argument(
        "--cameras",
        type=Path,
        metavar="FILE",
        help="TOML file of real cameras ([[cameras]] id, name, lat, lon, district, url) "
        "served on /video beside the simulated ones",
    )
    parser.add_argument("--speed", type=float, default=1.0, help="simulated seconds per second")
    parser.add_argument("--training", action="store_true", help="accept trainee commands")
    parser.add_argument(
        "--frozen",
        action="store_true",
        help="serve the city without advancing it (commands still work)",
    )
    parser.add_argument(
        "--tls-cert",
        type=Path,
        metavar="FILE",
        help="serve wss:// with this PEM certificate (chain); the key too unless --tls-key",
    )
    parser.add_argument("--tls-key", type=Path, metavar="FILE", help="its PEM private key")
    parser.add_argument(
        "--tls-client-ca",
        type=Path,
        metavar="FILE",
        help="require client certificates signed by this PEM CA (mutual TLS)",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log every connection")
    add_backbone_arguments(parser)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["status"]:
        return status.main(argv[1:])
    args = build_parser().parse_args(argv)
    try:
        backbone = backbone_config(args)
    except ValueError as exc:
        print(f"command-centre-services: {exc}", file=sys.stderr)
        return 2
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    try:
        tokens = load_tokens(args.tokens) if args.tokens else {}
    except TokenFileError as exc:
        print(f"command-centre-services: {exc}", file=sys.stderr)
        return 2
    try:
        cameras = load_camera_file(args.cameras) if args.cameras else ()
    except CameraFileError as exc:
        print(f"command-centre-services: {exc}", file=sys.stderr)
        return 2
    if args.speed <= 0:
        print("command-centre-services: --speed must be positive", file=sys.stderr)
        return 2
    try:
        tls = _tls_context(args)
    except TlsSetupError as exc:
        print(f"command-centre-services: {exc}", file=sys.stderr)
        return 2
    config = HubConfig(
        data_dir=args.data or default_data_dir(),
        host=args.host,
        port=args.port,
        seed=args.seed,
        profile=args.profile,
        tokens=tokens,
        speed=args.speed,
        training=args.training,
        simulate=not args.frozen,
        tls=tls,
        cameras=cameras,
    )
    try:
        if backbone is not None:
            return asyncio.run(serve_backbone(args.role, config, backbone))
        return asyncio.run(_serve(config))
    except KeyboardInterrupt:
        return 130


def _tls_context(args: argparse.Namespace) -> ssl.SSLContext | None:
    if args.tls_cert is None:
        if args.tls_key is not None or args.tls_client_ca is not None:
            raise TlsSetupError("--tls-key and --tls-client-ca need --tls-cert")
        return None
    return server_context(args.tls_cert, args.tls_key, args.tls_client_ca)


async def _serve(config: HubConfig) -> int:
    hub = Hub(config)
    try:
        await hub.start()
    except OSError as exc:
        print(
            f"command-centre-services: cannot listen on {config.host}:{config.port}: {exc}",
            file=sys.stderr,
        )
        await hub.stop()
        return 1
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    scheme = "ws" if config.tls is None else "wss"
    base = f"{scheme}://{config.host}:{hub.port}"
    print(f"command-centre-services: listening on {base} (/cad /avl /video /opinion)")
    print(
        f"  profile {config.profile}, seed {config.seed}, epoch {hub.epoch}, data {config.data_dir}"
    )
    if config.cameras:
        print(f"  {len(config.cameras)} real camera(s) from the cameras file")
    if config.tls is None and not is_loopback_host(config.host):
        print(
            f"command-centre-services: warning: ws:// on {config.host} sends tokens in clear "
            "text; serve wss:// with --tls-cert and --tls-key",
            file=sys.stderr,
        )
    if hub.generated_token:
        print(
            f"  commander token: {hub.generated_token} "
            f"(also in {config.data_dir / 'console-token'})"
        )
    if config.tls is not None and config.tls.verify_mode == ssl.CERT_REQUIRED:
        print("  clients must present a certificate signed by the --tls-client-ca")
    sys.stdout.flush()
    await stop.wait()
    print("command-centre-services: stopping; flushing the event log", flush=True)
    await hub.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
