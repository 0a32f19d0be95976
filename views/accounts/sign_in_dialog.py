"""登录: the first thing a database that requires sign-in shows, over the painted window.

The check runs on the lane (argon2 takes a tenth of a second, and every attempt is written to
the change log); a refusal is the core's one message, whatever was wrong, so the dialog never
tells a stranger whether a name exists.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from views.background import Runner
from views.error_presenter import describe

if TYPE_CHECKING:
    from models.services.accounts.contracts import SignInResult

Attempt = Callable[[str, str], "SignInResult"]


class SignInDialog(QDialog):
    """登录 (Enter) tries the name and password; 退出 (Esc) closes the program. On success
    `result_value` holds the account and whether its password must be changed first."""

    def __init__(
        self,
        runner: Runner,
        attempt: Attempt,
        *,
        login: str = "",
        database: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.attempt = attempt
        self.busy = False
        self.result_value: SignInResult | None = None
        self.setWindowTitle(self.tr("登录议事"))
        self.setAccessibleName(self.tr("登录"))
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("身" * 28))
        intro = QLabel(
            self.tr("本数据库须登录使用。请输入您的账户名和密码。")
            + (self.tr("\n数据库：%1").replace("%1", database) if database else "")
        )
        intro.setWordWrap(True)
        intro.setAccessibleName(self.tr("说明"))

        self.login = QLineEdit(login)
        self.login.setAccessibleName(self.tr("账户名"))
        self.login.setAccessibleDescription(self.tr("管理员为您开设的账户名，如 zhangsan"))
        self.login.textChanged.connect(self._update)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(self.tr("密码"))
        self.password.textChanged.connect(self._update)
        # Enter after the name moves on to the password (with both typed, it signs in).
        self.login.returnPressed.connect(
            lambda: self.password.setFocus() if not self.password.text() else None
        )
        login_label = QLabel(self.tr("账户名(&N)："))
        login_label.setBuddy(self.login)
        password_label = QLabel(self.tr("密码(&P)："))
        password_label.setBuddy(self.password)
        form = QFormLayout()
        form.addRow(login_label, self.login)
        form.addRow(password_label, self.password)

        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setAccessibleName(self.tr("错误"))
        self.problem.setStyleSheet("color: #b00020;")
        self.problem.setVisible(False)

        self.buttons = QDialogButtonBox()
        self.sign_in_button = self.buttons.addButton(
            self.tr("登录(&L)"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.sign_in_button.setAccessibleName(self.tr("登录"))
        self.sign_in_button.setDefault(True)
        self.quit_button = self.buttons.addButton(
            self.tr("退出(&Q)"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.quit_button.setAccessibleName(self.tr("退出程序"))
        self.quit_button.setAutoDefault(False)
        self.buttons.accepted.connect(self.try_sign_in)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.setTabOrder(self.login, self.password)
        self.setTabOrder(self.password, self.sign_in_button)
        self.setTabOrder(self.sign_in_button, self.quit_button)
        (self.password if login else self.login).setFocus()
        self._update()

    def _update(self) -> None:
        ready = bool(self.login.text().strip()) and bool(self.password.text())
        self.sign_in_button.setEnabled(ready and not self.busy)

    def try_sign_in(self) -> None:
        login, password = self.login.text().strip(), self.password.text()
        if self.busy or not login or not password:
            return
        self.busy = True
        self.login.setReadOnly(True)
        self.password.setReadOnly(True)
        self._update()
        self.problem.setText(self.tr("正在核对…"))
        self.problem.setStyleSheet("")
        self.problem.setVisible(True)
        attempt = self.attempt
        self.runner.submit(
            lambda: attempt(login, password), on_done=self._granted, on_error=self._refused
        )

    def _granted(self, result: SignInResult) -> None:
        self.busy = False
        self.result_value = result
        self.password.clear()
        self.accept()

    def _refused(self, error: BaseException) -> None:
        """The name stays, the password goes, and the cursor waits in it for another try."""
        self.busy = False
        self.login.setReadOnly(False)
        self.password.setReadOnly(False)
        self.password.clear()
        self.problem.setStyleSheet("color: #b00020;")
        self.problem.setText(describe(error))
        self.problem.setVisible(True)
        self.password.setFocus()
        self._update()
