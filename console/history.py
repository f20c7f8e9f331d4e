"""History that survives a restart: the store is given back its recent past at start.

Without this, a console started again shows each incident's timeline from its cached
status on, an empty "My commands" and "—" for an order's Sent time. With it, before the
cached picture is applied, :func:`restore_history` reads from the live source's local
cache (``services/cache/history.py``) the incidents' status changes its journal holds
for the last :data:`HISTORY_WINDOW_S` (or the journal's retention, if shorter; no
further back than the oldest incident in the cached picture was reported) and this
workstation's commands (every unanswered one; the answered ones of that window, up to
the store's ``command_history_cap``), and hands them to
:meth:`~console.state.SituationStore.restore_history`. An unanswered command comes back
``queued`` or ``sent`` and is answered once the feed sends it again after connecting.

A replay or training source rebuilds its own past: only the live feed client's cache is
read. Thread: the caller's (the session's start, on the UI thread), before the feed's
cache-writer thread exists — the cache is used by one thread at a time.
"""

from __future__ import annotations

import logging
import time

from console.state import SituationStore
from services.cache import CacheError
from services.cache.history import CacheHistory, read_history
from services.client.feed import FeedClient

log = logging.getLogger(__name__)

#: how far back timelines and answered commands are rebuilt
HISTORY_WINDOW_S = 24 * 3600.0


def restore_history(
    store: SituationStore, source: object, *, workstation: str, now: float | None = None
) -> CacheHistory | None:
    """Give ``store`` the past its live ``source``'s cache remembers; returns what was
    read (None for another kind of source, or if the cache could not be read: that is
    logged as an error and the console starts without its history)."""
    if not isinstance(source, FeedClient):
        return None
    cache = source.cache
    now = time.time() if now is None else now
    since = now - min(HISTORY_WINDOW_S, cache.journal_retention_s)
    started = time.perf_counter()
    try:
        history = read_history(
            cache,
            workstation=workstation,
            since=since,
            command_limit=store.policy.command_history_cap,
        )
    except CacheError as exc:
        log.error(
            "the history in the local cache could not be read (%s): timelines start at "
            "the cached status and earlier commands are not listed",
            exc.reason,
        )
        return None
    store.restore_history(history)
    log.info(
        "history restored in %.0f ms: %d incident timelines, %d commands (%d journal frames, "
        "%d unreadable)",
        (time.perf_counter() - started) * 1000.0,
        len(history.status_changes),
        len(history.commands),
        history.frames_read,
        history.unreadable,
    )
    return history
