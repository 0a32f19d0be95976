"""Table model over frozen DecisionRow lines: the 三重一大 register, missing steps in red."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from models.domain.major_decision import amount_words
from models.services.decisions.contracts import DecisionRow
from views.row_table_model import Columns, RowTableModel

MISSING_COLOUR = QColor("#c0392b")


def amount_text(row: DecisionRow) -> str:
    return amount_words(row.amount_yuan) or ""


def missing_text(row: DecisionRow) -> str:
    """Said in words (缺：…) so the colour is never the only sign."""
    return "缺：" + "、".join(row.missing_steps) if row.missing_steps else ""


def meeting_text(row: DecisionRow) -> str:
    if row.meeting is None:
        return ""
    return f"{row.meeting}（{row.meeting_date.isoformat()}）" if row.meeting_date else row.meeting


_COLUMNS: Columns = (
    ("事项名称", lambda r: r.title),
    ("类别", lambda r: r.category.value),
    ("金额", amount_text),
    ("决策机构", lambda r: r.body_name),
    ("状态", lambda r: r.state_name),
    ("缺少的程序", missing_text),
    ("会议", meeting_text),
    ("应到实到", lambda r: r.attendance or ""),
)
MISSING_COLUMN = 5
MEETING_COLUMN = 6


class DecisionTableModel(RowTableModel):
    COLUMNS = _COLUMNS

    def decision(self, row: int) -> DecisionRow:
        decision: DecisionRow = self.row_at(row)
        return decision

    def extra_data(self, index: QModelIndex | QPersistentModelIndex, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == MISSING_COLUMN:
            return QBrush(MISSING_COLOUR)
        if role == Qt.ItemDataRole.ToolTipRole:
            # Long cells are cut to the column width; the tip carries the whole text.
            row = self.row_at(index.row())
            text = self.COLUMNS[index.column()][1](row)
            if index.column() == MISSING_COLUMN and row.warnings:
                text = "；".join(filter(None, (text, "建议补充：" + "、".join(row.warnings))))
            return text or None
        return None
