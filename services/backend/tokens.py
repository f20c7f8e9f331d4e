"""Bearer tokens and their roles.

A tokens file is TOML::

    [tokens]
    "7f2c...long-random" = "commander"
    "wall-3-token" = "wall"

Without one, the backend makes a random commander token, prints it and writes it to
``<data>/console-token`` so a console on the same machine (the embedded default) can
read it.
"""

from __future__ import annotations

import secrets
import tomllib
from pathlib import Path

from services.protocol.commands import ROLES

TOKEN_FILE_NAME = "console-token"  # noqa: S105 (a file name, not a secret)


class TokenFileError(ValueError):
    """A tokens file that cannot be used; the message names the file and the problem."""


def load_tokens(path: Path) -> dict[str, str]:
    try:
        with path.open("rb") as handle:
            document = tomllib.load(handle)
    except FileNotFoundError:
        raise TokenFileError(f"tokens file {path} does not exist") from None
    except OSError as exc:
        raise TokenFileError(f"tokens file {path} cannot be read: {exc.strerror}") from None
    except tomllib.TOMLDecodeError as exc:
        raise TokenFileError(f"tokens file {path} is not valid TOML: {exc}") from None
    table = document.get("tokens")
    if not isinstance(table, dict) or not table:
        raise TokenFileError(f'tokens file {path} needs a [tokens] table of "<token>" = "<role>"')
    tokens: dict[str, str] = {}
    for token, role in table.items():
        if not isinstance(role, str) or role not in ROLES:
            raise TokenFileError(
                f"tokens file {path}: token {token[:6]}… has role {role!r}; "
                f"roles are {', '.join(ROLES)}"
            )
        if len(token) < 8:
            raise TokenFileError(
                f"tokens file {path}: token {token!r} is shorter than 8 characters"
            )
        tokens[token] = role
    return tokens


def generated_commander_token(data_dir: Path) -> tuple[str, Path]:
    """A fresh random commander token, written (owner-only) into the data directory."""
    token = secrets.token_urlsafe(24)
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / TOKEN_FILE_NAME
    path.write_text(token + "\n", encoding="utf-8")
    path.chmod(0o600)
    return token, path


def read_console_token(data_dir: Path) -> str:
    """The token a backend wrote for the console on this machine."""
    return (data_dir / TOKEN_FILE_NAME).read_text(encoding="utf-8").strip()
