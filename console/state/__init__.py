"""Qt-free situation store: applies ingest batches, emits change sets, derives views.

Views subscribe to :class:`SituationStore` and read its collections; SLA clocks, dispatch
orders, staleness and unit recommendations are computed here, never in a widget.
"""

from console.state.changes import COLLECTIONS, ChangeSet
from console.state.commands import CommandRecord, CommandState
from console.state.orders import Order, fatigued, hours_on_duty
from console.state.policy import StatePolicy
from console.state.recommend import Recommendation, rank_units
from console.state.sla import SlaClock, SlaPolicy, SlaTargets, sla_clock
from console.state.store import ChangeListener, SituationStore
from console.state.views import UnitView

__all__ = [
    "COLLECTIONS",
    "ChangeListener",
    "ChangeSet",
    "CommandRecord",
    "CommandState",
    "Order",
    "Recommendation",
    "SituationStore",
    "SlaClock",
    "SlaPolicy",
    "SlaTargets",
    "StatePolicy",
    "UnitView",
    "fatigued",
    "hours_on_duty",
    "rank_units",
    "sla_clock",
]
