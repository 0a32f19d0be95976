"""A copy of the demo with accounts and sign-in required, and the window opened on it as
`yishi gui` opens it: the lane hands back a gate, the sign-in dialog shows over the window."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.database import connect
from desktop.gui import build_window, open_context
from desktop.settings import StartupSettings
from models.domain.roles import Role
from models.services.accounts.commands import (
    add_account,
    change_password,
    set_sign_in_required,
)
from models.services.accounts.contracts import AccountDraft
from views.accounts.sign_in_dialog import SignInDialog
from views.main_window import MainWindow

from .helpers import query

# login → (display name, role, the password its owner chose); "liu" still has the initial one.
ACCOUNTS = {
    "wang": ("王芳", Role.ADMIN, "Hong-2026-desk"),
    "zhao": ("赵强", Role.READONLY, "Lan-2026-desk"),
    "qian": ("钱进", Role.UNIT, "Lv-2026-desk"),
}
INITIAL = "Initial-2026-x"
NEW_CLERK = ("liu", "刘敏", Role.SECRETARIAT)


def first_unit(path: Path) -> str:
    return str(query(path, "SELECT name FROM handling_unit WHERE active ORDER BY id")[0][0])


def add_accounts(settings: StartupSettings, path: Path, *, require: bool = True) -> None:
    """The accounts above on the database, then (by default) sign-in required."""
    db = connect(settings)
    try:
        unit = first_unit(path)
        for login, (name, role, chosen) in ACCOUNTS.items():
            draft = AccountDraft(
                login, name, role, INITIAL, unit_name=unit if role is Role.UNIT else None
            )
            add_account(db, user=settings.user, draft=draft)
            change_password(db, user=login, old_password=INITIAL, new_password=chosen)
        login, name, role = NEW_CLERK
        add_account(db, user=settings.user, draft=AccountDraft(login, name, role, INITIAL))
        if require:
            set_sign_in_required(db, user="wang", required=True)
    finally:
        db.engine.dispose()


def open_window(qtbot: Any, settings: StartupSettings) -> MainWindow:
    window = build_window(settings)
    qtbot.addWidget(window)
    window.show()
    window.open_database(lambda: open_context(settings))
    return window


def sign_in_dialog(qtbot: Any, window: MainWindow) -> SignInDialog:
    qtbot.waitUntil(
        lambda: window.sign_in_dialog is not None and window.sign_in_dialog.isVisible(),
        timeout=20_000,
    )
    dialog = window.sign_in_dialog
    assert dialog is not None
    activate(qtbot, dialog)
    return dialog


def activate(qtbot: Any, widget: QWidget) -> None:
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)


def type_credentials(qtbot: Any, dialog: SignInDialog, login: str, password: str) -> None:
    """As a clerk types: the name (replacing what was offered), Tab, the password."""
    dialog.login.setFocus()
    dialog.login.selectAll()
    qtbot.keyClicks(dialog.login, login)
    qtbot.keyClick(dialog.login, Qt.Key.Key_Tab)
    assert dialog.password.hasFocus()
    qtbot.keyClicks(dialog.password, password)


def sign_in(qtbot: Any, window: MainWindow, login: str, password: str) -> None:
    """Sign in with Enter and wait for the first roster (or its known absence)."""
    dialog = sign_in_dialog(qtbot, window)
    type_credentials(qtbot, dialog, login, password)
    with qtbot.waitSignal(window.roster.roster_shown, timeout=20_000):
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)


def yes(box: QWidget) -> None:
    """Answer 是 to a question; the form a question leads to is left to the test."""
    if isinstance(box, QMessageBox):
        box.button(QMessageBox.StandardButton.Yes).click()


def questions(seen: list[dict[str, Any]]) -> list[str]:
    """The titles of the message boxes a ModalAnswerer saw (not the forms after them)."""
    return [s["title"] for s in seen if s["type"] == "QMessageBox"]


def close(qtbot: Any, window: MainWindow) -> None:
    # What the first roster queued (the due notices, the daily backup) starts first.
    qtbot.wait(100)
    qtbot.waitUntil(window.runner.is_idle, timeout=20_000)
    window.close()
    assert window.runner.wait_idle(10_000)
