"""The after-action report: one HTML file that opens offline, and CSV of its tables.

``command-centre-replay report RECORDING --from T1 --to T2 --out FILE.html`` (and the
Replay menu). The HTML has no remote resource at all: the style is inline and the charts
(event density, dispatch times against their targets) are SVG images embedded as
``data:`` URIs. Beside it, ``FILE-incidents.csv``, ``-orders.csv``, ``-units.csv``,
``-warnings.csv`` and ``-actions.csv`` hold the same tables. Every visible string goes
through Qt's translation (context ``Report``).
"""

from __future__ import annotations

import base64
import csv
import html
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication

from console.replay.aar import Analysis, analyse
from console.replay.recording import Recording
from console.replay.trainee import TraineeLog

translate = QCoreApplication.translate  # a name pyside6-lupdate reads

Table = tuple[list[str], list[list[str]]]


def _when(moment: float | None) -> str:
    if moment is None:
        return ""
    return datetime.fromtimestamp(moment, UTC).strftime("%Y-%m-%d %H:%M:%S")


def _secs(value: float | None) -> str:
    return "" if value is None else f"{value:.0f}"


def _met(value: bool | None) -> str:
    return (
        ""
        if value is None
        else (translate("Report", "met") if value else translate("Report", "MISSED"))
    )


def incident_table(analysis: Analysis) -> Table:
    head = [
        translate("Report", "Incident"),
        translate("Report", "Priority"),
        translate("Report", "Category"),
        translate("Report", "First seen (UTC)"),
        translate("Report", "Reported at"),
        translate("Report", "Dispatch (s)"),
        translate("Report", "Target (s)"),
        translate("Report", "Dispatch SLA"),
        translate("Report", "On scene (s)"),
        translate("Report", "Target (s)"),
        translate("Report", "On-scene SLA"),
        translate("Report", "Status at end"),
        translate("Report", "Units"),
        translate("Report", "Timeline"),
    ]
    rows = []
    for r in sorted(analysis.incidents.values(), key=lambda r: (r.first_seen, r.id)):
        timeline = " → ".join(f"{status} {updated}" for status, updated, _ in r.statuses)
        if r.open_at_start:
            timeline = translate("Report", "open at start") + ": " + timeline
        rows.append(
            [
                r.id,
                str(r.priority),
                r.category,
                _when(r.first_seen),
                r.reported_at,
                _secs(r.dispatch_s),
                _secs(r.dispatch_target_s),
                _met(r.dispatch_met()),
                _secs(r.on_scene_s),
                _secs(r.on_scene_target_s),
                _met(r.on_scene_met()),
                r.status,
                ", ".join(sorted(r.units)),
                timeline,
            ]
        )
    return head, rows


def order_table(analysis: Analysis) -> Table:
    head = [
        translate("Report", "Unit"),
        translate("Report", "Incident"),
        translate("Report", "Dispatched at"),
        translate("Report", "Acknowledged"),
        translate("Report", "Wait (s)"),
    ]
    rows = [
        [
            o.unit,
            o.incident,
            o.dispatched_at,
            _when(o.acknowledged_seen)
            if o.acknowledged_seen is not None
            else translate("Report", "NEVER"),
            _secs(o.wait_s(analysis.until)),
        ]
        for o in analysis.orders
    ]
    return head, rows


def unit_table(analysis: Analysis) -> Table:
    head = [
        translate("Report", "Unit"),
        translate("Report", "Callsign"),
        translate("Report", "Incidents"),
        translate("Report", "Busy (min)"),
        translate("Report", "Hours on duty"),
        translate("Report", "Fatigued"),
    ]
    rows = [
        [
            u.id,
            u.callsign,
            str(len(u.incidents)),
            f"{u.busy_s / 60:.1f}",
            "" if u.hours_on_duty is None else f"{u.hours_on_duty:.1f}",
            translate("Report", "yes") if u.fatigued else "",
        ]
        for u in sorted(analysis.units.values(), key=lambda u: u.id)
    ]
    return head, rows


def warning_table(analysis: Analysis) -> Table:
    head = [
        translate("Report", "Alert"),
        translate("Report", "Topic"),
        translate("Report", "Severity"),
        translate("Report", "Raised (UTC)"),
        translate("Report", "Acknowledged"),
    ]
    rows = [
        [
            w.id,
            w.topic,
            w.severity,
            _when(w.first_seen),
            _when(w.acknowledged_seen)
            if w.acknowledged_seen is not None
            else translate("Report", "no"),
        ]
        for w in sorted(analysis.warnings.values(), key=lambda w: w.first_seen)
    ]
    return head, rows


def action_table(analysis: Analysis, trainee: list[dict[str, Any]]) -> Table:
    """What operators did (audit) beside what trainees did (not sent), by time."""
    head = [
        translate("Report", "Time (UTC)"),
        translate("Report", "Who"),
        translate("Report", "Operator"),
        translate("Report", "Action"),
        translate("Report", "Target"),
        translate("Report", "Result"),
    ]
    rows = [
        (
            a["ts"],
            [
                _when(a["ts"]),
                translate("Report", "operator"),
                a["operator"],
                a["action"],
                a["target"],
                a["result"],
            ],
        )
        for a in analysis.audit
    ]
    rows += [
        (
            a["replay_ts"],
            [
                _when(a["replay_ts"]),
                translate("Report", "trainee"),
                a["operator"],
                a["type"],
                a["target"],
                translate("Report", "not sent (replay)"),
            ],
        )
        for a in trainee
    ]
    return head, [row for _, row in sorted(rows, key=lambda item: item[0])]


def _svg_bars(values: list[tuple[str, float, float | None]], title: str) -> str:
    """A bar chart as an SVG data URI: (label, value, target or None) per bar."""
    width, height, pad = 760, 220, 30
    top = max([v for _, v, _ in values] + [t or 0 for _, _, t in values] + [1.0])
    step = (width - 2 * pad) / max(len(values), 1)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}">',
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
        f'<text x="{pad}" y="18" font-size="13">{html.escape(title)}</text>',
    ]
    for i, (label, value, target) in enumerate(values):
        x = pad + i * step
        bar = (height - 2 * pad) * value / top
        color = "#d9480f" if target is not None and value > target else "#1c7ed6"
        wide = max(step - 2, 1)
        parts.append(
            f'<rect x="{x:.1f}" y="{height - pad - bar:.1f}" width="{wide:.1f}" '
            f'height="{bar:.1f}" fill="{color}">'
            f"<title>{html.escape(label)}: {value:.0f}</title></rect>"
        )
        if target is not None:
            y = height - pad - (height - 2 * pad) * target / top
            parts.append(
                f'<line x1="{x:.1f}" x2="{x + step:.1f}" y1="{y:.1f}" y2="{y:.1f}" '
                'stroke="#2b8a3e" stroke-width="2"/>'
            )
    parts.append("</svg>")
    encoded = base64.b64encode("".join(parts).encode()).decode()
    return f'<img alt="{html.escape(title)}" src="data:image/svg+xml;base64,{encoded}"/>'


def _html_table(table: Table) -> str:
    head, rows = table
    cells = "".join(f"<th>{html.escape(h)}</th>" for h in head)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>" for row in rows
    )
    return f"<table><tr>{cells}</tr>{body}</table>"


def write_report(
    path: Path, since: float, until: float, out: Path, *, trainee: Path | None = None
) -> list[Path]:
    """Write the report of [since, until] of the recording ``path``; returns the files."""
    recording = Recording(path)
    try:
        analysis = analyse(recording, since, until)
        density = recording.density(60)
    finally:
        recording.close()
    actions: list[dict[str, Any]] = []
    if trainee is not None:
        log = TraineeLog(trainee)
        actions = log.actions(since, until)
        log.close()
    tables = {
        "incidents": (translate("Report", "Incidents"), incident_table(analysis)),
        "orders": (translate("Report", "Orders to the field"), order_table(analysis)),
        "units": (translate("Report", "Units: workload and fatigue"), unit_table(analysis)),
        "warnings": (translate("Report", "Opinion warnings"), warning_table(analysis)),
        "actions": (
            translate("Report", "Operator and trainee actions"),
            action_table(analysis, actions),
        ),
    }
    dispatched = [r for r in analysis.incidents.values() if r.dispatch_s is not None]
    charts = [
        _svg_bars(
            [(_when(t), n, None) for t, n in density],
            translate("Report", "Recorded events over time"),
        ),
        _svg_bars(
            [(r.id, r.dispatch_s or 0.0, r.dispatch_target_s) for r in dispatched],
            translate("Report", "Time to dispatch per incident (s); the line is the target"),
        ),
    ]
    never = sum(1 for o in analysis.orders if o.acknowledged_seen is None)
    summary = translate(
        "Report", "{0} incidents, {1} orders ({2} never acknowledged), {3} opinion warnings"
    ).format(len(analysis.incidents), len(analysis.orders), never, len(analysis.warnings))
    title = translate("Report", "After-action report: {0} to {1} UTC").format(
        _when(since), _when(until)
    )
    sections = "".join(
        f"<h2>{html.escape(name)}</h2>{_html_table(t)}" for name, t in tables.values()
    )
    document = (
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
        "<style>body{font-family:sans-serif;margin:24px}table{border-collapse:collapse;"
        "font-size:12px}td,th{border:1px solid #ccc;padding:3px 6px;text-align:left}"
        "th{background:#eee}</style></head><body>"
        f"<h1>{html.escape(title)}</h1><p>{html.escape(str(path))}</p>"
        f"<p>{html.escape(summary)}</p>{''.join(charts)}{sections}</body></html>"
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(document, encoding="utf-8")
    written = [out]
    for name, (_, (head, rows)) in tables.items():
        target = out.with_name(f"{out.stem}-{name}.csv")
        with target.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(head)
            writer.writerows(rows)
        written.append(target)
    return written
