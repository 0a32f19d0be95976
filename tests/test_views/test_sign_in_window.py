"""A database that requires sign-in: nothing shows before the 登录 dialog succeeds; refusals say
nothing of which part was wrong; an administrator's password is changed first; each role sees
the main window's actions it may use, the others disabled with the reason; 退出登录."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QWidget

from desktop.settings import StartupSettings
from models.domain.messages import message
from models.services.accounts.signing import sign_in as core_sign_in
from views.accounts.accounts_window import AccountsWindow
from views.accounts.password_dialog import PasswordDialog
from views.main_window import MainWindow
from views.people.person_dialog import PersonDialog

from .accounts_support import (
    ACCOUNTS,
    INITIAL,
    activate,
    add_accounts,
    close,
    open_window,
    sign_in,
    sign_in_dialog,
    type_credentials,
)
from .helpers import ModalAnswerer, query, shot, sqlite_url, unnamed_focusable


@pytest.fixture
def required(settings: StartupSettings, db_path: Path) -> StartupSettings:
    add_accounts(settings, db_path)
    return settings


@pytest.fixture
def window(qtbot, required: StartupSettings):
    window = open_window(qtbot, required)
    yield window
    close(qtbot, window)


def _attempts(path: Path) -> list[tuple[str, str, str | None]]:
    return [
        (r[0], r[1], r[2])
        for r in query(
            path,
            "SELECT action, entity_id, note FROM change_log"
            " WHERE action IN ('sign_in', 'sign_in_failed') ORDER BY id",
        )
    ]


def test_nothing_is_read_before_signing_in(qtbot, window: MainWindow) -> None:
    dialog = sign_in_dialog(qtbot, window)
    dialog.grab().save("/tmp/yishi-sign-in.png")
    assert window.ctx is None
    assert window.roster.model.rowCount() == 0
    assert window.user_label.text() == "未登录"
    assert not window.add_person_action.isEnabled()
    assert not window.motions_action.isEnabled()
    assert dialog.login.text() == "clerk"  # --user or the OS login, offered
    assert dialog.password.echoMode() == dialog.password.EchoMode.Password
    assert dialog.password.hasFocus()
    assert unnamed_focusable(dialog) == []
    assert not dialog.sign_in_button.isEnabled()  # no password typed yet
    dialog.login.setFocus()
    qtbot.keyClick(dialog.login, Qt.Key.Key_Return)  # Enter after the name: on to the password
    assert dialog.password.hasFocus() and dialog.isVisible()


def test_enter_signs_in_and_the_roster_loads(qtbot, window: MainWindow, db_path: Path) -> None:
    sign_in(qtbot, window, "wang", ACCOUNTS["wang"][2])
    assert window.ctx is not None and window.ctx.account is not None
    assert window.ctx.account.login == "wang"
    assert window.ctx.user == "wang"
    assert window.roster.model.rowCount() > 0
    assert window.user_label.text() == "操作人：王芳（管理员）"
    assert window.accounts_action.isEnabled()
    assert window.profile_action.isEnabled()
    assert window.sign_out_action.isVisible()
    assert _attempts(db_path)[-1] == ("sign_in", "wang", None)


def test_a_wrong_password_keeps_the_name_and_clears_the_password(
    qtbot, window: MainWindow, db_path: Path
) -> None:
    dialog = sign_in_dialog(qtbot, window)
    for login, password in (("wang", "Not-the-pass-1"), ("nobody", "Not-the-pass-1")):
        type_credentials(qtbot, dialog, login, password)
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: not dialog.busy, timeout=20_000)
        assert dialog.problem.text() == message("account_refused"), (
            login,
            dialog.sign_in_button.isEnabled(),
            dialog.password.text(),
        )
        # The same words for a wrong password and a name that does not exist.
        assert dialog.login.text() == login
        assert dialog.password.text() == ""
        assert dialog.focusWidget() is dialog.password
        assert dialog.isVisible() and window.ctx is None
        dialog.grab().save("/tmp/yishi-sign-in-refused.png")
        dialog.problem.clear()
    assert window.roster.model.rowCount() == 0
    assert [a[:2] for a in _attempts(db_path)[-2:]] == [
        ("sign_in_failed", "wang"),
        ("sign_in_failed", "nobody"),
    ]


def test_escape_quits(qtbot, window: MainWindow) -> None:
    dialog = sign_in_dialog(qtbot, window)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not window.isVisible())
    assert window.ctx is None


def test_a_password_an_administrator_set_is_changed_first(qtbot, window: MainWindow) -> None:
    dialog = sign_in_dialog(qtbot, window)
    type_credentials(qtbot, dialog, "liu", INITIAL)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: (
            isinstance(window.password_dialog, PasswordDialog)
            and window.password_dialog.isVisible()
        ),
        timeout=20_000,
    )
    form = window.password_dialog
    assert isinstance(form, PasswordDialog)
    activate(qtbot, form)
    assert window.roster.model.rowCount() == 0  # still nothing shown
    assert unnamed_focusable(form) == []
    form.grab().save("/tmp/yishi-password.png")
    qtbot.keyClicks(form.old, INITIAL)
    qtbot.keyClick(form.old, Qt.Key.Key_Tab)
    qtbot.keyClicks(form.new, "short")
    assert "密码太短" in form.message.text()  # the rule, as the clerk types
    form.new.clear()
    qtbot.keyClicks(form.new, "Own-2026-desk")
    qtbot.keyClick(form.new, Qt.Key.Key_Tab)
    qtbot.keyClicks(form.again, "Own-2027-desk")
    assert "不一致" in form.message.text()
    form.again.clear()
    qtbot.keyClicks(form.again, "Own-2026-desk")
    assert form.message.text() == ""
    with qtbot.waitSignal(window.roster.roster_shown, timeout=20_000):
        qtbot.keyClick(form.again, Qt.Key.Key_Return)
    assert window.user_label.text() == "操作人：刘敏（秘书处）"
    assert window.roster.model.rowCount() > 0


def test_leaving_the_password_change_closes_the_program(qtbot, window: MainWindow) -> None:
    dialog = sign_in_dialog(qtbot, window)
    type_credentials(qtbot, dialog, "liu", INITIAL)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.password_dialog is not None, timeout=20_000)
    form = window.password_dialog
    assert form is not None
    activate(qtbot, form)
    qtbot.keyClick(form.old, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not window.isVisible())
    assert window.roster.model.rowCount() == 0


def test_a_readonly_account_sees_the_admin_actions_disabled_with_the_reason(
    qtbot, window: MainWindow
) -> None:
    sign_in(qtbot, window, "zhao", ACCOUNTS["zhao"][2])
    ctx = window.ctx
    assert ctx is not None
    assert window.user_label.text() == "操作人：赵强（只读）"
    assert window.roster.model.rowCount() > 0  # reading is allowed
    for action, permission in (
        (window.profile_action, "federation.set_up"),
        (window.auto_backup_action, "settings.edit"),
        (window.accounts_action, "accounts.manage"),
        (window.add_person_action, "people.edit"),
        (window.reveal_action, "people.reveal_id"),
        (window.import_roster_action, "rosters.import"),
    ):
        reason = ctx.refusal(permission)
        assert reason is not None and "只读" in reason
        assert not action.isEnabled(), action.text()
        assert action.toolTip() == reason and action.statusTip() == reason
    assert all(not a.isEnabled() for a in window.font_actions.actions())
    assert window.motions_action.isEnabled() and window.meetings_action.isEnabled()
    assert window.password_action.isEnabled()
    assert window.open_accounts() is None
    # A double click on a row opens the person read-only: 保存 disabled with the reason.
    saving: list[tuple[bool, str]] = []

    def look(dialog: QWidget) -> None:
        assert isinstance(dialog, PersonDialog)
        save = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        saving.append((save.isEnabled(), save.toolTip()))
        dialog.reject()

    answerer = ModalAnswerer(answer=look).start()
    try:
        window.roster.table.selectRow(0)
        window.roster.table.doubleClicked.emit(window.roster.table.model().index(0, 0))
        qtbot.waitUntil(lambda: bool(saving), timeout=10_000)
        qtbot.waitUntil(window.runner.is_idle)
    finally:
        answerer.stop()
    assert [s["type"] for s in answerer.seen] == ["PersonDialog"]
    assert saving == [(False, ctx.refusal("people.edit"))]


def test_a_unit_account_sees_only_its_motions(qtbot, window: MainWindow) -> None:
    sign_in(qtbot, window, "qian", ACCOUNTS["qian"][2])
    ctx = window.ctx
    assert ctx is not None
    assert window.roster.model.rowCount() == 0
    assert not window.navigation.isEnabled()
    assert "提案" in window.roster.note.text() and window.roster.note.isVisible()
    assert not window.roster.search.isEnabled()
    qtbot.waitUntil(window.runner.is_idle, timeout=20_000)
    shot(window, "unit-account-main-window")
    assert window.motions_action.isEnabled()
    for action in (window.meetings_action, window.decisions_action, window.add_person_action):
        assert not action.isEnabled()
        assert "承办单位" in action.toolTip()


def test_signing_out_closes_the_windows_and_asks_again(qtbot, window: MainWindow) -> None:
    sign_in(qtbot, window, "wang", ACCOUNTS["wang"][2])
    accounts = window.open_accounts()
    assert accounts is not None and accounts.isVisible()
    window.sign_out_action.trigger()
    dialog = sign_in_dialog(qtbot, window)
    assert window.ctx is None
    assert window.roster.model.rowCount() == 0
    qtbot.waitUntil(lambda: not window.findChildren(AccountsWindow))  # gone, not hidden
    assert not window.sign_out_action.isEnabled()
    assert not window.accounts_action.isEnabled()
    type_credentials(qtbot, dialog, "zhao", ACCOUNTS["zhao"][2])
    with qtbot.waitSignal(window.roster.roster_shown, timeout=20_000):
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert window.user_label.text() == "操作人：赵强（只读）"
    assert not window.accounts_action.isEnabled()


def test_without_sign_in_the_window_opens_as_before(harness) -> None:
    window = harness.window
    assert window.ctx is not None and window.ctx.account is None
    assert window.sign_in_dialog is None
    assert window.user_label.text() == "操作人：clerk"
    assert not window.sign_out_action.isVisible()
    assert not window.password_action.isEnabled()
    assert window.accounts_action.isEnabled() and window.profile_action.isEnabled()


def _smoke(database: Path, png: Path, user: str, password: str | None) -> tuple[int, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONIOENCODING="utf-8")
    env.pop("YISHI_PASSWORD", None)
    if password is not None:
        env["YISHI_PASSWORD"] = password
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "desktop",
            "--database",
            sqlite_url(database),
            "--user",
            user,
            "gui",
            "--smoke",
            str(png),
        ],
        cwd=Path(__file__).resolve().parents[2],
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=90,
        check=False,
    )
    return done.returncode, done.stderr


@pytest.mark.slow
def test_smoke_signs_in_with_the_user_and_yishi_password(
    required: StartupSettings, db_path: Path, tmp_path: Path
) -> None:
    png = tmp_path / "smoke.png"
    code, err = _smoke(db_path, png, "wang", ACCOUNTS["wang"][2])
    assert code == 0, err
    assert png.is_file() and png.stat().st_size > 0
    assert _attempts(db_path)[-1] == ("sign_in", "wang", None)
    code, err = _smoke(db_path, tmp_path / "no.png", "wang", None)
    assert code == 1 and "YISHI_PASSWORD" in err
    code, err = _smoke(db_path, tmp_path / "no.png", "wang", "Wrong-2026-x")
    assert code == 1 and message("account_refused") in err


def test_any_signed_in_account_changes_its_password_from_the_menu(
    qtbot, window: MainWindow, db_path: Path
) -> None:
    sign_in(qtbot, window, "zhao", ACCOUNTS["zhao"][2])
    assert window.password_action.isEnabled()
    window.password_action.trigger()
    qtbot.waitUntil(lambda: window.password_dialog is not None, timeout=5_000)
    form = window.password_dialog
    assert form is not None and not form.forced
    activate(qtbot, form)
    qtbot.keyClicks(form.old, "Not-the-old-1")
    qtbot.keyClick(form.old, Qt.Key.Key_Tab)
    qtbot.keyClicks(form.new, "Fresh-2026-desk")
    qtbot.keyClick(form.new, Qt.Key.Key_Tab)
    qtbot.keyClicks(form.again, "Fresh-2026-desk")
    qtbot.keyClick(form.again, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: message("password_old_wrong") in form.message.text(), timeout=20_000)
    assert form.isVisible() and form.old.text() == "" and form.new.text() == "Fresh-2026-desk"
    qtbot.keyClicks(form.old, ACCOUNTS["zhao"][2])
    qtbot.keyClick(form.old, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not form.isVisible(), timeout=20_000)
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == "密码已修改。")
    assert window.ctx is not None
    assert (
        core_sign_in(window.ctx.db, login="zhao", password="Fresh-2026-desk").account.login
        == "zhao"
    )
