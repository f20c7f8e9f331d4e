"""Bearer tokens, their roles, and the identity a token gives its commands.

A tokens file is TOML; a token is given in clear or as the SHA-256 digest of its UTF-8
bytes (so the file need not hold the secret itself)::

    [tokens]
    "7f2c...at-least-24-characters" = "commander"
    "sha256:<the 64 hex digits of the token's SHA-256>" = "wall"

Tokens shorter than ``MIN_TOKEN_LENGTH`` characters are refused. The hub keeps only
digests: a presented token is hashed and the digest looked up, and that digest is the
token's *issuer* identity (command ids are remembered per issuer). Messages about a
file name the entry by its position, never by the token.

Without a tokens file, the backend makes a random commander token, prints it and writes
it (0600) to ``<data>/console-token`` so a console on the same machine (the embedded
default) can read it; a later start on the same directory reuses it, so the console's
command ids stay its own across restarts.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import tomllib
from pathlib import Path

from services.backend.private_files import private_dir, write_private
from services.protocol.commands import ROLES

TOKEN_FILE_NAME = "console-token"  # noqa: S105 (a file name, not a secret)
MIN_TOKEN_LENGTH = 24
HASHED_PREFIX = "sha256:"
_HEX_DIGEST = re.compile(r"[0-9a-fA-F]{64}")


class TokenFileError(ValueError):
    """Tokens that cannot be used; the message names where and the problem, not the token."""


def token_digest(token: str) -> str:
    """The hex SHA-256 digest of ``token``: how the hub knows it, and its issuer identity."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class TokenTable:
    """Roles by token digest, built from ``{"<token>" or "sha256:<hex>": "<role>"}``."""

    def __init__(self, entries: dict[str, str], where: str = "tokens") -> None:
        self._roles: dict[str, str] = {}
        for number, (token, role) in enumerate(entries.items(), start=1):
            entry = f"{where}: token #{number}"
            if not isinstance(role, str) or role not in ROLES:
                raise TokenFileError(f"{entry} has role {role!r}; roles are {', '.join(ROLES)}")
            if token.startswith(HASHED_PREFIX):
                digest = token[len(HASHED_PREFIX) :]
                if not _HEX_DIGEST.fullmatch(digest):
                    raise TokenFileError(
                        f"{entry} starts with {HASHED_PREFIX!r} but is not followed by "
                        "the 64 hex digits of a SHA-256 digest"
                    )
                digest = digest.lower()
            elif len(token) < MIN_TOKEN_LENGTH:
                raise TokenFileError(
                    f"{entry} is {len(token)} characters long; tokens need at least "
                    f"{MIN_TOKEN_LENGTH}"
                )
            else:
                digest = token_digest(token)
            if digest in self._roles:
                raise TokenFileError(f"{entry} is listed twice (in clear or hashed)")
            self._roles[digest] = role

    def identify(self, presented: str) -> tuple[str, str] | None:
        """(issuer, role) for a presented token, or None if it is not one of ours."""
        issuer = token_digest(presented)
        role = self._roles.get(issuer)
        return None if role is None else (issuer, role)

    def __len__(self) -> int:
        return len(self._roles)


def load_tokens(path: Path) -> dict[str, str]:
    """The ``[tokens]`` table of a tokens file, checked (see :class:`TokenTable`)."""
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
    TokenTable(table, f"tokens file {path}")
    return dict(table)


def generated_commander_token(data_dir: Path) -> tuple[str, Path]:
    """The data directory's commander token: the one written there before, or a new one."""
    private_dir(data_dir)
    path = data_dir / TOKEN_FILE_NAME
    try:
        token = read_console_token(data_dir)
    except FileNotFoundError:
        token = ""
    if len(token) < MIN_TOKEN_LENGTH:
        token = secrets.token_urlsafe(24)
    write_private(path, token + "\n")  # (re)written: private even if it was not before
    return token, path


def read_console_token(data_dir: Path) -> str:
    """The token a backend wrote for the console on this machine."""
    return (data_dir / TOKEN_FILE_NAME).read_text(encoding="utf-8").strip()
