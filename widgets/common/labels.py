"""Every word an operator reads about a status, priority or kind, through Qt's tr()."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def incident_status(status: str) -> str:
    labels = {
        "new": QCoreApplication.translate("status", "New"),
        "dispatched": QCoreApplication.translate("status", "Dispatched"),
        "en_route": QCoreApplication.translate("status", "En route"),
        "on_scene": QCoreApplication.translate("status", "On scene"),
        "resolved": QCoreApplication.translate("status", "Resolved"),
        "closed": QCoreApplication.translate("status", "Closed"),
    }
    return labels.get(status, status)


def unit_status(status: str) -> str:
    labels = {
        "available": QCoreApplication.translate("status", "Available"),
        "dispatched": QCoreApplication.translate("status", "Dispatched"),
        "en_route": QCoreApplication.translate("status", "En route"),
        "on_scene": QCoreApplication.translate("status", "On scene"),
        "busy": QCoreApplication.translate("status", "Busy"),
        "off_duty": QCoreApplication.translate("status", "Off duty"),
    }
    return labels.get(status, status)


def unit_kind(kind: str) -> str:
    labels = {
        "patrol_car": QCoreApplication.translate("kind", "Patrol car"),
        "motorbike": QCoreApplication.translate("kind", "Motorbike"),
        "foot": QCoreApplication.translate("kind", "Foot patrol"),
        "community": QCoreApplication.translate("kind", "Community officer"),
        "drone": QCoreApplication.translate("kind", "Drone"),
    }
    return labels.get(kind, kind)


def category(name: str) -> str:
    labels = {
        "theft": QCoreApplication.translate("category", "Theft"),
        "burglary": QCoreApplication.translate("category", "Burglary"),
        "traffic_accident": QCoreApplication.translate("category", "Traffic accident"),
        "assault": QCoreApplication.translate("category", "Assault"),
        "fraud": QCoreApplication.translate("category", "Fraud"),
        "fire": QCoreApplication.translate("category", "Fire"),
        "dispute": QCoreApplication.translate("category", "Dispute"),
        "missing_person": QCoreApplication.translate("category", "Missing person"),
        "noise": QCoreApplication.translate("category", "Noise"),
        "suspicious_person": QCoreApplication.translate("category", "Suspicious person"),
        "medical": QCoreApplication.translate("category", "Medical"),
        "lost_property": QCoreApplication.translate("category", "Lost property"),
        "traffic_obstruction": QCoreApplication.translate("category", "Traffic obstruction"),
    }
    return labels.get(name, name.replace("_", " "))


def priority(value: int) -> str:
    return QCoreApplication.translate("priority", "P{0}").format(value)


def connection_state(state: str) -> str:
    labels = {
        "connecting": QCoreApplication.translate("connection", "connecting"),
        "live": QCoreApplication.translate("connection", "live"),
        "resyncing": QCoreApplication.translate("connection", "resyncing"),
        "offline": QCoreApplication.translate("connection", "OFFLINE"),
        "unauthorized": QCoreApplication.translate("connection", "UNAUTHORIZED"),
    }
    return labels.get(state, state)


def sla_state(state: str) -> str:
    labels = {
        "ok": QCoreApplication.translate("sla", "on time"),
        "warning": QCoreApplication.translate("sla", "near target"),
        "breach": QCoreApplication.translate("sla", "BREACHED"),
        "done": QCoreApplication.translate("sla", "met"),
    }
    return labels.get(state, state)
