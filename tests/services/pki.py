"""Test certificates made on the spot with trustme: a private CA, the hub's, a console's."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import trustme

from services.backend.tls import server_context
from services.client.config import ClientTls


@dataclass(frozen=True)
class Pki:
    ca: Path  # the private CA's certificate (what a console trusts)
    server: Path  # the hub's certificate chain and key, for 127.0.0.1 and localhost
    client_ca: Path  # another CA, which signs console certificates (mutual TLS)
    client: Path  # a console's certificate and key, signed by client_ca
    stranger: Path  # a console certificate signed by neither CA

    def server_context(self, *, mutual: bool = False):
        return server_context(self.server, None, self.client_ca if mutual else None)

    def client_tls(self, *, with_cert: Path | None = None) -> ClientTls:
        return ClientTls(ca_file=self.ca, client_cert=with_cert)


def make_pki(directory: Path) -> Pki:
    directory.mkdir(parents=True, exist_ok=True)
    ca, client_ca, other = trustme.CA(), trustme.CA(), trustme.CA()
    pki = Pki(
        ca=directory / "ca.pem",
        server=directory / "server.pem",
        client_ca=directory / "client-ca.pem",
        client=directory / "console.pem",
        stranger=directory / "stranger.pem",
    )
    ca.cert_pem.write_to_path(str(pki.ca))
    ca.issue_cert("127.0.0.1", "localhost").private_key_and_cert_chain_pem.write_to_path(
        str(pki.server)
    )
    client_ca.cert_pem.write_to_path(str(pki.client_ca))
    client_ca.issue_cert("ws-12.console.local").private_key_and_cert_chain_pem.write_to_path(
        str(pki.client)
    )
    other.issue_cert("ws-99.console.local").private_key_and_cert_chain_pem.write_to_path(
        str(pki.stranger)
    )
    return pki
