"""The 账户 window's forms: 新增账户, 修改角色 and 重置密码, each one command of the core."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QWidget

from models.domain.roles import ROLE_NAMES, Role
from models.services.accounts.contracts import AccountDraft, AccountRow
from views.accounts.password_dialog import (
    mismatch_text,
    password_field,
    password_rules_text,
    rule_problem,
)
from views.background import Runner
from views.form_dialog import FormDialog

if TYPE_CHECKING:
    from models.services.common.context import AppContext


class _RoleFields(FormDialog):
    """A role drop-down with the Chinese names, and the unit drop-down it enables only for a
    承办单位 account."""

    def _add_role_fields(self, units: list[str], role: Role, unit: str | None) -> None:
        self.role = self.add_field("role", self.tr("角色(&R)："), QComboBox())
        for each in Role:
            self.role.addItem(ROLE_NAMES[each], each)
        self.role.setCurrentIndex(list(Role).index(role))
        self.unit = self.add_field(
            "unit", self.tr("所属单位(&U)："), QComboBox(), self.tr("只有承办单位账户指定所属单位")
        )
        self.unit.addItems(units)
        if unit and unit in units:
            self.unit.setCurrentText(unit)
        self.role.currentIndexChanged.connect(self._role_changed)
        self._role_changed()

    def _role_changed(self) -> None:
        """Only a 承办单位 account shows a unit; the others show none rather than a grey one."""
        for_unit = self.chosen_role() is Role.UNIT
        self.unit.setEnabled(for_unit)
        if not for_unit:
            self.unit.setCurrentIndex(-1)
        elif self.unit.currentIndex() < 0 and self.unit.count():
            self.unit.setCurrentIndex(0)

    def chosen_role(self) -> Role:
        return Role(self.role.currentData())  # Qt hands a StrEnum back as its str

    def chosen_unit(self) -> str | None:
        if self.chosen_role() is not Role.UNIT:
            return None
        return self.unit.currentText() or None


class NewAccountForm(_RoleFields):
    def __init__(
        self, runner: Runner, ctx: AppContext, *, units: list[str], parent: QWidget | None = None
    ) -> None:
        super().__init__(runner, self.tr("新增账户"), parent)
        self.ctx = ctx
        self.created: AccountRow | None = None
        self.login = self.add_field(
            "login",
            self.tr("账户名(&N)："),
            QLineEdit(),
            self.tr("小写字母开头，只含小写字母、数字和下划线，如 zhangsan"),
        )
        self.display_name = self.add_field("display_name", self.tr("姓名(&M)："), QLineEdit())
        self._add_role_fields(units, Role.SECRETARIAT, None)
        self.password = self.add_field(
            "password", self.tr("初始密码(&P)："), password_field(), password_rules_text()
        )
        self.again = self.add_field("again", self.tr("再次输入密码(&A)："), password_field())
        note = QLabel(self.tr("初始密码请当面告知本人；本人首次登录时须改为自己的密码。"))
        note.setWordWrap(True)
        self.form.addRow(note)
        self.ok_button().setText(self.tr("新增(&S)"))
        self.login.setFocus()

    def submit(self) -> None:
        login, password = self.login.text().strip(), self.password.text()
        problem = rule_problem(password, self.again.text(), login=login)
        if problem is None and password != self.again.text():
            problem = ("again", mismatch_text())
        if problem is not None:
            field = "password" if problem[0] == "new_password" else problem[0]
            self.show_problem(field, problem[1])
            self.fields[field].setFocus()
            return
        draft = AccountDraft(
            login=login,
            display_name=self.display_name.text().strip(),
            role=self.chosen_role(),
            password=password,
            unit_name=self.chosen_unit(),
        )
        from views.ops import accounts as ops

        ctx = self.ctx
        self.run_command(lambda: ops.add_account(ctx, draft=draft), self._created)

    def _created(self, row: AccountRow) -> None:
        self.created = row
        self.accept()


class RoleForm(_RoleFields):
    def __init__(
        self,
        runner: Runner,
        ctx: AppContext,
        account: AccountRow,
        *,
        units: list[str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner, self.tr("修改角色"), parent)
        self.ctx, self.account = ctx, account
        who = QLabel(
            self.tr("账户：%1（%2）")
            .replace("%1", account.login)
            .replace("%2", account.display_name)
        )
        who.setAccessibleName(self.tr("账户"))
        self.form.addRow(who)
        self._add_role_fields(units, account.role, account.unit_name)
        self.ok_button().setText(self.tr("保存(&S)"))
        self.role.setFocus()

    def submit(self) -> None:
        from views.ops import accounts as ops

        ctx, login, role, unit = (
            self.ctx,
            self.account.login,
            self.chosen_role(),
            self.chosen_unit(),
        )
        self.run_command(
            lambda: ops.set_role(ctx, login=login, role=role, unit_name=unit),
            lambda _row: self.accept(),
        )


class ResetPasswordForm(FormDialog):
    def __init__(
        self, runner: Runner, ctx: AppContext, account: AccountRow, parent: QWidget | None = None
    ) -> None:
        super().__init__(runner, self.tr("重置密码"), parent)
        self.ctx, self.account = ctx, account
        who = QLabel(
            self.tr("为账户 %1（%2）设置新密码。本人下次登录时须改为自己的密码。")
            .replace("%1", account.login)
            .replace("%2", account.display_name)
        )
        who.setWordWrap(True)
        self.form.addRow(who)
        self.password = self.add_field(
            "password", self.tr("新密码(&P)："), password_field(), password_rules_text()
        )
        self.again = self.add_field("again", self.tr("再次输入新密码(&A)："), password_field())
        self.ok_button().setText(self.tr("重置(&S)"))
        self.password.setFocus()

    def submit(self) -> None:
        password = self.password.text()
        problem = rule_problem(password, self.again.text(), login=self.account.login)
        if problem is None and password != self.again.text():
            problem = ("again", mismatch_text())
        if problem is not None:
            field = "password" if problem[0] == "new_password" else problem[0]
            self.show_problem(field, problem[1])
            self.fields[field].setFocus()
            return
        from views.ops import accounts as ops

        ctx, login = self.ctx, self.account.login
        self.run_command(
            lambda: ops.reset_password(ctx, login=login, password=password),
            lambda _row: self.accept(),
        )
