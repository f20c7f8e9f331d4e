"""The console's local cache on SQLite: state, cursors, journal, outbox, audit."""

from services.cache.faults import CacheError, CacheHealth
from services.cache.opening import CacheOpening
from services.cache.pruning import CacheSize
from services.cache.store import Cache, OutboxRow

__all__ = ["Cache", "CacheError", "CacheHealth", "CacheOpening", "CacheSize", "OutboxRow"]
