"""One change-log entry: who, when, what, and its fields before and after side by side."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from models.domain.audit_kinds import field_label
from models.services.audit.contracts import AuditEntry, value_text
from views.audit.audit_table_model import local_time

CHANGED_BACKGROUND = QColor("#fff1b8")
FIELD, BEFORE, AFTER = 0, 1, 2


class EntryDetail(QWidget):
    """The selected entry. A changed field is highlighted and also marked in words (已修改), so
    the colour is never the only sign."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel(self.tr("选择一条记录，查看修改前后的内容"))
        self.heading.setWordWrap(True)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.heading.setAccessibleName(self.tr("所选记录"))
        self.fields = QTableWidget(0, 3)
        self.fields.setHorizontalHeaderLabels(
            [self.tr("字段"), self.tr("修改前"), self.tr("修改后")]
        )
        self.fields.setAccessibleName(self.tr("修改前后对照"))
        self.fields.setAccessibleDescription(self.tr("每行一个字段；已修改的字段以底色标出"))
        self.fields.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.fields.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.fields.verticalHeader().setVisible(False)
        self.fields.setWordWrap(True)
        header = self.fields.horizontalHeader()
        header.setSectionResizeMode(FIELD, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(BEFORE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(AFTER, QHeaderView.ResizeMode.Stretch)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.fields, 1)
        self.entry: AuditEntry | None = None

    def show_entry(self, entry: AuditEntry | None) -> None:
        self.entry = entry
        self.fields.setRowCount(0)
        if entry is None:
            self.heading.setText(self.tr("选择一条记录，查看修改前后的内容"))
            return
        heading = self.tr("第 %1 条　%2　%3　%4　记录编号 %5").replace("%1", str(entry.id))
        heading = (
            heading.replace("%2", local_time(entry))
            .replace("%3", entry.who)
            .replace("%4", entry.kind_label)
            .replace("%5", entry.entity_id)
        )
        if entry.note:
            heading += "\n" + self.tr("说明：%1").replace("%1", entry.note)
        self.heading.setText(heading)
        before, after = entry.before or {}, entry.after or {}
        absent = self.tr("—")
        for row, name in enumerate(entry.fields()):
            self.fields.insertRow(row)
            # An insert or a delete has one side only: nothing to compare, nothing highlighted.
            changed = bool(before) and bool(after) and entry.changed(name)
            texts = (
                field_label(name) + (self.tr("（已修改）") if changed else ""),
                value_text(before[name]) if name in before else absent,
                value_text(after[name]) if name in after else absent,
            )
            for column, text in enumerate(texts):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if changed:
                    item.setBackground(QBrush(CHANGED_BACKGROUND))
                    if column == FIELD:
                        bold = QFont(item.font())
                        bold.setBold(True)
                        item.setFont(bold)
                self.fields.setItem(row, column, item)
        self.fields.resizeRowsToContents()

    def changed_fields(self) -> list[str]:
        """The fields shown as changed (for tests and for the screen reader's summary)."""
        found = []
        for row in range(self.fields.rowCount()):
            item = self.fields.item(row, FIELD)
            if item is not None and item.background().color() == CHANGED_BACKGROUND:
                found.append(item.text())
        return found
