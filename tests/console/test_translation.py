"""The console ships in Chinese and English, the Qt way: the .ts catalogues are the source
of truth (lupdate merges the sources into them, translators fill them, lrelease compiles
the .qm the console loads); these tests fail while they drift apart."""

from __future__ import annotations

import re
import shutil
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale

from console.app import RESOURCES, install_translation
from widgets.common import format as fmt
from widgets.common import labels

TRANSLATIONS = RESOURCES / "translations"
sys.path.insert(0, str(TRANSLATIONS))
import update  # noqa: E402  (resources/translations/update.py, the refresh script)

ESCALATION = "%n order(s) NOT ACKNOWLEDGED — call: {0}"


def _messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    tree = ET.parse(ts)  # noqa: S314 (our own file)
    return {
        (context.findtext("name") or "", message.findtext("source") or ""): message
        for context in tree.getroot().iter("context")
        for message in context.iter("message")
    }


def test_chinese_catalogue_translates_the_desk(qapp) -> None:
    translator = install_translation(qapp, "zh")
    assert translator is not None, "resources/translations/command-centre_zh.qm loads"
    try:
        assert labels.incident_status("new") == "新警情"
        assert labels.unit_status("available") == "可用"
        assert labels.connection_state("offline") == "离线"
        assert labels.category("fire") == "火情"
        assert labels.service("opinion") == "舆情"
        assert labels.role("commander") == "指挥长"
        assert fmt.age(461) == "7分41秒"
        assert fmt.age(3 * 3600 + 5 * 60) == "3小时05分"
    finally:
        qapp.removeTranslator(translator)
    assert labels.incident_status("new") == "New"
    assert fmt.age(461) == "7m 41s"


def test_a_plural_reads_right_in_both_languages(qapp) -> None:
    def escalation(n: int) -> str:
        return QCoreApplication.translate("OrdersPanel", ESCALATION, None, n).format("U-1")

    english = install_translation(qapp, "en")
    assert english is not None, "the English plural forms load"
    try:
        assert escalation(1) == "1 order NOT ACKNOWLEDGED — call: U-1"
        assert escalation(3) == "3 orders NOT ACKNOWLEDGED — call: U-1"
    finally:
        qapp.removeTranslator(english)
    chinese = install_translation(qapp, "zh")
    try:
        assert escalation(3) == "3 条指令未确认 — 请联系：U-1"
    finally:
        qapp.removeTranslator(chinese)


def test_no_entry_is_unfinished_or_vanished() -> None:
    for name in update.CATALOGUES:
        assert update.unfinished(TRANSLATIONS / name) == [], f"translate them in {name}"


@pytest.mark.parametrize("name", sorted(update.CATALOGUES))
def test_catalogue_is_in_step_with_the_sources(tmp_path, name) -> None:
    """lupdate over a copy changes nothing: no string is new, none has vanished; and the
    shipped .qm is exactly what lrelease makes of the shipped .ts."""
    assert shutil.which("pyside6-lupdate"), "pyside6-lupdate comes with PySide6"
    shipped = TRANSLATIONS / name
    copy = tmp_path / name
    shutil.copy(shipped, copy)
    update.lupdate(copy, update.CATALOGUES[name])
    assert set(_messages(copy)) == set(_messages(shipped)), "run resources/translations/update.py"
    assert update.unfinished(copy) == []
    compiled = tmp_path / "fresh.qm"
    update.lrelease(shipped, compiled)
    assert compiled.read_bytes() == shipped.with_suffix(".qm").read_bytes(), (
        "the .qm is stale: run resources/translations/update.py"
    )


def test_translations_keep_every_placeholder() -> None:
    """A translation that drops or renames ``{0}``/``{name:02d}``/``%n`` would raise or
    lie at run time."""
    placeholder = re.compile(r"\{[^{}]*\}|%n")
    # Place names: each language picks its own field of the same .format() call.
    picks_another_field = {
        ("DeploymentPanel", "{en}"),
        ("IntakeSuggestionsView", "{zh} {en} ({district})"),
        ("AddressSearch", "{zh} {en} — {kind}, {district}"),
        ("MapView", "{en}"),
    }
    wrong = []
    for (context, source), message in _messages(TRANSLATIONS / "command-centre_zh.ts").items():
        translation = message.find("translation")
        assert translation is not None
        forms = [f.text or "" for f in translation.iter("numerusform")] or [translation.text or ""]
        for form in forms:
            if (context, source) in picks_another_field:
                continue
            if sorted(placeholder.findall(form)) != sorted(placeholder.findall(source)):
                wrong.append((context, source, form))
    assert wrong == []


def test_english_loads_only_its_plural_forms(qapp) -> None:
    english = install_translation(qapp, "en")
    try:
        assert labels.incident_status("new") == "New"
        assert QLocale("en").language() == QLocale.Language.English
    finally:
        if english is not None:
            qapp.removeTranslator(english)
    messages = _messages(TRANSLATIONS / "command-centre_en.ts").values()
    assert messages
    assert all(m.get("numerus") == "yes" for m in messages)


def test_every_translated_text_is_a_literal_lupdate_can_read() -> None:
    """``QCoreApplication.translate(ctx, text)`` inside a helper hides every caller's string
    from pyside6-lupdate: the catalogue never gets them and they stay English. A variable
    is allowed only where the module marks its strings with QT_TRANSLATE_NOOP."""
    import ast  # noqa: PLC0415

    hidden = []
    for path in update.sources():
        source = (update.ROOT / path).read_text(encoding="utf-8")
        marked = "QT_TRANSLATE_NOOP" in source or "QT_TR_NOOP" in source
        for node in ast.walk(ast.parse(source)):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                continue
            args = node.args
            if node.func.attr == "translate" and args and isinstance(args[0], ast.Constant):
                text = args[1] if len(args) > 1 else None
            elif node.func.attr == "tr" and args:
                text = args[0]
            else:
                continue
            literal = isinstance(text, ast.Constant) and isinstance(text.value, str)
            if not literal and not marked:
                hidden.append(f"{path}:{node.lineno}")
    assert hidden == []


def test_qt_own_words_follow_the_language(qapp) -> None:
    """The quit question's Yes/Cancel come from Qt's catalogue, not ours."""
    from console.app import install_qt_translation  # noqa: PLC0415

    translator = install_qt_translation(qapp, "zh")
    assert translator is not None, "PySide6 ships qtbase_zh_CN.qm"
    try:
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"
    finally:
        qapp.removeTranslator(translator)
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"
