"""The recommended units of one incident, with the reasoning behind each estimate."""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor

from console.state import Recommendation
from console.state.safety import UnitConcern
from widgets.common import format as fmt
from widgets.common import labels
from widgets.common.style import STALE_TEXT, WARNING
from widgets.dispatch.rows import KeyedRowsModel


class RecommendationColumn(IntEnum):
    CALLSIGN = 0
    KIND = 1
    ETA = 2
    DISTANCE = 3
    SPEED = 4
    FIX_AGE = 5
    FLAGS = 6
    REASONING = 7


#: Shown by default, so a ~440-pixel dock needs no horizontal scrolling: kind, speed and
#: fix age are in the compact "why" (and all of it in every cell's tooltip).
DEFAULT_HIDDEN: tuple[RecommendationColumn, ...] = (
    RecommendationColumn.KIND,
    RecommendationColumn.SPEED,
    RecommendationColumn.FIX_AGE,
)


def _number(value: float) -> str:
    """``11`` rather than ``11.0``; one decimal otherwise."""
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}"


def distance_text(metres: float) -> str:
    return QCoreApplication.translate("RecommendationModel", "{0} km").format(
        f"{metres / 1000.0:.1f}"
    )


def speed_text(mps: float) -> str:
    return QCoreApplication.translate("RecommendationModel", "{0} m/s").format(_number(mps))


def flags_text(rec: Recommendation) -> str:
    flags = []
    if rec.stale_fix:
        flags.append(QCoreApplication.translate("RecommendationModel", "stale fix"))
    if rec.fatigued:
        flags.append(QCoreApplication.translate("RecommendationModel", "fatigued"))
    return ", ".join(flags)


def reasoning(rec: Recommendation) -> str:
    """How the estimate was made, e.g. ``2.4 km × 1.3 road ÷ 11 m/s = 4m 44s; fix 12s old``."""
    text = QCoreApplication.translate("RecommendationModel", "{0} × {1} road ÷ {2} = {3}").format(
        distance_text(rec.distance_m),
        _number(rec.road_factor),
        speed_text(rec.speed_mps),
        fmt.age(rec.eta_s),
    )
    if rec.fix_age_s is None:
        text += QCoreApplication.translate("RecommendationModel", "; fix age unknown")
    else:
        text += QCoreApplication.translate("RecommendationModel", "; fix {0} old").format(
            fmt.age(rec.fix_age_s)
        )
    if rec.penalty_s > 0:
        text += QCoreApplication.translate(
            "RecommendationModel", "; stale fix: + {0} penalty, ranked as {1}"
        ).format(fmt.age(rec.penalty_s), fmt.age(rec.score_s))
    if rec.fatigued:
        text += QCoreApplication.translate("RecommendationModel", "; crew fatigued (long shift)")
    return text


def _hours(value: float) -> str:
    return f"{value:.0f}" if abs(value - round(value)) < 0.05 else f"{value:.1f}"


def concern_text(concern: UnitConcern) -> str:
    """Why one unit needs confirming, e.g. ``U-12: 33.0 km, ETA 1h 05m — best is 2.1 km
    (U-3, ETA 4m 44s)`` or ``U-7: on shift 11 h (fatigue limit 10 h)``."""
    if concern.kind == "far":
        return QCoreApplication.translate(
            "DispatchPanel", "{0}: {1}, ETA {2} — best is {3} ({4}, ETA {5})"
        ).format(
            concern.callsign,
            distance_text(concern.distance_m),
            fmt.age(concern.eta_s),
            distance_text(concern.best_distance_m),
            concern.best_callsign,
            fmt.age(concern.best_eta_s),
        )
    if concern.kind == "fatigued":
        return QCoreApplication.translate(
            "DispatchPanel", "{0}: on shift {1} h (fatigue limit {2} h)"
        ).format(concern.callsign, _hours(concern.hours_on_duty), _hours(concern.limit_hours))
    return QCoreApplication.translate(
        "DispatchPanel", "{0}: position unknown, its distance cannot be judged"
    ).format(concern.callsign)


def short_reasoning(rec: Recommendation) -> str:
    """What the ETA and distance columns do not say, most telling first: the fix age and
    any stale-fix penalty, then the assumed speed and kind, e.g.
    ``fix 12s · 11 m/s patrol car`` (a narrow dock elides the end; the tooltip has it all)."""
    text = QCoreApplication.translate("RecommendationModel", "fix {0}").format(
        fmt.age(rec.fix_age_s)
    )
    if rec.penalty_s > 0:
        text += QCoreApplication.translate("RecommendationModel", " +{0} stale").format(
            fmt.age(rec.penalty_s)
        )
    return text + QCoreApplication.translate("RecommendationModel", " · {0} {1}").format(
        speed_text(rec.speed_mps), labels.unit_kind(rec.kind)
    )


class RecommendationModel(KeyedRowsModel):
    """Rows are :class:`~console.state.Recommendation`; keyed by unit id."""

    def headers(self) -> Sequence[str]:
        return (
            self.tr("Callsign"),
            self.tr("Kind"),
            self.tr("ETA"),
            self.tr("Distance"),
            self.tr("Speed"),
            self.tr("Fix age"),
            self.tr("Flags"),
            self.tr("Why"),
        )

    def cell(self, value: Any, column: int, role: int) -> Any:
        rec: Recommendation = value
        column = RecommendationColumn(column)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(rec, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return reasoning(rec)
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == RecommendationColumn.FIX_AGE and rec.stale_fix:
                return QColor(STALE_TEXT)
            if column == RecommendationColumn.FLAGS and (rec.stale_fix or rec.fatigued):
                return QColor(WARNING)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (
            RecommendationColumn.ETA,
            RecommendationColumn.DISTANCE,
            RecommendationColumn.SPEED,
            RecommendationColumn.FIX_AGE,
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _display(self, rec: Recommendation, column: RecommendationColumn) -> str:
        texts = {
            RecommendationColumn.CALLSIGN: rec.callsign,
            RecommendationColumn.KIND: labels.unit_kind(rec.kind),
            RecommendationColumn.ETA: fmt.age(rec.eta_s),
            RecommendationColumn.DISTANCE: distance_text(rec.distance_m),
            RecommendationColumn.SPEED: speed_text(rec.speed_mps),
            RecommendationColumn.FIX_AGE: fmt.age(rec.fix_age_s),
            RecommendationColumn.FLAGS: flags_text(rec),
            RecommendationColumn.REASONING: short_reasoning(rec),
        }
        return texts[column]
