"""调整记录: the saved adjustments of a slate, each with the check of the slate it left."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from models.services.slates.contracts import SavedTrial
from views.slates.rule_table_model import STATUS_TEXT
from views.slates.rule_titles import rule_title

HEADERS = ("日期", "经办人", "理由", "调整内容", "构成检查")


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


class TrialHistoryModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._trials: list[SavedTrial] = []

    def set_trials(self, trials: list[SavedTrial]) -> None:
        self.beginResetModel()
        self._trials = list(trials)
        self.endResetModel()

    def trial(self, row: int) -> SavedTrial:
        return self._trials[row]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._trials)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(HEADERS)
        ):
            return HEADERS[section]
        return None

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._trials):
            return None
        trial = self._trials[index.row()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return trial_details(trial)
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return None
        column = index.column()
        if column == 0:
            return f"{trial.at:%Y-%m-%d %H:%M}"
        if column == 1:
            return trial.clerk
        if column == 2:
            return trial.reason
        if column == 3:
            return trial.summary
        if column == 4:
            return check_words(trial)
        return None
