"""The unit board: every unit's status, station, time in status, fatigue and fix age."""

from widgets.units.board import UnitBoardPanel
from widgets.units.cells import UnitColumn
from widgets.units.filter import UnitFilterModel
from widgets.units.model import UnitRoles, UnitTableModel
from widgets.units.summary import UnitSummaryStrip

__all__ = [
    "UnitBoardPanel",
    "UnitColumn",
    "UnitFilterModel",
    "UnitRoles",
    "UnitSummaryStrip",
    "UnitTableModel",
]
