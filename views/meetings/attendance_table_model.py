"""The attendance grid: one line per member or 列席 attendee, status picked from a closed list."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from models.domain.meeting_vocabulary import STATUSES_OF_ROLE, AttendanceRole, AttendanceStatus
from models.services.meetings.contracts import AttendanceDraft, AttendanceRow
from views.meetings.choice_delegate import CHOICES_ROLE

NAME, POST, ROLE, STATUS, REASON, SUBSTITUTE = range(6)
_HEADERS = ("姓名", "职务或单位", "身份", "出席情况", "请假原因", "代为列席人员")
ROW_ROLE = Qt.ItemDataRole.UserRole + 1

# What "出席" means for each role: members attend, non-members 列席.
_PRESENT = {
    AttendanceRole.MEMBER: AttendanceStatus.PRESENT,
    AttendanceRole.ATTENDEE: AttendanceStatus.ATTENDING,
}


def role_text(row: AttendanceRow) -> str:
    if row.role is AttendanceRole.MEMBER:
        return "成员"
    return "列席（人员库外）" if row.is_guest else "列席"


def may_send_substitute(row: AttendanceRow) -> bool:
    """委托代为列席 is for the association seats and other 列席 attendees (DOMAIN §6)."""
    return row.role is AttendanceRole.ATTENDEE or row.association is not None


class AttendanceTableModel(QAbstractTableModel):
    """Holds frozen AttendanceRow lines; every edit replaces a line and is reported by signal."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[AttendanceRow] = []
        self._read_only = False

    def set_rows(self, rows: Sequence[AttendanceRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[AttendanceRow]:
        return list(self._rows)

    def line(self, row: int) -> AttendanceRow:
        return self._rows[row]

    def drafts(self) -> list[AttendanceDraft]:
        return [row.as_draft() for row in self._rows]

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self._all_changed()

    def _all_changed(self) -> None:
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, SUBSTITUTE))

    # --- the clerk's quick marks ---------------------------------------------------------------

    def mark_all_present(self) -> None:
        """Members 出席, attendees 列席, reasons cleared: then the clerk changes the few."""
        self._rows = [self._with_status(row, _PRESENT[row.role]) for row in self._rows]
        self._all_changed()

    def mark(self, rows: Iterable[int], status: AttendanceStatus) -> None:
        """`status` PRESENT means 出席 for members and 列席 for attendees."""
        for row in sorted(set(rows)):
            line = self._rows[row]
            wanted = _PRESENT[line.role] if status is AttendanceStatus.PRESENT else status
            self._rows[row] = self._with_status(line, wanted)
            self.dataChanged.emit(self.index(row, 0), self.index(row, SUBSTITUTE))

    @staticmethod
    def _with_status(row: AttendanceRow, status: AttendanceStatus) -> AttendanceRow:
        if status is AttendanceStatus.LEAVE:
            return replace(row, status=status)
        return replace(row, status=status, leave_reason=None, substitute_name=None)

    def add_guest(self, name: str, organisation: str, post: str) -> int:
        row = len(self._rows)
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.append(
            AttendanceRow(
                id=None,
                person_id=None,
                name=name,
                post=f"{organisation}{post}",
                role=AttendanceRole.ATTENDEE,
                status=AttendanceStatus.ATTENDING,
                guest_organisation=organisation,
                guest_post=post,
            )
        )
        self.endInsertRows()
        return row

    def remove(self, row: int) -> bool:
        """Only 列席 lines go: every member must stay on the grid (应到)."""
        if not 0 <= row < len(self._rows) or self._rows[row].role is AttendanceRole.MEMBER:
            return False
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._rows[row]
        self.endRemoveRows()
        return True

    # --- Qt -------------------------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(_HEADERS)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        line, column = self._rows[index.row()], index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(line, column)
        if role == Qt.ItemDataRole.EditRole:
            if column == STATUS:
                return line.status.value
            return self._text(line, column)
        if role == CHOICES_ROLE and column == STATUS:
            return tuple((s.value, s.value) for s in STATUSES_OF_ROLE[line.role])
        if role == Qt.ItemDataRole.ToolTipRole and column == STATUS:
            return "成员计入应到人数；列席人员不计入"
        if role == ROW_ROLE:
            return line
        return None

    @staticmethod
    def _text(line: AttendanceRow, column: int) -> str:
        if column == NAME:
            return line.name
        if column == POST:
            return line.post
        if column == ROLE:
            return role_text(line)
        if column == STATUS:
            return line.status.value
        if column == REASON:
            return line.leave_reason or ""
        return line.substitute_name or ""

    def setData(
        self,
        index: QModelIndex | QPersistentModelIndex,
        value: Any,
        role: int = Qt.ItemDataRole.EditRole,
    ) -> bool:
        if role != Qt.ItemDataRole.EditRole or not (self.flags(index) & Qt.ItemFlag.ItemIsEditable):
            return False
        row, column = index.row(), index.column()
        line = self._rows[row]
        if column == STATUS:
            try:
                status = AttendanceStatus(value)
            except ValueError:
                return False
            if status not in STATUSES_OF_ROLE[line.role]:
                return False
            self._rows[row] = self._with_status(line, status)
            self.dataChanged.emit(self.index(row, STATUS), self.index(row, SUBSTITUTE))
            return True
        text = str(value or "").strip() or None
        if column == REASON:
            self._rows[row] = replace(line, leave_reason=text)
        else:
            self._rows[row] = replace(line, substitute_name=text)
        self.dataChanged.emit(index, index)
        return True

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self._read_only or not 0 <= index.row() < len(self._rows):
            return flags
        line, column = self._rows[index.row()], index.column()
        on_leave = line.status is AttendanceStatus.LEAVE
        if (
            column == STATUS
            or (column == REASON and on_leave)
            or (column == SUBSTITUTE and on_leave and may_send_substitute(line))
        ):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(_HEADERS):
            return _HEADERS[section]
        if orientation == Qt.Orientation.Vertical:
            return section + 1
        return None
