"""The console's configuration: a TOML file, or the embedded default.

::

    workstation = "ws-12"                  # names the saved layout and the audit rows
    operator = "duty-commander-3"
    cache = "~/.local/share/command-centre/ws-12.db"   # optional (or path in [cache])
    language = "zh"                        # optional: zh or en (default: the system's)

    ca_file = "/etc/command-centre/police-ca.pem"     # optional: trust only this CA for wss://
    client_cert = "/etc/command-centre/ws-12.pem"     # optional: for servers requiring one
    client_key = "/etc/command-centre/ws-12.key"      # (or the key inside client_cert)
    # allow_insecure = true                # permits ws:// to other machines (token in clear)

    [services.cad]
    url = "wss://cad.example.city/cad"     # or several edges of one backbone, tried in turn:
    token = "…"                            # url = ["wss://a.city/cad", "wss://b.city/cad"]
    [services.avl]
    url = "wss://avl.example.city/avl"
    token = "…"
    ca_file = "avl-ca.pem"                 # optional per-service ca_file/client_cert/client_key
    # [services.video], [services.opinion] likewise; a missing service is simply not shown

    [dispatch]
    ack_escalation_s = 60                  # an order unacknowledged this long escalates
    fatigue_hours = 10
    far_ratio = 2.0                        # a unit this many times the best ETA or distance,
    far_extra_minutes = 5                  # and this much later or further, is "far":
    far_extra_km = 3                       # dispatching it asks for a reason
    max_units_unconfirmed = 1              # more units than this in one order ask too

    [sla]                                  # seconds per priority: dispatch and on-scene targets
    p1 = [60, 480]

    [cache]                                # optional: the local cache and its history
    path = "~/.local/share/command-centre/ws-12.db"   # (instead of the top-level cache)
    max_mb = 2048                          # size cap: past it the oldest history is pruned
    retention_days = 7                     # history older than this is pruned

    [opinion]                              # opinion early warning (console/state/opinion)
    z_threshold = 5.0                      # a spike: this many σ above the moving baseline…
    min_volume = 80                        # …and at least this many posts per 10 min
    [opinion.quiet_minutes]                # a platform silent this long is flagged
    default = 20

Relative certificate paths are relative to the configuration file. ``ws://`` is accepted
only to this machine (localhost, 127.0.0.0/8, ::1) unless ``allow_insecure = true``: to
any other host it would send the token in clear text.

Any problem is a :class:`ConfigError` whose message names the file and the key.
"""

from __future__ import annotations

import socket
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from console.state.opinion import OpinionPolicy, opinion_policy
from console.state.policy import DispatchSafety
from services.client.config import ClientTls
from services.protocol.entities import SERVICES
from services.tls import TlsSetupError, is_loopback_host

#: certificate settings, top-level (every service) or in a [services.<name>] table
TLS_KEYS = ("ca_file", "client_cert", "client_key")


class ConfigError(ValueError):
    """A configuration that cannot be used; the message says where and why."""


@dataclass(frozen=True)
class ServiceSetting:
    url: str
    token: str
    #: whom to trust and who we are on wss:// (unused for ws://)
    tls: ClientTls = field(default_factory=ClientTls)
    #: the service's other URLs (edges of one backbone), failed over to in turn
    more_urls: tuple[str, ...] = ()


@dataclass(frozen=True)
class ConsoleConfig:
    services: dict[str, ServiceSetting]
    workstation: str = field(default_factory=lambda: socket.gethostname() or "ws-1")
    operator: str = "operator"
    cache: Path | None = None
    #: the cache's size cap (MB of pages in use) and how long its history is kept
    cache_max_mb: float = 2048.0
    cache_retention_days: float = 7.0
    language: str | None = None
    ack_escalation_s: float = 60.0
    fatigue_hours: float = 10.0
    #: when a dispatch needs confirming with a reason (``[dispatch]`` far_ratio,
    #: far_extra_minutes, far_extra_km, max_units_unconfirmed)
    dispatch_safety: DispatchSafety = field(default_factory=DispatchSafety)
    sla: dict[int, tuple[float, float]] = field(default_factory=dict)
    #: an on-premises tile server, e.g. "https://tiles.police.local/{z}/{x}/{y}.png" (the map
    #: is complete without one)
    tile_url: str | None = None
    #: ws:// to hosts other than this machine was explicitly allowed (tokens in clear text)
    allow_insecure: bool = False
    #: opinion early-warning thresholds (the ``[opinion]`` table)
    opinion: OpinionPolicy = field(default_factory=OpinionPolicy)
    source: Path | None = None  # the file it came from (None: the embedded default)


def load_config(path: Path) -> ConsoleConfig:
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"configuration file {path} does not exist") from None
    except IsADirectoryError:
        raise ConfigError(f"configuration {path} is a directory, not a file") from None
    except OSError as exc:
        raise ConfigError(f"configuration file {path} cannot be read: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"configuration file {path} is not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"configuration file {path} is not valid TOML: {exc}") from None
    return parse_config(document, path)


def parse_config(document: dict[str, Any], path: Path) -> ConsoleConfig:
    allow_insecure = document.get("allow_insecure", False)
    if not isinstance(allow_insecure, bool):
        raise ConfigError(f"{path}: allow_insecure must be true or false")
    services = _services(document, path)
    for name, setting in services.items():
        for url in (setting.url, *setting.more_urls):
            _check_transport(name, url, allow_insecure, path)
    return ConsoleConfig(
        services=services,
        sla=_sla(document, path),
        opinion=_opinion(document, path),
        allow_insecure=allow_insecure,
        source=path,
        **_options(document, path),
    )


def _check_transport(name: str, url: str, allow_insecure: bool, path: Path) -> None:
    where = f"{path}: services.{name}.url"
    try:
        host = urlsplit(url).hostname
    except ValueError as exc:
        raise ConfigError(f"{where}: {url!r} is not a valid URL: {exc}") from None
    if not host:
        raise ConfigError(f"{where}: {url!r} names no host")
    if url.startswith("ws://") and not allow_insecure and not is_loopback_host(host):
        raise ConfigError(
            f"{where}: ws:// to {host} sends the token in clear text; "
            "use wss:// or set allow_insecure = true"
        )


def _tls(table: dict[str, Any], defaults: ClientTls, where: str, path: Path) -> ClientTls:
    """The certificate settings of ``table`` over ``defaults``, every file checked."""
    files: dict[str, Path | None] = {
        "ca_file": defaults.ca_file,
        "client_cert": defaults.client_cert,
        "client_key": defaults.client_key,
    }
    named = False
    for key in TLS_KEYS:
        if key in table:
            value = table[key]
            if not isinstance(value, str) or not value:
                raise ConfigError(f"{where} {key} must be a file path")
            file = Path(value).expanduser()
            files[key] = file if file.is_absolute() else path.parent / file
            named = True
    tls = ClientTls(files["ca_file"], files["client_cert"], files["client_key"])
    if not named:
        return tls
    if tls.client_key is not None and tls.client_cert is None:
        raise ConfigError(f"{where} client_key needs client_cert")
    try:
        tls.context()  # reads every file now: a bad one is reported at start, not at connect
    except TlsSetupError as exc:
        raise ConfigError(f"{where} {exc}") from None
    return tls


def _services(document: dict[str, Any], path: Path) -> dict[str, ServiceSetting]:
    table = document.get("services")
    if not isinstance(table, dict) or not table:
        raise ConfigError(
            f"{path}: needs at least one [services.<name>] table with url and token "
            f"(services: {', '.join(SERVICES)})"
        )
    defaults = _tls(document, ClientTls(), f"{path}:", path)
    services: dict[str, ServiceSetting] = {}
    for name, setting in table.items():
        where = f"{path}: [services.{name}]"
        if name not in SERVICES:
            raise ConfigError(f"{where} is not a service; services are {', '.join(SERVICES)}")
        if not isinstance(setting, dict):
            raise ConfigError(f"{where} must be a table with url and token")
        urls, token = _urls(setting, where), setting.get("token")
        if not isinstance(token, str) or not token:
            raise ConfigError(f"{where} needs a token")
        tls = _tls(setting, defaults, where, path)
        services[name] = ServiceSetting(urls[0], token, tls, more_urls=urls[1:])
    return services


def _urls(setting: dict[str, Any], where: str) -> tuple[str, ...]:
    """``url = "ws…"``, ``url = ["ws…", …]`` or ``urls = [...]``: one URL or several."""
    if "url" in setting and "urls" in setting:
        raise ConfigError(f"{where} has both url and urls; keep one")
    value = setting.get("url", setting.get("urls"))
    listed = value if isinstance(value, list) else [value]
    if not listed:
        raise ConfigError(f"{where} urls must list at least one ws:// or wss:// URL")
    for url in listed:
        if not isinstance(url, str) or not url.startswith(("ws://", "wss://")):
            raise ConfigError(f"{where} url must be a ws:// or wss:// URL, not {url!r}")
    if len(set(listed)) != len(listed):
        raise ConfigError(f"{where} lists the same URL twice")
    return tuple(listed)


def _options(document: dict[str, Any], path: Path) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for key in ("workstation", "operator", "language", "tile_url"):
        if key in document:
            if not isinstance(document[key], str) or not document[key]:
                raise ConfigError(f"{path}: {key} must be a non-empty string")
            values[key] = document[key]
    if values.get("language") not in (None, "zh", "en"):
        raise ConfigError(f"{path}: language must be zh or en, not {values['language']!r}")
    values.update(_cache(document.get("cache"), path))
    dispatch = document.get("dispatch", {})
    if not isinstance(dispatch, dict):
        raise ConfigError(f"{path}: [dispatch] must be a table")
    for key in ("ack_escalation_s", "fatigue_hours"):
        if key in dispatch:
            value = dispatch[key]
            if not isinstance(value, int | float) or isinstance(value, bool) or value <= 0:
                raise ConfigError(f"{path}: [dispatch] {key} must be a positive number")
            values[key] = float(value)
    values["dispatch_safety"] = _dispatch_safety(dispatch, path)
    return values


def _dispatch_safety(table: dict[str, Any], path: Path) -> DispatchSafety:
    defaults = DispatchSafety()
    scales = {"far_ratio": 1.0, "far_extra_minutes": 60.0, "far_extra_km": 1000.0}
    given: dict[str, float] = {}
    for key, scale in scales.items():
        if key in table:
            value = table[key]
            if not isinstance(value, int | float) or isinstance(value, bool) or value <= 0:
                raise ConfigError(f"{path}: [dispatch] {key} must be a positive number")
            given[key] = float(value) * scale
    most = table.get("max_units_unconfirmed", defaults.max_units_unconfirmed)
    if not isinstance(most, int) or isinstance(most, bool) or most < 1:
        raise ConfigError(f"{path}: [dispatch] max_units_unconfirmed must be a whole number >= 1")
    return DispatchSafety(
        far_ratio=given.get("far_ratio", defaults.far_ratio),
        far_extra_s=given.get("far_extra_minutes", defaults.far_extra_s),
        far_extra_m=given.get("far_extra_km", defaults.far_extra_m),
        max_units_unconfirmed=most,
    )


def _cache(setting: Any, path: Path) -> dict[str, Any]:
    """``cache = "file"``, or a ``[cache]`` table: path, max_mb, retention_days."""
    if setting is None:
        return {}
    if isinstance(setting, str):
        return {"cache": Path(setting).expanduser()}
    if not isinstance(setting, dict):
        raise ConfigError(f"{path}: cache must be a file path or a [cache] table")
    unknown = set(setting) - {"path", "max_mb", "retention_days"}
    if unknown:
        listed = ", ".join(sorted(unknown))
        raise ConfigError(f"{path}: [cache] keys are path, max_mb, retention_days, not {listed}")
    values: dict[str, Any] = {}
    if "path" in setting:
        if not isinstance(setting["path"], str) or not setting["path"]:
            raise ConfigError(f"{path}: [cache] path must be a file path")
        values["cache"] = Path(setting["path"]).expanduser()
    for key, field_name in (("max_mb", "cache_max_mb"), ("retention_days", "cache_retention_days")):
        if key in setting:
            value = setting[key]
            if not isinstance(value, int | float) or isinstance(value, bool) or value <= 0:
                raise ConfigError(f"{path}: [cache] {key} must be a positive number")
            values[field_name] = float(value)
    return values


def _opinion(document: dict[str, Any], path: Path) -> OpinionPolicy:
    table = document.get("opinion", {})
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [opinion] must be a table")
    try:
        return opinion_policy(table)
    except ValueError as exc:
        raise ConfigError(f"{path}: [opinion] {exc}") from None


def _sla(document: dict[str, Any], path: Path) -> dict[int, tuple[float, float]]:
    table = document.get("sla") or {}
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [sla] must be a table")
    sla: dict[int, tuple[float, float]] = {}
    for key, value in table.items():
        if key not in ("p1", "p2", "p3", "p4"):
            raise ConfigError(f"{path}: [sla] keys are p1…p4, not {key!r}")
        valid = (
            isinstance(value, list)
            and len(value) == 2
            and all(isinstance(v, int | float) and not isinstance(v, bool) and v > 0 for v in value)
        )
        if not valid:
            raise ConfigError(f"{path}: [sla] {key} must be [dispatch_seconds, on_scene_seconds]")
        sla[int(key[1])] = (float(value[0]), float(value[1]))
    return sla
