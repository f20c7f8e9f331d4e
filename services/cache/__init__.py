"""The console's local cache on SQLite: state, cursors, journal, outbox, audit."""

from services.cache.store import Cache, OutboxRow

__all__ = ["Cache", "OutboxRow"]
