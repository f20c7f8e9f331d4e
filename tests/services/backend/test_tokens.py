"""Tokens: at least 24 characters, optionally stored hashed, never echoed; private files."""

from __future__ import annotations

import hashlib
import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from services.backend.private_files import private_dir, write_private
from services.backend.tokens import (
    TokenFileError,
    TokenTable,
    generated_commander_token,
    load_tokens,
    token_digest,
)
from tests.services.backend.wsclient import ProtocolClient

LONG = "a-commander-token-of-30-chars!"
ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def open_umask() -> Iterator[None]:
    """A umask that takes nothing away: files are private only if made so on purpose."""
    previous = os.umask(0)
    try:
        yield
    finally:
        os.umask(previous)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_short_tokens_are_refused_without_printing_them(tmp_path: Path) -> None:
    with pytest.raises(TokenFileError) as caught:
        TokenTable({LONG: "commander", "only-20-characters!!": "viewer"}, "tokens file t.toml")
    message = str(caught.value)
    assert "token #2 is 20 characters long; tokens need at least 24" in message
    assert "only-20" not in message
    path = tmp_path / "tokens.toml"
    path.write_text('[tokens]\n"short-secret-123" = "wall"\n')
    with pytest.raises(TokenFileError, match="at least 24") as caught:
        load_tokens(path)
    assert "short-secret" not in str(caught.value)


def test_a_bad_role_names_the_entry_not_the_token() -> None:
    with pytest.raises(TokenFileError) as caught:
        TokenTable({LONG: "emperor"})
    assert "has role 'emperor'; roles are commander" in str(caught.value)
    assert LONG[:6] not in str(caught.value)


def test_hashed_tokens_are_looked_up_by_their_digest() -> None:
    digest = hashlib.sha256(LONG.encode()).hexdigest()
    table = TokenTable({f"sha256:{digest.upper()}": "wall"})
    assert table.identify(LONG) == (digest, "wall")
    assert table.identify(LONG + "x") is None
    assert table.identify("") is None
    # in clear or hashed, the same token has the same issuer identity
    assert TokenTable({LONG: "wall"}).identify(LONG) == (token_digest(LONG), "wall")
    with pytest.raises(TokenFileError, match="64 hex digits"):
        TokenTable({"sha256:abc": "wall"})
    with pytest.raises(TokenFileError, match="listed twice"):
        TokenTable({LONG: "wall", f"sha256:{digest}": "viewer"})


def test_a_hub_accepts_a_hashed_token_and_refuses_short_configured_ones(make_hub) -> None:
    digest = hashlib.sha256(LONG.encode()).hexdigest()
    hub = make_hub(simulate=False, tokens={f"sha256:{digest}": "dispatcher"})
    with ProtocolClient(hub.url("cad"), LONG) as client:
        assert client.welcome["role"] == "dispatcher"
    with pytest.raises(TokenFileError, match="at least 24"):
        make_hub(simulate=False, tokens={"tiny-token": "commander"})


def test_the_cli_refuses_a_short_token_clearly(tmp_path: Path) -> None:
    tokens = tmp_path / "tokens.toml"
    tokens.write_text('[tokens]\n"pass-word-123" = "commander"\n')
    process = subprocess.run(
        [sys.executable, "-m", "services.backend.cli", "--port", "0", "--tokens", str(tokens)],
        cwd=ROOT,
        check=False,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert process.returncode == 2
    assert "at least 24" in process.stderr
    assert "pass-word" not in process.stderr + process.stdout
    assert "Traceback" not in process.stderr


def test_the_generated_token_is_private_from_the_start_and_kept(
    tmp_path: Path, open_umask: None
) -> None:
    data = tmp_path / "data"
    token, path = generated_commander_token(data)
    assert len(token) >= 24
    assert mode(data) == 0o700
    assert mode(path) == 0o600
    again, _ = generated_commander_token(data)
    assert again == token, "a restart keeps the console's token (and its command ids)"
    path.chmod(0o644)
    path.write_text("short\n")
    renewed, _ = generated_commander_token(data)
    assert len(renewed) >= 24
    assert mode(path) == 0o600


def test_private_files_are_never_readable_by_others(tmp_path: Path, open_umask: None) -> None:
    folder = tmp_path / "shared"
    folder.mkdir(mode=0o777)
    assert mode(folder) == 0o777
    private_dir(folder)
    assert mode(folder) == 0o700
    note = folder / "note"
    write_private(note, "secret")
    assert mode(note) == 0o600
    assert note.read_text() == "secret"
    target = folder / "elsewhere"
    (folder / "link").symlink_to(target)
    with pytest.raises(OSError, match="Too many levels of symbolic links"):
        write_private(folder / "link", "redirected")
    assert not target.exists()


def test_a_hub_keeps_its_data_private(make_hub, tmp_path: Path, open_umask: None) -> None:
    data = tmp_path / "private-hub"
    hub = make_hub(data, simulate=False, tokens={})
    with ProtocolClient(hub.url("cad"), hub.token) as client:
        client.send(
            {
                "op": "command",
                "id": "private-1",
                "type": "incident.create",
                "data": {"category": "theft", "priority": 3, "location": {"lat": 31, "lon": 120}},
            }
        )
        assert client.recv()["op"] in ("ack", "batch", "event")
    assert mode(data) == 0o700
    files = {path.name: mode(path) for path in data.iterdir()}
    assert files["console-token"] == 0o600
    assert files["hub.sqlite3"] == 0o600
    assert files["hub.sqlite3-wal"] == 0o600
    assert files["hub.sqlite3-shm"] == 0o600
    assert set(files.values()) == {0o600}, files
