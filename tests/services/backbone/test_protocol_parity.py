"""Protocol v1 behaves the same through an edge as through the single process.

The single process's own protocol tests (tests/services/backend: welcome, snapshots in
parts, contiguous events, heads, resume by (epoch, seq), restarts and wipes, exactly-once
commands, conflicts and roles) run here again, unchanged, against both backends: the
``make_hub`` fixture below yields either the single process or nats-server + core + an
edge (the edge's data directory is the NATS store, so a restart keeps the streams and a
wipe makes a new epoch).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from services.backend.config import HubConfig
from services.backend.runner import BackendThread
from tests.services.backbone.nodes import EdgeBackend
from tests.services.backend import test_hub_stream
from tests.services.backend.conftest import START
from tests.services.backend.test_hub_commands import (
    test_dispatcher_may_not_acknowledge_alerts_and_commands_need_their_service,
    test_read_only_roles_are_forbidden_to_dispatch,
    test_same_id_three_times_across_reconnect_and_restart_has_one_effect,
    test_stale_expected_version_is_a_conflict,
    test_three_sends_before_the_first_ack_apply_once,
    test_unknown_incident_is_not_found_and_bad_data_is_bad_request,
)
from tests.services.backend.test_hub_overrides import (
    test_override_recall_and_out_of_service_through_the_hub,
)
from tests.services.backend.test_hub_resume import (
    test_reconnect_gets_exactly_the_missed_events,
    test_restart_keeps_epoch_and_resumes_wipe_gives_new_epoch,
    test_resume_older_than_retention_gets_a_snapshot,
)
from tests.services.backend.test_hub_stream import (
    test_heads_are_sent_after_the_events_they_count,
    test_large_snapshot_arrives_in_parts_under_the_frame_limit,
    test_unknown_path_is_refused,
)
from tests.services.backend.wsclient import TOKENS

__all__ = [
    "test_dispatcher_may_not_acknowledge_alerts_and_commands_need_their_service",
    "test_heads_are_sent_after_the_events_they_count",
    "test_large_snapshot_arrives_in_parts_under_the_frame_limit",
    "test_override_recall_and_out_of_service_through_the_hub",
    "test_read_only_roles_are_forbidden_to_dispatch",
    "test_reconnect_gets_exactly_the_missed_events",
    "test_restart_keeps_epoch_and_resumes_wipe_gives_new_epoch",
    "test_resume_older_than_retention_gets_a_snapshot",
    "test_same_id_three_times_across_reconnect_and_restart_has_one_effect",
    "test_stale_expected_version_is_a_conflict",
    "test_three_sends_before_the_first_ack_apply_once",
    "test_unknown_incident_is_not_found_and_bad_data_is_bad_request",
    "test_unknown_path_is_refused",
    "test_welcome_snapshot_then_contiguous_live_events_but_video",
]


# /video's cameras change rarely (12 s to see three of their events); its snapshot and
# events are the same code path as every other topic's.
@pytest.mark.parametrize("service", ["cad", "avl", "opinion"])
def test_welcome_snapshot_then_contiguous_live_events_but_video(make_hub, service: str) -> None:
    test_hub_stream.test_welcome_snapshot_then_contiguous_live_events(make_hub, service)


@pytest.fixture(params=["single", "edge"])
def make_hub(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Callable[..., object]]:
    """Like tests/services/backend's ``make_hub``, for the single process or an edge."""
    started: list[BackendThread | EdgeBackend] = []

    def make(data_dir: Path | None = None, **options: object) -> BackendThread | EdgeBackend:
        options.setdefault("tokens", TOKENS)
        options.setdefault("start", START)
        config = HubConfig(data_dir=data_dir or tmp_path / "hub", port=0, **options)  # type: ignore[arg-type]
        backend: BackendThread | EdgeBackend
        if request.param == "single":
            backend = BackendThread(config).start()
        else:
            backend = EdgeBackend(config.data_dir, config)
        started.append(backend)
        return backend

    yield make
    for backend in started:
        backend.stop()
