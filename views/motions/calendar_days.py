"""The chosen year's special days in the calendar editor: the notice, the table, adding a range."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, QEvent, QItemSelectionModel, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from models.services.motions.contracts import WEEKDAY_NAMES, CalendarYear
from views.form_dialog import day_of, name_widget

HOLIDAY, MAKE_UP = "holiday", "make_up"
KIND_NAMES = {HOLIDAY: "放假", MAKE_UP: "调休上班"}


class CalendarDays(QWidget):
    """A draft of one year: date → 放假 or 调休上班, and the note naming the notice."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.year: int | None = None
        self.draft: dict[date, str] = {}
        self.note = QLineEdit()
        self.note.setAccessibleName(self.tr("依据"))
        self.note.setPlaceholderText(self.tr("如：国务院办公厅关于2027年部分节假日安排的通知"))
        self.note.textChanged.connect(lambda _t: self.changed.emit())
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([self.tr("日期"), self.tr("星期"), self.tr("类别")])
        self.table.setAccessibleName(self.tr("放假与调休上班日"))
        self.table.setAccessibleDescription(self.tr("Delete 键删除所选日期"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        # Delete only in the table (in a date field it edits the date): a key filter, not a
        # shortcut, so it also works while the dialog is not the active window.
        self.table.installEventFilter(self)

        self.first_day, self.last_day = QDateEdit(), QDateEdit()
        for edit, name in ((self.first_day, self.tr("从")), (self.last_day, self.tr("至"))):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            name_widget(edit, name)
        self.first_day.dateChanged.connect(
            lambda d: self.last_day.setDate(max(d, self.last_day.date()))
        )
        self.kind_box = QComboBox()
        self.kind_box.setAccessibleName(self.tr("类别"))
        for kind, name in KIND_NAMES.items():
            self.kind_box.addItem(self.tr(name), kind)
        self.add_button = QPushButton(self.tr("添加日期(&A)"))
        self.add_button.setToolTip(self.tr("把“从”至“至”的每一天标为所选类别"))
        self.add_button.clicked.connect(lambda: self.add_days())
        self.remove_button = QPushButton(self.tr("删除所选日期(&D)"))
        self.remove_button.clicked.connect(lambda: self.remove_days())

        note_row = QHBoxLayout()
        note_label = QLabel(self.tr("依据(&N)："))
        note_label.setBuddy(self.note)
        note_row.addWidget(note_label)
        note_row.addWidget(self.note, 1)
        adding = QHBoxLayout()
        first_label, last_label = QLabel(self.tr("从(&F)")), QLabel(self.tr("至(&O)"))
        first_label.setBuddy(self.first_day)
        last_label.setBuddy(self.last_day)
        for widget in (
            first_label,
            self.first_day,
            last_label,
            self.last_day,
            self.kind_box,
            self.add_button,
        ):
            adding.addWidget(widget)
        adding.addStretch(1)
        adding.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(note_row)
        layout.addWidget(self.table, 1)
        layout.addLayout(adding)
        self.show_year(None)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.table
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Delete
        ):
            self.remove_days()
            return True
        return super().eventFilter(watched, event)

    def show_year(self, entry: CalendarYear | None) -> None:
        """Start a draft from `entry`; None shows nothing (a calendar without years)."""
        self.year = entry.year if entry else None
        self.draft = {d: HOLIDAY for d in entry.holidays} if entry else {}
        self.draft.update({d: MAKE_UP for d in entry.make_up_days} if entry else {})
        self.note.blockSignals(True)
        self.note.setText(entry.note if entry else "")
        self.note.blockSignals(False)
        if entry is not None:
            first, last = QDate(entry.year, 1, 1), QDate(entry.year, 12, 31)
            for edit in (self.first_day, self.last_day):
                edit.setDateRange(first, last)
                edit.setDate(first)
        for widget in (self.note, self.table, self.first_day, self.last_day, self.kind_box):
            widget.setEnabled(entry is not None)
        self.add_button.setEnabled(entry is not None)
        self._show()

    def days(self, kind: str) -> tuple[date, ...]:
        return tuple(sorted(d for d, k in self.draft.items() if k == kind))

    def note_text(self) -> str:
        return self.note.text().strip()

    def add_days(self, first: date | None = None, last: date | None = None, kind: str = "") -> None:
        """Mark every day from `first` to `last` (the date fields when None) as `kind`."""
        first = first or day_of(self.first_day)
        last = last or day_of(self.last_day)
        kind = kind or self.kind_box.currentData()
        first, last = min(first, last), max(first, last)
        day = first
        while day <= last:
            self.draft[day] = kind
            day += timedelta(days=1)
        self._show(first)
        self.changed.emit()

    def remove_days(self) -> None:
        rows = sorted({i.row() for i in self.table.selectedIndexes()})
        for row in rows:
            item = self.table.item(row, 0)
            if item is not None:  # every shown row has its day item
                self.draft.pop(item.data(Qt.ItemDataRole.UserRole), None)
        if rows:
            self._show()
            self.select_row(min(rows[0], self.table.rowCount() - 1))
            self.changed.emit()

    def select_row(self, row: int) -> None:
        """Select exactly that row: selectRow() would follow a modifier key still held down."""
        if 0 <= row < self.table.rowCount():
            self.table.selectionModel().setCurrentIndex(
                self.table.model().index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )

    def select_day(self, day: date) -> None:
        self._show(day)
        self.table.setFocus()

    def _show(self, selected: date | None = None) -> None:
        days = sorted(self.draft)
        self.table.setRowCount(len(days))
        for row, day in enumerate(days):
            texts = (
                day.isoformat(),
                WEEKDAY_NAMES[day.weekday()],
                self.tr(KIND_NAMES[self.draft[day]]),
            )
            for column, text in enumerate(texts):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, day)
                self.table.setItem(row, column, item)
            if day == selected:
                self.select_row(row)
        self.remove_button.setEnabled(bool(days))
