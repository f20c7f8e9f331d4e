"""Where the console's services are, and how the feed client behaves."""

from __future__ import annotations

import ssl
from dataclasses import dataclass, field
from pathlib import Path

from services.protocol.entities import SERVICE_TOPICS
from services.tls import MINIMUM_VERSION, load_ca, load_cert_chain


@dataclass(frozen=True)
class ClientTls:
    """How to reach a ``wss://`` service: whom to trust and, for mutual TLS, who we are."""

    #: PEM bundle of the CAs to trust (only these); None trusts the system's CAs.
    ca_file: Path | None = None
    #: PEM client certificate for servers that require one; its key in ``client_key``
    #: or in the same file.
    client_cert: Path | None = None
    client_key: Path | None = None

    def context(self) -> ssl.SSLContext:
        """A fresh client context; raises :class:`~services.tls.TlsSetupError` naming a bad file.

        Files are read on every call, so a reconnect picks up renewed certificates.
        """
        context = ssl.create_default_context()
        if self.ca_file is not None:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)  # verifies peer and hostname
            load_ca(context, self.ca_file, "ca_file")
        context.minimum_version = MINIMUM_VERSION
        if self.client_cert is not None:
            load_cert_chain(context, self.client_cert, self.client_key, "client_cert", "client_key")
        return context


@dataclass(frozen=True)
class Endpoint:
    service: str  # cad | avl | video | opinion
    url: str  # ws://host:port/cad or wss://...
    token: str
    #: used for wss:// URLs only
    tls: ClientTls = field(default_factory=ClientTls)
    #: more URLs of the same service (other edges of one backbone): when a link is lost
    #: the client moves on to the next URL at once and resumes there by (epoch, seq)
    more_urls: tuple[str, ...] = ()

    @property
    def urls(self) -> tuple[str, ...]:
        """Every URL of the service, in the order they are tried."""
        return (self.url, *self.more_urls)

    @property
    def secure(self) -> bool:
        return self.url.lower().startswith("wss://")


@dataclass(frozen=True)
class ClientConfig:
    endpoints: dict[str, Endpoint]
    client_name: str = "console/0.1"
    #: topics to subscribe per service (default: all of them)
    topics: dict[str, tuple[str, ...]] = field(default_factory=lambda: dict(SERVICE_TOPICS))
    #: a coalesced batch leaves the client at least this often while data flows
    flush_interval_s: float = 0.1
    #: reconnect backoff: base * 2**attempt, capped, then 50–100 % of that (ingest.backoff_delay)
    backoff_base_s: float = 0.5
    backoff_cap_s: float = 10.0
    #: an `unavailable` ack is retried after this long (other refusals never are)
    retry_unavailable_s: float = 5.0
    operator: str = "operator"
    workstation: str = "ws-1"
