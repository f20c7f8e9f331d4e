"""What every panel is built from: the context the panel registry hands its builders.

Defined here, at the widgets' level, so a panel module may name it without importing
the shell (the registry itself lives in ``console/shell/panels.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QWidget

from widgets.common.ticker import Ticker

if TYPE_CHECKING:
    from console.config import ConsoleConfig
    from console.controller import CommandController
    from console.state import SituationStore


@dataclass(frozen=True)
class PanelContext:
    """What a panel may be built from."""

    store: SituationStore
    clock: Callable[[], float]
    controller: CommandController
    config: ConsoleConfig
    parent: QWidget
    session: Any = None  # the console session, for panels that need more (video, replay)
    ticker: Ticker | None = None  # the window's one repaint tick (None: a panel makes its own)
