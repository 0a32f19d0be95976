"""The forms for handling a numbered motion: 答复, 交办, 反馈评价, 延期, 退办, 并案.

Each form edits a draft, submits it on the Runner's lane through the backend (the service
decides), keeps what was typed on a refusal and names the field; `saved` carries the new row.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QWidget,
)

from models.domain.motion_workflow import ACTION_NAMES, MotionAction, Rating
from models.services.motions.handling import CO, LEAD, ReplyDraft
from models.services.motions.replies import JOINT
from views.background import Runner
from views.form_dialog import FormDialog, date_edit, day_of
from views.motions.motion_table_model import number_text
from views.motions.reply_form import MergedReplies
from views.motions.reply_templates import ReplyTemplates, parse_templates, reply_values

RATINGS = tuple(r.value for r in Rating)


class MotionForm(FormDialog):
    """One move on one motion; `saved` is emitted with the service's answer."""

    saved = Signal(object)
    action: MotionAction

    def __init__(
        self, runner: Runner, backend: Any, detail: Any, parent: QWidget | None = None
    ) -> None:
        super().__init__(runner, ACTION_NAMES[self.action], parent)
        self.backend, self.detail, self.row = backend, detail, detail.row
        self.result: Any = None
        self.add_field(
            "motion", self.tr("提案："), QLabel(f"{number_text(self.row)} {self.row.title}")
        )
        self.ok_button().setText(ACTION_NAMES[self.action])

    def _saved(self, result: Any) -> None:
        self.result = result
        self.saved.emit(result)
        self.accept()


# ---------------------------------------------------------------- 答复


class ReplyForm(MotionForm):
    """With merged motions (`followers`) also the choice of one joint letter or a letter each."""

    action = MotionAction.REPLY

    def __init__(
        self,
        runner: Runner,
        backend: Any,
        detail: Any,
        classes: tuple[tuple[str, str], ...],
        parent: QWidget | None = None,
        followers: Sequence[Any] = (),
        templates_text: str | None = None,
    ) -> None:
        super().__init__(runner, backend, detail, parent)
        self.reply_class = QComboBox()
        self.reply_class.addItem(self.tr("（请选择）"), "")
        for code, text in classes:
            self.reply_class.addItem(f"{code} {text}", code)
        self.add_field("reply_class", self.tr("答复类别(&C)："), self.reply_class)
        self.signer = self.add_field("signer", self.tr("签发人(&S)："), QLineEdit())
        self.handler = self.add_field("handler_name", self.tr("承办人(&H)："), QLineEdit())
        self.phone = self.add_field("handler_phone", self.tr("联系电话(&P)："), QLineEdit())
        self.document_number = self.add_field(
            "document_number", self.tr("发文字号(&N)："), QLineEdit()
        )
        self.signed_on = self.add_field(
            "signed_on", self.tr("签发日期(&D)："), date_edit(date.today())
        )
        self.merged: MergedReplies | None = None
        if followers:
            self.merged = MergedReplies(self.row, followers)
            self.add_field("follower_numbers", self.tr("并案提案(&M)："), self.merged)
            # The dialog's explicit minimum width would otherwise clip the followers' table.
            self.setMinimumWidth(max(self.minimumWidth(), self.minimumSizeHint().width()))
        self.text = QPlainTextEdit()
        self.templates = ReplyTemplates(
            self.text, parse_templates(templates_text), reply_values(self.row, date.today()), self
        )
        self.add_field("template", self.tr("模板(&L)："), self.templates.box)
        self.add_field("text", self.tr("答复内容(&T)："), self.text)
        self.form.addRow("", self.templates.variables)
        self.reply_class.currentIndexChanged.connect(
            lambda _i: self.templates.class_chosen(self.reply_class.currentData())
        )

    def draft(self) -> ReplyDraft:
        day = day_of(self.signed_on)  # type: ignore[arg-type]
        return ReplyDraft(
            reply_class=self.reply_class.currentData() or "",
            text=self.templates.fill(self.text.toPlainText()),
            signer=self.signer.text().strip(),  # type: ignore[attr-defined]
            signed_on=day,
            sent_on=day,
            document_number=self.document_number.text().strip() or None,  # type: ignore[attr-defined]
            handler_name=self.handler.text().strip() or None,  # type: ignore[attr-defined]
            handler_phone=self.phone.text().strip() or None,  # type: ignore[attr-defined]
            mode=self.merged.mode() if self.merged is not None else JOINT,
            follower_numbers=self.merged.follower_numbers() if self.merged is not None else (),
        )

    def submit(self) -> None:
        draft = self.draft()
        if not draft.reply_class:
            self.show_problem("reply_class", self.tr("请选择答复类别。"))
            self.reply_class.setFocus()
            return
        if not draft.signer:
            self.show_problem("signer", self.tr("请填写签发人。"))
            self.signer.setFocus()
            return
        self.clear_problem()
        self.send(draft)

    def send(self, draft: ReplyDraft) -> None:
        """Straight to the service (it refuses the same drafts the form does)."""
        backend, motion_id, version = self.backend, self.row.id, self.row.version
        self.run(lambda: backend.send_reply(motion_id, version, draft), self._saved)


# ---------------------------------------------------------------- 交办


class AssignForm(MotionForm):
    """One 主办 unit and any 协办 units; after saving it shows the computed deadline."""

    action = MotionAction.ASSIGN

    def __init__(
        self,
        runner: Runner,
        backend: Any,
        detail: Any,
        units: list[tuple[int, str]],
        parent: QWidget | None = None,
    ) -> None:
        if detail.row.state.value == "unit_returned":
            self.action = MotionAction.REASSIGN
        super().__init__(runner, backend, detail, parent)
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

    def units(self) -> list[tuple[int, str]]:
        chosen: list[tuple[int, str]] = []
        lead = self.lead.currentData()
        if lead is not None:
            chosen.append((lead, LEAD))
        for i in range(self.co_units.count()):
            item = self.co_units.item(i)
            unit_id = item.data(Qt.ItemDataRole.UserRole)
            if item.checkState() == Qt.CheckState.Checked and unit_id != lead:
                chosen.append((unit_id, CO))
        return chosen

    def submit(self) -> None:
        if self.result is not None:
            self.accept()
            return
        if self.lead.currentData() is None:
            self.show_problem("units", self.tr("请选择一个主办单位。"))
            self.lead.setFocus()
            return
        self.clear_problem()
        backend, motion_id, version = self.backend, self.row.id, self.row.version
        units, day = self.units(), day_of(self.assigned_on)  # type: ignore[arg-type]
        self.run(lambda: backend.assign_motion(motion_id, version, units, day), self._assigned)

    def _assigned(self, result: Any) -> None:
        row, warning = result
        self.result = row
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
        self, runner: Runner, backend: Any, detail: Any, parent: QWidget | None = None
    ) -> None:
        super().__init__(runner, backend, detail, parent)
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
        backend, motion_id, version = self.backend, self.row.id, self.row.version
        attitude, result = self.attitude.currentData(), self.result_box.currentData()
        day = day_of(self.rated_on)  # type: ignore[arg-type]
        remarks = self.remarks.text().strip() or None  # type: ignore[attr-defined]
        self.run(
            lambda: backend.rate_motion(motion_id, version, attitude, result, day, remarks),
            self._saved,
        )


# ---------------------------------------------------------------- 延期 and 退办


class ExtendForm(MotionForm):
    action = MotionAction.EXTEND

    def __init__(
        self, runner: Runner, backend: Any, detail: Any, parent: QWidget | None = None
    ) -> None:
        super().__init__(runner, backend, detail, parent)
        current = self.row.deadline or date.today()
        self.add_field("current", self.tr("现办理期限："), QLabel(current.isoformat()))
        self.new_due = self.add_field("new_due", self.tr("新办理期限(&N)："), date_edit(current))
        self.reason = self.add_field("reason", self.tr("延期理由(&R)："), QLineEdit())

    def submit(self) -> None:
        reason = self.reason.text().strip()  # type: ignore[attr-defined]
        if not reason:
            self.show_problem("reason", self.tr("“延期”须填写理由。"))
            self.reason.setFocus()
            return
        self.clear_problem()
        backend, motion_id, version = self.backend, self.row.id, self.row.version
        new_due = day_of(self.new_due)  # type: ignore[arg-type]
        today = date.today()
        self.run(
            lambda: backend.extend_deadline(motion_id, version, new_due, reason, today),
            self._saved,
        )


class UnitReturnForm(MotionForm):
    action = MotionAction.UNIT_RETURN

    def __init__(
        self, runner: Runner, backend: Any, detail: Any, parent: QWidget | None = None
    ) -> None:
        super().__init__(runner, backend, detail, parent)
        self.returned_on = self.add_field(
            "returned_on", self.tr("退办日期(&D)："), date_edit(date.today())
        )
        self.reason = self.add_field("reason", self.tr("退办理由(&R)："), QLineEdit())

    def submit(self) -> None:
        reason = self.reason.text().strip()  # type: ignore[attr-defined]
        if not reason:
            self.show_problem("reason", self.tr("“退办”须填写理由。"))
            self.reason.setFocus()
            return
        self.clear_problem()
        backend, motion_id, version = self.backend, self.row.id, self.row.version
        day = day_of(self.returned_on)  # type: ignore[arg-type]
        self.run(lambda: backend.unit_return(motion_id, version, reason, day), self._saved)


# ---------------------------------------------------------------- 并案


class MergeForm(MotionForm):
    action = MotionAction.MERGE

    def __init__(
        self,
        runner: Runner,
        backend: Any,
        detail: Any,
        candidates: list[Any],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner, backend, detail, parent)
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
        backend, motion_id, version = self.backend, self.row.id, self.row.version
        self.run(lambda: backend.merge_motion(motion_id, version, lead_id), self._saved)


__all__ = [
    "AssignForm",
    "ExtendForm",
    "MergeForm",
    "MotionForm",
    "RatingForm",
    "ReplyForm",
    "UnitReturnForm",
]
