"""``command-centre``: the console's entry point.

With no arguments it starts the reference backend in-process on a loopback port (the
embedded default: the simulated S city) and opens the console on it.

This build's window is the foundation's: it shows each service's topics live (epoch,
head seq, entities, events per second) straight from the embedded backend. The
operations desk, map and feed client arrive with the console-core, desk and map issues.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from console.backend_status import BackendStatusWindow
from services.backend.config import HubConfig, default_data_dir
from services.backend.runner import BackendThread


def _tr(text: str) -> str:
    return QCoreApplication.translate("command-centre", text)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="command-centre", description="Command-centre situational-awareness console."
    )
    parser.add_argument(
        "--data", type=Path, default=None, help="data directory of the embedded backend"
    )
    parser.add_argument("--seed", type=int, default=1, help="S-city simulator seed")
    parser.add_argument("--profile", choices=("demo", "load"), default="demo")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    data_dir = args.data or default_data_dir().parent / "embedded"
    config = HubConfig(data_dir=data_dir, port=0, seed=args.seed, profile=args.profile)
    try:
        backend = BackendThread(config).start()
    except (OSError, ValueError) as exc:
        print(
            _tr("command-centre: the embedded backend did not start: {0}").format(exc),
            file=sys.stderr,
        )
        return 1
    window = BackendStatusWindow(backend)
    window.show()
    try:
        return app.exec()
    finally:
        window.close()
        backend.stop()


if __name__ == "__main__":
    sys.exit(main())
