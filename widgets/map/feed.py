"""What the map page is told: batched JSON diffs of markers, at most 5 times a second.

``MapFeed`` subscribes to the store and only notes which keys changed. Every 200 ms, if
anything did, it builds one diff — markers to upsert (the few fields the page draws) and
ids to remove — and hands it to the page as one JSON string. It also re-checks, once a
second, the flags that change with time alone (a unit's fix going stale, an order
escalating), and recomputes the incident-density grid when incidents moved.
"""

from __future__ import annotations

import itertools
import math
import time
from collections.abc import Callable
from typing import Any

import msgspec
from PySide6.QtCore import QObject, QTimer, Signal

from console.state import ChangeSet, SituationStore
from widgets.common import labels
from widgets.common.ticker import Ticker, TickSubscription

HEAT_CELL_DEG = 0.02
#: markers per kind in one push: bounds the UI thread's time per push (≈ 4 ms per 1,000);
#: the rest waits for the next push, 200 ms later (5,000 moving units still fit a second)
MAX_PER_PUSH = 2500
OPEN = ("new", "dispatched", "en_route", "on_scene")
KINDS = ("incidents", "units", "cameras", "alerts")


class MapFeed(QObject):
    #: one JSON diff for the page (UI thread)
    diffReady = Signal(str)  # noqa: N815

    def __init__(
        self,
        store: SituationStore,
        *,
        clock: Callable[[], float] = time.time,
        interval_ms: int = 200,
        ticker: Ticker | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._clock = clock
        self._dirty: dict[str, set[str]] = {kind: set() for kind in KINDS}
        self._shown: dict[str, set[str]] = {kind: set() for kind in KINDS}
        self._stale: set[str] = set()
        self._pulsing: set[str] = set()
        self._heat_due = True
        self._full = True
        self._active = False
        self._label_cache: dict[tuple[str, str], str] = {}
        self.push_ms: list[float] = []  # UI-thread cost of each push (bench/map.py)
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.push)
        self._flags = TickSubscription(self, clock, ticker, self._recheck_flags)
        self._unsubscribe: Callable[[], None] | None = store.subscribe(self._on_changes)

    def start(self) -> None:
        """The page is ready: send everything, then keep it in step."""
        self._full = True
        self._active = True
        self._timer.start()
        self._flags.start()
        self.push()

    def close(self) -> None:
        self._timer.stop()
        self._flags.stop()
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None

    # --- noting changes ------------------------------------------------------------------

    def _on_changes(self, changes: ChangeSet) -> None:
        for kind in KINDS:
            touched = changes.touched(kind)
            if touched:
                self._dirty[kind] |= touched
        positions = changes.touched("positions")
        if positions:
            self._dirty["units"] |= positions
        if changes.touched("incidents"):
            self._heat_due = True

    def _recheck_flags(self) -> None:
        now = self._clock()
        for unit_id in self._shown["units"]:
            view = self._store.unit_view(unit_id)
            stale = view is not None and view.fix_stale(now)
            if stale != (unit_id in self._stale):
                self._dirty["units"].add(unit_id)
        pulsing = self._pulse_ids(now)
        self._dirty["incidents"] |= pulsing ^ self._pulsing

    def _pulse_ids(self, now: float) -> set[str]:
        escalated = {o.incident_id for o in self._store.orders(now) if o.escalated}
        new = {key for key, i in self._store.incidents.items() if i.status == "new"}
        return (escalated | new) & set(self._store.incidents)

    # --- building a diff -------------------------------------------------------------------

    def push(self) -> None:
        if not self._active:
            return
        started = time.perf_counter()
        now = self._clock()
        diff: dict[str, Any] = {}
        if self._full:
            diff["reset"] = True
            for kind in KINDS:
                self._dirty[kind] = set(self._collection(kind))
                self._shown[kind] = set()
            self._stale.clear()
            self._full = False
        self._pulsing = self._pulse_ids(now)
        self._label_cache = {}  # labels follow the language, which may change
        for kind in KINDS:
            part = self._part(kind, now)
            if part is not None:
                diff[kind] = part
        if self._heat_due:
            diff["heat"] = self._heat()
            self._heat_due = False
        if diff:
            self.diffReady.emit(msgspec.json.encode(diff).decode("utf-8"))
            self.push_ms.append((time.perf_counter() - started) * 1000)

    def _part(self, kind: str, now: float) -> dict[str, list[Any]] | None:
        """Upserts and removals for up to MAX_PER_PUSH changed keys of one kind."""
        keys = self._dirty[kind]
        if not keys:
            return None
        if len(keys) > MAX_PER_PUSH:
            keys = set(itertools.islice(keys, MAX_PER_PUSH))
            self._dirty[kind] -= keys
        else:
            self._dirty[kind] = set()
        upserts, removals = [], []
        shown = self._shown[kind]
        for key in keys:
            item = self._marker(kind, key, now)
            if item is None:
                if key in shown:
                    removals.append(key)
                    shown.discard(key)
            else:
                upserts.append(item)
                shown.add(key)
        return {"upsert": upserts, "remove": removals} if upserts or removals else None

    def _collection(self, kind: str) -> Any:
        return getattr(self._store, kind)

    def _marker(self, kind: str, key: str, now: float) -> dict[str, Any] | None:
        if kind == "incidents":
            incident = self._store.incidents.get(key)
            if incident is None or incident.status == "closed":
                return None
            return {
                "id": key,
                "lat": incident.location.lat,
                "lon": incident.location.lon,
                "priority": incident.priority,
                "status": incident.status,
                "status_label": self._label(labels.incident_status, incident.status),
                "category": incident.category,
                "category_label": self._label(labels.category, incident.category),
                "summary": incident.summary,
                "pulse": key in self._pulsing,
            }
        if kind == "units":
            view = self._store.unit_view(key)
            if view is None or view.position is None or view.unit.status == "off_duty":
                return None
            stale = view.fix_stale(now)
            if stale:
                self._stale.add(key)
            else:
                self._stale.discard(key)
            position = view.position
            return {
                "id": key,
                "lat": position.lat,
                "lon": position.lon,
                "heading": round(position.heading),
                "status": view.unit.status,
                "status_label": self._label(labels.unit_status, view.unit.status),
                "callsign": view.unit.callsign,
                "incident": view.unit.incident,
                "stale": stale,
            }
        if kind == "cameras":
            camera = self._store.cameras.get(key)
            if camera is None:
                return None
            return {
                "id": key,
                "lat": camera.location.lat,
                "lon": camera.location.lon,
                "name": camera.name,
                "status": camera.status,
            }
        alert = self._store.alerts.get(key)
        if alert is None or alert.location is None:
            return None
        return {
            "id": key,
            "lat": alert.location.lat,
            "lon": alert.location.lon,
            "topic": alert.topic,
            "excerpt": alert.excerpt,
            "district": alert.district,
            "severity": alert.severity,
            "volume": alert.volume,
            "acknowledged": alert.acknowledged,
        }

    def _label(self, translate: Callable[[str], str], value: str) -> str:
        """A translated label, looked up once per push (translation is not free)."""
        key = (translate.__name__, value)
        text = self._label_cache.get(key)
        if text is None:
            text = self._label_cache[key] = translate(value)
        return text

    def _heat(self) -> list[list[float]]:
        cells: dict[tuple[int, int], int] = {}
        for incident in self._store.incidents.values():
            if incident.status in OPEN:
                cell = (
                    math.floor(incident.location.lat / HEAT_CELL_DEG),
                    math.floor(incident.location.lon / HEAT_CELL_DEG),
                )
                cells[cell] = cells.get(cell, 0) + 1
        return [
            [
                round(row * HEAT_CELL_DEG, 4),
                round(col * HEAT_CELL_DEG, 4),
                round((row + 1) * HEAT_CELL_DEG, 4),
                round((col + 1) * HEAT_CELL_DEG, 4),
                count,
            ]
            for (row, col), count in sorted(cells.items())
        ]
