"""届次管理: a body's terms — open one, correct its dates, record the election, hand over, delete
a draft opened by mistake, and for the presidium draw candidates from the congress's delegates.

Every change is one command; the Runner then tells every window (the roster's term box too)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QObject
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from models.domain.meeting_vocabulary import FEDERATION_TZ
from models.domain.vocabulary import Association, BodyKind, TermStatus
from models.services.terms.contracts import ELECTED_BODIES, TermSummary
from views.background import Runner
from views.error_presenter import describe
from views.ops import terms as ops
from views.permissions import gate
from views.side_button import message_line, side_button, side_column
from views.terms.term_forms import (
    CandidatesFromCongressForm,
    DatesForm,
    ElectionForm,
    HandoverForm,
    OpenTermForm,
    ask,
)
from views.terms.term_table_model import TermTableModel

if TYPE_CHECKING:
    from models.services.common.changes import Changes, Outcome
    from models.services.common.context import AppContext
    from models.services.terms.contracts import HandoverPlan, Nominee

T = TypeVar("T")


class TermsDialog(QDialog):
    def __init__(
        self,
        runner: Runner,
        ctx: AppContext,
        *,
        kind: BodyKind,
        association: Association | None,
        body_name: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.runner, self.ctx = runner, ctx
        self.kind, self.association, self.body_name = kind, association, body_name
        self.busy = False
        self.loaded = False
        self.form: QDialog | None = None  # the sub-dialog open now (tests drive it)
        self.setWindowTitle(self.tr("%1 — 届次管理").replace("%1", body_name))
        self.setAccessibleName(self.windowTitle())
        elected = kind in ELECTED_BODIES
        intro = QLabel(
            self.tr(
                "新建的一届为“筹备中”；记录选举结果后“设为现任”：上一届转为往届，其在任人员以“届满”结束任职。"
            )
            if elected
            else self.tr(
                "新建的一届为“筹备中”，加入人员后“设为现任”：上一届转为往届，其在任人员以“届满”结束任职。"
            )
        )
        intro.setWordWrap(True)

        self.model = TermTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("届次列表"))
        self.table.setAccessibleDescription(self.tr("选择一届后用右侧按钮操作"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())

        self.open_button = side_button(
            self.tr("新建一届(&N)…"), self.tr("新建下一届（筹备中）"), self.open_term
        )
        self.dates_button = side_button(
            self.tr("更正日期(&D)…"), self.tr("更正所选届次的开始、结束日期"), self.correct_dates
        )
        self.elect_button = side_button(
            self.tr("记录选举结果(&E)…"),
            self.tr("所选筹备中届次的候选人当选或未当选，候补人选递补"),
            self.record_election,
        )
        self.current_button = side_button(
            self.tr("设为现任(&C)…"),
            self.tr("换届：所选届次成为现任，上一届转为往届"),
            self.make_current,
        )
        self.candidates_button = side_button(
            self.tr("从代表中添加候选人(&A)…"),
            self.tr("从同一届代表大会的代表中选取主席团候选人"),
            self.add_candidates,
        )
        self.delete_button = side_button(
            self.tr("删除(&X)"),
            self.tr("删除误建的届次：只限筹备中且没有人员和会议"),
            self.delete_term,
        )
        self.elect_button.setVisible(elected)
        self.candidates_button.setVisible(kind is BodyKind.PRESIDIUM)
        # Every button here changes a term: a reader sees them greyed with the reason (the guard
        # keeps them so whatever _update_buttons decides by selection).
        for button in (
            self.open_button,
            self.dates_button,
            self.elect_button,
            self.candidates_button,
            self.current_button,
            self.delete_button,
        ):
            gate(button, ctx, "terms.edit")

        self.message = message_line(self.tr("提示"))
        close = side_button(self.tr("关闭"), self.tr("关闭（Esc）"), self.reject)

        side = side_column(
            (
                self.open_button,
                self.dates_button,
                self.elect_button,
                self.candidates_button,
                self.current_button,
                self.delete_button,
            ),
            close,
        )
        middle = QHBoxLayout()
        middle.addWidget(self.table, 1)
        middle.addLayout(side)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(middle, 1)
        layout.addWidget(self.message)
        self.resize(self.fontMetrics().horizontalAdvance("身" * 52), 360)
        self._update_buttons()
        runner.data_changed.connect(self._on_data_changed)
        self.load()

    def _on_data_changed(self, changes: Changes, initiator: object) -> None:
        """A slate imported or a member added elsewhere changes the head counts; this dialog's
        own changes (and its forms') reload by themselves, selecting what they changed."""
        own = initiator is self or (isinstance(initiator, QObject) and initiator.parent() is self)
        if not own and (changes.terms or changes.memberships):
            self.load()

    # --- the list ----------------------------------------------------------------------------

    def rows(self) -> list[TermSummary]:
        return [self.model.row_at(i) for i in range(self.model.rowCount())]

    def selected(self) -> TermSummary | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def select_term(self, ordinal: int) -> None:
        row = next(i for i, s in enumerate(self.rows()) if s.term.term == ordinal)
        self.table.selectRow(row)
        self.table.setFocus()

    def load(self, select_id: int | None = None) -> None:
        kind, association = self.kind, self.association
        previous = self.selected()
        wanted = select_id if select_id is not None else (previous.term.id if previous else None)
        self.loaded = False
        self.runner.submit(
            lambda: ops.summaries(self.ctx, kind=kind, association=association),
            on_done=lambda rows: self._loaded(rows, wanted),
            on_error=lambda error: self.show_message(describe(error)),
        )

    def _loaded(self, rows: list[TermSummary], select_id: int | None) -> None:
        self.model.set_rows(rows)
        if rows:
            ids = [s.term.id for s in rows]
            drafts = [i for i, s in enumerate(rows) if s.term.status is TermStatus.DRAFT]
            row = ids.index(select_id) if select_id in ids else (drafts or [len(rows) - 1])[0]
            self.table.selectRow(row)
        elif not self.message.text():
            self.show_message(
                self.tr("%1还没有届次：请按“新建一届”。").replace("%1", self.body_name),
                is_error=False,
            )
        self.loaded = True
        self._update_buttons()

    def _update_buttons(self) -> None:
        s = self.selected()
        draft = s is not None and s.term.status is TermStatus.DRAFT
        self.open_button.setEnabled(not self.busy)
        self.dates_button.setEnabled(not self.busy and s is not None)
        self.elect_button.setEnabled(not self.busy and draft)
        self.candidates_button.setEnabled(not self.busy and draft)
        self.current_button.setEnabled(not self.busy and draft)
        self.delete_button.setEnabled(
            not self.busy and draft and s is not None and s.people == 0 and s.meetings == 0
        )

    def show_message(self, text: str, *, is_error: bool = True) -> None:
        self.message.setText((self.tr("错误：") if is_error else "") + text)

    # --- the actions -------------------------------------------------------------------------

    def _today(self) -> Any:
        return datetime.now(FEDERATION_TZ).date()

    def _after(
        self, form: QDialog, said: Callable[[], str], select: Callable[[], int | None]
    ) -> None:
        """Show a sub-dialog (window-modal); when it saved, say so and reload the list (the Runner
        has told the other windows)."""
        self.form = form

        def finished(result: int) -> None:
            self.form = None
            if result == QDialog.DialogCode.Accepted:
                self.show_message(said(), is_error=False)
                self.load(select())
            self.table.setFocus()
            form.deleteLater()

        form.finished.connect(finished)
        form.open()

    def open_term(self) -> None:
        ordinals = [s.term.term for s in self.rows() if s.term.term is not None]
        form = OpenTermForm(
            self.runner,
            self.ctx,
            kind=self.kind,
            association=self.association,
            body_name=self.body_name,
            next_ordinal=max(ordinals, default=0) + 1,
            parent=self,
        )
        self._after(
            form,
            lambda: self.tr("已新建%1（筹备中）。").replace(
                "%1", form.created.name if form.created else ""
            ),
            lambda: form.created.id if form.created else None,
        )

    def correct_dates(self) -> None:
        s = self.selected()
        if s is None:
            return
        form = DatesForm(self.runner, self.ctx, term=s.term, body_name=self.body_name, parent=self)
        name, term_id = s.term.name, s.term.id
        self._after(form, lambda: self.tr("已更正%1的日期。").replace("%1", name), lambda: term_id)

    def record_election(self) -> None:
        s = self.selected()
        if s is None:
            return
        term = s.term
        self._read(
            lambda: ops.nominees(self.ctx, term_id=term.id),
            lambda nominees: self._open_election(s, nominees),
        )

    def _open_election(self, s: TermSummary, nominees: list[Nominee]) -> None:
        if not nominees:
            self.show_message(
                self.tr("%1还没有候选人：请先导入或添加候选人名单。").replace("%1", s.term.name)
            )
            return
        form = ElectionForm(
            self.runner,
            self.ctx,
            term=s.term,
            body_name=self.body_name,
            nominees=nominees,
            today=self._today(),
            parent=self,
        )
        name, term_id = s.term.name, s.term.id
        self._after(
            form, lambda: self.tr("已记录%1选举结果。").replace("%1", name), lambda: term_id
        )

    def make_current(self) -> None:
        s = self.selected()
        if s is None:
            return
        term_id = s.term.id
        self._read(
            lambda: ops.handover_plan(self.ctx, term_id=term_id),
            self._open_handover,
        )

    def _open_handover(self, plan: HandoverPlan) -> None:
        form = HandoverForm(
            self.runner,
            self.ctx,
            plan=plan,
            body_name=self.body_name,
            today=self._today(),
            confirm=lambda text: ask(
                self, self.tr("确认换届"), text + self.tr("\n\n确定吗？"), self.tr("设为现任")
            ),
            parent=self,
        )
        name, term_id = plan.term.name, plan.term.id
        self._after(form, lambda: self.tr("%1已设为现任。").replace("%1", name), lambda: term_id)

    def add_candidates(self) -> None:
        s = self.selected()
        if s is None:
            return
        term = s.term
        self._read(
            lambda: ops.delegates_for_presidium(self.ctx, term_id=term.id),
            lambda delegates: self._open_candidates(s, delegates),
        )

    def _open_candidates(self, s: TermSummary, delegates: list[Nominee]) -> None:
        if not delegates:
            self.show_message(self.tr("代表大会%1没有尚未列入的代表。").replace("%1", s.term.name))
            return
        form = CandidatesFromCongressForm(
            self.runner, self.ctx, term=s.term, delegates=delegates, parent=self
        )
        term_id = s.term.id
        self._after(form, lambda: self.tr("已添加主席团候选人。"), lambda: term_id)

    def delete_term(self) -> None:
        s = self.selected()
        if s is None or not self.delete_button.isEnabled():
            return
        term = s.term
        if not ask(
            self,
            self.tr("删除届次"),
            self.tr("确定删除%1%2吗？其选举单位名额设置一并删除。")
            .replace("%1", self.body_name)
            .replace("%2", term.name),
            self.tr("删除"),
        ):
            return
        self._run(
            lambda: ops.delete_term(self.ctx, term_id=term.id, version=term.version),
            self.tr("已删除%1。").replace("%1", term.name),
        )

    # --- running -----------------------------------------------------------------------------

    def _read(self, work: Callable[[], T], then: Callable[[T], None]) -> None:
        self.busy = True
        self._update_buttons()

        def done(value: T) -> None:
            self.busy = False
            self._update_buttons()
            then(value)

        def failed(error: BaseException) -> None:
            self.busy = False
            self._update_buttons()
            self.show_message(describe(error))

        self.runner.submit(work, on_done=done, on_error=failed)

    def _run(self, work: Callable[[], Outcome[Any]], said: str) -> None:
        self.busy = True
        self._update_buttons()

        def done(_value: object) -> None:
            self.busy = False
            self.show_message(said, is_error=False)
            self.load()

        def failed(error: BaseException) -> None:
            self.busy = False
            self.show_message(describe(error))
            self.load()

        self.runner.submit_command(work, on_done=done, on_error=failed, initiator=self)
