"""账户与权限: an administrator's list of accounts, their roles and passwords, and whether this
database asks everyone to sign in. Every change is one command of the core, which checks again
that the clerk is an administrator."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from models.services.accounts.contracts import AccountRow
from views.accounts.account_forms import NewAccountForm, ResetPasswordForm, RoleForm
from views.accounts.account_table_model import AccountTableModel
from views.background import Runner
from views.error_presenter import describe
from views.form_dialog import FormDialog
from views.side_button import message_line, side_button, side_column

if TYPE_CHECKING:
    from models.services.common.context import AppContext

Loaded = tuple[list[AccountRow], bool, list[str]]


class AccountsWindow(QDialog):
    def __init__(self, runner: Runner, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner, self.ctx = runner, ctx
        self.loaded = False
        self.units: list[str] = []
        self.form: FormDialog | None = None
        self.setWindowTitle(self.tr("账户与权限"))
        self.setAccessibleName(self.windowTitle())

        self.model = AccountTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("账户列表"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)  # 所属单位: the long one
        self.table.doubleClicked.connect(lambda _index: self.change_role())

        self.add_button = side_button(
            self.tr("新增(&N)…"), self.tr("为一位同事开设账户"), self.add_account
        )
        self.role_button = side_button(
            self.tr("修改角色(&R)…"), self.tr("修改所选账户的角色或所属单位"), self.change_role
        )
        self.active_button = side_button(
            self.tr("停用(&T)"), self.tr("停用或重新启用所选账户；记录保留"), self.toggle_active
        )
        self.reset_button = side_button(
            self.tr("重置密码(&P)…"),
            self.tr("为忘记密码或被锁定的同事设置新密码"),
            self.reset_password,
        )
        close = side_button(self.tr("关闭(&C)"), self.tr("关闭（Esc）"), self.close)

        self.required = QCheckBox(self.tr("须登录使用(&L)"))
        self.required.setAccessibleName(self.tr("须登录使用"))
        explanation = QLabel(
            self.tr(
                "勾选后，从下次启动起，每位使用者须以自己的账户和密码登录，只能做其角色允许的事，"
                "所做操作记在本人名下。开启前须先有一个已设密码的管理员账户。"
                "不勾选时，任何打开本程序的人都以管理员身份工作。"
            )
        )
        explanation.setWordWrap(True)
        self.required.setAccessibleDescription(explanation.text())
        self.required.setEnabled(False)
        self.required.clicked.connect(self.toggle_required)

        self.message = message_line(self.tr("提示"))
        side = side_column(
            (self.add_button, self.role_button, self.active_button, self.reset_button), close
        )
        middle = QHBoxLayout()
        middle.addWidget(self.table, 1)
        middle.addLayout(side)
        sign_in_box = QGroupBox(self.tr("登录要求"))
        box_layout = QVBoxLayout(sign_in_box)
        box_layout.addWidget(self.required)
        box_layout.addWidget(explanation)
        layout = QVBoxLayout(self)
        layout.addLayout(middle, 1)
        layout.addWidget(sign_in_box)
        layout.addWidget(self.message)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.setTabOrder(self.table, self.add_button)
        self.resize(820, 480)
        self._update_buttons()
        self.load()

    # --- loading and the selection --------------------------------------------------------------

    def selected(self) -> AccountRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.account(rows[0].row()) if rows else None

    def rows(self) -> list[AccountRow]:
        return [self.model.account(r) for r in range(self.model.rowCount())]

    def load(self, select_login: str | None = None) -> None:
        current = self.selected()
        wanted = select_login or (current.login if current is not None else None)
        ctx = self.ctx
        from views.ops import accounts as ops

        def read() -> Loaded:
            return ops.accounts(ctx), ops.sign_in_required(ctx), ops.unit_names(ctx)

        self.loaded = False
        self.runner.submit(
            read,
            on_done=lambda loaded: self._loaded(loaded, wanted),
            on_error=lambda error: self.show_message(describe(error)),
        )

    def _loaded(self, loaded: Loaded, select_login: str | None) -> None:
        rows, required, self.units = loaded
        self.model.set_rows(rows)
        logins = [r.login for r in rows]
        if rows:
            self.table.selectRow(logins.index(select_login) if select_login in logins else 0)
        self.required.setChecked(required)
        self.required.setEnabled(True)
        self.loaded = True
        self._update_buttons()

    def _update_buttons(self) -> None:
        account = self.selected()
        for button in (self.role_button, self.active_button, self.reset_button):
            button.setEnabled(account is not None)
        if account is not None:
            self.active_button.setText(
                self.tr("停用(&T)") if account.active else self.tr("启用(&T)")
            )

    def show_message(self, text: str, *, is_error: bool = True) -> None:
        self.message.setText((self.tr("错误：") if is_error else "") + text)

    # --- the actions ----------------------------------------------------------------------------

    def _open_form(self, form: FormDialog, done: str) -> None:
        self.form = form
        form.finished.connect(lambda _code: setattr(self, "form", None))
        form.accepted.connect(lambda: self._form_done(form, done))
        form.open()

    def _form_done(self, form: FormDialog, done: str) -> None:
        created = form.created if isinstance(form, NewAccountForm) else None
        self.show_message(done, is_error=False)
        self.load(created.login if created is not None else None)

    def add_account(self) -> None:
        if self.loaded:
            form = NewAccountForm(self.runner, self.ctx, units=self.units, parent=self)
            self._open_form(form, self.tr("已新增账户。"))

    def change_role(self) -> None:
        account = self.selected()
        if account is not None:
            form = RoleForm(self.runner, self.ctx, account, units=self.units, parent=self)
            self._open_form(form, self.tr("已修改 %1 的角色。").replace("%1", account.login))

    def reset_password(self) -> None:
        account = self.selected()
        if account is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("重置密码"),
            self.tr("为账户 %1（%2）重置密码吗？本人须用新密码登录，并在登录后立即修改。")
            .replace("%1", account.login)
            .replace("%2", account.display_name),
        )
        if answer == QMessageBox.StandardButton.Yes:
            form = ResetPasswordForm(self.runner, self.ctx, account, parent=self)
            self._open_form(form, self.tr("已重置 %1 的密码。").replace("%1", account.login))

    def toggle_active(self) -> None:
        account = self.selected()
        if account is None:
            return
        active = not account.active
        question = (
            self.tr("重新启用账户 %1（%2）吗？启用后可以用原密码登录。")
            if active
            else self.tr("停用账户 %1（%2）吗？停用后不能再登录，其操作记录保留。")
        )
        answer = QMessageBox.question(
            self,
            self.tr("启用账户") if active else self.tr("停用账户"),
            question.replace("%1", account.login).replace("%2", account.display_name),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        from views.ops import accounts as ops

        ctx, login = self.ctx, account.login
        done = self.tr("已启用 %1。") if active else self.tr("已停用 %1。")
        self.runner.submit_command(
            lambda: ops.set_active(ctx, login=login, active=active),
            on_done=lambda _row: self._changed(done.replace("%1", login), login),
            on_error=lambda error: self.show_message(describe(error)),
            initiator=self,
        )

    def toggle_required(self, on: bool) -> None:
        """Turning it on says what changes and asks first; a refusal (no administrator who can
        sign in) is the core's message, and the box goes back."""
        if on:
            answer = QMessageBox.question(
                self,
                self.tr("须登录使用"),
                self.tr(
                    "开启后，从下次启动起，本程序将要求输入账户名和密码，"
                    "没有账户的人将无法使用。请确认您记得管理员账户的密码。继续吗？"
                ),
            )
            if answer != QMessageBox.StandardButton.Yes:
                self.required.setChecked(False)
                return
        from views.ops import accounts as ops

        ctx = self.ctx
        self.required.setEnabled(False)
        self.runner.submit_command(
            lambda: ops.set_sign_in_required(ctx, required=on),
            on_done=self._required_set,
            on_error=lambda error: self._required_refused(error, on),
            initiator=self,
        )

    def _required_set(self, required: bool) -> None:
        self.required.setEnabled(True)
        self.required.setChecked(required)
        if not required:
            text = self.tr("已关闭：无须登录。")
        elif self.ctx.account is None:
            # Working unsigned, this clerk is now refused by the core: say so, not a surprise.
            text = self.tr("已开启：请关闭议事，再以管理员账户登录；在此之前的操作都将被拒绝。")
        else:
            text = self.tr("已开启：下次启动时须登录。")
        self.show_message(text, is_error=False)

    def _required_refused(self, error: BaseException, wanted: bool) -> None:
        self.required.setEnabled(True)
        self.required.setChecked(not wanted)
        self.show_message(describe(error))

    def _changed(self, text: str, login: str) -> None:
        self.show_message(text, is_error=False)
        self.load(login)
