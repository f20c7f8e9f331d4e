"""Every word an operator reads about a status, priority or kind, through Qt's tr()."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def _t(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


def incident_status(status: str) -> str:
    labels = {
        "new": _t("status", "New"),
        "dispatched": _t("status", "Dispatched"),
        "en_route": _t("status", "En route"),
        "on_scene": _t("status", "On scene"),
        "resolved": _t("status", "Resolved"),
        "closed": _t("status", "Closed"),
    }
    return labels.get(status, status)


def unit_status(status: str) -> str:
    labels = {
        "available": _t("status", "Available"),
        "dispatched": _t("status", "Dispatched"),
        "en_route": _t("status", "En route"),
        "on_scene": _t("status", "On scene"),
        "busy": _t("status", "Busy"),
        "off_duty": _t("status", "Off duty"),
    }
    return labels.get(status, status)


def unit_kind(kind: str) -> str:
    labels = {
        "patrol_car": _t("kind", "Patrol car"),
        "motorbike": _t("kind", "Motorbike"),
        "foot": _t("kind", "Foot patrol"),
        "community": _t("kind", "Community officer"),
        "drone": _t("kind", "Drone"),
    }
    return labels.get(kind, kind)


def category(name: str) -> str:
    labels = {
        "theft": _t("category", "Theft"),
        "burglary": _t("category", "Burglary"),
        "traffic_accident": _t("category", "Traffic accident"),
        "assault": _t("category", "Assault"),
        "fraud": _t("category", "Fraud"),
        "fire": _t("category", "Fire"),
        "dispute": _t("category", "Dispute"),
        "missing_person": _t("category", "Missing person"),
        "noise": _t("category", "Noise"),
        "suspicious_person": _t("category", "Suspicious person"),
        "medical": _t("category", "Medical"),
    }
    return labels.get(name, name.replace("_", " "))


def priority(value: int) -> str:
    return _t("priority", "P{0}").format(value)


def connection_state(state: str) -> str:
    labels = {
        "connecting": _t("connection", "connecting"),
        "live": _t("connection", "live"),
        "resyncing": _t("connection", "resyncing"),
        "offline": _t("connection", "OFFLINE"),
        "unauthorized": _t("connection", "UNAUTHORIZED"),
    }
    return labels.get(state, state)


def sla_state(state: str) -> str:
    labels = {
        "ok": _t("sla", "on time"),
        "warning": _t("sla", "near target"),
        "breach": _t("sla", "BREACHED"),
        "done": _t("sla", "met"),
    }
    return labels.get(state, state)
