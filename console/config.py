"""The console's configuration: a TOML file, or the embedded default.

::

    workstation = "ws-12"                  # names the saved layout and the audit rows
    operator = "duty-commander-3"
    cache = "~/.local/share/command-centre/ws-12.db"   # optional
    language = "zh"                        # optional: zh or en (default: the system's)

    [services.cad]
    url = "wss://cad.example.city/cad"
    token = "…"
    [services.avl]
    url = "wss://avl.example.city/avl"
    token = "…"
    # [services.video], [services.opinion] likewise; a missing service is simply not shown

    [dispatch]
    ack_escalation_s = 60                  # an order unacknowledged this long escalates
    fatigue_hours = 10

    [sla]                                  # seconds per priority: dispatch and on-scene targets
    p1 = [60, 480]

Any problem is a :class:`ConfigError` whose message names the file and the key.
"""

from __future__ import annotations

import socket
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from services.protocol.entities import SERVICES


class ConfigError(ValueError):
    """A configuration that cannot be used; the message says where and why."""


@dataclass(frozen=True)
class ServiceSetting:
    url: str
    token: str


@dataclass(frozen=True)
class ConsoleConfig:
    services: dict[str, ServiceSetting]
    workstation: str = field(default_factory=lambda: socket.gethostname() or "ws-1")
    operator: str = "operator"
    cache: Path | None = None
    language: str | None = None
    ack_escalation_s: float = 60.0
    fatigue_hours: float = 10.0
    sla: dict[int, tuple[float, float]] = field(default_factory=dict)
    #: an on-premises tile server, e.g. "https://tiles.police.local/{z}/{x}/{y}.png" (the map
    #: is complete without one)
    tile_url: str | None = None
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
    return ConsoleConfig(
        services=_services(document, path),
        sla=_sla(document, path),
        source=path,
        **_options(document, path),
    )


def _services(document: dict[str, Any], path: Path) -> dict[str, ServiceSetting]:
    table = document.get("services")
    if not isinstance(table, dict) or not table:
        raise ConfigError(
            f"{path}: needs at least one [services.<name>] table with url and token "
            f"(services: {', '.join(SERVICES)})"
        )
    services: dict[str, ServiceSetting] = {}
    for name, setting in table.items():
        where = f"{path}: [services.{name}]"
        if name not in SERVICES:
            raise ConfigError(f"{where} is not a service; services are {', '.join(SERVICES)}")
        if not isinstance(setting, dict):
            raise ConfigError(f"{where} must be a table with url and token")
        url, token = setting.get("url"), setting.get("token")
        if not isinstance(url, str) or not url.startswith(("ws://", "wss://")):
            raise ConfigError(f"{where} url must be a ws:// or wss:// URL, not {url!r}")
        if not isinstance(token, str) or not token:
            raise ConfigError(f"{where} needs a token")
        services[name] = ServiceSetting(url, token)
    return services


def _options(document: dict[str, Any], path: Path) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for key in ("workstation", "operator", "language", "tile_url"):
        if key in document:
            if not isinstance(document[key], str) or not document[key]:
                raise ConfigError(f"{path}: {key} must be a non-empty string")
            values[key] = document[key]
    if values.get("language") not in (None, "zh", "en"):
        raise ConfigError(f"{path}: language must be zh or en, not {values['language']!r}")
    if "cache" in document:
        if not isinstance(document["cache"], str):
            raise ConfigError(f"{path}: cache must be a file path")
        values["cache"] = Path(document["cache"]).expanduser()
    dispatch = document.get("dispatch", {})
    if not isinstance(dispatch, dict):
        raise ConfigError(f"{path}: [dispatch] must be a table")
    for key in ("ack_escalation_s", "fatigue_hours"):
        if key in dispatch:
            value = dispatch[key]
            if not isinstance(value, int | float) or isinstance(value, bool) or value <= 0:
                raise ConfigError(f"{path}: [dispatch] {key} must be a positive number")
            values[key] = float(value)
    return values


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
