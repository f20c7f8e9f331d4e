"""Every word the map page shows, translated here (Qt's tr(), context "MapView") and
handed to the page in its ``config`` command: the page itself holds no English.

Keys are what ``assets/map.js`` looks up; ``{name}`` placeholders are filled in the page
(with text, never markup).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from widgets.common import labels

INCIDENT_STATUSES = ("new", "dispatched", "en_route", "on_scene", "resolved")
UNIT_STATUSES = ("available", "dispatched", "en_route", "on_scene", "busy")
CAMERA_STATUSES = ("online", "offline")
SEVERITIES = ("info", "watch", "warning", "critical")
PRIORITIES = (1, 2, 3, 4)


def _tr(text: str, disambiguation: str | None = None) -> str:
    return QCoreApplication.translate("MapView", text, disambiguation)


def page_labels() -> dict[str, str]:
    """The page's words in the current language."""
    words = {
        "incidents": _tr("Incidents"),
        "units": _tr("Units"),
        "cameras": _tr("Cameras"),
        "alerts": _tr("Opinion alerts"),
        "heat": _tr("Incident density"),
        "districts": _tr("Districts"),
        "newIncident": _tr("New incident here…"),
        "camerasNear": _tr("Cameras near here"),
        "fit": _tr("Fit all open incidents"),
        "staleFix": _tr("stale position fix"),
        "postsPer10Min": _tr("posts/10 min"),
        "severity.info": _tr("Info"),
        "severity.watch": _tr("Watch"),
        "severity.warning": _tr("Warning"),
        "severity.critical": _tr("Critical"),
        # the legend
        "legend": _tr("Legend"),
        "legendIncidentColour": _tr("Incidents: colour is the priority"),
        "legendIncidentShape": _tr("Incidents: shape is the status"),
        "legendUnits": _tr("Units: colour is the status, the arrow the heading"),
        "legendCameras": _tr("Cameras"),
        "legendAlerts": _tr("Opinion alerts: colour is the severity, size the posts/10 min"),
        "legendDensity": _tr("Incident density: open incidents per 2 km square"),
        "legendDensityNote": _tr("(faded when zoomed in to street level)"),
        # popups
        "popupPriority": _tr("Priority"),
        "popupStatus": _tr("Status"),
        "popupCategory": _tr("Category"),
        "popupAddress": _tr("Address"),
        "popupSeverity": _tr("Severity"),
        "popupVolume": _tr("Volume"),
        "popupDistrict": _tr("District"),
        "popupAcknowledged": _tr("Acknowledged"),
        "popupNotAcknowledged": _tr("Not acknowledged"),
        # a district's name on the map: the translation picks the name in its language
        "districtName": _tr("{en}", "district name on the map: {en} English, {zh} Chinese"),
    }
    for status in INCIDENT_STATUSES:
        words[f"incidentStatus.{status}"] = labels.incident_status(status)
    for status in UNIT_STATUSES:
        words[f"unitStatus.{status}"] = labels.unit_status(status)
    for status in CAMERA_STATUSES:
        words[f"cameraStatus.{status}"] = labels.camera_status(status)
    for value in PRIORITIES:
        words[f"priority.{value}"] = labels.priority(value)
    return words


def camera_menu_text(name: str, metres: float, status: str) -> str:
    """One entry of the "Cameras near here" menu, with every ``&`` of the camera's name
    doubled: a single one would be taken as a keyboard mnemonic (shown as an underline,
    the character itself lost)."""
    text = _tr("{name} · {metres} m · {status}").format(
        name=name, metres=f"{metres:.0f}", status=labels.camera_status(status)
    )
    return escape_mnemonic(text)


def escape_mnemonic(text: str) -> str:
    """Text for a QAction or QMenu title, shown literally (``&`` is not a mnemonic)."""
    return text.replace("&", "&&")
