"""Table model over frozen HandlingUnitRow lines: 名称, 类别, 状态, 交办数."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from models.services.motions.contracts import HandlingUnitRow
from views.row_table_model import RowTableModel

KIND_NAMES = {"internal": "内设部门", "external": "外部单位"}


def count_text(row: HandlingUnitRow) -> str:
    if not row.motions:
        return "未交办"
    return f"{row.motions} 件（在办 {row.open_motions} 件）"


class HandlingUnitTableModel(RowTableModel):
    COLUMNS = (
        ("名称", lambda r: r.name),
        ("类别", lambda r: KIND_NAMES.get(r.kind, r.kind)),
        ("状态", lambda r: "在用" if r.active else "停用"),
        ("交办数", count_text),
    )

    def unit(self, row: int) -> HandlingUnitRow:
        return self.row_at(row)

    def extra_data(self, index: QModelIndex | QPersistentModelIndex, role: int) -> Any:
        # Greyed as well as said in words (状态), never colour alone.
        if role == Qt.ItemDataRole.ForegroundRole and not self.row_at(index.row()).active:
            return QBrush(QColor("#777777"))
        return None
