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


def service(name: str) -> str:
    """A backend service as the operator knows it (status bar, banners)."""
    labels = {
        "cad": QCoreApplication.translate("service", "CAD"),
        "avl": QCoreApplication.translate("service", "AVL"),
        "video": QCoreApplication.translate("service", "Video"),
        "opinion": QCoreApplication.translate("service", "Opinion"),
    }
    return labels.get(name.lower(), name)


def role(name: str) -> str:
    labels = {
        "commander": QCoreApplication.translate("role", "commander"),
        "dispatcher": QCoreApplication.translate("role", "dispatcher"),
        "wall": QCoreApplication.translate("role", "video wall"),
        "trainee": QCoreApplication.translate("role", "trainee"),
        "viewer": QCoreApplication.translate("role", "viewer"),
    }
    return labels.get(name, name)


def incident_source(name: str) -> str:
    """Where an incident came from (docs/protocol.md: call, patrol, video, opinion)."""
    labels = {
        "call": QCoreApplication.translate("source", "110 call"),
        "patrol": QCoreApplication.translate("source", "patrol report"),
        "video": QCoreApplication.translate("source", "video patrol"),
        "opinion": QCoreApplication.translate("source", "online posts"),
    }
    return labels.get(name, name.replace("_", " "))


def camera_status(status: str) -> str:
    labels = {
        "online": QCoreApplication.translate("camera", "online"),
        "offline": QCoreApplication.translate("camera", "offline"),
    }
    return labels.get(status, status)
