"""Joined, read-only views over the store's raw entities."""

from __future__ import annotations

from dataclasses import dataclass

from console.state.timestamps import age_s
from services.protocol.entities import Position, Unit


def fix_is_stale(position: Position, now: float, stale_after_s: float) -> bool:
    """The fix is older than ``stale_after_s`` at ``now`` (an unreadable fix is stale)."""
    age = age_s(position.fix_at, now)
    return age is None or age > stale_after_s


@dataclass(frozen=True, slots=True)
class UnitView:
    """A CAD unit joined with its latest AVL position (``None`` if it never reported one).

    Cheap to build (the store makes one per call); time-dependent answers take ``now``.
    """

    unit: Unit
    position: Position | None
    fix_stale_after_s: float = 60.0

    @property
    def id(self) -> str:
        return self.unit.id

    @property
    def on_duty(self) -> bool:
        return self.unit.status != "off_duty"

    @property
    def awaiting_ack(self) -> bool:
        """Dispatched and the field terminal has not acknowledged the order yet."""
        return self.unit.dispatched_at is not None and self.unit.ack_at is None

    def fix_age(self, now: float) -> float | None:
        """Seconds since the position fix; ``None`` without a (readable) fix."""
        if self.position is None:
            return None
        return age_s(self.position.fix_at, now)

    def fix_stale(self, now: float) -> bool:
        """The unit has a position but its fix is older than the threshold (or unreadable).

        A unit with no position at all is not "stale": it has nothing on the map to grey.
        """
        if self.position is None:
            return False
        return fix_is_stale(self.position, now, self.fix_stale_after_s)
