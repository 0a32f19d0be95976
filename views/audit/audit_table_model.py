"""The 操作记录's list: one change-log entry per row, newest first, in the office's time."""

from __future__ import annotations

from models.domain.meeting_vocabulary import FEDERATION_TZ
from models.services.audit.contracts import AuditEntry
from views.row_table_model import Columns, RowTableModel


def local_time(entry: AuditEntry) -> str:
    return entry.at.astimezone(FEDERATION_TZ).strftime("%Y-%m-%d %H:%M:%S")


def _summary(entry: AuditEntry) -> str:
    # One line in the list: the detail below shows every field.
    text = entry.summary().replace("\n", " ")
    return text if len(text) <= 120 else text[:119] + "…"


class AuditTableModel(RowTableModel):
    numbered = False
    COLUMNS: Columns = (
        ("编号", lambda e: str(e.id)),
        ("时间", local_time),
        ("操作人", lambda e: e.who),
        ("记录", lambda e: e.entity_label),
        ("操作", lambda e: e.action_label),
        ("记录编号", lambda e: e.entity_id),
        ("内容", _summary),
    )

    def entry(self, row: int) -> AuditEntry:
        found: AuditEntry = self.row_at(row)
        return found

    def add_rows(self, rows: list[AuditEntry]) -> None:
        """The next page, below the rows already shown."""
        if not rows:
            return
        first = self.rowCount()
        self.beginInsertRows(self.index(0, 0).parent(), first, first + len(rows) - 1)
        self._rows.extend(rows)
        self.endInsertRows()
