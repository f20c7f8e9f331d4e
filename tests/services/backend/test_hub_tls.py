"""The hub over TLS: wss:// with a private CA, mutual TLS, and clear words for bad files."""

from __future__ import annotations

import json
import re
import signal
import ssl
import subprocess
import sys
from pathlib import Path

import pytest
import trustme
from cryptography.hazmat.primitives import serialization
from websockets.exceptions import WebSocketException
from websockets.sync.client import connect

from services.backend.tls import TlsSetupError, server_context
from services.client.config import ClientTls
from tests.services.backend.wsclient import COMMANDER
from tests.services.pki import Pki, make_pki

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def pki(tmp_path: Path) -> Pki:
    return make_pki(tmp_path / "pki")


def hello(url: str, context: ssl.SSLContext | None, token: str = COMMANDER) -> dict:
    """Connect, say hello, return the server's first answer."""
    with connect(url, ssl=context, open_timeout=30) as ws:  # bounds, for a loaded machine
        ws.send(json.dumps({"op": "hello", "v": 1, "token": token, "client": "tls-test"}))
        return json.loads(ws.recv(timeout=30))


def test_wss_serves_a_client_that_trusts_the_ca_and_refuses_one_that_does_not(
    make_hub, pki: Pki
) -> None:
    hub = make_hub(tls=pki.server_context(), simulate=False)
    url = f"wss://127.0.0.1:{hub.port}/cad"
    welcome = hello(url, pki.client_tls().context())
    assert welcome["op"] == "welcome"
    assert welcome["role"] == "commander"
    assert hello(url.replace("127.0.0.1", "localhost"), pki.client_tls().context())["op"] == (
        "welcome"
    )
    with pytest.raises(ssl.SSLCertVerificationError):
        hello(url, ssl.create_default_context())  # the system's CAs do not know ours
    with pytest.raises((WebSocketException, OSError)):
        hello(f"ws://127.0.0.1:{hub.port}/cad", None)  # no clear-text side door


def test_mutual_tls_needs_a_certificate_from_the_client_ca(make_hub, pki: Pki) -> None:
    hub = make_hub(tls=pki.server_context(mutual=True), simulate=False)
    url = f"wss://127.0.0.1:{hub.port}/cad"
    assert hello(url, pki.client_tls(with_cert=pki.client).context())["op"] == "welcome"
    for refused in (pki.client_tls(), pki.client_tls(with_cert=pki.stranger)):
        with pytest.raises((WebSocketException, OSError)):
            hello(url, refused.context())


def test_the_server_context_refuses_anything_older_than_tls_1_2(pki: Pki) -> None:
    assert pki.server_context().minimum_version == ssl.TLSVersion.TLSv1_2
    assert pki.server_context().verify_mode == ssl.CERT_NONE
    assert pki.server_context(mutual=True).verify_mode == ssl.CERT_REQUIRED
    assert ClientTls(ca_file=pki.ca).context().minimum_version == ssl.TLSVersion.TLSv1_2


def bad_files(directory: Path, pki: Pki) -> dict[str, tuple[Path, Path | None, Path | None]]:
    junk = directory / "junk.pem"
    junk.write_text("hello\n")
    other = trustme.CA().issue_cert("localhost")
    cert_only, other_key = directory / "cert-only.pem", directory / "other-key.pem"
    other.cert_chain_pems[0].write_to_path(str(cert_only))
    trustme.CA().issue_cert("localhost").private_key_pem.write_to_path(str(other_key))
    encrypted = directory / "encrypted-key.pem"
    key = serialization.load_pem_private_key(other.private_key_pem.bytes(), None)
    encrypted.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.BestAvailableEncryption(b"secret"),
        )
    )
    return {
        "does not exist": (directory / "absent.pem", None, None),
        "holds no PEM certificate": (junk, None, None),
        "holds no private key": (cert_only, None, None),
        "holds no PEM private key": (cert_only, junk, None),
        "does not belong to": (cert_only, other_key, None),
        "is encrypted": (cert_only, encrypted, None),
        "is a directory": (directory, None, None),
        "client CA file": (pki.server, None, directory / "absent-ca.pem"),
    }


def test_bad_certificate_files_get_one_sentence_naming_the_file(tmp_path: Path, pki: Pki) -> None:
    for fragment, (cert, key, client_ca) in bad_files(tmp_path, pki).items():
        with pytest.raises(TlsSetupError) as caught:
            server_context(cert, key, client_ca)
        message = str(caught.value)
        assert fragment in message, message
        named = client_ca if fragment == "client CA file" else (key or cert)
        assert str(named) in message, message
        assert "\n" not in message


# --- the command line ------------------------------------------------------------------------


def run_services(data: Path, *extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "services.backend.cli", "--port", "0", "--data", str(data), *extra],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.parametrize("problem", ["missing cert", "junk key", "key without cert"])
def test_the_command_exits_2_with_one_line_for_bad_tls_options(
    tmp_path: Path, pki: Pki, problem: str
) -> None:
    junk = tmp_path / "junk.pem"
    junk.write_text("not a key\n")
    args = {
        "missing cert": ["--tls-cert", str(tmp_path / "absent.pem")],
        "junk key": ["--tls-cert", str(pki.server), "--tls-key", str(junk)],
        "key without cert": ["--tls-key", str(junk)],
    }[problem]
    process = run_services(tmp_path / "data", *args)
    out, err = process.communicate(timeout=60)
    assert process.returncode == 2
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("command-centre-services: ")
    expected = {
        "missing cert": "absent.pem does not exist",
        "junk key": "junk.pem holds no PEM private key",
        "key without cert": "need --tls-cert",
    }[problem]
    assert expected in lines[0]


def test_the_command_serves_wss_and_says_so(tmp_path: Path, pki: Pki) -> None:
    process = run_services(
        tmp_path / "data", "--frozen", "--tls-cert", str(pki.server), "--tls-client-ca",
        str(pki.client_ca),
    )  # fmt: skip
    try:
        line = process.stdout.readline()
        match = re.search(r"listening on (wss://127\.0\.0\.1:\d+) ", line)
        assert match, line + (process.stderr.read() if process.poll() is not None else "")
        rest = "".join(process.stdout.readline() for _ in range(3))
        token = re.search(r"commander token: (\S+)", rest).group(1)
        assert "clients must present a certificate" in rest
        url = match.group(1) + "/cad"
        welcome = hello(url, pki.client_tls(with_cert=pki.client).context(), token)
        assert welcome["op"] == "welcome"
        assert welcome["role"] == "commander"
    finally:
        process.send_signal(signal.SIGTERM)
        _, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
