"""One motion: its facts, its full history, and one button per move the workflow table allows."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from models.domain.motion_workflow import (
    ACTION_NAMES,
    CONTACT_STATES,
    EDITABLE_STATES,
    REASON_REQUIRED,
    STATE_NAMES,
    HandlingRole,
    MotionAction,
    MotionState,
    allowed_actions,
)
from views.background import Runner
from views.error_presenter import describe
from views.form_dialog import FormDialog
from views.motions import motion_gates as gates
from views.motions.contact_form import ContactForm, ContactsPanel
from views.motions.handling_forms import (
    AssignForm,
    CoUnitOpinionForm,
    ExtendForm,
    MergeForm,
    MotionForm,
    RatingForm,
    UnitReturnForm,
)
from views.motions.motion_attachments import MotionAttachmentsPanel
from views.motions.motion_table_model import number_text
from views.motions.reply_dialog import ReplyForm
from views.ops import motion_lists
from views.ops import motions as ops
from views.permissions import gate

if TYPE_CHECKING:
    from models.domain.reply_templates import ReplyTemplate
    from models.services.common.changes import Outcome
    from models.services.common.context import AppContext
    from models.services.motions.commands.co_units import CoUnitEntry
    from models.services.motions.contracts import LetterSummary, MotionDetail, MotionRow
    from views.motions.motion_form import Mode, MotionEntryForm

A = MotionAction
# The moves done here with one click (a reason asked first where the table requires one).
SIMPLE = frozenset(
    {
        A.SUBMIT,
        A.WITHDRAW,
        A.START_REVIEW,
        A.RETURN_FOR_REVISION,
        A.RESUBMIT,
        A.REJECT,
        A.START_HANDLING,
        A.ACCEPT,
        A.RECEIVE,
        A.FEEDBACK_TIMEOUT,
    }
)
# The moves done through a form of their own (views/motions/handling_forms.py).
FORMS = frozenset({A.REPLY, A.ASSIGN, A.REASSIGN, A.RATE, A.EXTEND, A.UNIT_RETURN, A.MERGE})
HISTORY_HEADERS = ("时间", "操作人", "操作", "状态变化", "理由")


def state_name(value: MotionState | None) -> str:
    return STATE_NAMES[value] if value is not None else "—"


def action_name(value: str) -> str:
    try:
        return ACTION_NAMES[MotionAction(value)]
    except ValueError:
        return value


class MotionReasonDialog(FormDialog):
    """The reason a move needs (退回修改, 不予立案); without one the move is not made."""

    def __init__(self, action: MotionAction, title: str, parent: QWidget | None = None) -> None:
        super().__init__(None, ACTION_NAMES[action], parent)  # type: ignore[arg-type]
        self.action = action
        self.add_field("motion", self.tr("提案："), QLabel(title))
        self.reason = self.add_field("reason", self.tr("理由(&R)："), QLineEdit())
        self.as_suggestion = QCheckBox(self.tr("转为意见建议(&S)"))
        self.as_suggestion.setToolTip(self.tr("不予立案，但作为意见建议转有关单位参考"))
        if action is MotionAction.REJECT:
            self.add_field("as_suggestion", "", self.as_suggestion)
            self.as_suggestion.setAccessibleName(self.tr("转为意见建议"))
        self.ok_button().setText(ACTION_NAMES[action])

    def text(self) -> str:
        return self.reason.text().strip()

    def submit(self) -> None:
        if not self.text():
            self.show_problem(
                "reason", self.tr("“%1”须填写理由。").replace("%1", ACTION_NAMES[self.action])
            )
            self.reason.setFocus()
            return
        self.accept()


class MotionDetailWindow(QWidget):
    loaded = Signal()

    def __init__(
        self, runner: Runner, ctx: AppContext, motion_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.runner, self.ctx, self.motion_id = runner, ctx, motion_id
        self.detail: MotionDetail | None = None
        self.action_buttons: dict[MotionAction, QPushButton] = {}
        self.form: MotionForm | None = None
        self.setWindowTitle(self.tr("提案"))
        self.setAccessibleName(self.windowTitle())

        self.facts = QFormLayout()
        self.fact_labels: dict[str, QLabel] = {}
        for key in (
            "编号",
            "标题",
            "提案人",
            "附议人",
            "类别",
            "提交日期",
            "状态",
            "主办单位",
            "办理期限",
            "答复函",
        ):
            label = QLabel()
            label.setAccessibleName(key)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setWordWrap(True)
            self.facts.addRow(key + "：", label)
            self.fact_labels[key] = label
        self.body = QPlainTextEdit()
        self.body.setReadOnly(True)
        self.body.setAccessibleName(self.tr("提案内容"))
        self.body.setMaximumHeight(120)

        self.history = QTableWidget(0, len(HISTORY_HEADERS))
        self.history.setHorizontalHeaderLabels(list(HISTORY_HEADERS))
        self.history.setAccessibleName(self.tr("办理经过"))
        self.history.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.history.verticalHeader().setVisible(False)
        self.history.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.history.horizontalHeader().setStretchLastSection(True)

        self.contacts = ContactsPanel()
        self.contact_form: ContactForm | None = None
        self.contacts.button.clicked.connect(lambda: self.open_contact_form())
        self.co_unit_form: CoUnitOpinionForm | None = None
        self.co_unit_button = QPushButton(self.tr("协办单位意见(&X)…"))
        self.co_unit_button.setAccessibleName(self.tr("协办单位意见"))
        self.co_unit_button.setToolTip(self.tr("登记协办单位对本提案的意见，随答复函打印"))
        self.co_unit_button.setEnabled(False)
        self.co_unit_button.clicked.connect(lambda: self.open_co_unit_form())
        gate(self.co_unit_button, ctx, gates.CO_UNIT_OPINION)
        gate(self.contacts.button, ctx, gates.CONTACT)
        self.attachments = MotionAttachmentsPanel(
            runner, ctx, motion_id, on_changed=self.load, report=lambda t: self.message.setText(t)
        )
        self.actions_row = QHBoxLayout()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("提示"))
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        layout = QVBoxLayout(self)
        layout.addLayout(self.facts)
        layout.addWidget(QLabel(self.tr("提案内容：")))
        layout.addWidget(self.body)
        history_label = QLabel(self.tr("办理经过："))
        history_label.setBuddy(self.history)
        layout.addWidget(history_label)
        layout.addWidget(self.history, 1)
        layout.addWidget(self.contacts)
        layout.addWidget(self.co_unit_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.attachments)
        actions_label = QLabel(self.tr("可执行的操作："))
        layout.addWidget(actions_label)
        layout.addLayout(self.actions_row)
        layout.addLayout(self._papers_row())
        layout.addWidget(self.message)
        self.resize(820, 720)
        self.load()

    def _papers_row(self) -> QHBoxLayout:
        """预览打印: this motion's 提案表, 交办单 and 答复函 in the preview."""
        from views.documents.motion_papers import motion_papers_button

        self.papers_button = motion_papers_button(
            self, self.runner, self.ctx, lambda: self.motion_id, term_papers=False
        )
        row = QHBoxLayout()
        row.addWidget(self.papers_button)
        row.addStretch(1)
        return row

    # --- loading --------------------------------------------------------------------------------

    def load(self) -> None:
        motion_id, ctx = self.motion_id, self.ctx

        def work() -> tuple[MotionDetail, LetterSummary | None]:
            detail = ops.motion(ctx, motion_id=motion_id)
            letter = ops.reply_letter(ctx, motion_id=motion_id) if detail.replies else None
            return detail, letter

        self.runner.submit(
            work,
            on_done=lambda loaded: self._loaded(*loaded),
            on_error=lambda e: self.message.setText(describe(e)),
        )

    def _letter_text(self, detail: MotionDetail, letter: LetterSummary | None) -> str:
        """Which letter answered the motion last; a merged motion's joint letter names its lead."""
        if letter is None:
            return "—"
        number = letter.document_number or self.tr("无")
        if not letter.joint:
            return self.tr("单独答复函，发文字号：%1").replace("%1", number)
        answered = "、".join(letter.numbers)
        if detail.row.lead_motion_id is not None:
            return (
                self.tr("随主案%1联合答复（一份答复函答复%2），发文字号：%3")
                .replace("%1", letter.lead_number or "")
                .replace("%2", answered)
                .replace("%3", number)
            )
        return (
            self.tr("联合答复（一份答复函答复%1），发文字号：%2")
            .replace("%1", answered)
            .replace("%2", number)
        )

    def _loaded(self, detail: MotionDetail, letter: LetterSummary | None = None) -> None:
        self.detail = detail
        row = detail.row
        self.setWindowTitle(self.tr("提案 — %1").replace("%1", row.title))
        self.setAccessibleName(self.windowTitle())
        deadline = row.deadline.isoformat() if row.deadline is not None else "—"
        if row.is_overdue:
            deadline += self.tr("（逾期）")
        values = {
            "编号": number_text(row),
            "标题": row.title,
            "提案人": row.proposer,
            "附议人": "、".join(detail.co_signers) or "—",
            "类别": detail.category or "—",
            "提交日期": detail.submitted_on.isoformat() if detail.submitted_on else "—",
            "状态": STATE_NAMES[row.state],
            "主办单位": row.lead_unit or "—",
            "办理期限": deadline,
            "答复函": self._letter_text(detail, letter),
        }
        for key, value in values.items():
            self.fact_labels[key].setText(value)
        self.body.setPlainText(detail.body_text)
        self.history.setRowCount(len(detail.history))
        for i, change in enumerate(detail.history):
            cells = (
                change.at.strftime("%Y-%m-%d %H:%M"),
                change.by,
                action_name(change.action),
                f"{state_name(change.from_state)} → {state_name(change.to_state)}",
                change.reason or "",
            )
            for column, text in enumerate(cells):
                self.history.setItem(i, column, QTableWidgetItem(text))
        self.contacts.show_contacts(detail.contacts, row.state in CONTACT_STATES)
        self.co_unit_button.setEnabled(
            any(
                active and role is HandlingRole.CO
                for _u, role, _a, _d, active in detail.assignments
            )
        )
        self.attachments.show_for(row.state)
        self._build_actions(row.state)
        self.loaded.emit()

    def _build_actions(self, state: MotionState) -> None:
        for button in self.action_buttons.values():
            self.actions_row.removeWidget(button)
            button.deleteLater()
        self.action_buttons = {}
        for action in allowed_actions(state):
            button = QPushButton(ACTION_NAMES[action])
            button.setAccessibleName(ACTION_NAMES[action])
            if action in SIMPLE:
                button.clicked.connect(lambda _c=False, a=action: self.perform(a))
            elif action in FORMS:
                button.clicked.connect(lambda _c=False, a=action: self.open_form(a))
            else:
                # lead_replied: made by the lead motion's reply, never by hand.
                button.setEnabled(False)
                button.setToolTip(self.tr("主案的答复发出时，本案随之答复，无需单独操作"))
            # A move the role may not make stays in the row, greyed with the reason: the clerk
            # sees where the motion stands and who is to act on it.
            gate(button, self.ctx, gates.MOVE_PERMISSIONS[action])
            self.actions_row.addWidget(button)
            self.action_buttons[action] = button
        self._add_entry_buttons(state)
        if not self.action_buttons:
            self.message.setText(self.tr("此提案已结束办理，没有可执行的操作。"))

    def _add_entry_buttons(self, state: MotionState) -> None:
        """编辑 while 审查中 or 退回修改; 重新提交 opens the form for the revised text."""
        from views.motions.motion_form import Mode

        old = getattr(self, "edit_button", None)
        if old is not None:
            self.actions_row.removeWidget(old)
            old.deleteLater()
        self.edit_button: QPushButton | None = None
        resubmit = self.action_buttons.get(A.RESUBMIT)
        if resubmit is not None:
            resubmit.clicked.disconnect()
            resubmit.setText(self.tr("重新提交(&U)…"))
            resubmit.clicked.connect(lambda _c=False: self.open_entry_form(Mode.RESUBMIT))
        if state in EDITABLE_STATES:
            edit = QPushButton(self.tr("编辑(&E)…"))
            edit.setAccessibleName(self.tr("编辑"))
            edit.setToolTip(self.tr("修改提案人、附议人、标题、类别和正文；每次修改记入办理经过"))
            edit.clicked.connect(lambda _c=False: self.open_entry_form(Mode.EDIT))
            gate(edit, self.ctx, gates.EDIT)
            self.actions_row.addWidget(edit)
            self.edit_button = edit

    def open_entry_form(self, mode: Mode) -> MotionEntryForm | None:
        from views.motions.motion_form import MotionEntryForm

        if self.detail is None:
            return None
        form = MotionEntryForm(
            self.runner, self.ctx, mode=mode, motion=self.detail.row, parent=self
        )
        form.saved.connect(lambda _row: self.load())
        self.entry_form = form
        form.open()
        return form

    # --- moves ----------------------------------------------------------------------------------

    def perform(self, action: MotionAction, reason: str | None = None) -> None:
        """Make the move on the lane; a refusal is shown in words and nothing changes."""
        if self.detail is None:
            return
        row = self.detail.row
        suggestion = False  # 转为意见建议, offered with 不予立案
        if action in REASON_REQUIRED and reason is None:
            dialog = MotionReasonDialog(action, row.title, self)
            if not dialog.exec():
                return
            reason = dialog.text()
            suggestion = dialog.as_suggestion.isChecked()
        ctx, motion_id, version = self.ctx, row.id, row.version
        work: Callable[[], Outcome[MotionRow]]
        if action is A.ACCEPT:
            work = lambda: ops.accept_motion(ctx, motion_id=motion_id, version=version)  # noqa: E731
        elif action is A.REJECT and reason is not None:
            text = reason
            work = lambda: ops.reject_motion(  # noqa: E731
                ctx, motion_id=motion_id, version=version, reason=text, as_suggestion=suggestion
            )
        elif action is A.RECEIVE:
            work = lambda: ops.receive_motion(  # noqa: E731
                ctx, motion_id=motion_id, version=version, received_on=date.today()
            )
        elif action is A.FEEDBACK_TIMEOUT:
            work = lambda: ops.feedback_timeout(  # noqa: E731
                ctx, motion_id=motion_id, version=version, on=date.today()
            )
        else:
            work = lambda: ops.advance_motion(  # noqa: E731
                ctx, motion_id=motion_id, version=version, action=action.value, reason=reason
            )
        self.message.setText(self.tr("正在办理…"))
        self.runner.submit_command(
            work, on_done=lambda _row: self._done(action), on_error=self._refused, initiator=self
        )

    def open_form(self, action: MotionAction) -> None:
        """Fetch what the form offers (units, classes, motions), then open it window-modal."""
        if self.detail is None:
            return
        ctx = self.ctx
        work: Callable[[], object]
        if action in (A.ASSIGN, A.REASSIGN):
            work = lambda: ops.handling_units(ctx)  # noqa: E731
        elif action is A.REPLY:
            motion_id = self.detail.row.id
            work = lambda: (  # noqa: E731
                ops.reply_classes(ctx),
                ops.merged_followers(ctx, motion_id=motion_id),
                motion_lists.reply_templates(ctx),
            )
        elif action is A.MERGE:
            term = self.detail.row.term
            work = lambda: ops.term_motions(ctx, term=term)  # noqa: E731
        else:
            work = lambda: None  # noqa: E731

        self.runner.submit(
            work,
            on_done=lambda data: self._show_form(action, data),
            on_error=lambda e: self.message.setText(describe(e)),
        )

    def _show_form(self, action: MotionAction, data: object) -> None:
        runner, ctx, detail = self.runner, self.ctx, self.detail
        assert detail is not None  # a form opens from a loaded motion
        form: MotionForm
        if action in (A.ASSIGN, A.REASSIGN):
            form = AssignForm(runner, ctx, detail, cast("list[tuple[int, str]]", data), self)
        elif action is A.REPLY:
            classes, followers, templates = cast(
                "tuple[tuple[tuple[str, str], ...], list[MotionRow], tuple[ReplyTemplate, ...]]",
                data,
            )
            form = ReplyForm(
                runner,
                ctx,
                detail,
                classes,
                self,
                followers=followers,
                templates=templates,
            )
        elif action is A.MERGE:
            form = MergeForm(runner, ctx, detail, cast("list[MotionRow]", data), self)
        elif action is A.RATE:
            form = RatingForm(runner, ctx, detail, self)
        elif action is A.EXTEND:
            form = ExtendForm(runner, ctx, detail, self)
        else:
            form = UnitReturnForm(runner, ctx, detail, self)
        form.saved.connect(lambda _row, a=form.action: self._form_saved(a))
        self.form = form
        form.open()

    def open_contact_form(self) -> ContactForm | None:
        if self.detail is None or self.detail.row.state not in CONTACT_STATES:
            return None
        form = ContactForm(self.runner, self.ctx, self.detail, self)
        form.saved.connect(self._contact_saved)
        self.contact_form = form
        form.open()
        return form

    def open_co_unit_form(self) -> None:
        """协办单位意见: the co-units and their opinions so far are read first, then the form."""
        if self.detail is None or not self.co_unit_button.isEnabled():
            return
        ctx, motion_id, detail = self.ctx, self.detail.row.id, self.detail
        self.runner.submit(
            lambda: ops.co_unit_entries(ctx, motion_id=motion_id),
            on_done=lambda entries: self._show_co_unit_form(detail, entries),
            on_error=lambda e: self.message.setText(describe(e)),
        )

    def _show_co_unit_form(self, detail: MotionDetail, entries: list[CoUnitEntry]) -> None:
        form = CoUnitOpinionForm(self.runner, self.ctx, detail, entries, self)
        form.saved.connect(lambda _row: self._co_unit_saved())
        self.co_unit_form = form
        form.open()

    def _co_unit_saved(self) -> None:
        self.message.setText(self.tr("已登记协办单位意见。"))
        self.load()

    def _contact_saved(self) -> None:
        self.message.setText(self.tr("已记录沟通。"))
        self.load()

    def _form_saved(self, action: MotionAction) -> None:
        self._done(action)

    def _done(self, action: MotionAction) -> None:
        self.message.setText(self.tr("已%1。").replace("%1", ACTION_NAMES[action]))
        self.load()

    def _refused(self, error: BaseException) -> None:
        self.message.setText(self.tr("未能办理：") + describe(error))
        self.load()
