"""The meetings window of one body's term (the party group: by year), with new, open and print."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from models.domain.vocabulary import BodyKind
from models.services.papers.contracts import PaperKind, PaperRequest
from views.background import Runner
from views.documents.papers import open_paper
from views.error_presenter import describe
from views.meetings.meeting_editor import MeetingEditor, series_title
from views.meetings.meeting_table_model import MeetingTableModel
from views.ops import meetings as ops
from views.permissions import gate
from views.row_table_view import row_table_view

if TYPE_CHECKING:
    from models.services.common.changes import Changes
    from models.services.common.context import AppContext
    from models.services.meetings.contracts import MeetingRow
    from models.services.people.contracts import TermRow
    from views.meetings.association_report import AssociationReport


class MeetingList(QWidget):
    def __init__(
        self,
        runner: Runner,
        ctx: AppContext,
        *,
        kind: BodyKind,
        term: TermRow,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.runner, self.ctx, self.kind, self.term = runner, ctx, kind, term
        self._all: list[MeetingRow] = []
        self.report: AssociationReport | None = None
        self.last_preview: Any = None
        self.by_year = kind is BodyKind.PARTY_GROUP
        name = series_title(kind, term)
        self.setWindowTitle(self.tr("会议 — %1").replace("%1", name))
        self.setAccessibleName(self.windowTitle())

        self.title = QLabel(self.tr("%1的会议").replace("%1", name))
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)
        self.year_box = QComboBox()
        self.year_box.setAccessibleName(self.tr("年份"))
        self.year_box.setAccessibleDescription(self.tr("党组会议按年编号：选择要查看的年份"))
        year_label = QLabel(self.tr("年份(&Y)："))
        year_label.setBuddy(self.year_box)
        year_label.setVisible(self.by_year)
        self.year_box.setVisible(self.by_year)
        self.count = QLabel(self.tr("正在载入…"))
        self.count.setAccessibleName(self.tr("会议数"))

        self.model = MeetingTableModel(self)
        self.table = row_table_view(
            self.model,
            name=self.tr("会议列表"),
            description=self.tr("回车或双击打开所选会议"),
            open_row=self.open_meeting,
            open_text=self.tr("打开"),
        )

        self.new_button = QPushButton(self.tr("新建会议"))
        self.new_button.setShortcut(QKeySequence("Ctrl+N"))
        self.new_button.setToolTip(self.tr("安排一次新的会议（Ctrl+N）"))
        self.open_button = QPushButton(self.tr("打开(&O)"))
        self.open_button.setToolTip(self.tr("编辑所选会议的信息、议题、出席情况和纪要（回车）"))
        self.signin_button = QPushButton(self.tr("打印签到表…"))
        self.minutes_button = QPushButton(self.tr("打印纪要…"))
        self.report_button = QPushButton(self.tr("专门协会列席情况…"))
        self.report_button.setToolTip(
            self.tr("按年统计五个专门协会负责人列席执行理事会会议的情况，可打印")
        )
        self.report_button.setVisible(kind is BodyKind.EXECUTIVE_COUNCIL)
        refresh = QPushButton(self.tr("刷新"))
        refresh.setShortcut(QKeySequence.StandardKey.Refresh)
        self.new_button.clicked.connect(self.new_meeting)
        self.open_button.clicked.connect(self.open_meeting)
        self.signin_button.clicked.connect(lambda: self.print_paper("signin"))
        self.minutes_button.clicked.connect(lambda: self.print_paper("minutes"))
        self.report_button.clicked.connect(self.open_report)
        refresh.clicked.connect(self.load)

        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addStretch(1)
        top.addWidget(year_label)
        top.addWidget(self.year_box)
        top.addWidget(self.count)
        buttons = QHBoxLayout()
        for button in (
            self.new_button,
            self.open_button,
            self.signin_button,
            self.minutes_button,
            self.report_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(refresh)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)

        # Opening a meeting and the 专门协会 report are reading; planning one and printing are not.
        gate(self.new_button, ctx, "meetings.edit")
        gate(self.signin_button, ctx, "papers.print")
        gate(self.minutes_button, ctx, "papers.print")
        self.year_box.currentIndexChanged.connect(lambda _i: self._show())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        runner.data_changed.connect(self._on_data_changed)
        self.resize(900, 560)
        self._update_buttons()
        self.load()

    # --- loading --------------------------------------------------------------------------------

    def load(self) -> None:
        # The party group is numbered by year: all its meetings, the year box picks.
        ctx, kind, term = self.ctx, self.kind, self.term.term if not self.by_year else None
        self.runner.submit(
            lambda: ops.meetings(ctx, body=kind, term=term),
            on_done=self._loaded,
            on_error=lambda e: self.count.setText(describe(e)),
        )

    def _loaded(self, rows: list[MeetingRow]) -> None:
        self._all = rows
        if self.by_year:
            wanted = self.year_box.currentData()
            years = sorted({r.year for r in rows} | {date.today().year}, reverse=True)
            if wanted is None:
                with_meetings = {r.year for r in rows}
                today = date.today().year
                wanted = today if today in with_meetings or not rows else max(with_meetings)
            self.year_box.blockSignals(True)
            self.year_box.clear()
            for year in years:
                self.year_box.addItem(self.tr("%1年").replace("%1", str(year)), year)
            self.year_box.setCurrentIndex(max(self.year_box.findData(wanted), 0))
            self.year_box.blockSignals(False)
        self._show()

    def _show(self) -> None:
        selected = self.selected()
        rows = self._all
        if self.by_year:
            rows = [r for r in rows if r.year == self.year_box.currentData()]
        self.model.set_rows(rows)
        self.count.setText(self.tr("共 %1 次会议").replace("%1", str(len(rows))))
        if rows:
            row = self.model.row_of(selected.id) if selected is not None else -1
            self.table.selectRow(row if row >= 0 else len(rows) - 1)
        self._update_buttons()

    def _on_data_changed(self, changes: Changes, _initiator: object) -> None:
        if changes.meetings:
            self.load()

    def selected(self) -> MeetingRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.meeting(rows[0].row()) if rows else None

    def _update_buttons(self) -> None:
        meeting = self.selected()
        for button in (self.open_button, self.signin_button):
            button.setEnabled(meeting is not None)
        self.minutes_button.setEnabled(meeting is not None and meeting.minutes_status is not None)
        self.minutes_button.setToolTip(
            self.tr("打印所选会议的纪要")
            if meeting is None or meeting.minutes_status is not None
            else self.tr("所选会议还没有纪要")
        )

    # --- actions --------------------------------------------------------------------------------

    def new_meeting(self) -> MeetingEditor:
        editor = MeetingEditor(self.runner, self.ctx, kind=self.kind, term=self.term, parent=self)
        editor.show()
        return editor

    def open_meeting(self) -> MeetingEditor | None:
        meeting = self.selected()
        if meeting is None:
            return None
        # One editor per meeting, also for one planned from here; a closed one opens afresh.
        editor = next(
            (e for e in self.findChildren(MeetingEditor) if e.meeting_id == meeting.id), None
        )
        if editor is None:
            editor = MeetingEditor(
                self.runner,
                self.ctx,
                kind=self.kind,
                term=self.term,
                meeting_id=meeting.id,
                parent=self,
            )
        elif not editor.isVisible():
            editor.show_message("")
            editor.load()
        editor.show()
        editor.raise_()
        editor.activateWindow()
        return editor

    def print_paper(self, paper: str) -> None:
        meeting = self.selected()
        if meeting is None:
            return
        title = meeting.title + (self.tr("签到表") if paper == "signin" else self.tr("纪要"))
        open_paper(
            self,
            self.runner,
            self.ctx,
            PaperRequest(PaperKind(paper), meeting_id=meeting.id),
            title,
            on_shown=lambda preview: setattr(self, "last_preview", preview),
        )

    def open_report(self) -> AssociationReport:
        from views.meetings.association_report import AssociationReport

        meeting = self.selected()
        year = meeting.year if meeting is not None else date.today().year
        if self.report is None:
            self.report = AssociationReport(self.runner, self.ctx, year=year, parent=self)
        else:
            self.report.year.setValue(year)
        self.report.show()
        self.report.raise_()
        return self.report
