"""The small forms of a matter's record: a step done or 不适用, 复议, and the follow-ups."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QCheckBox, QLabel, QLineEdit, QPlainTextEdit, QSpinBox, QWidget

from models.services.decisions.contracts import DecisionDetail, FollowUpRow, StepRow
from views.background import Runner
from views.decisions.form_base import DecisionForm
from views.form_dialog import date_edit, day_of
from views.ops import decisions as ops

if TYPE_CHECKING:
    from models.services.common.context import AppContext


def text_box(height: int = 90) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setMaximumHeight(height)
    box.setTabChangesFocus(True)
    return box


class StepForm(DecisionForm):
    """登记完成情况: date, people and summary of one step; recording again corrects it."""

    def __init__(
        self,
        runner: Runner,
        ctx: AppContext,
        detail: DecisionDetail,
        step: StepRow,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner, ctx, "", detail.row.title, parent)
        self.retitle(self.tr("登记“%1”").replace("%1", step.kind))
        self.detail, self.kind = detail, step.kind
        self.add_field("kind", self.tr("程序："), QLabel(f"{step.kind}（{step.timing_name}）"))
        self.done_on = self.add_field(
            "done_on", self.tr("完成日期(&D)："), date_edit(step.done_on or date.today())
        )
        self.participants = self.add_field("participants", self.tr("参加人员(&P)："), QLineEdit())
        self.participants.setText(step.participants or "")
        self.summary = text_box()
        self.summary.setPlainText(step.summary or "")
        self.add_field("summary", self.tr("情况摘要(&S)："), self.summary)

    def submit(self) -> None:
        ctx, decision_id, version = self.ctx, self.detail.id, self.detail.version
        kind, on = self.kind, day_of(self.done_on)
        people = self.participants.text()
        summary = self.summary.toPlainText()
        self.save(
            lambda: ops.record_step(
                ctx,
                decision_id=decision_id,
                expected_version=version,
                kind=kind,
                done_on=on,
                participants=people,
                summary=summary,
            )
        )


class NotApplicableForm(DecisionForm):
    """注明不适用: a written reason and who accepted it; the record prints both."""

    def __init__(
        self,
        runner: Runner,
        ctx: AppContext,
        detail: DecisionDetail,
        step: StepRow,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner, ctx, "", detail.row.title, parent)
        self.retitle(self.tr("注明“%1”不适用").replace("%1", step.kind))
        self.detail, self.kind = detail, step.kind
        self.add_field("kind", self.tr("程序："), QLabel(step.kind))
        self.reason = text_box()
        self.reason.setPlainText(step.na_reason or "")
        self.add_field("reason", self.tr("不适用的理由(&R)："), self.reason)
        self.accepted_by = self.add_field("accepted_by", self.tr("认可人(&A)："), QLineEdit())
        self.accepted_by.setText(step.na_accepted_by or "")

    def submit(self) -> None:
        ctx, decision_id, version = self.ctx, self.detail.id, self.detail.version
        kind, reason = self.kind, self.reason.toPlainText()
        who = self.accepted_by.text()
        self.save(
            lambda: ops.mark_step_not_applicable(
                ctx,
                decision_id=decision_id,
                expected_version=version,
                kind=kind,
                reason=reason,
                accepted_by=who,
            )
        )


class ReopenForm(DecisionForm):
    """复议: who asked, when, how many of the N members agreed, and why."""

    def __init__(
        self,
        runner: Runner,
        ctx: AppContext,
        detail: DecisionDetail,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner, ctx, "", detail.row.title, parent)
        self.retitle(self.tr("复议"))
        self.detail = detail
        members = detail.discussions[-1].members if detail.discussions else 0
        self.requested_by = self.add_field("requested_by", self.tr("提议人(&P)："), QLineEdit())
        self.requested_on = self.add_field(
            "requested_on", self.tr("日期(&D)："), date_edit(date.today())
        )
        self.agree = QSpinBox()
        self.agree.setRange(0, max(members, 0))
        self.agree.setSuffix(self.tr(" 人（共 %1 名成员）").replace("%1", str(members)))
        self.add_field(
            "agree",
            self.tr("同意复议人数(&N)："),
            self.agree,
            self.tr("须超过成员总数的一半才能复议"),
        )
        self.reason = text_box()
        self.add_field("reason", self.tr("理由(&R)："), self.reason)
        self.ok_button().setText(self.tr("记录复议"))

    def submit(self) -> None:
        ctx, decision_id, version = self.ctx, self.detail.id, self.detail.version
        who = self.requested_by.text()
        on, agree = day_of(self.requested_on), self.agree.value()
        reason = self.reason.toPlainText()
        self.save(
            lambda: ops.reopen_decision(
                ctx,
                decision_id=decision_id,
                expected_version=version,
                requested_by=who,
                requested_on=on,
                agree=agree,
                reason=reason,
            )
        )


class FollowUpForm(DecisionForm):
    """添加执行事项: the task, who carries it out, by when."""

    def __init__(
        self,
        runner: Runner,
        ctx: AppContext,
        detail: DecisionDetail,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner, ctx, "", detail.row.title, parent)
        self.retitle(self.tr("添加执行事项"))
        self.detail = detail
        self.task = text_box(70)
        self.add_field("task", self.tr("执行事项(&T)："), self.task)
        self.owner = self.add_field("owner", self.tr("责任人(&O)："), QLineEdit())
        self.has_due = QCheckBox(self.tr("有完成期限(&L)"))
        self.has_due.setChecked(True)
        self.add_field("has_due", "", self.has_due)
        self.has_due.setAccessibleName(self.tr("有完成期限"))
        self.due_on = self.add_field("due_on", self.tr("完成期限(&D)："), date_edit(date.today()))
        self.has_due.toggled.connect(self.due_on.setEnabled)

    def submit(self) -> None:
        ctx, decision_id, version = self.ctx, self.detail.id, self.detail.version
        task, owner = self.task.toPlainText(), self.owner.text()
        due = day_of(self.due_on) if self.has_due.isChecked() else None
        self.save(
            lambda: ops.add_follow_up(
                ctx,
                decision_id=decision_id,
                expected_version=version,
                task=task,
                owner=owner,
                due_on=due,
            )
        )


class ProgressForm(DecisionForm):
    """更新进展: the progress in words, and the day it was done once it is."""

    def __init__(
        self,
        runner: Runner,
        ctx: AppContext,
        detail: DecisionDetail,
        follow_up: FollowUpRow,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner, ctx, "", detail.row.title, parent)
        self.retitle(self.tr("更新执行进展"))
        self.detail, self.follow_up_id = detail, follow_up.id
        self.add_field("task", self.tr("执行事项："), QLabel(follow_up.task))
        self.progress = text_box()
        self.progress.setPlainText(follow_up.progress or "")
        self.add_field("progress", self.tr("进展情况(&P)："), self.progress)
        self.is_done = QCheckBox(self.tr("已完成(&F)"))
        self.is_done.setChecked(follow_up.done_on is not None)
        self.add_field("is_done", "", self.is_done)
        self.is_done.setAccessibleName(self.tr("已完成"))
        self.done_on = self.add_field(
            "done_on", self.tr("完成日期(&D)："), date_edit(follow_up.done_on or date.today())
        )
        self.done_on.setEnabled(self.is_done.isChecked())
        self.is_done.toggled.connect(self.done_on.setEnabled)

    def submit(self) -> None:
        ctx, decision_id, version = self.ctx, self.detail.id, self.detail.version
        entry, progress = self.follow_up_id, self.progress.toPlainText()
        done = day_of(self.done_on) if self.is_done.isChecked() else None
        self.save(
            lambda: ops.update_follow_up(
                ctx,
                decision_id=decision_id,
                expected_version=version,
                follow_up_id=entry,
                progress=progress,
                done_on=done,
            )
        )


class CompleteForm(DecisionForm):
    """执行完成: the day the matter was carried out in full."""

    def __init__(
        self,
        runner: Runner,
        ctx: AppContext,
        detail: DecisionDetail,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner, ctx, "", detail.row.title, parent)
        self.retitle(self.tr("执行完成"))
        self.detail = detail
        self.completed_on = self.add_field(
            "completed_on", self.tr("完成日期(&D)："), date_edit(date.today())
        )
        self.ok_button().setText(self.tr("执行完成"))

    def submit(self) -> None:
        ctx, decision_id, version = self.ctx, self.detail.id, self.detail.version
        on = day_of(self.completed_on)
        self.save(
            lambda: ops.complete_decision(
                ctx, decision_id=decision_id, expected_version=version, completed_on=on
            )
        )
