"""The deployment layer's message for the map page: the pressure hexagons (both indices
and the pressure per cell, and whether it is a busy cell the posts leave uncovered), the
suggested posts with the unit each is given, and the legend's words. Plain data, sent as
one JSON command; the page draws it (``assets/pressure.js``) and never builds code from it.

Cells below :data:`SHOW_FROM` pressure are left out (fields and water would tint the
whole city). Values are rounded to 3 decimals — the page holds exactly these.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import h3
import numpy as np
from PySide6.QtCore import QCoreApplication

from console.state.deployment import Plan
from widgets.common.deployment_text import coverage_summary, place_text, post_reason

SHOW_FROM = 0.05


@lru_cache(maxsize=32768)
def _boundary(cell: str) -> list[list[float]]:
    return [[round(lat, 6), round(lon, 6)] for lat, lon in h3.cell_to_boundary(cell)]


def shown_cells(plan: Plan) -> np.ndarray:
    """Indices of the cells the layer shows, highest pressure first."""
    pressure = plan.pressure.pressure
    shown = np.flatnonzero(pressure >= SHOW_FROM)
    return shown[np.argsort(-pressure[shown], kind="stable")]


def deployment_message(plan: Plan) -> dict[str, Any]:
    """The ``deployment`` command for the page."""
    pressure = plan.pressure
    uncovered = set(plan.uncovered)
    cells = [
        [
            pressure.cells[i],
            round(float(pressure.heat[i]), 3),
            round(float(pressure.population[i]), 3),
            round(float(pressure.pressure[i]), 3),
            _boundary(pressure.cells[i]),
            1 if i in uncovered else 0,
        ]
        for i in shown_cells(plan)
    ]
    posts = [
        {
            "lat": post.lat,
            "lon": post.lon,
            "name": place_text(post.place),
            "reason": post_reason(post, plan.hour),
            "unit": post.unit,
            "unitLat": post.unit_lat,
            "unitLon": post.unit_lon,
        }
        for post in plan.posts
    ]
    return {
        "op": "deployment",
        "hour": plan.hour,
        "cells": cells,
        "posts": posts,
        "labels": {
            "pressure": QCoreApplication.translate(
                "DeploymentPanel", "Pressure (incident heat × population)"
            ),
            "posts": QCoreApplication.translate("DeploymentPanel", "Suggested posts"),
            "title": QCoreApplication.translate(
                "DeploymentPanel", "Pressure for {hour:02d}:00"
            ).format(hour=plan.hour),
            "heat": QCoreApplication.translate("DeploymentPanel", "incident heat →"),
            "population": QCoreApplication.translate("DeploymentPanel", "population ↑"),
            "formula": QCoreApplication.translate(
                "DeploymentPanel", "pressure = 0.6 × heat + 0.4 × population"
            ),
            "cell": QCoreApplication.translate(
                "DeploymentPanel", "heat {heat} · population {population} · pressure {pressure}"
            ),
            "post": QCoreApplication.translate("DeploymentPanel", "suggested post"),
            "uncovered": QCoreApplication.translate(
                "DeploymentPanel", "red outline: a busy cell no post reaches in time"
            ),
            "summary": coverage_summary(plan),
        },
    }
