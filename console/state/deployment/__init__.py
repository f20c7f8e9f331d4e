"""The dual-index deployment map's Qt-free core: incident heat and population density per
hexagonal cell, their combination (pressure), and K patrol posts covering the most of it.

Pure: inputs in (incidents seen, units available, ``now``, the hour planned for), a
:class:`Plan` out; no clock reads, no Qt.
"""

from console.state.deployment.covering import Cover, covered_cells, greedy_max_cover
from console.state.deployment.grid import CityGrid, build_grid, load_city_grid
from console.state.deployment.heat import IncidentBook, local_hour, next_local_hour
from console.state.deployment.plan import (
    DeploymentModel,
    DeploymentSettings,
    PlaceName,
    Plan,
    Post,
    UnitSpot,
)

__all__ = [
    "CityGrid",
    "Cover",
    "DeploymentModel",
    "DeploymentSettings",
    "IncidentBook",
    "PlaceName",
    "Plan",
    "Post",
    "UnitSpot",
    "build_grid",
    "covered_cells",
    "greedy_max_cover",
    "load_city_grid",
    "local_hour",
    "next_local_hour",
]
