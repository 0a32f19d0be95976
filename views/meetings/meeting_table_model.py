"""Table model over frozen MeetingRow lines: 会议, 日期, 地点, 状态, 纪要状态."""

from __future__ import annotations

from collections.abc import Callable

from models.domain.meeting_vocabulary import MEETING_STATUS_NAMES, MINUTES_STATUS_NAMES
from models.services.meetings.contracts import MeetingRow
from views.row_table_model import RowTableModel


def when_text(row: MeetingRow) -> str:
    """2025-03-06 9:30, or the date alone while the time is open."""
    text = row.meeting_date.isoformat()
    if row.start_time is not None:
        text += f" {row.start_time.hour}:{row.start_time.minute:02d}"
    return text


def minutes_text(row: MeetingRow) -> str:
    return MINUTES_STATUS_NAMES[row.minutes_status] if row.minutes_status else "未写"


_COLUMNS: tuple[tuple[str, Callable[[MeetingRow], str]], ...] = (
    ("会议", lambda r: r.title),
    ("日期", when_text),
    ("地点", lambda r: r.place or ""),
    ("状态", lambda r: MEETING_STATUS_NAMES[r.status]),
    ("纪要状态", minutes_text),
)


class MeetingTableModel(RowTableModel):
    COLUMNS = _COLUMNS

    def meeting(self, row: int) -> MeetingRow:
        return self.row_at(row)
