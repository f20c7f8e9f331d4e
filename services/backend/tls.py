"""The hub's TLS: a server context for ``wss://`` from a certificate and key file.

``server_context(cert, key)`` serves TLS 1.2 or newer; with ``client_ca`` every client
must also present a certificate signed by that CA (mutual TLS). A file that is missing,
unreadable, not PEM, encrypted or mismatched raises
:class:`~services.tls.TlsSetupError` with one sentence naming it.
"""

from __future__ import annotations

import ssl
from pathlib import Path

from services.tls import MINIMUM_VERSION, TlsSetupError, load_ca, load_cert_chain

__all__ = ["TlsSetupError", "server_context"]


def server_context(cert: Path, key: Path | None, client_ca: Path | None = None) -> ssl.SSLContext:
    """An SSL context for ``serve(..., ssl=)``; ``key`` None means it is in ``cert``."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.minimum_version = MINIMUM_VERSION
    load_cert_chain(context, cert, key, "TLS certificate file", "TLS key file")
    if client_ca is not None:
        load_ca(context, client_ca, "client CA file")
        context.verify_mode = ssl.CERT_REQUIRED
    return context
