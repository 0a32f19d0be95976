"""修改密码: the account's own password, after an administrator set it (before the window is
used; 退出 then closes the program) or from the menu at any time."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from models.domain.errors import DomainError
from models.domain.messages import message
from models.domain.passwords import MIN_LENGTH, check_password
from views.background import Runner
from views.form_dialog import FormDialog

if TYPE_CHECKING:
    from models.services.common.context import AppContext


def password_field() -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    return field


def password_rules_text() -> str:
    return QCoreApplication.translate(
        "PasswordRules",
        "至少 %1 个字符，含字母、数字、符号中的至少两类，不含账户名，不用常见密码。",
    ).replace("%1", str(MIN_LENGTH))


def mismatch_text() -> str:
    return QCoreApplication.translate("PasswordRules", "两次输入的新密码不一致。")


def rule_problem(password: str, again: str, *, login: str) -> tuple[str, str] | None:
    """(field, message) of what is wrong with a new password typed twice, or None."""
    if password:
        try:
            check_password(password, login=login)
        except DomainError as error:
            return "new_password", message(error.code, error.params)
    if again and password != again:
        return "again", mismatch_text()
    return None


class PasswordDialog(FormDialog):
    """Old password, new one twice; the rules are checked as the clerk types, and again by the
    core when 修改 is pressed."""

    def __init__(
        self,
        runner: Runner,
        ctx: AppContext,
        *,
        forced: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner, self.tr("修改密码"), parent)
        self.ctx = ctx
        self.forced = forced
        intro = QLabel(
            self.tr("您的密码由管理员设置，请先改为只有您自己知道的密码，再开始使用。")
            if forced
            else self.tr("修改账户“%1”的登录密码。").replace("%1", ctx.user)
        )
        intro.setWordWrap(True)
        self.form.addRow(intro)
        self.old = self.add_field("old_password", self.tr("原密码(&O)："), password_field())
        self.new = self.add_field(
            "new_password", self.tr("新密码(&N)："), password_field(), password_rules_text()
        )
        self.again = self.add_field("again", self.tr("再次输入新密码(&A)："), password_field())
        rules = QLabel(self.tr("密码要求：") + password_rules_text())
        rules.setWordWrap(True)
        rules.setAccessibleName(self.tr("密码要求"))
        self.form.addRow(rules)
        self.ok_button().setText(self.tr("修改(&S)"))
        cancel = self.buttons.button(self.buttons.StandardButton.Cancel)
        cancel.setText(self.tr("退出(&Q)") if forced else self.tr("取消"))
        if forced:
            cancel.setAccessibleName(self.tr("退出程序"))
        self.new.textChanged.connect(self._check)
        self.again.textChanged.connect(self._check)
        self.setTabOrder(self.old, self.new)
        self.setTabOrder(self.new, self.again)
        self.old.setFocus()

    def _check(self) -> None:
        problem = rule_problem(self.new.text(), self.again.text(), login=self.ctx.user)
        if problem is None:
            self.clear_problem()
        else:
            self.show_problem(problem[0], problem[1], is_error=False)

    def submit(self) -> None:
        old, new = self.old.text(), self.new.text()
        if not old:
            self.show_problem("old_password", self.tr("请输入原密码。"))
            self.old.setFocus()
            return
        problem = rule_problem(new, self.again.text(), login=self.ctx.user)
        if problem is None and new != self.again.text():
            problem = ("again", mismatch_text())
        if problem is not None:
            self.show_problem(*problem)
            self.fields[problem[0]].setFocus()
            return
        from views.ops import accounts as ops

        ctx = self.ctx
        self.run_command(
            lambda: ops.change_password(ctx, old_password=old, new_password=new),
            lambda _row: self.accept(),
            self._refused,
        )

    def _refused(self, error: DomainError) -> bool:
        if error.field == "password":  # the core's rules name the new password
            self.show_problem("new_password", message(error.code, error.params))
            self.new.setFocus()
            return True
        if error.field == "old_password":
            self.old.clear()
        return False
