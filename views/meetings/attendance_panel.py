"""The attendance tab: the grid, quick marks for the keyboard, 列席 guests and the live quorum line."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from models.domain.meeting_vocabulary import AttendanceRole, AttendanceStatus
from models.domain.quorum import QuorumRule
from models.services.meetings.contracts import AttendanceDraft, AttendanceRow, quorum_of
from views.meetings.attendance_table_model import REASON, STATUS, SUBSTITUTE, AttendanceTableModel
from views.meetings.choice_delegate import ChoiceDelegate


def quorum_line(rows: Sequence[AttendanceRow], rule: QuorumRule) -> str:
    """The verdict in words with a mark (never colour alone); 列席 counted apart, never in it."""
    result = quorum_of(rows, rule)
    attendees = sum(r.role is AttendanceRole.ATTENDEE for r in rows)
    text = ("✓ " if result.is_met else "✗ ") + result.message
    if attendees:
        text += f"（另有列席{attendees}人，不计入）"
    return text


class AttendancePanel(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rule: QuorumRule | None = None
        self._loaded: list[AttendanceDraft] | None = None
        self._touched = False
        self.model = AttendanceTableModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setAccessibleName(self.tr("出席情况"))
        self.view.setAccessibleDescription(
            self.tr(
                "每行一人：成员可标出席、请假、缺席；列席人员可标列席、请假、缺席。"
                "先按“全部出席”，再改少数几人"
            )
        )
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setItemDelegateForColumn(STATUS, ChoiceDelegate(self.view))
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.view.setAlternatingRowColors(True)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)

        self.all_present = QPushButton(self.tr("全部出席"))
        self.all_present.setShortcut(QKeySequence("Ctrl+Shift+A"))
        self.all_present.setToolTip(
            self.tr("成员全部标为出席、列席人员全部标为列席，然后再改少数几人（Ctrl+Shift+A）")
        )
        self.present_button = QPushButton(self.tr("标为出席(&P)"))
        self.leave_button = QPushButton(self.tr("标为请假(&L)"))
        self.absent_button = QPushButton(self.tr("标为缺席(&B)"))
        self.present_button.setToolTip(self.tr("所选各行：成员标为出席，列席人员标为列席"))
        self.leave_button.setToolTip(self.tr("所选各行标为请假，然后填写请假原因"))
        self.absent_button.setToolTip(self.tr("所选各行标为缺席"))
        self.guest_button = QPushButton(self.tr("添加列席人员(&G)…"))
        self.guest_button.setToolTip(self.tr("不在人员库中的列席人员：填写姓名、单位和职务"))
        self.remove_button = QPushButton(self.tr("移除列席人员"))
        self.remove_button.setToolTip(
            self.tr("移除所选的列席人员；成员不能移除，只能标为请假或缺席")
        )
        self.all_present.clicked.connect(self.mark_all_present)
        self.present_button.clicked.connect(lambda: self.mark_selected(AttendanceStatus.PRESENT))
        self.leave_button.clicked.connect(lambda: self.mark_selected(AttendanceStatus.LEAVE))
        self.absent_button.clicked.connect(lambda: self.mark_selected(AttendanceStatus.ABSENT))
        self.guest_button.clicked.connect(self.add_guest)
        self.remove_button.clicked.connect(self.remove_selected)

        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setAccessibleName(self.tr("出席情况说明"))
        self.quorum = QLabel()
        self.quorum.setWordWrap(True)
        self.quorum.setAccessibleName(self.tr("法定人数"))
        font = self.quorum.font()
        font.setBold(True)
        self.quorum.setFont(font)

        bar = QHBoxLayout()
        for button in (
            self.all_present,
            self.present_button,
            self.leave_button,
            self.absent_button,
        ):
            bar.addWidget(button)
        bar.addStretch(1)
        bar.addWidget(self.guest_button)
        bar.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.quorum)
        for signal in (
            self.model.dataChanged,
            self.model.rowsInserted,
            self.model.rowsRemoved,
            self.model.modelReset,
        ):
            signal.connect(lambda *_: self._on_changed())

    def load(
        self, rows: Sequence[AttendanceRow], rule: QuorumRule | None, *, proposed: bool
    ) -> None:
        """Recorded lines, or (`proposed`) the roster on the meeting date, not yet saved."""
        self.rule = rule
        self._loaded = None if proposed else [r.as_draft() for r in rows]
        if proposed and rows:
            self.note.setText(
                self.tr(
                    "尚未登记出席情况：下表是按会议当日名单生成的建议（成员出席，专门协会主席列席"
                    "或在理事行上注明），还没有记入。核对后按“全部出席”（Ctrl+Shift+A），"
                    "再改动少数几人，然后保存。"
                )
            )
        elif proposed:
            self.note.setText(self.tr("会议当日本机构没有在任成员，无法生成出席情况。"))
        else:
            self.note.setText(self.tr("出席情况已登记。改动后请保存。"))
        self.model.set_rows(rows)  # its reset signal updates the quorum line
        self._touched = False

    def is_proposal(self) -> bool:
        return self._loaded is None

    def rows(self) -> list[AttendanceRow]:
        return self.model.rows()

    def drafts(self) -> list[AttendanceDraft]:
        return self.model.drafts()

    def is_dirty(self) -> bool:
        """An untouched proposal is nothing to save: attendance is recorded once the clerk has
        confirmed it ("全部出席" or any change), never by saving some other part."""
        if self._loaded is None:
            return self._touched and self.model.rowCount() > 0
        return self.model.drafts() != self._loaded

    def _on_changed(self) -> None:
        self._touched = True
        self.update_quorum()
        self.changed.emit()

    def update_quorum(self) -> None:
        if self.rule is None or not self.model.rowCount():
            self.quorum.setText("")
            return
        self.quorum.setText(quorum_line(self.model.rows(), self.rule))

    def selected_rows(self) -> list[int]:
        rows = sorted({i.row() for i in self.view.selectionModel().selectedRows()})
        if not rows and self.view.currentIndex().isValid():
            rows = [self.view.currentIndex().row()]
        return rows

    def mark_all_present(self) -> None:
        self.model.mark_all_present()

    def mark_selected(self, status: AttendanceStatus) -> None:
        rows = self.selected_rows()
        if not rows:
            return
        self.model.mark(rows, status)
        if status is AttendanceStatus.LEAVE:
            # The reason is required: go straight to it, the keyboard already there.
            index = self.model.index(rows[0], REASON)
            self.view.setCurrentIndex(index)
            self.view.setFocus()
            self.view.edit(index)

    def add_guest(self) -> None:
        from views.meetings.guest_dialog import GuestDialog

        dialog = GuestDialog(self)
        if dialog.exec():
            row = self.model.add_guest(*dialog.values())
            self.view.selectRow(row)

    def remove_selected(self) -> None:
        rows = [
            r for r in self.selected_rows() if self.model.line(r).role is AttendanceRole.ATTENDEE
        ]
        for row in reversed(rows):
            self.model.remove(row)

    def set_read_only(self, read_only: bool) -> None:
        touched = self._touched  # locking repaints every line; it changes no line
        self.model.set_read_only(read_only)
        self._touched = touched
        for button in (
            self.all_present,
            self.present_button,
            self.leave_button,
            self.absent_button,
            self.guest_button,
            self.remove_button,
        ):
            button.setEnabled(not read_only)

    def focus_problem(self, row: int, column: str) -> None:
        columns = {"leave_reason": REASON, "substitute_name": SUBSTITUTE}
        index = self.model.index(row, columns.get(column, STATUS))
        if index.isValid():
            self.view.setCurrentIndex(index)
            self.view.scrollTo(index)
            self.view.setFocus()
