"""The composition panel's rows: one rule result each, status in words and a bar."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionProgressBar,
    QStyleOptionViewItem,
)

from views.slates.rule_titles import rule_title

STATUS_TEXT = {"pass": "✓ 通过", "fail": "✗ 未通过", "warn": "! 提醒", "skipped": "– 未检查"}
BAR_ROLE = Qt.ItemDataRole.UserRole + 1
RESULT_ROLE = Qt.ItemDataRole.UserRole + 2
HEADERS = ("状态", "规则", "人数", "要求", "达成")
BAR_COLUMN = 4


def _bar(result: Any) -> tuple[int, str] | None:
    """Percent of the requirement met (capped at 100) and the words on the bar; None for no bar.

    Trends compare with the previous term and have no minimum: a bar would suggest one.
    """
    if result.status == "skipped" or result.total == 0 or not result.required:
        return None
    percent = min(100, round(100 * result.count / result.required))
    return percent, f"{result.count}/{result.required}"


class RuleTableModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._results: list[Any] = []

    def set_results(self, results: list[Any]) -> None:
        """Same rules, new figures: a dataChanged keeps the clerk's selected rule selected."""
        if len(results) == len(self._results) and [r.id for r in results] == [
            r.id for r in self._results
        ]:
            self._results = list(results)
            if results:
                self.dataChanged.emit(
                    self.index(0, 0), self.index(len(results) - 1, len(HEADERS) - 1)
                )
            return
        self.beginResetModel()
        self._results = list(results)
        self.endResetModel()

    def result(self, row: int) -> Any:
        return self._results[row]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._results)

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
        if not index.isValid() or not 0 <= index.row() < len(self._results):
            return None
        result = self._results[index.row()]
        column = index.column()
        if role == RESULT_ROLE:
            return result
        if role == BAR_ROLE and column == BAR_COLUMN:
            return _bar(result)
        if role == Qt.ItemDataRole.ToolTipRole:
            return result.message
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return None
        if column == 0:
            return STATUS_TEXT[result.status]
        if column == 1:
            return rule_title(result.id)
        if column == 2:
            return str(result.count) if result.status != "skipped" else ""
        if column == 3:
            return "" if result.required is None else str(result.required)
        bar = _bar(result)
        return bar[1] if bar else "—"


class BarDelegate(QStyledItemDelegate):
    """A progress bar with its figures written on it: the bar adds, it never replaces the words."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        value = index.data(BAR_ROLE)
        if value is None:
            super().paint(painter, option, index)
            return
        percent, text = value
        bar = QStyleOptionProgressBar()
        bar.rect = QRect(option.rect.adjusted(3, 3, -3, -3))
        bar.minimum, bar.maximum, bar.progress = 0, 100, percent
        bar.text, bar.textVisible = text, True
        bar.textAlignment = Qt.AlignmentFlag.AlignCenter
        QApplication.style().drawControl(QStyle.ControlElement.CE_ProgressBar, bar, painter)
