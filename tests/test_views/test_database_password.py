"""The passphrase dialog an encrypted database shows at start, and the window opening through it."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QWidget

from desktop.gui import build_window, open_unlocked, unlock_database
from desktop.settings import StartupSettings
from models.domain.messages import message
from models.store import cipher, cipher_files
from views.database_password import DatabasePasswordDialog

from .helpers import ModalAnswerer, shot, sqlite_url, type_text, unnamed_focusable

PASSWORD = "wrong-horse-battery"


@pytest.fixture(autouse=True)
def _no_secrets_between_tests() -> Iterator[None]:
    cipher.forget_passwords()
    yield
    cipher.forget_passwords()


@pytest.fixture
def encrypted(demo_file: Path, tmp_path: Path) -> tuple[Path, str]:
    """A copy of the demo, encrypted; with its recovery key."""
    path = tmp_path / "yishi.sqlite3"
    shutil.copy(demo_file, path)
    done = cipher_files.encrypt_file(path, PASSWORD)
    cipher.forget_passwords()
    assert done.recovery_key is not None
    return path, done.recovery_key


def test_the_dialog_is_keyboard_complete_and_says_why_it_stays_open(qtbot):
    tried: list[str] = []

    def verify(secret: str) -> str | None:
        tried.append(secret)
        return None if secret == "right-one!" else "数据库密码不正确。"

    dialog = DatabasePasswordDialog("/data/yishi.sqlite3", verify)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert unnamed_focusable(dialog) == []
    assert dialog.focusWidget() is dialog.secret or dialog.secret.hasFocus()
    assert dialog.secret.echoMode() == QLineEdit.EchoMode.Password
    assert dialog.secret_label.buddy() is dialog.secret
    assert not dialog.open_button.isEnabled()  # nothing typed: nothing to try

    type_text(qtbot, dialog.secret, "not-it")
    qtbot.keyClick(dialog.secret, Qt.Key.Key_Return)
    assert tried == ["not-it"]
    assert dialog.isVisible()
    assert dialog.problem.isVisible() and "不正确" in dialog.problem.text()

    shot(dialog, "database_password_wrong")
    dialog.use_recovery.setChecked(True)  # what Alt+R does
    assert dialog.secret.echoMode() == QLineEdit.EchoMode.Normal
    assert dialog.secret.accessibleName() == "恢复密钥"
    shot(dialog, "database_password")
    dialog.secret.clear()
    type_text(qtbot, dialog.secret, "right-one!")
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog.secret, Qt.Key.Key_Return)
    assert tried == ["not-it", "right-one!"]


def test_escape_quits(qtbot):
    dialog = DatabasePasswordDialog("/data/yishi.sqlite3", lambda _secret: None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    with qtbot.waitSignal(dialog.rejected):
        qtbot.keyClick(dialog.secret, Qt.Key.Key_Escape)


def _answer_with(*secrets: str) -> tuple[ModalAnswerer, list[str]]:
    """Type each secret in turn into the passphrase dialog; note the problem shown in between."""
    problems: list[str] = []
    queue = list(secrets)

    def answer(modal: QWidget) -> None:
        assert isinstance(modal, DatabasePasswordDialog)
        for secret in queue:
            modal.secret.setText(secret)
            modal.try_open()
            if modal.problem.isVisible():
                problems.append(modal.problem.text())
        if modal.isVisible():
            modal.reject()

    return ModalAnswerer(answer=answer).start(), problems


def test_a_wrong_passphrase_then_the_recovery_key_opens_it(qtbot, encrypted):
    path, recovery = encrypted
    holder = QWidget()
    qtbot.addWidget(holder)
    answerer, problems = _answer_with("guess-one", recovery.lower())
    try:
        assert unlock_database(holder, sqlite_url(path)) is True
    finally:
        answerer.stop()
    assert problems == [message("database_password_wrong", {"path": str(path)})]
    assert cipher.database_key(path)  # this process now holds the key


def test_the_window_opens_an_encrypted_database_after_the_passphrase(qtbot, encrypted):
    path, _recovery = encrypted
    settings = StartupSettings(database_url=sqlite_url(path), user="clerk")
    window = build_window(settings)
    qtbot.addWidget(window)
    window.show()
    answerer, problems = _answer_with(PASSWORD)
    try:
        with qtbot.waitSignal(window.roster.roster_shown, timeout=30_000) as shown:
            open_unlocked(window, settings)
    finally:
        answerer.stop()
    assert problems == []
    assert shown.args[0] > 0  # the demo's people, read through the key
    # Still unreadable without it.
    with closing(sqlite3.connect(path)) as plain, pytest.raises(sqlite3.DatabaseError):
        plain.execute("SELECT count(*) FROM person").fetchone()
    window.close()


def test_quitting_the_dialog_closes_the_window_and_opens_nothing(qtbot, encrypted):
    path, _recovery = encrypted
    settings = StartupSettings(database_url=sqlite_url(path), user="clerk")
    window = build_window(settings)
    qtbot.addWidget(window)
    window.show()
    answerer, _problems = _answer_with()
    try:
        open_unlocked(window, settings)
    finally:
        answerer.stop()
    assert not window.isVisible()
    assert window.ctx is None


@pytest.mark.slow
def test_smoke_opens_an_encrypted_database_with_the_environment_password(
    encrypted, tmp_path, monkeypatch
):
    from .test_smoke import run_smoke

    path, _recovery = encrypted
    monkeypatch.delenv("YISHI_DB_PASSWORD", raising=False)
    refused = run_smoke(path, tmp_path / "refused.png")
    assert refused.returncode == 1
    assert "已加密" in refused.stderr and "Traceback" not in refused.stderr
    assert not (tmp_path / "refused.png").exists()

    monkeypatch.setenv("YISHI_DB_PASSWORD", PASSWORD)
    opened = run_smoke(path, tmp_path / "opened.png")
    assert opened.returncode == 0, opened.stderr
    assert (tmp_path / "opened.png").stat().st_size > 0
