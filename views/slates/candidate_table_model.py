"""Candidates (or reserves) of a slate, with the what-if check box and the selected rule's marks."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont

from models.domain.slate import SlateRecord
from views.slates.what_if import WhatIf

ALL_UNITS = ""


def _flags(record: SlateRecord) -> str:
    marks = [
        w
        for w, on in (
            ("自强模范", record.is_role_model),
            ("基层一线", record.is_frontline),
            ("助残组织", record.is_org_representative),
            ("志愿者", record.is_volunteer),
        )
        if on
    ]
    return "、".join(marks)


def _category(record: SlateRecord) -> str:
    if record.category is None:
        return ""
    if record.multi_components:
        return f"多重（{'、'.join(c.value for c in record.multi_components)}）"
    return record.category.value


_RURAL = {True: "农村", False: "城镇", None: ""}

COLUMNS: tuple[tuple[str, Callable[[SlateRecord], str]], ...] = (
    ("姓名", lambda r: r.name),
    ("选举单位", lambda r: r.electoral_unit or ("特邀" if r.delegate_type.value == "特邀" else "")),
    ("残疾类别", _category),
    (
        "亲友",
        lambda r: (
            "、".join(c.value for c in r.relative_categories) or ("是" if r.is_relative else "")
        ),
    ),
    ("城乡", lambda r: _RURAL[r.is_rural]),
    ("身份", _flags),
)
COUNTED_COLUMN = 0  # the check box: does this person stand on the slate being tried?
MARK_COLUMN = len(COLUMNS) + 1


class CandidateTableModel(QAbstractTableModel):
    """Never changes the slate itself: a click asks the editor, which records an undoable step."""

    toggle_requested = Signal(int, bool)  # row key, is reserve

    def __init__(self, state: WhatIf, *, reserve: bool, parent: Any = None) -> None:
        super().__init__(parent)
        self._state = state
        self._reserve = reserve
        self._unit = ALL_UNITS
        self._marked: frozenset[int] = frozenset()
        self._rows: list[SlateRecord] = []
        self._refilter()

    def _source(self) -> list[SlateRecord]:
        return self._state.reserves if self._reserve else self._state.people

    def _refilter(self) -> None:
        self._rows = [
            r
            for r in self._source()
            if self._unit == ALL_UNITS or (r.electoral_unit or "") == self._unit
        ]

    def set_unit(self, unit: str) -> None:
        self.beginResetModel()
        self._unit = unit
        self._refilter()
        self.endResetModel()

    def set_state(self, state: WhatIf) -> None:
        self.beginResetModel()
        self._state = state
        self._refilter()
        self.endResetModel()

    def set_marked(self, rows: frozenset[int]) -> None:
        self._marked = rows
        self.refresh()

    def refresh(self) -> None:
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, MARK_COLUMN))

    def record(self, row: int) -> SlateRecord:
        return self._rows[row]

    def row_of(self, key: int) -> int | None:
        for index, record in enumerate(self._rows):
            if record.row == key:
                return index
        return None

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else MARK_COLUMN + 1

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        if section == COUNTED_COLUMN:
            return "替补计入" if self._reserve else "计入"
        if section == MARK_COLUMN:
            return "所选规则"
        if 0 < section <= len(COLUMNS):
            return COLUMNS[section - 1][0]
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == COUNTED_COLUMN:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        record = self._rows[index.row()]
        column = index.column()
        counted = self._state.is_counted(record, reserve=self._reserve)
        if column == COUNTED_COLUMN:
            if role == Qt.ItemDataRole.CheckStateRole:
                return Qt.CheckState.Checked if counted else Qt.CheckState.Unchecked
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return "计入" if counted else "不计入"
            return None
        if role == Qt.ItemDataRole.FontRole and record.row in self._marked:
            font = QFont()
            font.setBold(True)
            return font
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return None
        if column == MARK_COLUMN:
            return "★ 计入此规则" if record.row in self._marked else ""
        return COLUMNS[column - 1][1](record)

    def setData(
        self,
        index: QModelIndex | QPersistentModelIndex,
        value: Any,
        role: int = Qt.ItemDataRole.EditRole,
    ) -> bool:
        if (
            index.isValid()
            and index.column() == COUNTED_COLUMN
            and role == Qt.ItemDataRole.CheckStateRole
        ):
            self.toggle_requested.emit(self._rows[index.row()].row, self._reserve)
            return True
        return False
