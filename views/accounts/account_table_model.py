"""The 账户 window's table: one frozen AccountRow per line."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QCoreApplication

from models.services.accounts.contracts import AccountRow
from views.row_table_model import Columns, RowTableModel


def _tr(text: str) -> str:
    return QCoreApplication.translate("AccountTableModel", text)


def account_status(row: AccountRow, now: datetime | None = None) -> str:
    """启用, 停用, 锁定至 (local time), or 未设密码 for a clerk recorded before accounts."""
    moment = now or datetime.now(UTC)
    if not row.has_password:
        return _tr("未设密码")
    if not row.active:
        return _tr("停用")
    if row.locked_until is not None and row.locked_until > moment:
        until = row.locked_until.astimezone().strftime("%H:%M")
        return _tr("锁定至 %1").replace("%1", until)
    return _tr("启用")


class AccountTableModel(RowTableModel):
    numbered = False
    COLUMNS: Columns = (
        (_tr("账户名"), lambda r: r.login),
        (_tr("姓名"), lambda r: r.display_name),
        (_tr("角色"), lambda r: r.role_name),
        (_tr("所属单位"), lambda r: r.unit_name or ""),
        (_tr("状态"), account_status),
        (_tr("须改密码"), lambda r: _tr("是") if r.must_change_password else ""),
    )

    def account(self, row: int) -> AccountRow:
        account: AccountRow = self.row_at(row)
        return account
