"""The forms for handling a numbered motion: 交办, 反馈评价, 延期, 退办, 并案, 协办单位意见 (答复:
reply_dialog.py).

Each form edits a draft, submits it on the Runner's lane through views.ops.motions (the service
decides), keeps what was typed on a refusal and names the field; `saved` carries the new row.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QWidget,
)

from models.domain.motion_workflow import (
    ACTION_NAMES,
    HandlingRole,
    MotionAction,
    MotionState,
    Rating,
)
from models.services.motions.contracts import MotionRow
from views.background import Runner
from views.form_dialog import FormDialog, date_edit, day_of
from views.motions.motion_table_model import number_text
from views.ops import motions as ops

if TYPE_CHECKING:
    from models.services.common.context import AppContext
    from models.services.motions.commands.co_units import CoUnitEntry
    from models.services.motions.contracts import MotionDetail

RATINGS = tuple(r.value for r in Rating)


class MotionForm(FormDialog):
    """One move on one motion; `saved` is emitted with the service's answer."""

    saved = Signal(object)
    action: MotionAction

    def __init__(
        self, runner: Runner, ctx: AppContext, detail: MotionDetail, parent: QWidget | None = None
    ) -> None:
        super().__init__(runner, ACTION_NAMES[self.action], parent)
        self.ctx, self.detail, self.row = ctx, detail, detail.row
        self.saved_row: MotionRow | None = None
        self.add_field(
            "motion", self.tr("提案："), QLabel(f"{number_text(self.row)} {self.row.title}")
        )
        self.ok_button().setText(ACTION_NAMES[self.action])

    def _saved(self, result: MotionRow) -> None:
        self.saved_row = result
        self.saved.emit(result)
        self.accept()


# ---------------------------------------------------------------- 交办


class AssignForm(MotionForm):
    """One 主办 unit and any 协办 units; after saving it shows the computed deadline."""

    action = MotionAction.ASSIGN

    def __init__(
        self,
        runner: Runner,
        ctx: AppContext,
        detail: MotionDetail,
        units: list[tuple[int, str]],
        parent: QWidget | None = None,
    ) -> None:
        if detail.row.state is MotionState.UNIT_RETURNED:
            self.action = MotionAction.REASSIGN
        super().__init__(runner, ctx, detail, parent)
        self.lead = QComboBox()
        self.lead.addItem(self.tr("（请选择）"), None)
        for unit_id, name in units:
            self.lead.addItem(name, unit_id)
        self.add_field("units", self.tr("主办单位(&L)："), self.lead)
        self.co_units = QListWidget()
        for unit_id, name in units:
            item = QListWidgetItem(name)
            item.setData(Qt.ItemDataRole.UserRole, unit_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.co_units.addItem(item)
        self.add_field("co_units", self.tr("协办单位(&O)："), self.co_units)
        self.assigned_on = self.add_field(
            "assigned_on", self.tr("交办日期(&D)："), date_edit(date.today())
        )
        self.deadline = QLabel("—")
        self.add_field("deadline", self.tr("办理期限："), self.deadline)

    def set_co_unit(self, unit_id: int, checked: bool = True) -> None:
        for i in range(self.co_units.count()):
            item = self.co_units.item(i)
            if item.data(Qt.ItemDataRole.UserRole) == unit_id:
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def units(self) -> list[tuple[int, HandlingRole]]:
        chosen: list[tuple[int, HandlingRole]] = []
        lead = self.lead.currentData()
        if lead is not None:
            chosen.append((lead, HandlingRole.LEAD))
        for i in range(self.co_units.count()):
            item = self.co_units.item(i)
            unit_id = item.data(Qt.ItemDataRole.UserRole)
            if item.checkState() == Qt.CheckState.Checked and unit_id != lead:
                chosen.append((unit_id, HandlingRole.CO))
        return chosen

    def submit(self) -> None:
        if self.saved_row is not None:
            self.accept()
            return
        if self.lead.currentData() is None:
            self.show_problem("units", self.tr("请选择一个主办单位。"))
            self.lead.setFocus()
            return
        self.clear_problem()
        ctx, motion_id, version = self.ctx, self.row.id, self.row.version
        units, day = self.units(), day_of(self.assigned_on)
        self.run_command(
            lambda: ops.assign_motion(
                ctx, motion_id=motion_id, version=version, units=units, assigned_on=day
            ),
            self._assigned,
        )

    def _assigned(self, result: tuple[MotionRow, str | None]) -> None:
        row, warning = result
        self.saved_row = row
        due = row.deadline.isoformat() if row.deadline is not None else "—"
        self.deadline.setText(due)
        text = self.tr("已交办，办理期限：%1。").replace("%1", due)
        if warning:
            text += warning
        self.show_problem(None, text, is_error=False)
        self.message.setText(text)
        self.ok_button().setText(self.tr("关闭"))
        self.buttons.button(self.buttons.StandardButton.Cancel).hide()
        for widget in (self.lead, self.co_units, self.assigned_on):
            widget.setEnabled(False)
        self.saved.emit(row)


# ---------------------------------------------------------------- 反馈评价


class RatingForm(MotionForm):
    action = MotionAction.RATE

    def __init__(
        self, runner: Runner, ctx: AppContext, detail: MotionDetail, parent: QWidget | None = None
    ) -> None:
        super().__init__(runner, ctx, detail, parent)
        self.attitude = self._ratings()
        self.add_field("attitude", self.tr("办理态度(&A)："), self.attitude)
        self.result_box = self._ratings()
        self.add_field("result", self.tr("办理结果(&R)："), self.result_box)
        self.rated_on = self.add_field(
            "rated_on", self.tr("反馈日期(&D)："), date_edit(date.today())
        )
        self.remarks = self.add_field("remarks", self.tr("意见(&M)："), QLineEdit())

    def _ratings(self) -> QComboBox:
        box = QComboBox()
        box.addItem(self.tr("（请选择）"), "")
        for value in RATINGS:
            box.addItem(value, value)
        return box

    def submit(self) -> None:
        for key, box, label in (
            ("attitude", self.attitude, "办理态度"),
            ("result", self.result_box, "办理结果"),
        ):
            if not box.currentData():
                self.show_problem(key, self.tr("请选择%1。").replace("%1", label))
                box.setFocus()
                return
        self.clear_problem()
        ctx, motion_id, version = self.ctx, self.row.id, self.row.version
        attitude, result = self.attitude.currentData(), self.result_box.currentData()
        day = day_of(self.rated_on)
        remarks = self.remarks.text().strip() or None
        self.run_command(
            lambda: ops.rate_motion(
                ctx, motion_id=motion_id, version=version, attitude=attitude, result=result,
                rated_on=day, remarks=remarks,
            ),
            self._saved,
        )  # fmt: skip


# ---------------------------------------------------------------- 延期 and 退办


class ExtendForm(MotionForm):
    action = MotionAction.EXTEND

    def __init__(
        self, runner: Runner, ctx: AppContext, detail: MotionDetail, parent: QWidget | None = None
    ) -> None:
        super().__init__(runner, ctx, detail, parent)
        current = self.row.deadline or date.today()
        self.add_field("current", self.tr("现办理期限："), QLabel(current.isoformat()))
        self.new_due = self.add_field("new_due", self.tr("新办理期限(&N)："), date_edit(current))
        self.reason = self.add_field("reason", self.tr("延期理由(&R)："), QLineEdit())

    def submit(self) -> None:
        reason = self.reason.text().strip()
        if not reason:
            self.show_problem("reason", self.tr("“延期”须填写理由。"))
            self.reason.setFocus()
            return
        self.clear_problem()
        ctx, motion_id, version = self.ctx, self.row.id, self.row.version
        new_due = day_of(self.new_due)
        today = date.today()
        self.run_command(
            lambda: ops.extend_deadline(
                ctx, motion_id=motion_id, version=version, new_due=new_due, reason=reason, on=today
            ),
            self._saved,
        )


class UnitReturnForm(MotionForm):
    action = MotionAction.UNIT_RETURN

    def __init__(
        self, runner: Runner, ctx: AppContext, detail: MotionDetail, parent: QWidget | None = None
    ) -> None:
        super().__init__(runner, ctx, detail, parent)
        self.returned_on = self.add_field(
            "returned_on", self.tr("退办日期(&D)："), date_edit(date.today())
        )
        self.reason = self.add_field("reason", self.tr("退办理由(&R)："), QLineEdit())

    def submit(self) -> None:
        reason = self.reason.text().strip()
        if not reason:
            self.show_problem("reason", self.tr("“退办”须填写理由。"))
            self.reason.setFocus()
            return
        self.clear_problem()
        ctx, motion_id, version = self.ctx, self.row.id, self.row.version
        day = day_of(self.returned_on)
        self.run_command(
            lambda: ops.unit_return(
                ctx, motion_id=motion_id, version=version, reason=reason, on=day
            ),
            self._saved,
        )


# ---------------------------------------------------------------- 并案


class MergeForm(MotionForm):
    action = MotionAction.MERGE

    def __init__(
        self,
        runner: Runner,
        ctx: AppContext,
        detail: MotionDetail,
        candidates: list[MotionRow],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner, ctx, detail, parent)
        self.lead = QComboBox()
        self.lead.addItem(self.tr("（请选择）"), None)
        for row in candidates:
            if row.id != self.row.id and row.number is not None and row.lead_motion_id is None:
                self.lead.addItem(f"{number_text(row)} {row.title}", row.id)
        self.add_field("lead", self.tr("主案(&L)："), self.lead)

    def submit(self) -> None:
        lead_id = self.lead.currentData()
        if lead_id is None:
            self.show_problem("lead", self.tr("请选择并入的主案。"))
            self.lead.setFocus()
            return
        self.clear_problem()
        ctx, motion_id, version = self.ctx, self.row.id, self.row.version
        self.run_command(
            lambda: ops.merge_motion(ctx, motion_id=motion_id, version=version, lead_id=lead_id),
            self._saved,
        )


__all__ = [
    "AssignForm",
    "ExtendForm",
    "MergeForm",
    "MotionForm",
    "RatingForm",
    "UnitReturnForm",
]


# ---------------------------------------------------------------- 协办单位意见


class CoUnitOpinionForm(FormDialog):
    """One co-unit's opinion (text, date, who gave it); choosing a unit shows what it has so far."""

    saved = Signal(object)

    def __init__(
        self,
        runner: Runner,
        ctx: AppContext,
        detail: MotionDetail,
        entries: Sequence[CoUnitEntry],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner, self.tr("协办单位意见"), parent)
        self.ctx, self.row, self.entries = ctx, detail.row, list(entries)
        self.add_field(
            "motion", self.tr("提案："), QLabel(f"{number_text(self.row)} {self.row.title}")
        )
        self.unit = self.add_field("unit", self.tr("协办单位(&U)："), QComboBox())
        for entry in self.entries:
            self.unit.addItem(entry.unit, entry.unit_id)
        self.given_on = self.add_field(
            "given_on", self.tr("意见日期(&D)："), date_edit(date.today())
        )
        self.given_by = self.add_field("given_by", self.tr("提出人(&P)："), QLineEdit())
        self.given_by.setPlaceholderText(self.tr("协办单位的经办人或负责人"))
        self.text = self.add_field("text", self.tr("意见(&O)："), QPlainTextEdit())
        self.text.setTabChangesFocus(True)
        self.text.setMaximumHeight(self.fontMetrics().lineSpacing() * 8)
        self.ok_button().setText(self.tr("保存意见"))
        self.unit.currentIndexChanged.connect(self._show_entry)
        self._show_entry(self.unit.currentIndex())

    def _show_entry(self, index: int) -> None:
        if not 0 <= index < len(self.entries):
            return
        entry = self.entries[index]
        self.text.setPlainText(entry.text or "")
        self.given_by.setText(entry.given_by or "")
        day = entry.given_on or date.today()
        self.given_on.setDate(QDate(day.year, day.month, day.day))

    def submit(self) -> None:
        text = self.text.toPlainText().strip()
        if not text:
            self.show_problem("text", self.tr("请填写协办单位意见。"))
            self.text.setFocus()
            return
        self.clear_problem()
        ctx, motion_id, unit_id = self.ctx, self.row.id, self.unit.currentData()
        day, who = day_of(self.given_on), self.given_by.text().strip() or None
        self.run_command(
            lambda: ops.record_co_unit_opinion(
                ctx, motion_id=motion_id, unit_id=unit_id, text=text, given_on=day, given_by=who
            ),
            self._saved,
        )

    def _saved(self, result: MotionRow) -> None:
        self.saved.emit(result)
        self.accept()
