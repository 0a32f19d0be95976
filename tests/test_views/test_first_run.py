"""The first-run dialog on a day-one database, and 设置 → 本会信息 (views/settings)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.gui import build_window, open_context
from desktop.settings import StartupSettings
from views.main_window import MainWindow
from views.settings.first_run import FirstRunDialog
from views.settings.profile_dialog import ProfileDialog

from .helpers import WindowHarness, query, shot, sqlite_url, type_text, unnamed_focusable

RULES = Path(__file__).resolve().parents[2] / "resources" / "rules" / "mentougou-2019.toml"


def _profile(path: Path) -> dict[str, str]:
    return dict(query(path, "SELECT key, value FROM setting WHERE key LIKE 'profile.%'"))


def _rules_id(path: Path) -> str:
    return query(path, "SELECT value FROM setting WHERE key = 'rules.id'")[0][0]


@pytest.fixture
def empty_path(tmp_path: Path) -> Path:
    return tmp_path / "office.sqlite3"  # opening the window creates and migrates it


def _open(qtbot, path: Path, *, interactive: bool = True) -> MainWindow:
    settings = StartupSettings(database_url=sqlite_url(path), user="clerk")
    window = build_window(settings, interactive=interactive)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.roster.roster_shown, timeout=20_000):
        window.show()
        window.open_database(lambda: open_context(settings))
    return window


@pytest.fixture
def empty_window(qtbot, empty_path: Path) -> Iterator[MainWindow]:
    window = _open(qtbot, empty_path)
    yield window
    if window.first_run is not None:
        window.first_run.done(0)
    qtbot.waitUntil(window.runner.is_idle, timeout=120_000)
    window.close()
    assert window.runner.wait_idle(10_000)


def _first_run(qtbot, window: MainWindow) -> FirstRunDialog:
    qtbot.waitUntil(lambda: window.first_run is not None and window.first_run.isVisible())
    dialog = window.first_run
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.facts is not None)
    return dialog


def test_an_empty_database_opens_the_first_run_dialog_filled_in_by_keyboard(
    qtbot, empty_window: MainWindow, empty_path: Path
) -> None:
    dialog = _first_run(qtbot, empty_window)
    assert dialog.isModal()
    assert "mentougou-2019" in dialog.rules_label.text()
    assert "程序自带" in dialog.rules_label.text()
    assert dialog.demo_button.isEnabled()
    assert not dialog.ok_button().isEnabled()
    assert unnamed_focusable(dialog) == []
    shot(dialog, "first-run")
    # A clerk types into the focused field, tabs through the rest, and presses Enter.
    edits = dialog.profile_fields.edits
    qtbot.waitUntil(lambda: QApplication.focusWidget() is edits["full_name"])
    for name, text in (
        ("full_name", "门头沟区残疾人联合会"),
        ("short_name", "门残联"),
        ("district", "门头沟区"),
        ("address", "北京市门头沟区新桥大街1号"),
        ("postcode", "102300"),
        ("telephone", "010-69841234"),
    ):
        focused = QApplication.focusWidget()
        assert focused is edits[name], (name, focused)
        type_text(qtbot, focused, text)
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
    assert dialog.ok_button().isEnabled()
    qtbot.keyClick(edits["telephone"], Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=20_000)
    assert _profile(empty_path) == {
        "profile.full_name": "门头沟区残疾人联合会",
        "profile.short_name": "门残联",
        "profile.district": "门头沟区",
        "profile.address": "北京市门头沟区新桥大街1号",
        "profile.postcode": "102300",
        "profile.telephone": "010-69841234",
    }
    assert _rules_id(empty_path) == "mentougou-2019"


def test_a_rules_file_with_a_wrong_key_is_named_and_a_good_one_goes_in_force(
    qtbot, empty_window: MainWindow, empty_path: Path, tmp_path: Path
) -> None:
    dialog = _first_run(qtbot, empty_window)
    broken = tmp_path / "broken-2026.toml"
    text = RULES.read_text(encoding="utf-8")
    broken.write_text(text.replace('level = "error"', 'level = "fatal"', 1), encoding="utf-8")
    dialog.choose_rules(broken)
    qtbot.waitUntil(lambda: ".level" in dialog.message.text())
    assert "规则文件" in dialog.message.text() and dialog.chosen is None
    assert dialog.choose_button.property("invalid") is True
    shot(dialog, "first-run-rules-invalid")

    newer = tmp_path / "mentougou-2026.toml"
    newer.write_text(text, encoding="utf-8")
    dialog.choose_rules(newer)
    qtbot.waitUntil(lambda: dialog.chosen is not None)
    assert "mentougou-2026" in dialog.rules_label.text()
    type_text(qtbot, dialog.profile_fields.edits["full_name"], "某某区残疾人联合会")
    type_text(qtbot, dialog.profile_fields.edits["short_name"], "某残联")
    qtbot.mouseClick(dialog.ok_button(), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=20_000)
    assert _rules_id(empty_path) == "mentougou-2026"
    assert _profile(empty_path)["profile.short_name"] == "某残联"
    assert query(empty_path, "SELECT user_login FROM change_log WHERE action = 'replace'") == [
        ("clerk",)
    ]


def test_later_keeps_nothing_and_the_dialog_comes_back_next_time(
    qtbot, empty_window: MainWindow, empty_path: Path
) -> None:
    dialog = _first_run(qtbot, empty_window)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert _profile(empty_path) == {}
    empty_window.close()
    assert empty_window.runner.wait_idle(10_000)
    again = _open(qtbot, empty_path)
    _first_run(qtbot, again)
    again.first_run.done(0)
    again.close()
    assert again.runner.wait_idle(10_000)


def test_skipping_into_the_demo_builds_it_and_shows_the_congress(
    qtbot, empty_window: MainWindow, empty_path: Path
) -> None:
    dialog = _first_run(qtbot, empty_window)
    qtbot.mouseClick(dialog.demo_button, Qt.MouseButton.LeftButton)
    assert dialog.progress.isVisible() and not dialog.ok_button().isEnabled()
    assert "演示数据" in dialog.message.text()
    shot(dialog, "first-run-demo-busy")
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=180_000)
    qtbot.waitUntil(lambda: empty_window.roster.term_box.count() == 2, timeout=20_000)
    assert empty_window.roster.term_box.currentText() == "第七届（现任）"
    assert _profile(empty_path)["profile.short_name"] == "门残联"


def test_no_first_run_in_smoke_mode(qtbot, empty_path: Path) -> None:
    window = _open(qtbot, empty_path, interactive=False)
    window.runner.wait_idle(10_000)
    qtbot.waitUntil(window.runner.is_idle)
    assert window.first_run is None
    window.close()


def test_a_database_with_a_profile_opens_without_it(harness: WindowHarness) -> None:
    harness.idle()
    assert harness.window.first_run is None


# --- 设置 → 本会信息 -------------------------------------------------------------------------


@pytest.fixture
def profile_dialog(harness: WindowHarness) -> Iterator[ProfileDialog]:
    dialog = ProfileDialog(harness.window.runner, harness.ctx, parent=harness.window)
    harness.qtbot.addWidget(dialog)
    dialog.show()
    harness.qtbot.waitUntil(lambda: dialog.rules is not None)
    yield dialog
    harness.idle()
    dialog.close()


def test_the_profile_dialog_shows_the_profile_and_the_rules_read_only(
    harness: WindowHarness, profile_dialog: ProfileDialog
) -> None:
    dialog = profile_dialog
    assert dialog.profile_fields.edits["full_name"].text() == "门头沟区残疾人联合会"
    assert dialog.profile_fields.edits["short_name"].text() == "门残联"
    assert dialog.rules_id.text() == "mentougou-2019"
    assert dialog.rules_title.text() == "门头沟区残疾人联合会改革方案"
    assert "2019年8月16日" in dialog.rules_source.text()
    assert dialog.rules_origin.text() == "程序自带"
    assert unnamed_focusable(dialog) == []
    shot(dialog, "profile-dialog")
    edit = dialog.profile_fields.edits["telephone"]
    edit.clear()
    edit.setFocus()
    type_text(harness.qtbot, edit, "010-12345678")
    harness.qtbot.keyClick(edit, Qt.Key.Key_Return)
    harness.qtbot.waitUntil(lambda: dialog.saved is not None, timeout=20_000)
    assert not dialog.isVisible()
    assert _profile(harness.db_path)["profile.telephone"] == "010-12345678"


def test_a_blank_full_name_cannot_be_saved(harness: WindowHarness, profile_dialog) -> None:
    profile_dialog.profile_fields.edits["full_name"].clear()
    assert not profile_dialog.ok_button().isEnabled()
    assert "本会全称" in profile_dialog.message.text()


def test_replacing_the_rules_asks_first_and_logs_the_change(
    harness: WindowHarness, profile_dialog: ProfileDialog, tmp_path: Path, monkeypatch
) -> None:
    dialog = profile_dialog
    newer = tmp_path / "mentougou-2026.toml"
    newer.write_text(RULES.read_text(encoding="utf-8"), encoding="utf-8")
    asked: list[str] = []
    monkeypatch.setattr(dialog, "confirm_replace", lambda rules: asked.append(rules.rules_id))
    dialog.choose_rules(newer)  # declined: nothing changes
    harness.qtbot.waitUntil(lambda: asked == ["mentougou-2026"])
    harness.idle()
    assert _rules_id(harness.db_path) == "mentougou-2019"

    monkeypatch.setattr(dialog, "confirm_replace", lambda rules: True)
    dialog.choose_rules(newer)
    harness.qtbot.waitUntil(lambda: dialog.rules_id.text() == "mentougou-2026", timeout=20_000)
    assert dialog.rules_origin.text() == f"文件 {newer.resolve()}"
    assert "已更换" in dialog.message.text()
    assert _rules_id(harness.db_path) == "mentougou-2026"
    (note,) = harness.query("SELECT note FROM change_log WHERE action = 'replace'")
    assert "mentougou-2019" in note[0] and "mentougou-2026" in note[0]
    shot(dialog, "profile-dialog-replaced")


def _mnemonics(widget) -> list[str]:
    import re

    from PySide6.QtWidgets import QAbstractButton, QLabel

    texts = [w.text() for w in widget.findChildren(QLabel) if w.buddy() is not None]
    texts += [b.text() for b in widget.findChildren(QAbstractButton) if b.isVisibleTo(widget)]
    return [m.upper() for t in texts for m in re.findall(r"&(\w)", t)]


def test_every_field_has_its_own_mnemonic(qtbot, empty_window: MainWindow, harness) -> None:
    first = _first_run(qtbot, empty_window)
    profile = ProfileDialog(harness.window.runner, harness.ctx, parent=harness.window)
    qtbot.addWidget(profile)
    for dialog in (first, profile):
        keys = _mnemonics(dialog)
        assert len(keys) >= 7 and len(keys) == len(set(keys)), keys
    harness.idle()
