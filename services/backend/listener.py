"""The websocket side every backend node shares: the four services on one port.

The single process (``hub.py``) and every backbone edge (``backbone/edge.py``) listen
the same way: ``/cad /avl /video /opinion`` (anything else is 404), the protocol's frame
size and keepalive, TLS when configured, one :class:`~services.backend.session.Session`
per connection, and the set of open connections kept so that stopping can close them.
"""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from websockets.asyncio.server import Server, ServerConnection, serve
from websockets.http11 import Request, Response

from services.backend.config import HubConfig
from services.backend.session import Session
from services.protocol.entities import SERVICE_TOPICS
from services.protocol.messages import MAX_FRAME_BYTES, PING_INTERVAL_S, PING_TIMEOUT_S


async def serve_protocol(
    host: Any, config: HubConfig, connections: set[ServerConnection]
) -> Server:
    """Listen on ``config.host:config.port`` for ``host`` (a hub or an edge: what a
    :class:`Session` serves from); ``connections`` holds the open ones."""

    def check_path(connection: ServerConnection, request: Request) -> Response | None:
        if service_of(request) not in SERVICE_TOPICS:
            return connection.respond(HTTPStatus.NOT_FOUND, "services: /cad /avl /video /opinion\n")
        return None

    async def on_connection(connection: ServerConnection) -> None:
        assert connection.request is not None
        connections.add(connection)
        try:
            await Session(host, connection, service_of(connection.request)).run()
        finally:
            connections.discard(connection)

    return await serve(
        on_connection,
        config.host,
        config.port,
        process_request=check_path,
        max_size=MAX_FRAME_BYTES,
        ping_interval=PING_INTERVAL_S,
        ping_timeout=PING_TIMEOUT_S,
        compression=None,
        write_limit=1 << 20,
        ssl=config.tls,
    )


def service_of(request: Request) -> str:
    """``/cad?x=1`` -> ``cad``."""
    return request.path.split("?", 1)[0].strip("/")
