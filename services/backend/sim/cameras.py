"""Camera availability: now and then a camera goes offline for a while and comes back."""

from __future__ import annotations

import random

from services.backend.sim.kernel import Kernel
from services.backend.sim.model import CameraState
from services.backend.sim.profiles import Profile


class CameraNet:
    """The city's cameras and their outages (a Poisson process over the whole network)."""

    def __init__(self, kernel: Kernel, rng: random.Random, profile: Profile) -> None:
        self.k = kernel
        self.rng = rng
        self.profile = profile
        self.cameras: dict[str, CameraState] = {}
        self._order: list[CameraState] = []

    def add(self, camera: CameraState) -> None:
        """Register a camera (no event)."""
        self.cameras[camera.id] = camera
        self._order.append(camera)

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
