"""账户与权限 on a copy of the demo, driven from the keyboard: 新增, 修改角色, 停用 with its
confirmation, 重置密码, and the 须登录使用 switch refused without an administrator."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt

from models.domain.messages import message
from models.domain.roles import ROLE_NAMES, Role
from models.services.accounts.contracts import AccountRow
from models.services.accounts.signing import sign_in
from views.accounts.account_forms import NewAccountForm, ResetPasswordForm, RoleForm
from views.accounts.account_table_model import account_status
from views.accounts.accounts_window import AccountsWindow
from views.form_dialog import FormDialog

from .accounts_support import activate, first_unit, questions, yes
from .helpers import ModalAnswerer, WindowHarness, shot, type_text, unnamed_focusable


@pytest.fixture
def accounts(harness: WindowHarness) -> Iterator[AccountsWindow]:
    h = harness
    h.window.activateWindow()
    h.qtbot.waitUntil(h.window.isActiveWindow)
    h.qtbot.keyClick(
        h.window,
        Qt.Key.Key_A,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    found = h.window.findChildren(AccountsWindow)
    assert found, "Ctrl+Shift+A opens 账户与权限"
    window = found[0]
    h.qtbot.waitUntil(lambda: window.loaded, timeout=20_000)
    activate(h.qtbot, window)
    yield window
    h.idle()


def _form(h: WindowHarness, window: AccountsWindow, key: Qt.Key) -> FormDialog:
    activate(h.qtbot, window)
    window.table.setFocus()
    h.qtbot.keyClick(window.table, key, Qt.KeyboardModifier.AltModifier)
    h.qtbot.waitUntil(lambda: window.form is not None and window.form.isVisible())
    form = window.form
    assert form is not None
    activate(h.qtbot, form)
    return form


def _saved(h: WindowHarness, window: AccountsWindow, form: FormDialog) -> None:
    h.qtbot.keyClick(form.focusWidget(), Qt.Key.Key_Return)
    h.qtbot.waitUntil(lambda: window.form is None or "错误" in form.message.text(), timeout=20_000)
    assert window.form is None, form.message.text()
    h.qtbot.waitUntil(lambda: window.loaded, timeout=20_000)


def _row(window: AccountsWindow, login: str):
    (row,) = [r for r in window.rows() if r.login == login]
    return row


def _select(window: AccountsWindow, login: str) -> None:
    window.table.selectRow([r.login for r in window.rows()].index(login))


def _add(h: WindowHarness, window: AccountsWindow, login: str, name: str, role: Role) -> None:
    form = _form(h, window, Qt.Key.Key_N)
    assert isinstance(form, NewAccountForm)
    assert unnamed_focusable(form) == []
    assert form.login.hasFocus()
    h.qtbot.keyClicks(form.login, login)
    h.qtbot.keyClick(form.login, Qt.Key.Key_Tab)
    type_text(h.qtbot, form.display_name, name)
    h.qtbot.keyClick(form.display_name, Qt.Key.Key_Tab)
    assert form.role.hasFocus()
    assert not form.unit.isEnabled()
    form.role.setCurrentIndex(form.role.findText(ROLE_NAMES[role]))
    h.qtbot.keyClick(form.role, Qt.Key.Key_Tab)
    assert form.password.hasFocus()  # the unit drop-down is skipped unless 承办单位
    h.qtbot.keyClicks(form.password, "Start-2026-a")
    h.qtbot.keyClick(form.password, Qt.Key.Key_Tab)
    h.qtbot.keyClicks(form.again, "Start-2026-a")
    shot(form, "new-account-form")
    _saved(h, window, form)


def test_lists_and_adds_an_account_from_the_keyboard(
    harness: WindowHarness, accounts: AccountsWindow, qtmodeltester
) -> None:
    h, window = harness, accounts
    qtmodeltester.check(window.model)
    assert unnamed_focusable(window) == []
    headers = [window.model.headerData(c, Qt.Orientation.Horizontal) for c in range(6)]
    assert headers == ["账户名", "姓名", "角色", "所属单位", "状态", "须改密码"]
    assert _row(window, "clerk").has_password is False  # recorded before accounts
    _add(h, window, "sun_li", "孙丽", Role.SECRETARIAT)
    row = _row(window, "sun_li")
    assert (row.display_name, row.role, row.active, row.must_change_password) == (
        "孙丽",
        Role.SECRETARIAT,
        True,
        True,
    )
    shown = window.model.index(window.rows().index(row), 4).data()
    assert shown == "启用"
    assert window.message.text() == "已新增账户。"
    window.grab().save("/tmp/yishi-accounts.png")


def test_a_refused_draft_keeps_what_was_typed(
    harness: WindowHarness, accounts: AccountsWindow
) -> None:
    h, window = harness, accounts
    form = _form(h, window, Qt.Key.Key_N)
    assert isinstance(form, NewAccountForm)
    h.qtbot.keyClicks(form.login, "Bad Name")
    form.display_name.setText("某人")
    form.password.setText("Start-2026-a")
    form.again.setText("Start-2026-a")
    h.qtbot.keyClick(form.again, Qt.Key.Key_Return)
    h.qtbot.waitUntil(lambda: "账户名" in form.message.text(), timeout=20_000)
    assert form.isVisible() and form.login.text() == "Bad Name"
    assert form.login.hasFocus()
    form.reject()


def test_changes_a_role_disables_and_resets_a_password(
    harness: WindowHarness, accounts: AccountsWindow
) -> None:
    h, window = harness, accounts
    _add(h, window, "zhou_bo", "周波", Role.READONLY)
    unit = first_unit(h.db_path)

    _select(window, "zhou_bo")
    form = _form(h, window, Qt.Key.Key_R)
    assert isinstance(form, RoleForm)
    form.role.setCurrentIndex(form.role.findText(ROLE_NAMES[Role.UNIT]))
    assert form.unit.isEnabled()
    form.unit.setCurrentText(unit)
    _saved(h, window, form)
    row = _row(window, "zhou_bo")
    assert (row.role, row.unit_name) == (Role.UNIT, unit)

    answerer = ModalAnswerer(answer=yes).start()
    try:
        _select(window, "zhou_bo")
        form = _form(h, window, Qt.Key.Key_P)
    finally:
        answerer.stop()
    assert questions(answerer.seen) == ["重置密码"]
    assert isinstance(form, ResetPasswordForm)
    h.qtbot.keyClicks(form.password, "Reset-2026-b")
    h.qtbot.keyClick(form.password, Qt.Key.Key_Tab)
    h.qtbot.keyClicks(form.again, "Reset-2026-b")
    _saved(h, window, form)
    assert sign_in(h.ctx.db, login="zhou_bo", password="Reset-2026-b").must_change_password

    answerer = ModalAnswerer(answer=yes).start()
    try:
        _select(window, "zhou_bo")
        activate(h.qtbot, window)
        window.table.setFocus()
        h.qtbot.keyClick(window.table, Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)
        h.qtbot.waitUntil(lambda: not _row(window, "zhou_bo").active, timeout=20_000)
    finally:
        answerer.stop()
    assert questions(answerer.seen) == ["停用账户"]
    assert "周波" in answerer.seen[0]["text"]
    assert window.model.index(window.rows().index(_row(window, "zhou_bo")), 4).data() == "停用"
    assert window.active_button.text().replace("&", "") == "启用(T)"


def test_declining_the_confirmation_disables_nothing(
    harness: WindowHarness, accounts: AccountsWindow
) -> None:
    h, window = harness, accounts
    _add(h, window, "wu_fang", "吴芳", Role.LEADER)
    answerer = ModalAnswerer(button=None).start()  # rejects the question
    try:
        _select(window, "wu_fang")
        window.active_button.click()
    finally:
        answerer.stop()
    assert questions(answerer.seen) == ["停用账户"]
    h.idle()
    assert _row(window, "wu_fang").active


def test_sign_in_switch_needs_an_administrator(
    harness: WindowHarness, accounts: AccountsWindow
) -> None:
    h, window = harness, accounts
    answerer = ModalAnswerer(answer=yes).start()
    try:
        window.required.click()
        h.qtbot.waitUntil(lambda: window.required.isEnabled(), timeout=20_000)
    finally:
        answerer.stop()
    assert questions(answerer.seen) == ["须登录使用"]
    assert "下次启动" in answerer.seen[0]["text"]
    assert message("sign_in_needs_admin") in window.message.text()
    assert not window.required.isChecked()
    assert h.query("SELECT value FROM setting WHERE key = 'accounts.sign_in_required'") in (
        [],
        [("0",)],
    )

    _add(h, window, "zheng_an", "郑安", Role.ADMIN)
    answerer = ModalAnswerer(answer=yes).start()
    try:
        window.required.click()
        h.qtbot.waitUntil(lambda: window.message.text().startswith("已开启"), timeout=20_000)
    finally:
        answerer.stop()
    assert window.required.isChecked()
    assert h.query("SELECT value FROM setting WHERE key = 'accounts.sign_in_required'") == [("1",)]


def _account(**changes: object) -> AccountRow:
    row = AccountRow(
        id=1,
        login="he_yu",
        display_name="何雨",
        role=Role.SECRETARIAT,
        active=True,
        has_password=True,
        must_change_password=False,
        locked_until=None,
        unit_id=None,
        unit_name=None,
    )
    return replace(row, **changes)  # type: ignore[arg-type]


def test_the_status_column_says_disabled_locked_or_no_password() -> None:
    now = datetime(2026, 12, 4, 8, 0, tzinfo=UTC)
    until = now + timedelta(minutes=15)
    assert account_status(_account(), now) == "启用"
    assert account_status(_account(active=False), now) == "停用"
    assert account_status(_account(has_password=False), now) == "未设密码"
    locked = account_status(_account(locked_until=until), now)
    assert locked == f"锁定至 {until.astimezone().strftime('%H:%M')}"
    assert account_status(_account(locked_until=now - timedelta(minutes=1)), now) == "启用"
