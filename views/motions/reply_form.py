"""The reply form's part for a lead motion with merged motions (并案): 联合答复 or 分别答复.

A joint letter has the lead's 发文字号 and goes to every proposer; separate letters each take the
发文字号 typed in the followers' table (optional, like the lead's). The service checks the numbers.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QHeaderView,
    QLabel,
    QLineEdit,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from models.services.motions.contracts import ReplyMode
from views.motions.motion_table_model import number_text

if TYPE_CHECKING:
    from models.services.motions.contracts import MotionRow

FOLLOWER_HEADERS = ("编号", "标题", "提案人", "发文字号")


class MergedReplies(QWidget):
    """The choice between one joint letter and a letter each, and the followers' 发文字号."""

    def __init__(
        self, lead: MotionRow, followers: Sequence[MotionRow], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.followers = list(followers)
        self.joint = QRadioButton(self.tr("联合答复（一份答复函致全部提案人）(&J)"))
        self.joint.setAccessibleName(self.tr("联合答复"))
        self.separate = QRadioButton(self.tr("分别答复(&E)"))
        self.separate.setAccessibleName(self.tr("分别答复"))
        group = QButtonGroup(self)
        group.addButton(self.joint)
        group.addButton(self.separate)
        self.joint.setChecked(True)
        self.setFocusProxy(self.joint)  # the label's mnemonic lands on the choice

        names = dict.fromkeys([lead.proposer, *(f.proposer for f in self.followers)])
        numbers = "、".join(number_text(r) for r in (lead, *self.followers))
        self.joint_note = QLabel(
            self.tr("答复函答复%1，致%2委员，用上面的发文字号。")
            .replace("%1", numbers)
            .replace("%2", "、".join(names))
        )
        self.joint_note.setWordWrap(True)

        self.table = QTableWidget(len(self.followers), len(FOLLOWER_HEADERS))
        self.table.setHorizontalHeaderLabels(list(FOLLOWER_HEADERS))
        self.table.setAccessibleName(self.tr("并案提案的发文字号"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.number_edits: dict[int, QLineEdit] = {}
        for i, row in enumerate(self.followers):
            for column, text in enumerate((number_text(row), row.title, row.proposer)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(i, column, item)
            edit = QLineEdit()
            edit.setAccessibleName(self.tr("%1的发文字号").replace("%1", number_text(row)))
            self.table.setCellWidget(i, 3, edit)
            self.number_edits[row.id] = edit
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Fixed)
        self.table.setColumnWidth(
            3, self.fontMetrics().horizontalAdvance("门残联函〔2026〕123号　　")
        )
        # Room for a title beside the numbers without widening the whole form much.
        self.table.setMinimumWidth(self.fontMetrics().horizontalAdvance("身" * 40))
        rows_height = sum(self.table.rowHeight(i) for i in range(len(self.followers)))
        self.table.setFixedHeight(
            self.table.horizontalHeader().sizeHint().height() + min(rows_height, 200) + 4
        )

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.joint)
        layout.addWidget(self.joint_note)
        layout.addWidget(self.separate)
        layout.addWidget(self.table)
        self.joint.toggled.connect(self._show_mode)
        self._show_mode()

    def _show_mode(self) -> None:
        # The table stays in place (the dialog's width is fixed once shown) and lists the merged
        # motions either way; its numbers are typed only for separate letters.
        joint = self.joint.isChecked()
        self.joint_note.setEnabled(joint)
        self.table.setEnabled(not joint)

    def mode(self) -> ReplyMode:
        return ReplyMode.JOINT if self.joint.isChecked() else ReplyMode.SEPARATE

    def follower_numbers(self) -> tuple[tuple[int, str | None], ...]:
        if self.mode() is ReplyMode.JOINT:
            return ()
        return tuple(
            (motion_id, edit.text().strip() or None)
            for motion_id, edit in self.number_edits.items()
        )
