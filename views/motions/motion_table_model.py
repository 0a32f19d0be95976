"""Table model over frozen MotionRow lines: 编号, 标题, 提案人, 状态, 主办单位, 办理期限, 逾期."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from models.domain.motion_workflow import STATE_NAMES
from views.row_table_model import RowTableModel

if TYPE_CHECKING:
    from models.services.motions.contracts import MotionRow


def number_text(row: MotionRow) -> str:
    return row.number_text or (str(row.number) if row.number is not None else "未编号")


_COLUMNS: tuple[tuple[str, Callable[[MotionRow], str]], ...] = (
    ("编号", number_text),
    ("标题", lambda r: r.title),
    ("提案人", lambda r: r.proposer),
    ("状态", lambda r: STATE_NAMES[r.state]),
    ("主办单位", lambda r: r.lead_unit or ""),
    ("办理期限", lambda r: r.deadline.isoformat() if r.deadline is not None else ""),
    ("逾期", lambda r: "逾期" if r.is_overdue else ""),
)


class MotionTableModel(RowTableModel):
    COLUMNS = _COLUMNS

    def motion(self, row: int) -> MotionRow:
        return cast("MotionRow", self.row_at(row))
