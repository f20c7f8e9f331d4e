"""``command-centre-intake``: the intake assistant over JSON lines.

Reads one JSON object per line on stdin, ``{"text": "..."}``, and writes one JSON line
per input line on stdout, in order: ``{"category", "priority", "district", "place",
"lat", "lon", "confidence", "reasons", ...}`` (``district`` is the English district name
of ``resources/geo``, e.g. ``Gusu``; fields are ``null`` when nothing was found). A line
that is not such an object gets ``{"error": "<why>", "line": N}`` on its line instead;
the run goes on. Blank lines are skipped. Exit status 0, or 2 for bad arguments.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Iterator
from typing import Any, TextIO

from console.state.intake import IntakeAssistant


def answer_lines(lines: Iterable[str], assistant: IntakeAssistant) -> Iterator[dict[str, Any]]:
    """One answer per non-blank input line."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            request = json.loads(line)
        except json.JSONDecodeError as exc:
            yield {"error": f"not JSON: {exc.msg} at column {exc.colno}", "line": number}
            continue
        text = request.get("text") if isinstance(request, dict) else None
        if not isinstance(text, str):
            yield {"error": 'expected an object with a string "text"', "line": number}
            continue
        record = assistant.suggest(text).as_record()
        if "id" in request:
            record = {"id": request["id"], **record}
        yield record


def run(stdin: TextIO, stdout: TextIO) -> None:
    assistant = IntakeAssistant()
    for record in answer_lines(stdin, assistant):
        stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
        stdout.flush()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="command-centre-intake",
        description="Suggest category, priority and place for 110 call texts: JSON lines "
        '{"text": ...} on stdin, one JSON line per call on stdout.',
    )
    parser.parse_args(argv)
    stdin = sys.stdin
    if hasattr(stdin, "reconfigure"):
        stdin.reconfigure(encoding="utf-8", errors="replace")
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(encoding="utf-8")
    run(stdin, sys.stdout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
