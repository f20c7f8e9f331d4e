"""What the wall remembers per workstation, in the desk's settings file (QSettings, INI).

* ``videoWall/current``: the layout and the camera of each tile when last changed;
* ``videoWall/views``: the named views (layout + cameras), all in one JSON object;
* ``videoWall/screen`` and ``videoWall/detached``: where the detached wall was shown.

Values are JSON text: INI files keep strings faithfully, and a view name may hold any
character (a key could not).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QSettings

log = logging.getLogger(__name__)


class WallSettings:
    def __init__(self, settings: Callable[[], QSettings] | None) -> None:
        self._settings = settings

    def _read(self, key: str) -> Any:
        if self._settings is None:
            return None
        raw = self._settings().value(f"videoWall/{key}")
        if raw is None:
            return None
        try:
            return json.loads(str(raw))
        except json.JSONDecodeError:
            log.warning("the saved video wall setting %s is not JSON; ignored", key)
            return None

    def _write(self, key: str, value: Any) -> None:
        if self._settings is None:
            return
        settings = self._settings()
        settings.setValue(f"videoWall/{key}", json.dumps(value, ensure_ascii=False))
        settings.sync()

    # --- named views ----------------------------------------------------------------

    def views(self) -> dict[str, dict[str, Any]]:
        stored = self._read("views")
        if not isinstance(stored, dict):
            return {}
        return {str(k): v for k, v in stored.items() if isinstance(v, dict)}

    def save_view(self, name: str, view: dict[str, Any]) -> None:
        views = self.views()
        views[name] = view
        self._write("views", views)

    def delete_view(self, name: str) -> None:
        views = self.views()
        if views.pop(name, None) is not None:
            self._write("views", views)

    # --- the wall as it was ------------------------------------------------------------

    def current(self) -> dict[str, Any] | None:
        stored = self._read("current")
        return stored if isinstance(stored, dict) else None

    def save_current(self, view: dict[str, Any]) -> None:
        self._write("current", view)

    def screen(self) -> tuple[str | None, bool]:
        """(name of the screen the wall was detached to, whether it was detached)."""
        screen = self._read("screen")
        return (screen if isinstance(screen, str) else None, self._read("detached") is True)

    def save_screen(self, name: str | None, detached: bool) -> None:
        self._write("screen", name)
        self._write("detached", detached)
