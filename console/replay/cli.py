"""``command-centre-replay``: recordings on the command line.

* ``export CACHE --from T1 --to T2 OUT``: a window of a console cache (or of an export)
  to one portable file (console/replay/export.py);
* ``report RECORDING --from T1 --to T2 --out FILE.html``: the after-action report of a
  window, HTML that opens offline plus CSV of its tables (console/replay/report.py).

Times are ISO 8601 (UTC unless a zone is given) or seconds since the epoch; a missing
``--from``/``--to`` means the recording's start/end. A bad argument or file is one
sentence on stderr and exit status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from console.replay.export import ExportError, export_window, parse_moment
from console.replay.recording import Recording, RecordingError
from console.replay.report import write_report


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="command-centre-replay", description="Export and report on console recordings."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    export = commands.add_parser("export", help="write a time window to one portable file")
    export.add_argument("cache", type=Path, help="a console cache file or an export")
    export.add_argument("out", type=Path, help="the new file")
    report = commands.add_parser("report", help="the after-action report of a time window")
    report.add_argument("recording", type=Path, help="a console cache file or an export")
    report.add_argument("--out", type=Path, required=True, help="the HTML file to write")
    report.add_argument(
        "--trainee", type=Path, default=None, help="a trainee-actions file to set beside it"
    )
    for sub in (export, report):
        sub.add_argument("--from", dest="since", default=None, help="ISO 8601 start")
        sub.add_argument("--to", dest="until", default=None, help="ISO 8601 end")
    return parser


def _window(path: Path, since: str | None, until: str | None) -> tuple[float, float]:
    recording = Recording(path)
    try:
        start = recording.start if since is None else parse_moment(since)
        end = recording.end if until is None else parse_moment(until)
    finally:
        recording.close()
    return start, end


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command == "export":
            since, until = _window(args.cache, args.since, args.until)
            summary = export_window(args.cache, since, until, args.out)
            print(
                f"exported {summary.frames} frames, {summary.audit} operator actions and "
                f"{summary.tiles} video-wall changes to {summary.path}"
            )
            return 0
        since, until = _window(args.recording, args.since, args.until)
        written = write_report(args.recording, since, until, args.out, trainee=args.trainee)
        print("wrote " + ", ".join(str(p) for p in written))
        return 0
    except (RecordingError, ExportError) as exc:
        print(f"command-centre-replay: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"command-centre-replay: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
