"""What the map page is told: batched JSON diffs of markers, at most 5 times a second.

``MapFeed`` subscribes to the store and only notes which keys changed. Every 200 ms, if
anything did, it builds one diff — markers to upsert (the few fields the page draws), ids
to remove, and for units whose position alone changed a compact ``move`` list
(``[[id, lat, lon, heading], …]``) — and hands it on as one JSON string. Every
diff carries a sequence number; the page acknowledges it once the markers are drawn
(:meth:`MapFeed.note_painted`), which gives store-change-to-painted latency. It also
re-checks, once a second, the flags that change with time alone (a unit's fix going
stale, an order escalating), and recomputes the incident-density grid when incidents
moved.

There is no cap on the markers in one push by default (20,000 moving units are one
diff); ``max_per_push`` bounds it when a slower machine needs shorter UI-thread pauses.
"""

from __future__ import annotations

import heapq
import itertools
import math
import time
from collections import deque
from collections.abc import Callable, Iterable
from typing import Any

import msgspec
from PySide6.QtCore import QObject, QTimer

from console.state import ChangeSet, SituationStore
from console.state.timestamps import ts_seconds
from console.state.views import fix_is_stale
from widgets.common import labels
from widgets.common.ticker import Ticker, TickSubscription

HEAT_CELL_DEG = 0.02
OPEN = ("new", "dispatched", "en_route", "on_scene")
KINDS = ("incidents", "units", "cameras", "alerts")
#: diffs sent and not yet acknowledged as painted that are remembered (for the latency)
UNACKED_KEPT = 64


def marker_count(part: dict[str, list[Any]]) -> int:
    """Markers one kind's part of a diff touches."""
    return sum(len(part.get(name, ())) for name in ("upsert", "remove", "move"))


class StaleSchedule:
    """When each shown unit's fix turns stale, so the once-a-second check looks only at
    the units that may have flipped instead of all of them.

    A heap of ``(due, unit id)``: ``due`` is when the fix the unit had when last judged
    stops being fresh. A check judges (with :func:`fix_is_stale`, as the full check
    would) the units whose due time has passed, the units noted since (a marker or a
    move was sent: the fix may have changed, even to an older one); a fresh unit is
    scheduled again at its fix's due time. A unit moved but not yet pushed needs no
    judging: it is already marked for re-sending (the store notes its unit changed).
    Everything is judged again after the clock went back (a replay seek) or the stale
    limit changed. Entries of units no longer shown, or superseded, are skipped when
    they come due (the heap is rebuilt when they outnumber the live ones).
    """

    def __init__(self) -> None:
        self._heap: list[tuple[float, str]] = []
        self._due: dict[str, float] = {}  # unit id -> its live entry's due time
        self._noted: set[str] = set()
        self._last: tuple[float, float] | None = None  # (now, stale limit) of the last check

    def reset(self) -> None:
        """Forget everything: the next check judges every shown unit."""
        self._heap, self._due, self._noted, self._last = [], {}, set(), None

    def note(self, unit_id: str) -> None:
        """The unit's marker was just sent: judge it at the next check."""
        self._noted.add(unit_id)

    def note_all(self, unit_ids: Iterable[str]) -> None:
        """These units moved on the page: judge them at the next check."""
        self._noted.update(unit_ids)

    def flips(
        self,
        shown: set[str],
        stale: set[str],
        *,
        position_of: Callable[[str], Any],
        now: float,
        stale_after: float,
    ) -> list[str]:
        """Shown units whose staleness at ``now`` differs from their membership of
        ``stale`` (what the page was last told), among those that may differ and are not
        waiting to be pushed anyway."""
        last, self._last = self._last, (now, stale_after)
        if last is None or now < last[0] or stale_after != last[1]:
            self._heap, self._due = [], {}
            suspects: set[str] = set(shown)
        else:
            suspects = self._noted
            heap, due_of = self._heap, self._due
            while heap and heap[0][0] <= now:
                due, unit_id = heapq.heappop(heap)
                if due_of.get(unit_id) == due:
                    del due_of[unit_id]
                    suspects.add(unit_id)
        self._noted = set()
        return self._judge(
            suspects, shown, stale, position_of=position_of, now=now, stale_after=stale_after
        )

    def _judge(
        self,
        suspects: set[str],
        shown: set[str],
        stale: set[str],
        *,
        position_of: Callable[[str], Any],
        now: float,
        stale_after: float,
    ) -> list[str]:
        verdicts: dict[str, tuple[bool, float | None]] = {}  # fix_at -> (stale, due)
        heap, due_of = self._heap, self._due
        flipped = []
        for unit_id in suspects:
            if unit_id not in shown:
                continue
            position = position_of(unit_id)
            is_stale = False
            if position is not None:
                verdict = verdicts.get(position.fix_at)
                if verdict is None:
                    is_stale = fix_is_stale(position, now, stale_after)
                    fixed = None if is_stale else ts_seconds(position.fix_at)
                    verdict = verdicts[position.fix_at] = (
                        is_stale,
                        None if fixed is None else fixed + stale_after,
                    )
                is_stale, due = verdict
                if due is not None and due_of.get(unit_id) != due:
                    due_of[unit_id] = due
                    heapq.heappush(heap, (due, unit_id))
            if is_stale != (unit_id in stale):
                flipped.append(unit_id)
        if len(heap) > 2 * len(due_of) + 1024:
            self._heap = [(due, unit_id) for unit_id, due in due_of.items()]
            heapq.heapify(self._heap)
        return flipped


class MapFeed(QObject):
    """Keeps the page in step with the store; ``send`` gets each diff's JSON text (UI
    thread)."""

    def __init__(
        self,
        store: SituationStore,
        send: Callable[[str], None],
        *,
        clock: Callable[[], float] = time.time,
        interval_ms: int = 200,
        max_per_push: int | None = None,
        ticker: Ticker | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._send = send
        self._clock = clock
        self._max_per_push = max_per_push
        self._dirty: dict[str, set[str]] = {kind: set() for kind in KINDS}
        self._moved: set[str] = set()  # units whose position changed (maybe alone)
        self._sent_units: dict[str, Any] = {}  # the Unit entity each shown marker was built from
        self._shown: dict[str, set[str]] = {kind: set() for kind in KINDS}
        self._stale: set[str] = set()
        self._stale_schedule = StaleSchedule()
        self._pulsing: set[str] = set()
        self._heat_due = True
        self._full = True
        self._active = False
        self._label_cache: dict[tuple[str, str], str] = {}
        self._seq = 0
        self._changed_at: float | None = None  # first store change not yet pushed
        self._unacked: dict[int, float] = {}  # seq -> when its oldest change happened
        # Costs and latencies, read by bench/map.py and the tests (bounded).
        self.push_ms: deque[float] = deque(maxlen=4096)  # UI-thread ms per push (wall)
        self.push_cpu_ms: deque[float] = deque(maxlen=4096)  # ... its CPU time
        self.note_ms: deque[float] = deque(maxlen=4096)  # UI-thread ms noting a change set
        self.note_cpu_ms: deque[float] = deque(maxlen=4096)  # ... its CPU time
        self.pushed_markers: deque[int] = deque(maxlen=4096)  # markers in each push
        self.painted_ms: deque[float] = deque(maxlen=4096)  # store change -> painted
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

    def note_painted(self, seq: int) -> None:
        """The page drew diff ``seq``: record how long its oldest store change waited."""
        changed_at = self._unacked.pop(seq, None)
        for older in [key for key in self._unacked if key < seq]:
            del self._unacked[older]
        if changed_at is not None:
            self.painted_ms.append((time.perf_counter() - changed_at) * 1000)

    # --- noting changes ------------------------------------------------------------------

    def _on_changes(self, changes: ChangeSet) -> None:
        started, started_cpu = time.perf_counter(), time.thread_time()
        noted = False
        for kind in KINDS:
            touched = changes.touched(kind)
            if touched:
                self._dirty[kind] |= touched
                noted = True
        positions = changes.touched("positions")
        if positions:
            # The store also notes a unit changed when only its position did; the push
            # tells the two apart (an unchanged Unit is the very object last drawn).
            self._moved |= positions
            noted = True
        if changes.touched("incidents"):
            self._heat_due = True
        if noted and self._changed_at is None:
            self._changed_at = started
        self.note_ms.append((time.perf_counter() - started) * 1000)
        self.note_cpu_ms.append((time.thread_time() - started_cpu) * 1000)

    def _recheck_flags(self) -> None:
        """Once a second: units whose fix went stale (or fresh) by time alone, incidents
        that started or stopped pulsing. Only the units that may have flipped are looked
        at (see :class:`StaleSchedule`); the flips are the same as looking at every
        shown unit."""
        now = self._clock()
        flipped = self._stale_schedule.flips(
            self._shown["units"],
            self._stale,
            position_of=self._store.positions.get,
            now=now,
            stale_after=self._store.policy.fix_stale_s,
        )
        self._dirty["units"].update(flipped)
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
        started, started_cpu = time.perf_counter(), time.thread_time()
        now = self._clock()
        diff: dict[str, Any] = {}
        if self._full:
            diff["reset"] = True
            for kind in KINDS:
                self._dirty[kind] = set(self._collection(kind))
                self._shown[kind] = set()
            self._moved = set()
            self._sent_units.clear()
            self._stale.clear()
            self._stale_schedule.reset()
            self._full = False
        self._pulsing = self._pulse_ids(now)
        self._label_cache = {}  # labels follow the language, which may change
        markers = 0
        for kind in KINDS:
            part = self._part(kind, now)
            if part is not None:
                diff[kind] = part
                markers += marker_count(part)
        if self._heat_due:
            diff["heat"] = self._heat()
            self._heat_due = False
        if diff:
            self._seq += 1
            diff["seq"] = self._seq
            if self._changed_at is not None:
                self._unacked[self._seq] = self._changed_at
                if len(self._unacked) > UNACKED_KEPT:
                    del self._unacked[min(self._unacked)]
            if not self._moved and not any(self._dirty.values()):
                self._changed_at = None  # everything changed so far is in this diff
            self._send(msgspec.json.encode(diff).decode("utf-8"))
            self.push_ms.append((time.perf_counter() - started) * 1000)
            self.push_cpu_ms.append((time.thread_time() - started_cpu) * 1000)
            self.pushed_markers.append(markers)

    def _take(self, keys: set[str], limit: int | None) -> set[str]:
        """All of ``keys`` (emptied), or ``limit`` of them (removed from it)."""
        if limit is None or len(keys) <= limit:
            taken = set(keys)
            keys.clear()
            return taken
        taken = set(itertools.islice(keys, limit))
        keys -= taken
        return taken

    def _part(self, kind: str, now: float) -> dict[str, list[Any]] | None:
        """Upserts, removals (and for units, moves) for the changed keys of one kind."""
        limit = self._max_per_push
        moves: list[Any] = []
        if kind == "units":
            moved = self._take(self._moved, limit)
            left = None if limit is None else max(0, limit - len(moved))
            keys = self._take(self._dirty[kind] - moved, left)
            self._dirty[kind] -= moved | keys
            keys |= self._moves(moved, moves, now)
        else:
            keys = self._take(self._dirty[kind], limit)
        if not keys and not moves:
            return None
        upserts, removals = [], []
        shown = self._shown[kind]
        for key in keys:
            item = self._marker(kind, key, now)
            if item is None:
                if key in shown:
                    removals.append(key)
                    shown.discard(key)
                self._sent_units.pop(key, None)
            else:
                upserts.append(item)
                shown.add(key)
        part: dict[str, list[Any]] = {}
        if upserts:
            part["upsert"] = upserts
        if removals:
            part["remove"] = removals
        if moves:
            part["move"] = moves
        return part or None

    def _moves(self, moved: set[str], out: list[Any], now: float) -> set[str]:
        """Append ``[id, lat, lon, heading]`` for each shown, fresh unit whose position
        alone changed; return the keys that need a whole marker instead (new, changed,
        stale, gone). The hot path of 20,000 moving units: one comprehension, one tuple
        per unit, and a fix time judged once per push, not once per unit."""
        units, sent, positions = self._store.units, self._sent_units, self._store.positions
        stale_after = self._store.policy.fix_stale_s
        fresh: dict[str, bool] = {}

        def judged_fresh(position: Any) -> bool:
            verdict = fresh[position.fix_at] = not fix_is_stale(position, now, stale_after)
            return verdict

        rows = [
            (key, p.lat, p.lon, p.heading)
            for key in moved - self._stale
            # still shown, and the very Unit drawn last: only its position changed
            if sent.get(key, 0) is units.get(key)
            and (p := positions.get(key)) is not None
            and (fresh.get(p.fix_at) or (p.fix_at not in fresh and judged_fresh(p)))
        ]
        out.extend(rows)
        # a new fix may be older than the one the unit was scheduled at: judge them again
        self._stale_schedule.note_all(row[0] for row in rows)
        if len(rows) == len(moved):
            return set()
        return moved.difference([row[0] for row in rows])

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
                "address": incident.address,
                "pulse": key in self._pulsing,
            }
        if kind == "units":
            view = self._store.unit_view(key)
            if view is None or view.position is None or view.unit.status == "off_duty":
                return None
            stale = view.fix_stale(now)
            self._stale_schedule.note(key)  # its flag was just judged: schedule it anew
            if stale:
                self._stale.add(key)
            else:
                self._stale.discard(key)
            self._sent_units[key] = view.unit
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
                "status_label": self._label(labels.camera_status, camera.status),
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
