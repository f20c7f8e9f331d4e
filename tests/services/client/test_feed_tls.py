"""The feed client over wss:// to a real hub: trusts only its CA, says "TLS failure: …" when not."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from services.backend.config import HubConfig
from services.backend.runner import BackendThread
from services.cache import Cache
from services.client.config import ClientConfig, ClientTls, Endpoint
from services.client.feed import FeedClient
from services.protocol.entities import SERVICE_TOPICS
from tests.services.backend.wsclient import COMMANDER, TOKENS
from tests.services.client.helpers import Mirror
from tests.services.pki import Pki, make_pki


@pytest.fixture
def pki(tmp_path: Path) -> Pki:
    return make_pki(tmp_path / "pki")


@pytest.fixture
def tls_hub(tmp_path: Path, pki: Pki) -> Iterator[Callable[..., BackendThread]]:
    started: list[BackendThread] = []

    def start(*, mutual: bool = False) -> BackendThread:
        config = HubConfig(
            data_dir=tmp_path / "hub",
            port=0,
            tokens=TOKENS,
            start=datetime(2026, 11, 28, 8, 0, tzinfo=UTC),
            speed=20.0,
            tls=pki.server_context(mutual=mutual),
        )
        backend = BackendThread(config).start()
        started.append(backend)
        return backend

    yield start
    for backend in started:
        backend.stop()


@pytest.fixture
def feed_of(tmp_path: Path) -> Iterator[Callable[..., Mirror]]:
    feeds: list[FeedClient] = []

    def start(port: int, **tls_of: ClientTls) -> Mirror:
        """A feed client on the services named in ``tls_of``, each with its TLS settings."""
        config = ClientConfig(
            endpoints={
                service: Endpoint(service, f"wss://127.0.0.1:{port}/{service}", COMMANDER, tls)
                for service, tls in tls_of.items()
            },
            topics={service: SERVICE_TOPICS[service] for service in tls_of},
            backoff_base_s=0.1,
            backoff_cap_s=0.5,
        )
        mirror = Mirror()
        feed = FeedClient(config, Cache(tmp_path / f"console-{len(feeds)}.db"), mirror, seed=1)
        feeds.append(feed)
        feed.start()
        return mirror

    yield start
    for feed in feeds:
        feed.stop()


def details(mirror: Mirror, service: str) -> list[str]:
    """The detail of each status the service reported, batch by batch."""
    with mirror.lock:
        return [
            b.statuses[service].detail
            for b in mirror.batches
            if service in b.statuses and b.statuses[service].detail
        ]


def tls_failures(mirror: Mirror, service: str) -> list[str]:
    return [d for d in details(mirror, service) if d.startswith("TLS failure: ")]


def test_the_feed_receives_events_over_wss_with_the_private_ca(tls_hub, feed_of, pki) -> None:
    hub = tls_hub()
    mirror = feed_of(hub.port, avl=pki.client_tls(), cad=pki.client_tls())
    mirror.wait(lambda m: m.statuses.get("avl") == "live" and m.statuses.get("cad") == "live")
    mirror.wait(lambda m: len(m.state.get("units", {})) > 0 and m.events > 0)
    assert tls_failures(mirror, "avl") == []


def test_without_the_ca_the_feed_reports_a_tls_failure_and_keeps_trying(
    tls_hub, feed_of, pki
) -> None:
    hub = tls_hub()
    # cad trusts the private CA; avl only the system's CAs, which do not know it
    mirror = feed_of(hub.port, cad=pki.client_tls(), avl=ClientTls())
    mirror.wait(lambda m: len(tls_failures(m, "avl")) >= 2)  # retried: the loop is alive
    failure = tls_failures(mirror, "avl")[0]
    assert failure.startswith("TLS failure: certificate verify failed: "), failure
    assert "_ssl.c" not in failure
    with mirror.lock:
        assert mirror.statuses["avl"] in ("offline", "connecting")
        assert "positions" not in mirror.state  # nothing from the untrusted server
    events = mirror.events
    mirror.wait(lambda m: m.events > events)  # cad, on the same network loop, still flows
    assert mirror.statuses["cad"] == "live"


def test_a_missing_ca_file_is_a_tls_failure_naming_it(tls_hub, feed_of, pki, tmp_path) -> None:
    hub = tls_hub()
    absent = tmp_path / "absent-ca.pem"
    mirror = feed_of(hub.port, avl=ClientTls(ca_file=absent))
    mirror.wait(lambda m: len(tls_failures(m, "avl")) >= 2)
    assert tls_failures(mirror, "avl")[0] == f"TLS failure: ca_file {absent} does not exist"
    assert mirror.events == 0


def test_mutual_tls_serves_the_console_with_a_certificate_and_names_the_refusal(
    tls_hub, feed_of, pki
) -> None:
    hub = tls_hub(mutual=True)
    mirror = feed_of(
        hub.port,
        cad=pki.client_tls(with_cert=pki.client),  # signed by the client CA
        avl=pki.client_tls(),  # no client certificate
        opinion=pki.client_tls(with_cert=pki.stranger),  # signed by a CA the hub ignores
    )
    mirror.wait(lambda m: m.statuses.get("cad") == "live" and m.events > 0)
    mirror.wait(lambda m: tls_failures(m, "avl") and tls_failures(m, "opinion"))
    for service in ("avl", "opinion"):
        failure = tls_failures(mirror, service)[0]
        assert "client certificate missing or refused" in failure, failure
    with mirror.lock:
        assert "positions" not in mirror.state
        assert "alerts" not in mirror.state
