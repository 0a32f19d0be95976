"""沟通 with the proposer: the form that records one contact and the detail's table of contacts.

A contact before the reply is what 沟通率 counts (DOMAIN §4), so the form is offered from 立案
until the motion is closed; the service itself records a contact in any state.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from views.background import Runner
from views.form_dialog import FormDialog, date_edit, day_of
from views.motions.motion_table_model import number_text
from views.ops import motions as ops

if TYPE_CHECKING:
    from models.services.common.context import AppContext
    from models.services.motions.contracts import MotionDetail

METHODS = ("电话", "面谈", "书面", "座谈会", "其他")
CONTACT_HEADERS = ("日期", "方式", "情况", "记录人")


class ContactForm(FormDialog):
    """Date, method (a usual one or typed) and a note; `saved` once the service has recorded it."""

    saved = Signal()

    def __init__(
        self, runner: Runner, ctx: AppContext, detail: MotionDetail, parent: QWidget | None = None
    ) -> None:
        super().__init__(runner, self.tr("记录沟通"), parent)
        self.ctx, self.row = ctx, detail.row
        self.add_field(
            "motion", self.tr("提案："), QLabel(f"{number_text(self.row)} {self.row.title}")
        )
        self.add_field("proposer", self.tr("提案人："), QLabel(self.row.proposer))
        self.contact_date = date_edit(date.today())
        self.add_field("contact_date", self.tr("沟通日期(&D)："), self.contact_date)
        self.method = QComboBox()
        self.method.setEditable(True)
        self.method.addItems(METHODS)
        self.add_field(
            "method", self.tr("沟通方式(&M)："), self.method, self.tr("可选常用方式，也可直接填写")
        )
        method_edit = self.method.lineEdit()
        if method_edit is not None:  # an editable combo box always has one
            method_edit.setAccessibleName(self.method.accessibleName())
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText(self.tr("沟通了什么，提案人有何意见"))
        self.note.setMaximumHeight(self.fontMetrics().lineSpacing() * 6)
        self.add_field("note", self.tr("沟通情况(&N)："), self.note)
        self.ok_button().setText(self.tr("记录"))

    def submit(self) -> None:
        method = self.method.currentText().strip()
        if not method:
            self.show_problem("method", self.tr("请填写沟通方式。"))
            self.method.setFocus()
            return
        self.clear_problem()
        ctx, motion_id = self.ctx, self.row.id
        day, note = day_of(self.contact_date), self.note.toPlainText().strip() or None
        self.run_command(
            lambda: ops.record_contact(
                ctx, motion_id=motion_id, contact_date=day, method=method, note=note
            ),
            self._saved,
        )

    def _saved(self, _result: None) -> None:
        self.saved.emit()
        self.accept()


class ContactsTable(QTableWidget):
    """The contacts recorded for a motion, oldest first, as the detail window shows them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, len(CONTACT_HEADERS), parent)
        self.setHorizontalHeaderLabels(list(CONTACT_HEADERS))
        self.setAccessibleName(self.tr("沟通记录"))
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.verticalHeader().setVisible(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        # Three contacts without scrolling; the history above gets the rest of the height.
        self.setMaximumHeight(
            header.sizeHint().height() + 3 * self.verticalHeader().defaultSectionSize() + 4
        )

    def show_contacts(self, contacts: Sequence[tuple[date, str, str | None, str]]) -> None:
        self.setRowCount(len(contacts))
        for i, (day, method, note, by) in enumerate(contacts):
            for column, text in enumerate((day.isoformat(), method, note or "", by)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.setItem(i, column, item)


class ContactsPanel(QWidget):
    """The detail's 沟通记录: a heading with the 记录沟通 button over the table."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = ContactsTable()
        self.button = QPushButton(self.tr("记录沟通(&K)…"))
        self.button.setEnabled(False)  # until the motion is loaded and its state known
        label = QLabel(self.tr("沟通记录："))
        label.setBuddy(self.table)
        heading = QHBoxLayout()
        heading.addWidget(label)
        heading.addStretch(1)
        heading.addWidget(self.button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(heading)
        layout.addWidget(self.table)

    def show_contacts(
        self, contacts: Sequence[tuple[date, str, str | None, str]], can_record: bool
    ) -> None:
        self.table.show_contacts(contacts)
        self.button.setEnabled(can_record)
        self.button.setToolTip(
            self.tr("记录与提案人的一次沟通（沟通率计答复前有沟通的提案）")
            if can_record
            else self.tr("提案立案后、办结前才记录沟通")
        )
