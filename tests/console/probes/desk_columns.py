"""Run by tests/console/test_desk_readable.py in its own process: the default desk as
``command-centre`` first opens it (``show_desk``: maximised) on one offscreen screen of a
given size; prints, as JSON, where the columns a commander decides with lie in their
table's visible viewport (read from the header's geometry).

Each entry: ``[table object name, column enum member]`` → ``{"x", "width", "viewport",
"title", "title_width", "hidden", "shown"}``: ``x`` is the section's left edge in the
viewport, ``viewport`` the viewport's width, ``title_width`` the pixels the header title
needs, ``shown`` whether the table itself is on screen (its dock in front).
"""

from __future__ import annotations

import json
import sys

from tests.console.probes.desk import open_desk, settle

#: (dock brought to the front first, table object name, column enum, member)
COLUMNS = (
    ("incidentQueueDock", "incidentTable", "widgets.incidents.roles:IncidentColumn", "SLA"),
    ("incidentQueueDock", "incidentTable", "widgets.incidents.roles:IncidentColumn", "UNITS"),
    (
        "dispatchDock",
        "dispatchRecommendations",
        "widgets.dispatch.recommendations:RecommendationColumn",
        "FLAGS",
    ),
    (
        "dispatchDock",
        "dispatchRecommendations",
        "widgets.dispatch.recommendations:RecommendationColumn",
        "REASONING",
    ),
    ("ordersDock", "ordersTable", "widgets.dispatch.orders_model:OrderColumn", "ACKNOWLEDGED"),
)


def _enum(path: str) -> type:  # an IntEnum class
    module, name = path.split(":")
    return getattr(__import__(module, fromlist=[name]), name)


def main(screens_file: str, data_dir: str) -> int:
    from PySide6.QtCore import Qt  # noqa: PLC0415
    from PySide6.QtWidgets import QTableView  # noqa: PLC0415

    app, window, session = open_desk(screens_file, data_dir)
    settle(app, 4.0)
    seen: dict[str, dict[str, object]] = {}
    for dock, table_name, enum_path, member in COLUMNS:
        window.docks[dock].raise_()
        settle(app, 0.3)
        table = window.findChild(QTableView, table_name)
        if table is None:
            seen[f"{table_name}.{member}"] = {"missing": True}
            continue
        column = int(getattr(_enum(enum_path), member))
        header = table.horizontalHeader()
        title = str(table.model().headerData(column, Qt.Orientation.Horizontal) or "")
        seen[f"{table_name}.{member}"] = {
            "x": header.sectionViewportPosition(column),
            "width": header.sectionSize(column),
            "viewport": table.viewport().width(),
            "title": title,
            "title_width": header.fontMetrics().horizontalAdvance(title),
            "hidden": header.isSectionHidden(column),
            "shown": table.isVisible() and not table.visibleRegion().isEmpty(),
        }
    screen = app.primaryScreen().geometry()
    sys.stdout.write(
        json.dumps({"screen": [screen.width(), screen.height()], "columns": seen}) + "\n"
    )
    window.close()
    session.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
