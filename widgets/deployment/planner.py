"""The deployment plan, kept up to date off the UI thread.

``DeploymentPlanner`` notes the incidents the store reports (cheap: on the UI thread it
only keeps the fields the heat needs) and, when asked, hands a snapshot — the incidents
noted since the last job, the available units with a fresh position fix, ``now`` and
the hour planned for — to its worker thread ("deployment-planner"), which owns the
model and the incident book: it builds the model on its first job (grid, population,
coverage: about half a second) and reads the cache's journal history then, adds the new
incidents and makes the plan. The plan comes back to the UI thread by the queued
``planReady`` signal. One job at a time; asking while one runs queues one more (the
latest wins). ``shutdown`` joins the thread.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor

from PySide6.QtCore import QObject, Signal

from console.state import ChangeSet, SituationStore
from console.state.deployment import (
    DeploymentModel,
    IncidentBook,
    Plan,
    UnitSpot,
    load_city_grid,
    local_hour,
    next_local_hour,
)
from console.state.deployment.history import FrameHistory, PastIncident, past_incident
from services.geo import load_gazetteer

log = logging.getLogger(__name__)


class DeploymentPlanner(QObject):
    #: a new plan (UI thread)
    planReady = Signal(object)  # noqa: N815
    #: the plan could not be made: why (UI thread)
    failed = Signal(str)
    _finished = Signal()

    def __init__(
        self,
        store: SituationStore,
        *,
        clock: Callable[[], float] = time.time,
        history: Callable[[float], FrameHistory] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._clock = clock
        self._history = history
        self._pending: dict[str, PastIncident] = {}
        self._executor: ThreadPoolExecutor | None = ThreadPoolExecutor(
            max_workers=1, thread_name_prefix="deployment-planner"
        )
        self._running: Future[None] | None = None
        self._queued: tuple[int | None] | None = None  # (hour,) asked while busy
        # worker-thread state
        self._model: DeploymentModel | None = None
        self._book: IncidentBook | None = None
        self._unbooked: list[PastIncident] = []  # handed over, not yet in the book
        #: incidents read from the cache's journal at the first job (for the panel)
        self.history_read: FrameHistory | None = None
        self._finished.connect(self._on_finished)
        for incident in store.incidents.values():
            self._note(incident)
        self._unsubscribe: Callable[[], None] | None = store.subscribe(
            self._on_changes, owner="deployment planner"
        )

    # --- UI thread ------------------------------------------------------------------------

    def request(self, hour: int | None = None) -> None:
        """Make the plan for local ``hour`` (its next start), or the current hour."""
        if self._executor is None:
            return
        if self._running is not None:
            self._queued = (hour,)
            return
        now = self._clock()
        target = next_local_hour(now, local_hour(now) if hour is None else hour)
        incidents, self._pending = list(self._pending.values()), {}
        units = self.available_units(now)
        self._running = self._executor.submit(self._job, incidents, units, now, target)

    @property
    def busy(self) -> bool:
        return self._running is not None

    def available_units(self, now: float) -> list[UnitSpot]:
        """Units available now whose position fix is fresh."""
        spots = []
        for unit_id, unit in self._store.units.items():
            if unit.status != "available":
                continue
            view = self._store.unit_view(unit_id)
            if view is None or view.position is None or view.fix_stale(now):
                continue
            spots.append(UnitSpot(unit_id, view.position.lat, view.position.lon))
        return spots

    def shutdown(self) -> None:
        """Stop listening and join the worker (a job under way finishes first)."""
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None

    def _on_changes(self, changes: ChangeSet) -> None:
        for key in changes.touched("incidents"):
            incident = self._store.incidents.get(key)
            if incident is not None:
                self._note(incident)

    def _note(self, incident: object) -> None:
        found = past_incident(incident)  # type: ignore[arg-type]
        if found is not None:
            self._pending[found.id] = found

    def _on_finished(self) -> None:
        self._running = None
        if self._queued is not None:
            (hour,), self._queued = self._queued, None
            self.request(hour)

    # --- worker thread --------------------------------------------------------------------

    def _job(
        self, incidents: list[PastIncident], units: list[UnitSpot], now: float, target: float
    ) -> None:
        self._unbooked += incidents
        try:
            if self._model is None or self._book is None:
                grid = load_city_grid()
                model, book = DeploymentModel(grid, load_gazetteer()), IncidentBook(grid)
                if self._history is not None:  # a failure here is tried again next time
                    self.history_read = self._history(now)
                    self._unbooked = self.history_read.incidents + self._unbooked
                self._model, self._book = model, book
            for incident in self._unbooked:
                self._book.add(
                    incident.id, incident.reported_ts, incident.lat, incident.lon, incident.category
                )
            self._unbooked = []
            plan = self._model.plan(self._book.arrays(), units, now, target)
        except Exception as exc:  # shown on the panel; the log has the traceback
            log.exception("deployment plan failed")
            self.failed.emit(f"{type(exc).__name__}: {exc}")
        else:
            self.planReady.emit(plan)
        finally:
            self._finished.emit()

    @property
    def incidents_in_book(self) -> int:
        """Incidents the heat knows (read it only while no job runs)."""
        return len(self._book) if self._book is not None else 0

    @property
    def model(self) -> DeploymentModel | None:
        """The model (built by the first job; read it only after a plan arrived)."""
        return self._model


__all__ = ["DeploymentPlanner", "Plan"]
