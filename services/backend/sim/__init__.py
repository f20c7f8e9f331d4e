"""The S-city simulator: a deterministic living city behind the reference backend.

Public API::

    from services.backend.sim import (
        Simulator, Profile, PROFILES, Emitted, CommandRejected, Geography, load_geography,
    )

See :mod:`services.backend.sim.simulator` for the driving loop and
:mod:`services.backend.sim.profiles` for the knobs.
"""

from services.backend.sim.geography import District, Geography, load_geography
from services.backend.sim.kernel import CommandRejected, Emitted
from services.backend.sim.profiles import PROFILES, Profile
from services.backend.sim.simulator import Simulator

__all__ = [
    "PROFILES",
    "CommandRejected",
    "District",
    "Emitted",
    "Geography",
    "Profile",
    "Simulator",
    "load_geography",
]
