"""The associations' attendance at the year's council meetings, one line per association."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from models.services.meetings.contracts import AssociationAttendanceRow
from views.row_table_model import RowTableModel

_COLUMNS = (
    ("专门协会", lambda r: r.name),
    ("召开会议", lambda r: str(r.meetings_held)),
    ("主席列席", lambda r: str(r.as_attendee)),
    ("主席以理事身份出席", lambda r: str(r.as_member)),
    ("委托代为列席", lambda r: str(r.by_substitute)),
    ("未参加", lambda r: str(r.not_attended)),
    ("未登记", lambda r: str(r.not_recorded)),
)


class AssociationReportModel(RowTableModel):
    COLUMNS = _COLUMNS
    numbered = False

    def line(self, row: int) -> AssociationAttendanceRow:
        return self.row_at(row)

    def extra_data(self, index: QModelIndex | QPersistentModelIndex, role: int) -> Any:
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() > 0:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None
