"""Building the opinion panels from the panel registry's context.

The feed and the trends share one :class:`OpinionMonitor` per window: the first panel
built makes it (a child of the window, object name ``opinionMonitor``), the other finds
it there. The trends module (pyqtgraph) is imported only when the trends are built.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from widgets.common.panel import PanelContext
from widgets.opinion.feed import OpinionFeedPanel
from widgets.opinion.monitor import OpinionMonitor

if TYPE_CHECKING:
    from widgets.opinion.trends import OpinionTrendsPanel

MONITOR_NAME = "opinionMonitor"


def monitor_for(context: PanelContext) -> OpinionMonitor:
    """The window's opinion monitor, made on first use."""
    monitor = context.parent.findChild(OpinionMonitor, MONITOR_NAME)
    if monitor is None:
        monitor = OpinionMonitor(
            context.store,
            context.config.opinion,
            clock=context.clock,
            ticker=context.ticker,
            parent=context.parent,
        )
        monitor.setObjectName(MONITOR_NAME)
    return monitor


def build_feed(context: PanelContext) -> OpinionFeedPanel:
    return OpinionFeedPanel(context.store, monitor_for(context), parent=context.parent)


def build_trends(context: PanelContext) -> OpinionTrendsPanel:
    from widgets.opinion.trends import OpinionTrendsPanel  # noqa: PLC0415 (pyqtgraph)

    return OpinionTrendsPanel(context.store, monitor_for(context), parent=context.parent)
