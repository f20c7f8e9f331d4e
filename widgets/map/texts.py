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


def page_labels() -> dict[str, str]:
    """The page's words in the current language (each call spelled out for lupdate)."""
    translate = QCoreApplication.translate
    words = {
        "incidents": translate("MapView", "Incidents"),
        "units": translate("MapView", "Units"),
        "cameras": translate("MapView", "Cameras"),
        "alerts": translate("MapView", "Opinion alerts"),
        "heat": translate("MapView", "Incident density"),
        "districts": translate("MapView", "Districts"),
        "newIncident": translate("MapView", "New incident here…"),
        "camerasNear": translate("MapView", "Cameras near here"),
        "fit": translate("MapView", "Fit all open incidents"),
        "staleFix": translate("MapView", "stale position fix"),
        "postsPer10Min": translate("MapView", "posts/10 min"),
        "severity.info": translate("MapView", "Info"),
        "severity.watch": translate("MapView", "Watch"),
        "severity.warning": translate("MapView", "Warning"),
        "severity.critical": translate("MapView", "Critical"),
        # the legend
        "legend": translate("MapView", "Legend"),
        "legendIncidentColour": translate("MapView", "Incidents: colour is the priority"),
        "legendIncidentShape": translate("MapView", "Incidents: shape is the status"),
        "legendUnits": translate("MapView", "Units: colour is the status, the arrow the heading"),
        "legendCameras": translate("MapView", "Cameras"),
        "legendAlerts": translate(
            "MapView", "Opinion alerts: colour is the severity, size the posts/10 min"
        ),
        "legendDensity": translate("MapView", "Incident density: open incidents per 2 km square"),
        "legendDensityNote": translate("MapView", "(faded when zoomed in to street level)"),
        # popups
        "popupPriority": translate("MapView", "Priority"),
        "popupStatus": translate("MapView", "Status"),
        "popupCategory": translate("MapView", "Category"),
        "popupAddress": translate("MapView", "Address"),
        "popupSeverity": translate("MapView", "Severity"),
        "popupVolume": translate("MapView", "Volume"),
        "popupDistrict": translate("MapView", "District"),
        "popupAcknowledged": translate("MapView", "Acknowledged"),
        "popupNotAcknowledged": translate("MapView", "Not acknowledged"),
        # a district's name on the map: the translation picks the name in its language
        "districtName": translate(
            "MapView", "{en}", "district name on the map: {en} English, {zh} Chinese"
        ),
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
    text = QCoreApplication.translate("MapView", "{name} · {metres} m · {status}").format(
        name=name, metres=f"{metres:.0f}", status=labels.camera_status(status)
    )
    return escape_mnemonic(text)


def escape_mnemonic(text: str) -> str:
    """Text for a QAction or QMenu title, shown literally (``&`` is not a mnemonic)."""
    return text.replace("&", "&&")
