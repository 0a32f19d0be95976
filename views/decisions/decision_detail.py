"""One 三重一大 decision: its header, the step checklist with files, the discussions, the
follow-ups and the history, with a button for each action — enabled only when the state allows."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from models.domain.major_decision import DecisionAction, DecisionState
from models.services.decisions.contracts import DecisionDetail, DiscussionWorkbench, MeetingChoice
from views.background import Runner
from views.decisions.decision_forms import MatterForm, MeetingForm
from views.decisions.decision_table_model import amount_text, meeting_text
from views.decisions.form_base import DecisionForm
from views.decisions.record_text import record_text
from views.decisions.step_forms import CompleteForm, FollowUpForm, ProgressForm, ReopenForm
from views.decisions.step_panel import StepPanel
from views.error_presenter import describe
from views.ops import decisions as ops
from views.permissions import gate

if TYPE_CHECKING:
    from models.services.common.context import AppContext

A = DecisionAction
EDITABLE = frozenset({DecisionState.DRAFT, DecisionState.READY, DecisionState.DEFERRED})
FACTS = ("事项名称", "类别", "金额", "决策机构", "年度", "状态", "会议", "缺少的程序", "建议补充")
FOLLOW_UP_HEADERS = ("执行事项", "责任人", "完成期限", "进展情况", "完成日期")
HISTORY_HEADERS = ("时间", "操作人", "操作", "状态变化", "理由")


def read_only_table(headers: tuple[str, ...], name: str, stretch: int) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(list(headers))
    table.setAccessibleName(name)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return table


def fill(table: QTableWidget, rows: list[tuple[str, ...]]) -> None:
    table.setRowCount(len(rows))
    for i, cells in enumerate(rows):
        for column, text in enumerate(cells):
            table.setItem(i, column, QTableWidgetItem(text))


class DecisionDetailWindow(QWidget):
    loaded = Signal()

    def __init__(
        self, runner: Runner, ctx: AppContext, decision_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.runner, self.ctx, self.decision_id = runner, ctx, decision_id
        self.detail: DecisionDetail | None = None
        self.form: DecisionForm | None = None
        self.last_preview: Any = None  # the paper preview, from views/documents
        self.setWindowTitle(self.tr("三重一大事项"))
        self.setAccessibleName(self.windowTitle())

        facts = QFormLayout()
        self.fact_labels: dict[str, QLabel] = {}
        for key in FACTS:
            label = QLabel()
            label.setAccessibleName(key)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setWordWrap(True)
            facts.addRow(key + "：", label)
            self.fact_labels[key] = label
        self.background = QPlainTextEdit()
        self.background.setReadOnly(True)
        self.background.setAccessibleName(self.tr("事项背景"))
        self.background.setMaximumHeight(70)
        top = QHBoxLayout()
        top.addLayout(facts, 3)
        background_box = QVBoxLayout()
        background_box.addWidget(QLabel(self.tr("事项背景：")))
        background_box.addWidget(self.background)
        background_box.addStretch(1)
        top.addLayout(background_box, 2)

        self.steps = StepPanel(runner, ctx, self.show_detail, self.show_message, self)
        self.record = QPlainTextEdit()
        self.record.setReadOnly(True)
        self.record.setAccessibleName(self.tr("集体讨论记录"))
        self.follow_ups = read_only_table(FOLLOW_UP_HEADERS, self.tr("执行事项"), 3)
        self.progress_button = QPushButton(self.tr("更新进展(&U)…"))
        self.progress_button.clicked.connect(lambda: self.update_progress())
        self.follow_ups.itemSelectionChanged.connect(self._update_buttons)
        follow_page = QWidget()
        follow_layout = QVBoxLayout(follow_page)
        follow_layout.addWidget(self.follow_ups, 1)
        progress_row = QHBoxLayout()
        progress_row.addWidget(self.progress_button)
        progress_row.addStretch(1)
        follow_layout.addLayout(progress_row)
        self.history = read_only_table(HISTORY_HEADERS, self.tr("经过"), 4)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("事项记录"))
        self.tabs.addTab(self.steps, self.tr("必经程序"))
        self.tabs.addTab(self.record, self.tr("集体讨论"))
        self.tabs.addTab(follow_page, self.tr("执行情况"))
        self.tabs.addTab(self.history, self.tr("经过"))

        self.buttons: dict[str, QPushButton] = {}
        actions = QHBoxLayout()
        for key, text, slot in (
            ("edit", self.tr("修改事项信息(&E)…"), self.edit_matter),
            ("agenda", self.tr("列入议程(&A)…"), self.put_on_agenda),
            ("discuss", self.tr("记录集体讨论(&D)…"), self.record_discussion),
            ("reopen", self.tr("复议(&V)…"), self.reopen),
            ("follow_up", self.tr("添加执行事项(&X)…"), self.add_follow_up),
            ("complete", self.tr("执行完成(&C)…"), self.complete),
            ("report", self.tr("报告紧急处置(&B)…"), self.report_emergency),
            ("print", self.tr("打印记录表(&P)…"), self.print_record),
        ):
            button = QPushButton(text)
            button.clicked.connect(lambda _c=False, s=slot: s())
            actions.addWidget(button)
            self.buttons[key] = button
            # Greyed with the reason whatever the matter's state offers (_update_buttons).
            gate(button, ctx, "papers.print" if key == "print" else "decisions.edit")
        gate(self.progress_button, ctx, "decisions.edit")
        actions.addStretch(1)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("提示"))
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(actions)
        layout.addWidget(self.message)
        self._update_buttons()
        self.resize(1100, 720)
        self.load()

    # --- loading --------------------------------------------------------------------------------

    def load(self) -> None:
        ctx, decision_id = self.ctx, self.decision_id
        self.runner.submit(
            lambda: ops.decision(ctx, decision_id=decision_id),
            on_done=self.show_detail,
            on_error=lambda e: self.show_message(describe(e)),
        )

    def show_detail(self, detail: DecisionDetail) -> None:
        self.detail = detail
        row = detail.row
        self.setWindowTitle(self.tr("三重一大事项 — %1").replace("%1", row.title))
        self.setAccessibleName(self.windowTitle())
        meeting = meeting_text(row) or "—"
        if detail.agenda_meeting_id is not None and detail.placed_on_agenda_on is not None:
            meeting += self.tr("，%1列入议程").replace("%1", detail.placed_on_agenda_on.isoformat())
        values = {
            "事项名称": row.title,
            "类别": row.category.value,
            "金额": amount_text(row) or "—",
            "决策机构": row.body_name,
            "年度": str(row.year),
            "状态": row.state_name,
            "会议": meeting,
            "缺少的程序": "未完成：" + "、".join(row.missing_steps) if row.missing_steps else "无",
            "建议补充": "、".join(row.warnings) if row.warnings else "无",
        }
        for key, value in values.items():
            self.fact_labels[key].setText(value)
        # The words say it; the colour repeats it only where something is open.
        self.fact_labels["缺少的程序"].setStyleSheet("color: #c0392b;" if row.missing_steps else "")
        self.fact_labels["建议补充"].setStyleSheet("color: #b9770e;" if row.warnings else "")
        self.background.setPlainText(detail.background)
        self.steps.set_detail(detail)
        self.record.setPlainText(record_text(detail))
        fill(
            self.follow_ups,
            [
                (
                    f.task,
                    f.owner,
                    f.due_on.isoformat() if f.due_on else "—",
                    f.progress or "",
                    f.done_on.isoformat() if f.done_on else self.tr("未完成"),
                )
                for f in detail.follow_ups
            ],
        )
        fill(
            self.history,
            [
                (
                    h.at.strftime("%Y-%m-%d %H:%M"),
                    h.by,
                    h.action,
                    f"{h.from_state or '—'} → {h.to_state}",
                    h.reason or "",
                )
                for h in detail.history
            ],
        )
        self._update_buttons()
        self.loaded.emit()

    def enabled_actions(self) -> set[str]:
        """The buttons the state allows (DecisionDetail.allowed), by key."""
        if self.detail is None:
            return set()
        allowed, state = set(self.detail.allowed), self.detail.row.state
        on_agenda = self.detail.agenda_meeting_id is not None
        keys = set()
        if state in EDITABLE:
            keys.add("edit")
        # After 复议 the matter is 待议 again but has no agenda place until a new one is chosen.
        if A.PUT_ON_AGENDA in allowed or (state is DecisionState.READY and not on_agenda):
            keys.add("agenda")
        if A.DECIDE in allowed and on_agenda:
            keys.add("discuss")
        if A.REOPEN in allowed:
            keys.add("reopen")
        if A.START_FOLLOW_UP in allowed or state is DecisionState.IMPLEMENTING:
            keys.add("follow_up")
        if A.COMPLETE in allowed:
            keys.add("complete")
        if A.REPORT in allowed:
            keys.add("report")
        keys.add("print")
        return keys

    def _update_buttons(self) -> None:
        enabled = self.enabled_actions()
        for key, button in self.buttons.items():
            button.setEnabled(key in enabled)
        self.progress_button.setEnabled(
            self.detail is not None
            and self.detail.row.state is DecisionState.IMPLEMENTING
            and bool(self.follow_ups.selectionModel().selectedRows())
        )

    def show_message(self, text: str) -> None:
        self.message.setText(text)

    # --- actions --------------------------------------------------------------------------------

    def _open(self, form: DecisionForm, done: str) -> None:
        # The Runner tells the other windows what changed; this one shows the returned detail.
        form.saved.connect(lambda detail: self._form_saved(detail, done))
        self.form = form
        form.open()

    def _form_saved(self, detail: DecisionDetail, done: str) -> None:
        self.show_detail(detail)
        self.show_message(done)

    def edit_matter(self) -> MatterForm | None:
        if self.detail is None:
            return None
        form = MatterForm(self.runner, self.ctx, self.detail, self)
        self._open(form, self.tr("已修改事项信息。"))
        return form

    def put_on_agenda(self) -> None:
        self._fetch_meetings(report=False)

    def report_emergency(self) -> None:
        self._fetch_meetings(report=True)

    def _fetch_meetings(self, *, report: bool) -> None:
        detail = self.detail
        if detail is None:
            return
        ctx, body = self.ctx, detail.row.body
        since, today = detail.emergency_on, date.today()

        def work() -> list[MeetingChoice]:
            if report:
                return ops.report_meetings(ctx, body=body, since=since)
            return ops.agenda_meetings(ctx, body=body, after=today)

        self.runner.submit(
            work,
            on_done=lambda meetings: self._open(
                MeetingForm(self.runner, ctx, detail, meetings, report=report, parent=self),
                self.tr("已报告紧急处置。") if report else self.tr("已列入议程。"),
            ),
            on_error=lambda e: self.show_message(describe(e)),
        )

    def record_discussion(self) -> None:
        from views.decisions.discussion_form import DiscussionForm

        detail = self.detail
        if detail is None:
            return
        ctx, decision_id = self.ctx, detail.id

        def opened(bench: DiscussionWorkbench) -> None:
            form = DiscussionForm(self.runner, ctx, detail, bench, self)
            self._open(form, self.tr("已记录集体讨论。"))

        self.runner.submit(
            lambda: ops.discussion_workbench(ctx, decision_id=decision_id),
            on_done=opened,
            on_error=lambda e: self.show_message(describe(e)),
        )

    def reopen(self) -> ReopenForm | None:
        if self.detail is None:
            return None
        form = ReopenForm(self.runner, self.ctx, self.detail, self)
        self._open(form, self.tr("已记录复议。"))
        return form

    def add_follow_up(self) -> FollowUpForm | None:
        if self.detail is None:
            return None
        form = FollowUpForm(self.runner, self.ctx, self.detail, self)
        self._open(form, self.tr("已添加执行事项。"))
        return form

    def update_progress(self) -> ProgressForm | None:
        rows = self.follow_ups.selectionModel().selectedRows()
        if not rows or self.detail is None:
            return None
        entry = self.detail.follow_ups[rows[0].row()]
        form = ProgressForm(self.runner, self.ctx, self.detail, entry, self)
        self._open(form, self.tr("已更新执行进展。"))
        return form

    def complete(self) -> CompleteForm | None:
        if self.detail is None:
            return None
        form = CompleteForm(self.runner, self.ctx, self.detail, self)
        self._open(form, self.tr("事项已执行完成。"))
        return form

    def print_record(self) -> None:
        from models.services.papers.contracts import PaperKind, PaperRequest
        from views.documents.papers import open_paper

        if self.detail is None:
            return
        open_paper(
            self,
            self.runner,
            self.ctx,
            PaperRequest(PaperKind.DECISION, decision_id=self.detail.id),
            self.tr("三重一大事项决策记录表（%1）").replace("%1", self.detail.row.title),
            on_shown=lambda preview: setattr(self, "last_preview", preview),
        )
