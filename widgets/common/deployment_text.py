"""What the deployment panel and the map say about a deployment plan, through Qt's
tr() (shared by both, so neither imports the other)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from console.state.deployment import PlaceName, Plan, Post
from widgets.common import labels


def place_text(place: PlaceName) -> str:
    """The place in the interface's language: the catalogue renders "{en}" as "{zh}"."""
    return QCoreApplication.translate("DeploymentPanel", "{en}").format(en=place.en, zh=place.zh)


def period(hour: int) -> str:
    """The part of the day an hour falls in."""
    if hour < 6:
        return QCoreApplication.translate("DeploymentPanel", "night")
    if hour < 12:
        return QCoreApplication.translate("DeploymentPanel", "morning")
    if hour < 18:
        return QCoreApplication.translate("DeploymentPanel", "afternoon")
    return QCoreApplication.translate("DeploymentPanel", "evening")


def post_reason(post: Post, hour: int) -> str:
    """ "Pingjiang Rd: heat 0.82 (Theft, Dispute · evening), population 0.64" """
    kinds = ", ".join(labels.category(c) for c in post.categories) or QCoreApplication.translate(
        "DeploymentPanel", "no incidents"
    )
    return QCoreApplication.translate(
        "DeploymentPanel",
        "{place}: heat {heat:.2f} ({kinds} · {period}), population {population:.2f}",
    ).format(
        place=place_text(post.place),
        heat=post.heat,
        kinds=kinds,
        period=period(hour),
        population=post.population,
    )


def coverage_summary(plan: Plan) -> str:
    return QCoreApplication.translate(
        "DeploymentPanel",
        "Pressure covered within {minutes} min ({radius:.1f} km): units now {now:.0%} → "
        "suggested posts {suggested:.0%}",
    ).format(
        minutes=f"{plan.response_min:g}",
        radius=plan.radius_m / 1000.0,
        now=plan.share_now,
        suggested=plan.share_suggested,
    )


def plan_details(plan: Plan) -> str:
    text = QCoreApplication.translate(
        "DeploymentPanel",
        "{units} units available · {posts} posts · {uncovered} high-pressure cells left "
        "uncovered · {incidents} incidents weighed for this hour",
    ).format(
        units=plan.units_available,
        posts=len(plan.posts),
        uncovered=len(plan.uncovered),
        incidents=plan.incidents_counted,
    )
    if plan.basis == "current":
        text += " · " + QCoreApplication.translate(
            "DeploymentPanel", "the units already cover more than the suggested posts would: stay"
        )
    return text


def hour_label(hour: int) -> str:
    return QCoreApplication.translate("DeploymentPanel", "Plan for {hour:02d}:00").format(hour=hour)
