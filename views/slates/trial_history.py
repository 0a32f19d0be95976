"""调整记录: the saved adjustments of a slate, each with the check of the slate it left."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from models.services.slates.contracts import SavedTrial
from views.row_table_model import Columns, RowTableModel
from views.slates.rule_table_model import STATUS_TEXT
from views.slates.rule_titles import rule_title


def check_words(trial: SavedTrial) -> str:
    """The rules the resulting slate failed, by title; said in words, never by colour alone."""
    if not trial.failed:
        return "硬性要求全部达到"
    return "未达到：" + "、".join(rule_title(r.id) for r in trial.failed)


def trial_details(trial: SavedTrial) -> str:
    """Everything one saved adjustment recorded, for the panel under the list."""
    lines = [
        f"{trial.at:%Y-%m-%d %H:%M}，{trial.clerk}：{trial.summary}（保存后名单 {trial.total} 人）",
        f"理由：{trial.reason}",
        check_words(trial),
    ]
    warned = [r for r in trial.rules if r.status == "warn"]
    if warned:
        lines.append(STATUS_TEXT["warn"] + "：" + "、".join(rule_title(r.id) for r in warned))
    return "\n".join(lines)


class TrialHistoryModel(RowTableModel):
    COLUMNS: Columns = (
        ("日期", lambda t: f"{t.at:%Y-%m-%d %H:%M}"),
        ("经办人", lambda t: t.clerk),
        ("理由", lambda t: t.reason),
        ("调整内容", lambda t: t.summary),
        ("构成检查", check_words),
    )
    numbered = False

    def trial(self, row: int) -> SavedTrial:
        trial: SavedTrial = self.row_at(row)
        return trial

    def extra_data(self, index: QModelIndex | QPersistentModelIndex, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole:
            return trial_details(self.trial(index.row()))
        return None
