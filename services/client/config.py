"""Where the console's services are, and how the feed client behaves."""

from __future__ import annotations

from dataclasses import dataclass, field

from services.protocol.entities import SERVICE_TOPICS


@dataclass(frozen=True)
class Endpoint:
    service: str  # cad | avl | video | opinion
    url: str  # ws://host:port/cad or wss://...
    token: str


@dataclass(frozen=True)
class ClientConfig:
    endpoints: dict[str, Endpoint]
    client_name: str = "console/0.1"
    #: topics to subscribe per service (default: all of them)
    topics: dict[str, tuple[str, ...]] = field(default_factory=lambda: dict(SERVICE_TOPICS))
    #: a coalesced batch leaves the client at least this often while data flows
    flush_interval_s: float = 0.1
    #: reconnect backoff: base * 2**attempt, capped, with full jitter
    backoff_base_s: float = 0.5
    backoff_cap_s: float = 10.0
    #: an `unavailable` ack is retried after this long (other refusals never are)
    retry_unavailable_s: float = 5.0
    operator: str = "operator"
    workstation: str = "ws-1"
