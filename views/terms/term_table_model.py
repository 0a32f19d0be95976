"""The 届次管理 table: one row per term of the body."""

from __future__ import annotations

from datetime import date

from models.domain.vocabulary import TermStatus
from models.services.terms.contracts import TermSummary
from views.row_table_model import Columns, RowTableModel

STATUS_NAMES = {TermStatus.DRAFT: "筹备中", TermStatus.CURRENT: "现任", TermStatus.PAST: "往届"}


def _day(value: date | None) -> str:
    return value.isoformat() if value is not None else "—"


def head_count(s: TermSummary) -> str:
    """在任 first; a draft's candidates and reserves; who left, for a past term."""
    parts = []
    if s.members:
        parts.append(f"在任 {s.members}")
    if s.candidates:
        parts.append(f"候选 {s.candidates}")
    if s.reserves:
        parts.append(f"候补 {s.reserves}")
    if s.not_elected:
        parts.append(f"未当选 {s.not_elected}")
    if s.ended:
        parts.append(f"已结束 {s.ended}")
    return "，".join(parts) or "—"


class TermTableModel(RowTableModel):
    numbered = False
    COLUMNS: Columns = (
        ("届次", lambda s: s.term.name),
        ("状态", lambda s: STATUS_NAMES[s.term.status]),
        ("开始", lambda s: _day(s.term.start_date)),
        ("结束", lambda s: _day(s.term.end_date)),
        ("人数", head_count),
    )

    def summary_of(self, term_id: int) -> TermSummary | None:
        row = next((i for i in range(self.rowCount()) if self.row_at(i).term.id == term_id), -1)
        return self.row_at(row) if row >= 0 else None
