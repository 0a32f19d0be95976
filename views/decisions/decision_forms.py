"""The forms of a matter itself: 新建/修改事项, 紧急处置登记, and choosing a meeting (列入议程,
报告紧急处置)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QSpinBox, QWidget

from models.domain.decision_rules import DecisionCategory
from models.domain.vocabulary import BodyKind
from models.services.decisions.contracts import DecisionDetail, DecisionDraft, MeetingChoice
from views.background import Runner
from views.decisions.form_base import DecisionForm
from views.form_dialog import date_edit, day_of
from views.ops import decisions as ops

if TYPE_CHECKING:
    from models.services.common.context import AppContext

BODIES = ((BodyKind.EXECUTIVE_COUNCIL, "执行理事会"), (BodyKind.PARTY_GROUP, "党组"))


class MatterForm(DecisionForm):
    """新建事项, or 修改事项信息 of `detail` while it is 准备中, 待议 or 暂缓表决."""

    def __init__(
        self,
        runner: Runner,
        ctx: AppContext,
        detail: DecisionDetail | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner, ctx, "", parent=parent)
        self.detail = detail
        self.retitle(self.tr("新建三重一大事项") if detail is None else self.tr("修改事项信息"))
        self.title_edit = self.add_field("title", self.tr("事项名称(&T)："), QLineEdit())
        self.category = QComboBox()
        for category in DecisionCategory:
            self.category.addItem(category.value, category.value)
        self.add_field("category", self.tr("事项类别(&C)："), self.category)
        self.body = QComboBox()
        for kind, name in BODIES:
            self.body.addItem(name, kind.value)
        self.add_field(
            "body", self.tr("决策机构(&B)："), self.body, self.tr("重要干部任免只能由党组决定")
        )
        self.amount = self.add_field(
            "amount_yuan",
            self.tr("金额（元）(&A)："),
            QLineEdit(),
            self.tr("大额度资金使用必填，其他类别可空"),
        )
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(date.today().year)
        self.add_field("year", self.tr("年度(&Y)："), self.year)
        self.background = QPlainTextEdit()
        self.background.setMaximumHeight(120)
        self.add_field("background", self.tr("事项背景(&G)："), self.background)
        self.category.currentIndexChanged.connect(lambda _i: self._category_changed())
        if detail is not None:
            row = detail.row
            self.title_edit.setText(row.title)
            self.category.setCurrentIndex(self.category.findData(row.category.value))
            self.body.setCurrentIndex(self.body.findData(row.body.value))
            self.amount.setText("" if row.amount_yuan is None else str(row.amount_yuan))
            self.year.setValue(row.year)
            self.background.setPlainText(detail.background)
        self.ok_button().setText(self.tr("保存"))

    def _category_changed(self) -> None:
        # Only the 党组 decides a cadre appointment: choose it for the clerk.
        if self.category.currentData() == DecisionCategory.CADRE.value:
            self.body.setCurrentIndex(self.body.findData(BodyKind.PARTY_GROUP.value))

    def draft(self) -> DecisionDraft | None:
        text = self.amount.text().replace(",", "").replace("，", "").strip()
        if text and not text.isdigit():
            self.show_problem("amount_yuan", self.tr("金额应为整数（元），如 150000。"))
            self.amount.setFocus()
            return None
        return DecisionDraft(
            title=self.title_edit.text(),
            category=self.category.currentData(),
            body=self.body.currentData(),
            year=self.year.value(),
            amount_yuan=int(text) if text else None,
            background=self.background.toPlainText(),
        )

    def submit(self) -> None:
        draft = self.draft()
        if draft is None:
            return
        ctx, detail = self.ctx, self.detail
        if detail is None:
            self.save(lambda: ops.create_decision(ctx, draft=draft))
        else:
            decision_id, version = detail.id, detail.version
            self.save(
                lambda: ops.update_decision(
                    ctx, decision_id=decision_id, expected_version=version, draft=draft
                )
            )


class EmergencyForm(MatterForm):
    """紧急处置登记: decided by one person, to be reported to the body's next meeting."""

    def __init__(self, runner: Runner, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(runner, ctx, None, parent)
        self.retitle(self.tr("紧急处置登记"))
        self.decided_by = self.add_field("decided_by", self.tr("处置人(&P)："), QLineEdit())
        self.decided_on = self.add_field(
            "decided_on", self.tr("处置日期(&D)："), date_edit(date.today())
        )
        self.reason = QPlainTextEdit()
        self.reason.setMaximumHeight(90)
        self.add_field("reason", self.tr("紧急处置的理由(&R)："), self.reason)

    def submit(self) -> None:
        draft = self.draft()
        if draft is None:
            return
        ctx = self.ctx
        by = self.decided_by.text()
        on = day_of(self.decided_on)
        reason = self.reason.toPlainText()
        self.save(
            lambda: ops.record_emergency(
                ctx, draft=draft, decided_by=by, decided_on=on, reason=reason
            )
        )


class MeetingForm(DecisionForm):
    """列入议程 or 报告紧急处置: one meeting of the deciding body, chosen from `meetings`."""

    def __init__(
        self,
        runner: Runner,
        ctx: AppContext,
        detail: DecisionDetail,
        meetings: list[MeetingChoice],
        *,
        report: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner, ctx, "", detail.row.title, parent)
        title = self.tr("报告紧急处置") if report else self.tr("列入议程")
        self.retitle(title)
        self.detail, self.report = detail, report
        self.meeting = QComboBox()
        for m in meetings:
            self.meeting.addItem(f"{m.meeting_date.isoformat()} {m.title}", m.id)
        self.add_field("meeting", self.tr("会议(&M)："), self.meeting)
        if not meetings:
            self.show_problem(
                "meeting",
                self.tr("没有可选的会议：请先在“会议”中安排紧急处置日期以后的会议。")
                if report
                else self.tr("没有可选的会议：请先在“会议”中安排今天以后的会议。"),
            )
        self.ok_button().setText(title)

    def submit(self) -> None:
        meeting_id = self.meeting.currentData()
        if meeting_id is None:
            self.show_problem("meeting", self.tr("请选择会议。"))
            return
        ctx, decision_id, version = self.ctx, self.detail.id, self.detail.version
        if self.report:
            self.save(
                lambda: ops.report_emergency(
                    ctx, decision_id=decision_id, expected_version=version, meeting_id=meeting_id
                )
            )
        else:
            today = date.today()
            self.save(
                lambda: ops.put_on_agenda(
                    ctx,
                    decision_id=decision_id,
                    expected_version=version,
                    meeting_id=meeting_id,
                    placed_on=today,
                )
            )
