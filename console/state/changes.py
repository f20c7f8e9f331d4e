"""What one :meth:`SituationStore.apply` changed, in terms a table model can act on."""

from __future__ import annotations

from dataclasses import dataclass, field

from console.state.inputs import AckResult

#: The store's entity collections; each is named after its protocol topic.
COLLECTIONS: tuple[str, ...] = ("incidents", "units", "positions", "cameras", "alerts")


def _empty_sets() -> dict[str, set[str]]:
    return {collection: set() for collection in COLLECTIONS}


@dataclass(slots=True)
class ChangeSet:
    """Net changes per collection, relative to the state before the first change recorded.

    A key is in at most one of ``added`` (did not exist before, exists now), ``changed``
    (existed before and now, value differs) and ``removed`` (existed before, gone now).
    Record changes through :meth:`note_added`/:meth:`note_changed`/:meth:`note_removed`,
    which keep that invariant: removed-then-added is "changed", added-then-removed is
    nothing. ``added``, ``changed`` and ``removed`` always hold every collection's key,
    so ``changes.added["units"]`` never raises.

    ``services`` names the services whose connection status (state, detail, since) or
    rejected-frame count changed. ``acks`` holds the command acks that changed a tracked
    command (a duplicate ack of an already answered command is not repeated), and
    ``commands`` the ids of tracked commands whose state changed.
    """

    added: dict[str, set[str]] = field(default_factory=_empty_sets)
    changed: dict[str, set[str]] = field(default_factory=_empty_sets)
    removed: dict[str, set[str]] = field(default_factory=_empty_sets)
    services: set[str] = field(default_factory=set)
    acks: list[AckResult] = field(default_factory=list)
    commands: set[str] = field(default_factory=set)

    # ------------------------------------------------------------------ recording
    def note_added(self, collection: str, key: str) -> None:
        removed = self.removed[collection]
        if key in removed:
            removed.discard(key)
            self.changed[collection].add(key)
        else:
            self.added[collection].add(key)

    def note_changed(self, collection: str, key: str) -> None:
        if key in self.added[collection] or key in self.removed[collection]:
            return
        self.changed[collection].add(key)

    def note_removed(self, collection: str, key: str) -> None:
        added = self.added[collection]
        if key in added:
            added.discard(key)
            return
        self.changed[collection].discard(key)
        self.removed[collection].add(key)

    # ------------------------------------------------------------------ reading
    def touched(self, collection: str) -> set[str]:
        """Every key of ``collection`` that was added, changed or removed."""
        return self.added[collection] | self.changed[collection] | self.removed[collection]

    def is_empty(self) -> bool:
        return not (
            self.services
            or self.acks
            or self.commands
            or any(self.added.values())
            or any(self.changed.values())
            or any(self.removed.values())
        )

    def merge(self, other: ChangeSet) -> ChangeSet:
        """Fold in ``other``, which happened after ``self``; returns ``self`` for chaining."""
        for collection in COLLECTIONS:
            for key in other.added[collection]:
                self.note_added(collection, key)
            for key in other.changed[collection]:
                self.note_changed(collection, key)
            for key in other.removed[collection]:
                self.note_removed(collection, key)
        self.services |= other.services
        self.acks.extend(other.acks)
        self.commands |= other.commands
        return self

    def __repr__(self) -> str:
        parts = [
            f"{name}.{collection}={sorted(keys)}"
            for name, sets in (
                ("added", self.added),
                ("changed", self.changed),
                ("removed", self.removed),
            )
            for collection, keys in sets.items()
            if keys
        ]
        if self.services:
            parts.append(f"services={sorted(self.services)}")
        if self.acks:
            parts.append(f"acks={[ack.command_id for ack in self.acks]}")
        if self.commands:
            parts.append(f"commands={sorted(self.commands)}")
        return f"ChangeSet({', '.join(parts)})"
