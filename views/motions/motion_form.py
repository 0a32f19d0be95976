"""新建提案, 编辑 and 重新提交: one form over a `MotionDraft` (the service decides).

The proposer and the co-signers (附议人) are chosen from the members of the presidium's term; the
查找 field narrows both lists by name or pinyin (wf finds 王芳). The three texts are separate
fields; Tab leaves them (it does not type a tab).
"""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from models.domain.motion_workflow import MOTION_CATEGORIES
from models.services.motions.contracts import MemberChoice, MotionDraft, MotionRow
from views.background import Runner
from views.error_presenter import describe
from views.form_dialog import FormDialog, date_edit, day_of
from views.ops import motions as ops

if TYPE_CHECKING:
    from models.services.common.context import AppContext


class Mode(Enum):
    ADD = "新建提案"
    EDIT = "编辑提案"
    RESUBMIT = "重新提交"


class MotionEntryForm(FormDialog):
    """`saved` carries the service's row; `loaded` fires once the members are in the lists."""

    saved = Signal(object)
    loaded = Signal()

    def __init__(
        self,
        runner: Runner,
        ctx: AppContext,
        *,
        mode: Mode = Mode.ADD,
        motion: MotionRow | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner, self.tr(mode.value), parent)
        self.ctx, self.mode, self.motion = ctx, mode, motion
        self.members: list[MemberChoice] = []
        self.saved_row: MotionRow | None = None
        self._start: MotionDraft | None = None

        self.term = QSpinBox()
        self.term.setRange(1, 99)
        self.term.setSuffix(self.tr(" 届"))
        self.term.setEnabled(mode is Mode.ADD)
        self.add_field("term", self.tr("主席团届次(&E)："), self.term)
        self.search = self.add_field(
            "search",
            self.tr("查找委员(&F)："),
            QLineEdit(),
            self.tr("输入姓名或拼音（如 wf），缩小提案人和附议人的选择范围"),
        )
        self.search.setPlaceholderText(self.tr("姓名或拼音"))
        self.proposer = self.add_field("proposer", self.tr("提案人(&P)："), QComboBox())
        self.co_signers = self.add_field(
            "co_signers",
            self.tr("附议人(&G)："),
            QListWidget(),
            self.tr("空格键勾选或取消；提案人不能同时是附议人"),
        )
        self.co_signers.setMaximumHeight(self.fontMetrics().height() * 7)
        self.title_edit = self.add_field("title", self.tr("标题(&T)："), QLineEdit())
        self.category = self.add_field("category", self.tr("类别(&C)："), QComboBox())
        self.category.addItem(self.tr("（请选择）"), None)
        for name in MOTION_CATEGORIES:
            self.category.addItem(name, name)
        self.cause = self._text("cause", self.tr("案由(&Y)："))
        self.reasons = self._text("reasons", self.tr("理由(&R)："))
        self.proposals = self._text("proposals", self.tr("办法和建议(&B)："))
        self.received = self.add_field(
            "submitted_on", self.tr("收到日期(&D)："), date_edit(date.today())
        )
        self.ok_button().setText(self.tr(mode.value) if mode is not Mode.EDIT else self.tr("保存"))
        self.search.textChanged.connect(self._filter)
        self.term.valueChanged.connect(lambda _v: self._load_members())
        self.ok_button().setEnabled(False)
        if motion is None:
            runner.submit(
                lambda: ops.current_presidium_term(ctx),
                on_done=self._got_term,
                on_error=self._load_failed,
            )
        else:
            mid = motion.id
            runner.submit(
                lambda: ops.motion_draft(ctx, motion_id=mid),
                on_done=self._got_draft,
                on_error=self._load_failed,
            )

    def _text(self, key: str, label: str) -> QPlainTextEdit:
        edit = QPlainTextEdit()
        edit.setTabChangesFocus(True)
        edit.setMaximumHeight(self.fontMetrics().height() * 5)
        return self.add_field(key, label, edit)

    # --- loading --------------------------------------------------------------------------------

    def _load_failed(self, error: BaseException) -> None:
        self.show_problem("term", describe(error))

    def _got_term(self, term: int | None) -> None:
        if term is None:
            self.show_problem("term", self.tr("没有现任主席团届次，请先设置届次后再登记提案。"))
            return
        self.term.blockSignals(True)
        self.term.setValue(term)
        self.term.blockSignals(False)
        self._load_members()

    def _got_draft(self, result: tuple[int | None, MotionDraft]) -> None:
        term, draft = result
        self._start = draft
        self.title_edit.setText(draft.title)
        self.category.setCurrentIndex(max(0, self.category.findData(draft.category)))
        self.cause.setPlainText(draft.cause)
        self.reasons.setPlainText(draft.reasons)
        self.proposals.setPlainText(draft.proposals)
        if draft.submitted_on is not None:
            d = draft.submitted_on
            self.received.setDate(QDate(d.year, d.month, d.day))
        self._got_term(term)

    def _load_members(self) -> None:
        ctx, term = self.ctx, self.term.value()
        self.runner.submit(
            lambda: ops.presidium_members(ctx, term=term),
            on_done=self._got_members,
            on_error=self._load_failed,
        )

    def _got_members(self, members: list[MemberChoice]) -> None:
        self.members = members
        start = self._start
        chosen = set(start.co_signer_ids) if start is not None else set()
        self.co_signers.clear()
        for m in members:
            item = QListWidgetItem(self.label(m))
            item.setData(Qt.ItemDataRole.UserRole, m.person_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = m.person_id in chosen
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.co_signers.addItem(item)
        self._filter(self.search.text())
        if start is not None:
            self.set_proposer(start.proposer_id)
        self.ok_button().setEnabled(True)
        self.loaded.emit()

    def label(self, m: MemberChoice) -> str:
        """The name, with the person's number when another member has the same name."""
        if sum(1 for other in self.members if other.name == m.name) > 1:
            return (
                self.tr("%1（人员编号 %2）").replace("%1", m.name).replace("%2", str(m.person_id))
            )
        return m.name

    def _filter(self, text: str) -> None:
        """Both lists narrowed to the members that match; the chosen proposer stays."""
        keep = self.proposer.currentData()
        self.proposer.clear()
        self.proposer.addItem(self.tr("（请选择）"), None)
        for m in self.members:
            if m.matches(text) or m.person_id == keep:
                self.proposer.addItem(self.label(m), m.person_id)
        matching = [m for m in self.members if m.matches(text)]
        if keep is None and text.strip() and len(matching) == 1:
            keep = matching[0].person_id
        self.proposer.setCurrentIndex(max(0, self.proposer.findData(keep)))
        visible = {m.person_id for m in matching}
        for i in range(self.co_signers.count()):
            item = self.co_signers.item(i)
            item.setHidden(item.data(Qt.ItemDataRole.UserRole) not in visible)

    # --- choosing (also for tests) ---------------------------------------------------------------

    def set_proposer(self, person_id: int) -> None:
        index = self.proposer.findData(person_id)
        if index < 0:
            self.search.clear()
            index = self.proposer.findData(person_id)
        self.proposer.setCurrentIndex(max(0, index))

    def set_co_signer(self, person_id: int, checked: bool = True) -> None:
        for i in range(self.co_signers.count()):
            item = self.co_signers.item(i)
            if item.data(Qt.ItemDataRole.UserRole) == person_id:
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def chosen_co_signers(self) -> tuple[int, ...]:
        return tuple(
            self.co_signers.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.co_signers.count())
            if self.co_signers.item(i).checkState() == Qt.CheckState.Checked
        )

    def draft(self) -> MotionDraft | None:
        """What the clerk typed; None (with the field named) when the proposer is missing."""
        proposer = self.proposer.currentData()
        if proposer is None:
            self.show_problem("proposer", self.tr("请选择提案人。"))
            self.proposer.setFocus()
            return None
        return MotionDraft(
            title=self.title_edit.text(),
            proposer_id=proposer,
            co_signer_ids=self.chosen_co_signers(),
            category=self.category.currentData(),
            cause=self.cause.toPlainText(),
            reasons=self.reasons.toPlainText(),
            proposals=self.proposals.toPlainText(),
            submitted_on=day_of(self.received),
        )

    # --- saving ---------------------------------------------------------------------------------

    def submit(self) -> None:
        draft = self.draft()
        if draft is None:
            return
        self.clear_problem()
        ctx = self.ctx
        if self.mode is Mode.ADD:
            term = self.term.value()
            self.run_command(lambda: ops.add_motion(ctx, draft=draft, term=term), self._saved)
            return
        assert self.motion is not None
        mid, version = self.motion.id, self.motion.version
        command = ops.edit_motion if self.mode is Mode.EDIT else ops.resubmit_motion
        self.run_command(
            lambda: command(ctx, motion_id=mid, version=version, draft=draft), self._saved
        )

    def _saved(self, row: MotionRow) -> None:
        self.saved_row = row
        self.saved.emit(row)
        self.accept()
