"""The associations' attendance at the year's council meetings, one line per association."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from models.domain.motion_statistics import rate_with_counts
from models.services.meetings.contracts import AssociationAttendanceRow
from views.row_table_model import RowTableModel


def attendance_rate(row: AssociationAttendanceRow) -> str:
    """出席率 with its counts, "75.0%（3/4）": present in any way (the head as 列席 or as a council
    member, or a substitute) ÷ the meetings whose attendance is recorded — an unrecorded meeting is
    no absence (DOMAIN §6); "—" before any is recorded."""
    attended = row.as_attendee + row.as_member + row.by_substitute
    return rate_with_counts(attended, row.meetings_held - row.not_recorded)


_COLUMNS = (
    ("专门协会", lambda r: r.name),
    ("召开会议", lambda r: str(r.meetings_held)),
    ("主席列席", lambda r: str(r.as_attendee)),
    ("主席以理事身份出席", lambda r: str(r.as_member)),
    ("委托代为列席", lambda r: str(r.by_substitute)),
    ("未参加", lambda r: str(r.not_attended)),
    ("未登记", lambda r: str(r.not_recorded)),
    ("出席率", attendance_rate),
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
