"""The 答复 form: class, signer, 发文字号, the text from a template, and the merged motions' letters."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QWidget

from models.domain.motion_workflow import MotionAction
from models.services.motions.contracts import MotionRow, ReplyDraft, ReplyMode
from views.background import Runner
from views.form_dialog import date_edit, day_of
from views.motions.handling_forms import MotionForm
from views.motions.reply_form import MergedReplies
from views.motions.reply_templates import ReplyTemplate, ReplyTemplates, reply_values
from views.ops import motions as ops

if TYPE_CHECKING:
    from models.services.common.context import AppContext
    from models.services.motions.contracts import MotionDetail


class ReplyForm(MotionForm):
    """With merged motions (`followers`) also the choice of one joint letter or a letter each."""

    action = MotionAction.REPLY

    def __init__(
        self,
        runner: Runner,
        ctx: AppContext,
        detail: MotionDetail,
        classes: tuple[tuple[str, str], ...],
        parent: QWidget | None = None,
        followers: Sequence[MotionRow] = (),
        templates: Sequence[ReplyTemplate] = (),
    ) -> None:
        super().__init__(runner, ctx, detail, parent)
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
            self.text, templates, reply_values(self.row, date.today()), self
        )
        self.add_field("template", self.tr("模板(&L)："), self.templates.box)
        self.add_field("text", self.tr("答复内容(&T)："), self.text)
        self.form.addRow("", self.templates.variables)
        self.reply_class.currentIndexChanged.connect(
            lambda _i: self.templates.class_chosen(self.reply_class.currentData())
        )

    def draft(self) -> ReplyDraft:
        day = day_of(self.signed_on)
        return ReplyDraft(
            reply_class=self.reply_class.currentData() or "",
            text=self.templates.fill(self.text.toPlainText()),
            signer=self.signer.text().strip(),
            signed_on=day,
            sent_on=day,
            document_number=self.document_number.text().strip() or None,
            handler_name=self.handler.text().strip() or None,
            handler_phone=self.phone.text().strip() or None,
            mode=self.merged.mode() if self.merged is not None else ReplyMode.JOINT,
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
        ctx, motion_id, version = self.ctx, self.row.id, self.row.version
        self.run_command(
            lambda: ops.send_reply(ctx, motion_id=motion_id, version=version, reply=draft),
            self._saved,
        )
