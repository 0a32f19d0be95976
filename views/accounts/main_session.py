"""The main window and the signed-in account: signing in before anything is shown, the status
bar's 操作人, the actions a role may not use disabled with the reason, 修改密码, 退出登录 and
账户与权限.

Mixed into MainWindow beside MainActions, so that the window's own module stays about rosters.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from views.accounts.session import SignInGate
from views.qt_values import set_shortcut

if TYPE_CHECKING:
    from PySide6.QtCore import Signal
    from PySide6.QtGui import QActionGroup
    from PySide6.QtWidgets import QLabel, QMainWindow

    from models.services.accounts.contracts import SignInResult
    from models.services.common.context import AppContext
    from views.accounts.accounts_window import AccountsWindow
    from views.accounts.password_dialog import PasswordDialog
    from views.accounts.sign_in_dialog import SignInDialog
    from views.background import Runner
    from views.navigation import Navigation
    from views.roster.roster_panel import RosterPanel

    _Host = QMainWindow
else:
    _Host = object

# Main-window actions and the permission each needs (models/domain/permissions.py).
GUARDED_ACTIONS = (
    ("add_person_action", "people.edit"),
    # A reader opens the person and membership dialogs too: they show read-only for that role
    # (views/permissions.py), with 保存 disabled and the reason beside it.
    ("edit_person_action", "people.read"),
    ("reveal_action", "people.reveal_id"),
    ("add_member_action", "people.edit"),
    ("end_member_action", "people.edit"),
    ("edit_member_action", "people.read"),
    ("import_roster_action", "rosters.import"),
    ("terms_action", "terms.read"),
    ("units_action", "terms.read"),
    ("profile_action", "federation.set_up"),
    ("slate_action", "slates.read"),
    ("meetings_action", "meetings.read"),
    ("motions_action", "motions.read"),
    ("decisions_action", "decisions.read"),
    ("registers_action", "organisation.read"),
    ("refresh_action", "people.read"),
    ("auto_backup_action", "settings.edit"),
    ("accounts_action", "accounts.manage"),
    ("audit_action", "audit.read"),
)
TIP_PROPERTY = "yishi_tip"  # an action's own tooltip and status tip, given back when allowed


class MainSession(_Host):
    """The host window calls `_build_account_actions()` after its own actions, `_apply_roles()`
    at the end of `_update_actions()`, and `_ask_sign_in(gate)` when the lane hands it a gate."""

    if TYPE_CHECKING:
        database_failed: ClassVar[Signal]
        runner: Runner
        ctx: AppContext | None
        roster: RosterPanel
        navigation: Navigation
        interactive: bool
        user: str
        user_label: QLabel
        profile_action: QAction
        quit_action: QAction
        decisions_action: QAction
        registers_action: QAction
        auto_backup_action: QAction
        fonts_menu: QMenu
        font_actions: QActionGroup

        def _on_opened(self, opened: AppContext | SignInGate) -> None: ...
        def _on_open_failed(self, error: BaseException) -> None: ...
        def _update_actions(self) -> None: ...
        def open_motions(self) -> object: ...

    gate: SignInGate | None = None  # set while the database requires sign-in
    sign_in_dialog: SignInDialog | None = None
    password_dialog: PasswordDialog | None = None

    # --- the actions ------------------------------------------------------------------------------

    def _build_account_actions(self) -> None:
        self.accounts_action = QAction(self.tr("账户与权限(&A)…"), self)
        set_shortcut(self.accounts_action, QKeySequence("Ctrl+Shift+A"))
        self._tip(self.accounts_action, self.tr("账户、角色、密码，以及本数据库是否须登录使用"))
        self.accounts_action.triggered.connect(self.open_accounts)
        self.addAction(self.accounts_action)
        self.password_action = QAction(self.tr("修改密码(&P)…"), self)
        self._tip(self.password_action, self.tr("修改本人的登录密码"))
        self.password_action.triggered.connect(self.change_own_password)
        self.sign_out_action = QAction(self.tr("退出登录(&O)"), self)
        self._tip(self.sign_out_action, self.tr("关闭所有窗口，回到登录对话框，换人登录"))
        self.sign_out_action.triggered.connect(self.sign_out)
        self.sign_out_action.setVisible(False)
        for menu in self.menuBar().findChildren(QMenu):
            menu.setToolTipsVisible(True)  # a disabled action says why
            if self.profile_action in menu.actions():
                menu.addSeparator()
                menu.addAction(self.accounts_action)
            if self.quit_action in menu.actions():
                menu.insertAction(self.quit_action, self.password_action)
                menu.insertAction(self.quit_action, self.sign_out_action)
                menu.insertSeparator(self.quit_action)
        for name, _permission in GUARDED_ACTIONS:
            action: QAction = getattr(self, name)
            action.setProperty(TIP_PROPERTY, (action.toolTip(), action.statusTip()))

    def _tip(self, action: QAction, tip: str) -> None:
        shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        action.setToolTip(f"{tip}（{shortcut}）" if shortcut else tip)
        action.setStatusTip(tip)

    def _apply_roles(self) -> None:
        """Disable what the account's role may not do, the reason as tooltip and status tip."""
        ctx = self.ctx
        for name, permission in GUARDED_ACTIONS:
            action: QAction = getattr(self, name)
            reason = ctx.refusal(permission) if ctx is not None else None
            tooltip, status = action.property(TIP_PROPERTY) or ("", "")
            if reason is not None:
                action.setEnabled(False)
                tooltip = status = reason
            action.setToolTip(tooltip)
            action.setStatusTip(status)
        # Neither is enabled by the window's own rules: both need only an open database.
        for action, permission in (
            (self.accounts_action, "accounts.manage"),
            (self.auto_backup_action, "settings.edit"),
        ):
            action.setEnabled(ctx is not None and ctx.refusal(permission) is None)
        fonts_refused = ctx.refusal("settings.edit") if ctx is not None else None
        for font in self.font_actions.actions():
            font.setEnabled(fonts_refused is None)
            font.setToolTip(fonts_refused or "")
        signed_in = ctx is not None and ctx.account is not None
        self.password_action.setEnabled(signed_in)
        self.sign_out_action.setVisible(self.gate is not None)
        self.sign_out_action.setEnabled(ctx is not None)

    def _show_account(self, ctx: AppContext) -> None:
        account = ctx.account
        if account is None:
            self.user_label.setText(self.tr("操作人：%1").replace("%1", ctx.user))
        else:
            self.user_label.setText(
                self.tr("操作人：%1（%2）")
                .replace("%1", account.display_name or account.login)
                .replace("%2", account.role_name)
            )

    def _show_no_roster(self, ctx: AppContext) -> None:
        """A 承办单位 account reads no registry: the roster says so and the 提案 window opens."""
        self.navigation.setEnabled(False)
        account = ctx.account
        unit = account.unit_name if account is not None and account.unit_name else ""
        self.roster.show_unavailable(
            self.tr("%1 承办的提案").replace("%1", unit) if unit else self.tr("提案"),
            self.tr("本账户只办理交由本单位承办的提案，请在“提案”窗口（Ctrl+T）中办理。"),
        )
        if self.interactive:
            self.open_motions()

    # --- signing in and out -----------------------------------------------------------------------

    def _ask_sign_in(self, gate: SignInGate) -> None:
        """Nothing of the federation is read until this succeeds; 退出 closes the program."""
        from models.domain.messages import message
        from views.accounts.sign_in_dialog import SignInDialog

        self.gate = gate
        self.user_label.setText(self.tr("未登录"))
        self._apply_roles()
        if not self.interactive:  # smoke mode signs in on the lane, or not at all
            self.database_failed.emit(message("sign_in_needs_password"))
            return
        dialog = SignInDialog(
            self.runner,
            gate.attempt,
            login=gate.login_hint,
            database=gate.database_label,
            parent=self,
        )
        dialog.accepted.connect(lambda: self._signed_in(gate, dialog.result_value))
        dialog.rejected.connect(self.close)
        self.sign_in_dialog = dialog
        dialog.open()

    def _signed_in(self, gate: SignInGate, result: SignInResult | None) -> None:
        self.sign_in_dialog = None
        if result is None:
            return
        self.runner.submit(
            lambda: gate.context(result.account),
            on_done=lambda ctx: self._with_account(ctx, result.must_change_password),
            on_error=self._on_open_failed,
        )

    def _with_account(self, ctx: AppContext, must_change: bool) -> None:
        """An administrator's password is changed before the window is used."""
        if not must_change:
            self._on_opened(ctx)
            return
        from views.accounts.password_dialog import PasswordDialog

        dialog = PasswordDialog(self.runner, ctx, forced=True, parent=self)
        dialog.accepted.connect(lambda: self._password_changed(ctx))
        dialog.rejected.connect(self.close)
        self.password_dialog = dialog
        dialog.open()

    def _password_changed(self, ctx: AppContext) -> None:
        self.password_dialog = None
        self._on_opened(ctx)

    def sign_out(self) -> None:
        """Every window opened from here closes (each first asks about unsaved work); the roster
        empties and the sign-in dialog comes back on the same open database."""
        gate, ctx = self.gate, self.ctx
        if gate is None or ctx is None:
            return
        from PySide6.QtCore import Qt  # not at import: see views/qt_values.py

        windows = [
            child
            for child in self.findChildren(
                QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly
            )
            if child.isWindow() and not isinstance(child, QMenu)
        ]
        for window in windows:
            if not window.close():
                return
        # They hold the account that signed out. What the lane still owes them is delivered
        # before they go: its results are queued ahead of the deletions.
        self.runner.wait_idle()
        for window in windows:
            window.deleteLater()
        if ctx.db is not gate.db:  # on PostgreSQL, the connection as the account's own role
            ctx.close()
        self.ctx = None
        self.roster.clear()
        self.navigation.setEnabled(True)
        self.decisions_action.setEnabled(False)
        self.registers_action.setEnabled(False)
        self.fonts_menu.setEnabled(False)
        self._update_actions()
        self._ask_sign_in(gate)

    # --- 修改密码 and 账户与权限 -------------------------------------------------------------------

    def change_own_password(self) -> None:
        ctx = self.ctx
        if ctx is None or ctx.account is None:
            return
        from views.accounts.password_dialog import PasswordDialog

        dialog = PasswordDialog(self.runner, ctx, parent=self)
        dialog.accepted.connect(
            lambda: self.statusBar().showMessage(self.tr("密码已修改。"), 10_000)
        )
        self.password_dialog = dialog
        dialog.open()

    def open_accounts(self) -> AccountsWindow | None:
        ctx = self.ctx
        if ctx is None or ctx.refusal("accounts.manage") is not None:
            return None
        from views.accounts.accounts_window import AccountsWindow

        window = next(iter(self.findChildren(AccountsWindow)), None)
        if window is None:
            window = AccountsWindow(self.runner, ctx, parent=self)
        window.show()
        window.raise_()
        return window
