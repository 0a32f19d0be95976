"""The 操作记录 window: the change log filtered by account, dates, kind and person; the selected
entry's before and after side by side; 导出… to .xlsx and 核验 of the hash chain."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QCalendarWidget,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from models.domain.audit_kinds import ACTION_LABELS, ENTITY_LABELS
from models.domain.messages import message
from models.services.audit.contracts import AuditEntry, AuditExport, AuditFilter, ChainCheck
from views.audit.audit_table_model import AuditTableModel
from views.audit.entry_detail import EntryDetail
from views.background import Runner
from views.error_presenter import describe, show_error
from views.ops import audit as ops
from views.row_table_view import row_table_view

if TYPE_CHECKING:
    from models.services.common.context import AppContext

PAGE = 500
# A date box at this day shows 不限: no bound on that side.
NO_DATE = QDate(2000, 1, 1)
OK_STYLE, BROKEN_STYLE = "color: #1e7d32;", "color: #c0392b; font-weight: bold;"


class AuditWindow(QWidget):
    loaded = Signal()
    verified = Signal(object)  # ChainCheck
    exported = Signal(object)  # AuditExport

    def __init__(self, runner: Runner, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.runner, self.ctx = runner, ctx
        self._offset = 0
        self.setWindowTitle(self.tr("操作记录"))
        self.setAccessibleName(self.windowTitle())

        self.account_box = QComboBox()
        self.account_box.setAccessibleName(self.tr("操作人"))
        self.account_box.addItem(self.tr("全部操作人"), None)
        self.from_date = self._date_box(self.tr("起始日期"))
        self.to_date = self._date_box(self.tr("截止日期"))
        self.kind_box = QComboBox()
        self.kind_box.setAccessibleName(self.tr("类别"))
        self.kind_box.addItem(self.tr("全部类别"), None)
        for stored, label in ENTITY_LABELS.items():
            self.kind_box.addItem(label, stored)
        self.kind_box.insertSeparator(self.kind_box.count())
        for stored, label in ACTION_LABELS.items():
            self.kind_box.addItem(self.tr("操作：%1").replace("%1", label), stored)
        self.person_edit = QLineEdit()
        self.person_edit.setAccessibleName(self.tr("涉及人员"))
        self.person_edit.setPlaceholderText(self.tr("姓名或其中几个字"))
        self.person_edit.setClearButtonEnabled(True)
        self.count = QLabel(self.tr("正在载入…"))
        self.count.setAccessibleName(self.tr("记录数"))

        self.model = AuditTableModel(self)
        self.table = row_table_view(
            self.model,
            name=self.tr("操作记录列表"),
            description=self.tr("最新的在前；选中一条，下方显示修改前后的内容"),
            open_row=lambda: self.detail.fields.setFocus(),
            open_text=self.tr("查看"),
        )
        self.table.setWordWrap(False)
        self.detail = EntryDetail()

        self.more_button = QPushButton(self.tr("载入更多(&M)"))
        self.more_button.setToolTip(self.tr("再载入 %1 条更早的记录").replace("%1", str(PAGE)))
        self.more_button.clicked.connect(self.load_more)
        self.export_button = QPushButton(self.tr("导出(&E)…"))
        self.export_button.setToolTip(self.tr("把符合筛选的记录导出为 .xlsx（身份证号已遮蔽）"))
        refused = ctx.refusal("audit.export")
        if refused is not None:
            self.export_button.setEnabled(False)
            self.export_button.setToolTip(refused)
        self.export_button.clicked.connect(lambda: self.export())
        self.verify_button = QPushButton(self.tr("核验(&V)"))
        self.verify_button.setToolTip(self.tr("逐条核对哈希链，找出第一条被改动、删除或插入的记录"))
        self.verify_button.clicked.connect(self.verify)
        refresh = QPushButton(self.tr("刷新"))
        refresh.setShortcut(QKeySequence.StandardKey.Refresh)
        refresh.setToolTip(self.tr("重新载入（F5）"))
        refresh.clicked.connect(self.load)
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result.setAccessibleName(self.tr("核验结果"))
        self.result.hide()  # until there is something to say

        filters = QHBoxLayout()
        for text, widget in (
            (self.tr("操作人(&A)："), self.account_box),
            (self.tr("从(&F)："), self.from_date),
            (self.tr("到(&T)："), self.to_date),
            (self.tr("类别(&K)："), self.kind_box),
            (self.tr("涉及人员(&P)："), self.person_edit),
        ):
            buddy = QLabel(text)
            buddy.setBuddy(widget)
            filters.addWidget(buddy)
            filters.addWidget(widget)
        filters.addStretch(1)
        filters.addWidget(self.count)
        buttons = QHBoxLayout()
        for button in (self.export_button, self.verify_button, self.more_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(refresh)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setSizes([380, 260])
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addLayout(buttons)
        layout.addWidget(self.result)
        layout.addWidget(splitter, 1)

        for box in (self.account_box, self.kind_box):
            box.currentIndexChanged.connect(lambda _i: self.load())
        for edit in (self.from_date, self.to_date):
            edit.dateChanged.connect(lambda _d: self.load())
        self.person_edit.returnPressed.connect(self.load)
        self.person_edit.textChanged.connect(lambda text: None if text else self.load())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._show_selected())
        runner.data_changed.connect(lambda *_: self.load() if self.isVisible() else None)
        self.resize(1200, 720)
        self._load_accounts()
        self.load()

    def _date_box(self, name: str) -> QDateEdit:
        box = QDateEdit()
        box.setAccessibleName(name)
        # The text field inside takes the focus: a screen reader names it, not the box.
        inner = box.findChild(QLineEdit)
        if inner is not None:
            inner.setAccessibleName(name)
        box.setCalendarPopup(True)
        box.setDisplayFormat("yyyy-MM-dd")
        box.setMinimumDate(NO_DATE)
        box.setSpecialValueText(self.tr("不限"))
        box.setDate(NO_DATE)
        calendar = box.calendarWidget()
        if calendar is not None:
            # 不限 is a day in 2000: the calendar would open there; this month is more useful.
            calendar.installEventFilter(self)
        return box

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, QCalendarWidget):
            for box in (self.from_date, self.to_date):
                if box.calendarWidget() is watched and box.date() == NO_DATE:
                    today = QDate.currentDate()
                    watched.setCurrentPage(today.year(), today.month())
        return super().eventFilter(watched, event)

    # --- filters and loading --------------------------------------------------------------------

    def current_filter(self) -> AuditFilter:
        def day(box: QDateEdit) -> date | None:
            chosen = box.date()
            return None if chosen == NO_DATE else date(chosen.year(), chosen.month(), chosen.day())

        return AuditFilter(
            account=self.account_box.currentData(),
            date_from=day(self.from_date),
            date_to=day(self.to_date),
            kind=self.kind_box.currentData(),
            person=self.person_edit.text().strip() or None,
        )

    def set_date(self, box: QDateEdit, day: date | None) -> None:
        box.setDate(NO_DATE if day is None else QDate(day.year, day.month, day.day))

    def _load_accounts(self) -> None:
        ctx = self.ctx
        self.runner.submit(
            lambda: ops.accounts(ctx),
            on_done=self._accounts_loaded,
            on_error=lambda e: self.count.setText(describe(e)),
        )

    def _accounts_loaded(self, accounts: list[tuple[str, str]]) -> None:
        self.account_box.blockSignals(True)
        for login, name in accounts:
            self.account_box.addItem(f"{name}（{login}）" if name != login else login, login)
        self.account_box.blockSignals(False)

    def load(self) -> None:
        """The newest page for the filters; the selected entry stays selected if still there."""
        ctx, found = self.ctx, self.current_filter()
        self.runner.submit(
            lambda: ops.entries(ctx, found=found, limit=PAGE, offset=0),
            on_done=self._loaded,
            on_error=lambda e: self.count.setText(describe(e)),
        )

    def load_more(self) -> None:
        ctx, found, offset = self.ctx, self.current_filter(), self._offset
        self.runner.submit(
            lambda: ops.entries(ctx, found=found, limit=PAGE, offset=offset),
            on_done=self._more_loaded,
            on_error=lambda e: self.count.setText(describe(e)),
        )

    def _loaded(self, rows: list[AuditEntry]) -> None:
        selected = self.selected()
        self.model.set_rows(rows)
        self._offset = len(rows)
        self._paged(len(rows))
        if rows:
            row = self.model.row_of(selected.id) if selected is not None else -1
            self.table.selectRow(max(row, 0))
        else:
            self.detail.show_entry(None)
        self.loaded.emit()

    def _more_loaded(self, rows: list[AuditEntry]) -> None:
        self.model.add_rows(rows)
        self._offset += len(rows)
        self._paged(len(rows))
        self.loaded.emit()

    def _paged(self, last_page: int) -> None:
        full = last_page == PAGE
        self.more_button.setEnabled(full)
        shown = self.model.rowCount()
        text = self.tr("显示最新的 %1 条").replace("%1", str(shown))
        if full:
            text += self.tr("，还有更早的记录")
        self.count.setText(text)

    def selected(self) -> AuditEntry | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.entry(rows[0].row()) if rows else None

    def _show_selected(self) -> None:
        self.detail.show_entry(self.selected())

    # --- export and verify ----------------------------------------------------------------------

    def export(self) -> None:
        chosen, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("导出操作记录"),
            str(Path.home() / self.tr("操作记录.xlsx")),
            self.tr("Excel 工作簿 (*.xlsx)"),
        )
        if chosen:
            path = Path(chosen)
            self.export_to(path if path.suffix.lower() == ".xlsx" else path.with_suffix(".xlsx"))

    def export_to(self, path: Path) -> None:
        ctx, found = self.ctx, self.current_filter()
        self.export_button.setEnabled(False)
        self.runner.submit_command(
            lambda: ops.export(ctx, path=path, found=found),
            on_done=self._exported,
            on_error=self._export_failed,
        )

    def _exported(self, done: AuditExport) -> None:
        self.export_button.setEnabled(True)
        self.result.setStyleSheet("")
        self.result.show()
        self.result.setText(
            self.tr("已导出 %1 条到 %2").replace("%1", str(done.entries)).replace("%2", done.path)
        )
        self.load()  # the export is an entry of the log too
        self.exported.emit(done)

    def _export_failed(self, error: BaseException) -> None:
        self.export_button.setEnabled(True)
        show_error(self, error)

    def verify(self) -> None:
        """On the lane: the chain is read entry by entry, which takes a moment on a long log."""
        ctx = self.ctx
        self.verify_button.setEnabled(False)
        self.result.setStyleSheet("")
        self.result.show()
        self.result.setText(self.tr("正在核验…"))
        self.runner.submit(lambda: ops.verify(ctx), on_done=self._verified, on_error=self._failed)

    def _verified(self, check: ChainCheck) -> None:
        self.verify_button.setEnabled(True)
        self.result.setStyleSheet(OK_STYLE if check.ok else BROKEN_STYLE)
        text = message(check.reason, check.params)
        if check.head is not None:
            # Selectable: the clerk copies it somewhere else (yishi audit verify --head compares).
            text += self.tr("\n最后一条记录：%1:%2（请另行保存，以后可核对操作记录没有被整段重写）")
            text = text.replace("%1", str(check.head_id)).replace("%2", check.head)
        self.result.setText(text)
        self.verified.emit(check)

    def _failed(self, error: BaseException) -> None:
        self.verify_button.setEnabled(True)
        self.result.setText(describe(error))
