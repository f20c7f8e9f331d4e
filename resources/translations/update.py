"""Refresh the catalogues from the sources and compile them, the Qt way.

    python resources/translations/update.py

1. ``pyside6-lupdate`` reads every ``tr()``/``translate()`` in ``console/`` and ``widgets/``
   and merges it into ``command-centre_zh.ts`` (each string under its context, plural
   strings as ``numerus`` entries): new strings arrive ``unfinished``, strings gone from
   the sources are dropped (``-no-obsolete``), translations already made are kept.
2. ``command-centre_en.ts`` holds only the plural forms English needs ("%n order(s)" →
   "1 order", "2 orders"): ``-pluralonly``.
3. Translate the unfinished entries in Qt Linguist (``pyside6-linguist``) or any .ts
   editor, then run this again: ``pyside6-lrelease`` compiles the ``.qm`` files the
   console loads.

The .ts files are the source of truth; ``tests/console/test_translation.py`` fails while
any entry is unfinished, vanished, or the .qm is older than its .ts.
"""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
#: catalogue -> extra lupdate options
CATALOGUES = {"command-centre_zh.ts": [], "command-centre_en.ts": ["-pluralonly"]}


def sources() -> list[str]:
    """Every Python file whose strings the console shows, as git knows them."""
    listed = subprocess.run(
        ["git", "ls-files", "console/*.py", "widgets/*.py"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return listed.stdout.split()


def lupdate(ts: Path, options: list[str]) -> None:
    subprocess.run(
        ["pyside6-lupdate", "-no-obsolete", *options, *sources(), "-ts", str(ts)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )


def lrelease(ts: Path, qm: Path) -> None:
    subprocess.run(
        ["pyside6-lrelease", "-silent", str(ts), "-qm", str(qm)], check=True, capture_output=True
    )


def unfinished(ts: Path) -> list[tuple[str, str]]:
    """(context, source) of every entry still waiting for a translation."""
    tree = ET.parse(ts)  # noqa: S314 (our own file)
    waiting = []
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is None or translation.get("type") in {"unfinished", "vanished"}:
                waiting.append((name, message.findtext("source") or ""))
    return waiting


def main() -> int:
    waiting = 0
    for name, options in CATALOGUES.items():
        ts = HERE / name
        lupdate(ts, options)
        lrelease(ts, ts.with_suffix(".qm"))
        for context, source in unfinished(ts):
            waiting += 1
            print(f"{name}: unfinished [{context}] {source!r}", file=sys.stderr)
    return 1 if waiting else 0


if __name__ == "__main__":
    sys.exit(main())
