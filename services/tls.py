"""Loading certificates and keys into an :class:`ssl.SSLContext`, with errors a person can act on.

OpenSSL reports a wrong file as "[SSL] PEM lib (_ssl.c:3905)"; the backend's command line
and the console's configuration both need one sentence naming the file and what is wrong
with it instead. Both sides use these helpers: the hub's server context
(``services/backend/tls.py``) and the feed client's (``services/client/config.py``).
"""

from __future__ import annotations

import ipaddress
import re
import ssl
from pathlib import Path

#: The oldest protocol either side accepts.
MINIMUM_VERSION = ssl.TLSVersion.TLSv1_2


class TlsSetupError(ValueError):
    """A certificate, key or CA file that cannot be used; the message names it and why."""


def read_pem(path: Path, what: str) -> str:
    """The text of a PEM file, or a :class:`TlsSetupError` saying why it cannot be read."""
    try:
        return path.read_text(encoding="ascii", errors="replace")
    except FileNotFoundError:
        raise TlsSetupError(f"{what} {path} does not exist") from None
    except IsADirectoryError:
        raise TlsSetupError(f"{what} {path} is a directory, not a file") from None
    except OSError as exc:
        raise TlsSetupError(f"{what} {path} cannot be read: {exc.strerror}") from None


def load_cert_chain(
    context: ssl.SSLContext,
    cert: Path,
    key: Path | None,
    cert_label: str = "certificate file",
    key_label: str = "key file",
) -> None:
    """Load a certificate (chain) and its private key (``key`` None: in the same file).

    The labels name the files in messages the way the person set them, e.g. "client_cert".
    """
    if "-----BEGIN CERTIFICATE-----" not in read_pem(cert, cert_label):
        raise TlsSetupError(f"{cert_label} {cert} holds no PEM certificate")
    if key is None:
        if "PRIVATE KEY-----" not in read_pem(cert, cert_label):
            raise TlsSetupError(
                f"{cert_label} {cert} holds no private key; name the {key_label} too"
            )
    elif "PRIVATE KEY-----" not in read_pem(key, key_label):
        raise TlsSetupError(f"{key_label} {key} holds no PEM private key")
    holder = f"{key_label} {key}" if key is not None else f"the key in {cert_label} {cert}"
    try:
        context.load_cert_chain(cert, key, password=_refuse_password)
    except _EncryptedKeyError:
        raise TlsSetupError(
            f"{holder} is encrypted; give an unencrypted key readable only by this account"
        ) from None
    except ssl.SSLError as exc:
        if exc.reason == "KEY_VALUES_MISMATCH":
            raise TlsSetupError(f"{holder} does not belong to {cert_label} {cert}") from None
        raise TlsSetupError(
            f"{cert_label} {cert} with {holder} cannot be used: {ssl_reason(exc)}"
        ) from None


def load_ca(context: ssl.SSLContext, ca_file: Path, what: str = "CA file") -> None:
    """Trust the certificates of a PEM bundle."""
    if "-----BEGIN CERTIFICATE-----" not in read_pem(ca_file, what):
        raise TlsSetupError(f"{what} {ca_file} holds no PEM certificate")
    try:
        context.load_verify_locations(cafile=ca_file)
    except ssl.SSLError as exc:
        raise TlsSetupError(f"{what} {ca_file} cannot be used: {ssl_reason(exc)}") from None


def ssl_reason(exc: ssl.SSLError) -> str:
    """OpenSSL's reason without the library tag and source line, e.g. "wrong version number"."""
    if isinstance(exc, ssl.SSLCertVerificationError) and exc.verify_message:
        return f"certificate verify failed: {exc.verify_message}"
    text = str(exc.args[1]) if len(exc.args) > 1 else str(exc)
    match = re.match(r"\[[^\]]*\]\s*(.*?)\s*\(_ssl\.c:\d+\)$", text)
    return match.group(1) if match and match.group(1) else text


class _EncryptedKeyError(Exception):
    """Raised instead of prompting on the terminal for a key's passphrase."""


def _refuse_password() -> str:
    raise _EncryptedKeyError


def is_loopback_host(host: str) -> bool:
    """True for localhost, 127.0.0.0/8 and ::1: traffic that never leaves the machine."""
    host = host.strip("[]").lower()
    if host == "localhost":  # not *.localhost: a resolver may send those anywhere
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


#: Why a wss:// connection failed when the server hung up without saying why in TLS terms.
DROPPED_IN_HANDSHAKE = (
    "the server dropped the connection during the handshake "
    "(client certificate missing or refused, or the port does not serve wss://)"
)


def tls_failure(exc: BaseException) -> str | None:
    """Why opening a ``wss://`` connection failed in TLS, or None if TLS is not the cause.

    A certificate that does not verify is an :class:`ssl.SSLError`. A server that
    refuses our client certificate (TLS 1.3 checks it after the client's side of the
    handshake is done) or speaks no TLS at all simply hangs up: the websocket upgrade then
    ends in EOF or a reset, which asyncio reports without the alert's reason.
    """
    if isinstance(exc, ssl.SSLError):
        return ssl_reason(exc)
    if isinstance(exc, ConnectionResetError) or isinstance(
        exc.__cause__, EOFError | ConnectionResetError
    ):
        return DROPPED_IN_HANDSHAKE
    return None
