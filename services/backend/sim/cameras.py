"""Camera availability: now and then a camera goes offline for a while and comes back.

Real cameras (``command-centre-services --cameras FILE``) sit beside the simulated ones:
they stream from their own URL and have no simulated outages.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import TYPE_CHECKING

from services.backend.sim.kernel import Kernel
from services.backend.sim.model import CameraState
from services.backend.sim.profiles import Profile

if TYPE_CHECKING:
    from services.backend.camera_file import CameraSpec


class CameraNet:
    """The city's cameras and their outages (a Poisson process over the whole network)."""

    def __init__(self, kernel: Kernel, rng: random.Random, profile: Profile) -> None:
        self.k = kernel
        self.rng = rng
        self.profile = profile
        self.cameras: dict[str, CameraState] = {}
        self._order: list[CameraState] = []

    def add(self, camera: CameraState) -> None:
        """Register a camera (no event); simulated ones take part in outages."""
        self.cameras[camera.id] = camera
        if camera.url is None:
            self._order.append(camera)

    def merge_real(self, specs: Sequence[CameraSpec]) -> None:
        """Make the real cameras those of ``specs``: new ones are created, changed ones
        updated, and real cameras no longer listed removed (each with its event)."""
        wanted = {spec.id: spec for spec in specs}
        for gone in [c for c in self.cameras.values() if c.url is not None]:
            if gone.id not in wanted:
                del self.cameras[gone.id]
                self.k.emit("cameras", "camera.removed", {"id": gone.id})
        for spec in specs:
            known = self.cameras.get(spec.id)
            if known is not None and known.url is None:
                raise ValueError(f"camera {spec.id} of the cameras file is a simulated camera")
            fresh = known is None
            camera = known or CameraState(spec.id, spec.name, "", "fixed", spec.district)
            before = camera.entity()
            camera.name, camera.district, camera.url = spec.name, spec.district, spec.url
            camera.lat, camera.lon = spec.lat, spec.lon
            camera.status = "online"
            if fresh:
                self.add(camera)
                self.emit(camera, created=True)
            elif camera.entity() != before:
                self.emit(camera)

    def emit(self, camera: CameraState, created: bool = False) -> None:
        """Bump the camera's version and emit it."""
        camera.version += 1
        kind = "camera.created" if created else "camera.updated"
        self.k.emit("cameras", kind, camera.entity())

    def start(self) -> None:
        """Start the outage process; cameras already offline come back in due course."""
        for camera in self._order:
            if camera.status == "offline":
                self._schedule_return(camera)
        self._schedule_outage()

    def _schedule_outage(self) -> None:
        rate = self.profile.camera_offline_per_hour * len(self._order) / 3600.0
        if rate > 0:
            self.k.schedule(self.k.t + self.rng.expovariate(rate), self._outage)

    def _outage(self, _subject: object, _gen: int) -> None:
        camera = self.rng.choice(self._order)
        if camera.status == "online":
            camera.status = "offline"
            self.emit(camera)
            self._schedule_return(camera)
        self._schedule_outage()

    def _schedule_return(self, camera: CameraState) -> None:
        camera.gen += 1
        back = self.k.t + self.rng.uniform(*self.profile.camera_offline_s)
        self.k.schedule(back, self._return, camera, camera.gen)

    def _return(self, camera: CameraState, gen: int) -> None:
        if gen == camera.gen and camera.status == "offline":
            camera.status = "online"
            self.emit(camera)
