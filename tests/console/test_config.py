"""A bad or missing configuration gets one clear sentence, never a traceback."""

from __future__ import annotations

import os
import ssl
import subprocess
import sys
from pathlib import Path

import pytest

from console.config import ConfigError, load_config
from console.session import ConsoleSession
from services.backend.config import HubConfig
from services.backend.runner import BackendThread
from services.client.config import ClientTls
from tests.services.pki import make_pki

ROOT = Path(__file__).resolve().parents[2]

GOOD = """
workstation = "ws-12"
operator = "duty-3"
[services.cad]
url = "ws://127.0.0.1:9/cad"
token = "abc"
[dispatch]
ack_escalation_s = 45
[sla]
p1 = [30, 300]
"""


def test_a_good_file_loads(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text(GOOD)
    config = load_config(path)
    assert config.workstation == "ws-12"
    assert config.services["cad"].url == "ws://127.0.0.1:9/cad"
    assert config.ack_escalation_s == 45
    assert config.sla == {1: (30.0, 300.0)}


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("workstation = ", "not valid TOML"),
        ("workstation = 'x'", "needs at least one [services"),
        ("[services.cad]\nurl = 'http://x/cad'\ntoken = 't'", "ws:// or wss://"),
        ("[services.cad]\nurl = 'ws://x/cad'", "needs a token"),
        ("[services.weather]\nurl = 'ws://x'\ntoken = 't'", "is not a service"),
        ("language = 'fr'\n" + GOOD, "language must be zh or en"),
        (GOOD.replace("45", "-1"), "must be a positive number"),
        (GOOD.replace("p1 = [30, 300]", "p1 = [30]"), "[sla] p1"),
    ],
)
def test_bad_files_name_the_problem(tmp_path: Path, text: str, fragment: str) -> None:
    path = tmp_path / "c.toml"
    path.write_text(text)
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert fragment in str(caught.value)
    assert str(path) in str(caught.value)


def test_missing_file_is_a_clear_message_from_the_command(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "console.app", "--config", str(tmp_path / "absent.toml")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 2
    assert "does not exist" in result.stderr
    assert "Traceback" not in result.stderr


# --- transport security: wss://, certificates, and ws:// only where it cannot be overheard ---


def write_config(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "console.toml"
    path.write_text(text)
    return path


def service(url: str, name: str = "cad") -> str:
    return f'[services.{name}]\nurl = "{url}"\ntoken = "abc"\n'


def test_ws_to_another_machine_is_refused_unless_allowed(tmp_path: Path) -> None:
    path = write_config(tmp_path, service("ws://cad.example.city:8765/cad"))
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert str(caught.value) == (
        f"{path}: services.cad.url: ws:// to cad.example.city sends the token in clear text; "
        "use wss:// or set allow_insecure = true"
    )
    path.write_text("allow_insecure = true\n" + service("ws://cad.example.city:8765/cad"))
    config = load_config(path)
    assert config.allow_insecure
    assert config.services["cad"].url == "ws://cad.example.city:8765/cad"


@pytest.mark.parametrize(
    "url",
    [
        "ws://127.0.0.1:9/cad",
        "ws://127.8.9.10:9/cad",
        "ws://localhost:9/cad",
        "ws://[::1]:9/cad",
        "wss://cad.example.city/cad",
    ],
)
def test_loopback_ws_and_any_wss_are_accepted_by_default(tmp_path: Path, url: str) -> None:
    config = load_config(write_config(tmp_path, service(url)))
    assert config.services["cad"].url == url
    assert not config.allow_insecure


@pytest.mark.parametrize(
    "url", ["ws://10.0.0.7:9/cad", "ws://0.0.0.0:9/cad", "ws://db.localhost:9/cad", "ws:///cad"]
)
def test_other_ws_hosts_are_refused(tmp_path: Path, url: str) -> None:
    with pytest.raises(ConfigError) as caught:
        load_config(write_config(tmp_path, service(url)))
    assert "services.cad.url" in str(caught.value)


def test_certificates_are_read_relative_to_the_file_and_overridable(tmp_path: Path) -> None:
    pki = make_pki(tmp_path / "pki")
    text = (
        'ca_file = "pki/ca.pem"\n'
        f'client_cert = "{pki.client}"\n'
        + service("wss://cad.example.city/cad")
        + service("wss://avl.example.city/avl", "avl")
        + 'ca_file = "pki/client-ca.pem"\n'
    )
    config = load_config(write_config(tmp_path, text))
    cad, avl = config.services["cad"].tls, config.services["avl"].tls
    assert cad == ClientTls(ca_file=tmp_path / "pki" / "ca.pem", client_cert=pki.client)
    assert avl == ClientTls(ca_file=tmp_path / "pki" / "client-ca.pem", client_cert=pki.client)
    assert cad.context().verify_mode == ssl.CERT_REQUIRED


@pytest.mark.parametrize(
    ("settings", "fragment"),
    [
        ('ca_file = "absent-ca.pem"', "ca_file {dir}/absent-ca.pem does not exist"),
        ('client_cert = "absent.pem"', "client_cert {dir}/absent.pem does not exist"),
        ('ca_file = "junk.pem"', "ca_file {dir}/junk.pem holds no PEM certificate"),
        ('client_key = "junk.pem"', "client_key needs client_cert"),
        (
            'client_cert = "pki/console.pem"\nclient_key = "junk.pem"',
            "client_key {dir}/junk.pem holds no PEM private key",
        ),
        ("allow_insecure = 'yes'", "allow_insecure must be true or false"),
        ("ca_file = 3", "ca_file must be a file path"),
    ],
)
def test_bad_certificate_settings_name_the_file(
    tmp_path: Path, settings: str, fragment: str
) -> None:
    make_pki(tmp_path / "pki")
    (tmp_path / "junk.pem").write_text("not a certificate\n")
    path = write_config(tmp_path, settings + "\n" + service("wss://cad.example.city/cad"))
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: "), message
    assert fragment.format(dir=tmp_path) in message, message
    in_service = write_config(tmp_path, service("wss://cad.example.city/cad") + settings)
    if "allow_insecure" not in settings:  # certificate keys also work per service
        with pytest.raises(ConfigError) as caught:
            load_config(in_service)
        assert f"[services.cad] {fragment.format(dir=tmp_path)}" in str(caught.value)


def test_a_session_from_the_file_reaches_a_wss_hub_through_its_ca(qtbot, tmp_path: Path) -> None:
    pki = make_pki(tmp_path / "pki")
    hub = BackendThread(
        HubConfig(data_dir=tmp_path / "hub", port=0, tls=pki.server_context(), simulate=False)
    ).start()
    text = (
        f'ca_file = "{pki.ca}"\ncache = "{tmp_path / "console.db"}"\n'
        f'[services.cad]\nurl = "wss://localhost:{hub.port}/cad"\ntoken = "{hub.token}"\n'
    )
    session = ConsoleSession(load_config(write_config(tmp_path, text)), backend=hub)
    try:
        assert session.feed.config.endpoints["cad"].tls == ClientTls(ca_file=pki.ca)
        session.start()

        def live() -> bool:
            status = session.store.service_statuses.get("cad")
            return status is not None and status.state == "live"

        qtbot.waitUntil(live, timeout=30_000)
        assert session.store.service_statuses["cad"].role == "commander"
    finally:
        session.stop()
