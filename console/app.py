"""``command-centre``: the console's entry point.

* no arguments: start the reference backend in a child process on a loopback port (the
  embedded default: the simulated S city; it dies with the console) and open the console
  on it;
* ``--config FILE``: connect to the services the TOML file names (see console/config.py);
* ``--wall [--screen N] [--cycle S]``: a read-only video-wall workstation, the wall alone
  full screen on screen N (console/shell/wall_station.py);
* ``--replay RECORDING``: replay a console cache or an exported recording on the desk
  (console/replay/): no connection, no command leaves, a REPLAY watermark.

A bad or missing configuration is reported in one clear sentence, never a traceback.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from console.embedded import BackendProcess, launch_embedded

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from console.session import ConsoleSession

# The rest (Qt widgets, the session, the desk) is imported in main() once the embedded
# backend's child process is launched: it starts on the other core meanwhile.

RESOURCES = Path(__file__).resolve().parents[1] / "resources"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="command-centre", description="Command-centre situational-awareness console."
    )
    parser.add_argument("--config", type=Path, help="TOML file naming the services to use")
    parser.add_argument(
        "--data",
        type=Path,
        default=None,
        help="data directory of the embedded backend and its console cache",
    )
    parser.add_argument("--seed", type=int, default=1, help="S-city simulator seed")
    parser.add_argument("--profile", choices=("demo", "load"), default="demo")
    parser.add_argument(
        "--wall", action="store_true", help="a read-only video-wall workstation (no desk)"
    )
    parser.add_argument(
        "--screen", type=int, default=None, metavar="N", help="with --wall: the screen (1, 2, …)"
    )
    parser.add_argument(
        "--cycle",
        type=float,
        default=0.0,
        metavar="SECONDS",
        help="with --wall: step through the saved views every SECONDS",
    )
    parser.add_argument(
        "--replay",
        type=Path,
        default=None,
        metavar="RECORDING",
        help="replay a console cache file or an exported recording (nothing is sent)",
    )
    parser.add_argument(
        "--lang",
        choices=("zh", "en"),
        default=None,
        help="interface language (default: the system's)",
    )
    return parser


def install_translation(app: QApplication, language: str | None) -> QTranslator | None:
    locale = QLocale(language) if language else QLocale.system()
    translator = QTranslator(app)
    if translator.load(locale, "command-centre", "_", str(RESOURCES / "translations")):
        app.installTranslator(translator)
        return translator
    return None


def install_qt_translation(app: QApplication, language: str | None) -> QTranslator | None:
    """Qt's own words (the Yes/Cancel of a question, the file dialog) in the interface's
    language, from the catalogues PySide6 ships; None if there is none for it."""
    locale = QLocale(language) if language else QLocale.system()
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(locale, "qtbase", "_", folder):
        app.installTranslator(translator)
        return translator
    return None


def _fail(message: str) -> int:
    from console.shell.errors import show_startup_error  # noqa: PLC0415

    text = QCoreApplication.translate("command-centre", "command-centre: {0}").format(message)
    print(text, file=sys.stderr)
    show_startup_error(text)  # in a dialog too when no terminal shows stderr
    return 2


def create_session(
    args: argparse.Namespace, launched: BackendProcess | None = None
) -> ConsoleSession:
    from console.config import load_config  # noqa: PLC0415
    from console.embedded import start_embedded  # noqa: PLC0415
    from console.replay.session import open_replay  # noqa: PLC0415
    from console.session import ConsoleSession  # noqa: PLC0415

    if args.replay is not None:
        return open_replay(args.replay)
    if args.config is not None:
        return ConsoleSession(load_config(args.config))
    return start_embedded(args.data, seed=args.seed, profile=args.profile, launched=launched)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    launched: BackendProcess | None = None
    launch_error: OSError | None = None
    if args.config is None and args.replay is None:  # the embedded default
        try:
            launched = launch_embedded(args.data, seed=args.seed, profile=args.profile)
        except OSError as exc:
            launch_error = exc  # said once Qt is up (in a dialog too)
    try:
        return _run(args, launched, launch_error)
    finally:
        if launched is not None:
            launched.stop()  # (the session stops it already, unless it never began)


def _run(
    args: argparse.Namespace, launched: BackendProcess | None, launch_error: OSError | None
) -> int:
    from PySide6.QtWidgets import QApplication  # noqa: PLC0415

    from console.config import ConfigError  # noqa: PLC0415
    from console.ready_file import report_if_asked  # noqa: PLC0415
    from console.replay.recording import RecordingError  # noqa: PLC0415
    from console.shell.main_window import MainWindow  # noqa: PLC0415
    from console.shell.theme import apply_theme  # noqa: PLC0415
    from console.shell.wall_station import WallStation  # noqa: PLC0415

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("command-centre")
    app.setOrganizationName("command-centre")
    if not args.wall and (args.screen is not None or args.cycle):
        return _fail("--screen and --cycle are options of --wall")
    screens = len(app.screens())
    if args.screen is not None and not 1 <= args.screen <= screens:
        return _fail(f"there is no screen {args.screen}; this machine has {screens}")
    try:
        if launch_error is not None:
            raise launch_error
        session = create_session(args, launched)
    except (ConfigError, RecordingError) as exc:
        return _fail(str(exc))
    except OSError as exc:
        return _fail(f"the embedded backend did not start: {exc}")
    install_translation(app, args.lang or session.config.language)
    install_qt_translation(app, args.lang or session.config.language)
    apply_theme(app)
    session.start()
    if args.wall:
        station = WallStation(session, screen=args.screen, cycle_s=args.cycle)
        station.start()
    else:
        desk = MainWindow(session)
        desk.show_desk()
        report_if_asked(desk, desk.map)  # (a child of the desk: it lives as long)
    try:
        return app.exec()
    finally:
        session.stop()


if __name__ == "__main__":
    sys.exit(main())
