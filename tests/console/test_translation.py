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
