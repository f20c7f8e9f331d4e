"""The incident queue (a filtered, triage-ordered table) and the incident detail panel.

Both read the Qt-free :class:`console.state.SituationStore` and subscribe to its change
sets; neither sends anything: operator actions leave as Qt signals for the controller.
"""

from widgets.incidents.detail import IncidentDetailPanel
from widgets.incidents.filter import IncidentFilterProxy
from widgets.incidents.model import IncidentTableModel
from widgets.incidents.queue import IncidentQueuePanel
from widgets.incidents.roles import IncidentColumn, IncidentRoles

__all__ = [
    "IncidentColumn",
    "IncidentDetailPanel",
    "IncidentFilterProxy",
    "IncidentQueuePanel",
    "IncidentRoles",
    "IncidentTableModel",
]
