"""The console ships in Chinese and English: the Chinese catalogue loads and is used."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from PySide6.QtCore import QLocale

from console.app import RESOURCES, install_translation
from widgets.common import labels


def test_chinese_catalogue_translates_the_desk(qapp) -> None:
    translator = install_translation(qapp, "zh")
    assert translator is not None, "resources/translations/command-centre_zh.qm loads"
    try:
        assert labels.incident_status("new") == "新警情"
        assert labels.unit_status("available") == "可用"
        assert labels.connection_state("offline") == "离线"
        assert labels.category("fire") == "火情"
    finally:
        qapp.removeTranslator(translator)
    assert labels.incident_status("new") == "New"


def test_every_string_in_the_catalogue_is_translated() -> None:
    tree = ET.parse(RESOURCES / "translations" / "command-centre_zh.ts")  # noqa: S314 (ours)
    unfinished = [
        m.findtext("source")
        for m in tree.getroot().iter("message")
        if (m.find("translation").get("type") or "") == "unfinished"
    ]
    assert unfinished == []


def test_english_needs_no_catalogue(qapp) -> None:
    assert install_translation(qapp, "en") is None
    assert QLocale("en").language() == QLocale.Language.English


def test_the_catalogue_covers_every_string_in_the_sources(tmp_path) -> None:
    """A string added to a panel without a Chinese translation fails here: the sources
    are extracted afresh and compared with the shipped catalogue."""
    import shutil  # noqa: PLC0415
    import subprocess  # noqa: PLC0415

    root = RESOURCES.parent
    sources = subprocess.run(
        ["git", "ls-files", "console/*.py", "widgets/*.py"],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    lupdate = shutil.which("pyside6-lupdate")
    assert lupdate, "pyside6-lupdate comes with PySide6"
    fresh = tmp_path / "fresh.ts"
    subprocess.run(
        [lupdate, *sources, "-ts", str(fresh)], cwd=root, capture_output=True, check=True
    )

    def texts(path) -> set[str]:
        return {m.findtext("source") for m in ET.parse(path).getroot().iter("message")}  # noqa: S314

    missing = texts(fresh) - texts(RESOURCES / "translations" / "command-centre_zh.ts")
    assert missing == set(), "run python resources/translations/zh.py"
