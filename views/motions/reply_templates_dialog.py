"""答复函模板: the database's reply templates — list, edit with the variables offered, a preview on
one of the term's motions, and the way back to the shipped text.

Each save, removal or reset is one service call on the Runner's lane (views/ops/motions.py); the
service refuses an unknown {variable} and a template another clerk changed meanwhile.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from itertools import pairwise
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from models.domain.errors import DomainError
from models.domain.reply_templates import OPENING, VARIABLES, ReplyTemplate, fill_template
from views.background import Runner
from views.error_presenter import describe
from views.motions.motion_table_model import number_text
from views.motions.reply_templates import reply_values
from views.ops import motion_lists
from views.ops import motions as ops
from views.permissions import gate_editor

if TYPE_CHECKING:
    from models.services.common.changes import Outcome
    from models.services.common.context import AppContext
    from models.services.motions.contracts import MotionRow


def open_reply_templates(runner: Runner, ctx: AppContext, parent: QWidget) -> ReplyTemplatesDialog:
    """The parent's template dialog, made on first use and raised after that."""
    dialog = parent.findChild(ReplyTemplatesDialog)
    if dialog is None:
        dialog = ReplyTemplatesDialog(runner, ctx, parent)
    elif not dialog.is_dirty():
        dialog.load()  # another clerk may have changed one since
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog


class ReplyTemplatesDialog(QDialog):
    def __init__(self, runner: Runner, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner, self.ctx = runner, ctx
        self.templates: tuple[ReplyTemplate, ...] = ()
        self.base: ReplyTemplate | None = None  # the template being edited as loaded (None: new)
        self.editing = False
        self.motions: list[MotionRow] = []
        self.setWindowTitle(self.tr("答复函模板"))
        self.setAccessibleName(self.tr("答复函模板"))

        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("模板列表"))
        self.list_label = QLabel(self.tr("模板(&L)："))
        self.list_label.setBuddy(self.list)
        self.new_button = QPushButton(self.tr("新建(&N)"))
        self.new_button.clicked.connect(lambda: self.new_template())
        self.remove_button = QPushButton(self.tr("删除(&D)…"))
        self.remove_button.clicked.connect(lambda: self.remove_template())
        self.reset_button = QPushButton(self.tr("恢复自带模板(&R)…"))
        self.reset_button.setToolTip(self.tr("把全部模板恢复为软件自带的内容"))
        self.reset_button.clicked.connect(lambda: self.reset_templates())

        self.name = QLineEdit()
        self.name.setAccessibleName(self.tr("模板名称"))
        self.reply_class = QComboBox()
        self.reply_class.setAccessibleName(self.tr("对应答复类别"))
        self.reply_class.addItem(self.tr("（不限）"), "")
        self.text = QPlainTextEdit()
        self.text.setAccessibleName(self.tr("模板正文"))
        self.text.setTabChangesFocus(True)
        self.text.setMinimumHeight(self.text.fontMetrics().lineSpacing() * 10)
        self.variable_buttons: dict[str, QPushButton] = {}
        variables = QGridLayout()
        for n, (key, label) in enumerate(VARIABLES):
            button = QPushButton(f"{{{key}}} {label}")
            button.setAccessibleName(self.tr("插入变量%1").replace("%1", label))
            button.setToolTip(self.tr("在光标处插入 {%1}").replace("%1", key))
            button.setAutoDefault(False)
            button.clicked.connect(lambda _c=False, k=key: self.insert_variable(k))
            variables.addWidget(button, n // 3, n % 3)
            self.variable_buttons[key] = button
        self.motion = QComboBox()
        self.motion.setAccessibleName(self.tr("预览所用的提案"))
        self.preview = QPlainTextEdit()
        self.preview.setReadOnly(True)
        self.preview.setAccessibleName(self.tr("预览"))
        self.preview.setTabChangesFocus(True)
        self.preview.setStyleSheet("background: #f6f6f6;")

        form = QFormLayout()
        name_label = QLabel(self.tr("名称(&M)："))
        name_label.setBuddy(self.name)
        class_label = QLabel(self.tr("答复类别(&C)："))
        class_label.setBuddy(self.reply_class)
        text_label = QLabel(self.tr("正文(&T)："))
        text_label.setBuddy(self.text)
        variables_label = QLabel(self.tr("插入变量："))
        motion_label = QLabel(self.tr("预览提案(&P)："))
        motion_label.setBuddy(self.motion)
        preview_label = QLabel(self.tr("预览(&V)："))
        preview_label.setBuddy(self.preview)
        form.addRow(name_label, self.name)
        form.addRow(class_label, self.reply_class)
        form.addRow(text_label, self.text)
        form.addRow(variables_label, variables)
        form.addRow(motion_label, self.motion)
        form.addRow(preview_label, self.preview)

        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("提示"))
        self.save_button = QPushButton(self.tr("保存(&S)"))
        self.save_button.setToolTip(self.tr("保存这个模板（Ctrl+S）"))
        self.save_button.clicked.connect(lambda: self.save())
        QShortcut(QKeySequence.StandardKey.Save, self).activated.connect(self.save)
        close = QPushButton(self.tr("关闭"))
        close.setAutoDefault(False)
        close.clicked.connect(self.reject)

        left = QVBoxLayout()
        left.addWidget(self.list_label)
        left.addWidget(self.list, 1)
        for button in (self.new_button, self.remove_button, self.reset_button):
            button.setAutoDefault(False)
            left.addWidget(button)
        columns = QHBoxLayout()
        columns.addLayout(left)
        columns.addLayout(form, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.message, 1)
        bottom.addWidget(self.save_button)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addLayout(bottom)

        order = [self.list, self.new_button, self.remove_button, self.reset_button, self.name]
        order += [self.reply_class, self.text, *self.variable_buttons.values(), self.motion]
        order += [self.preview, self.save_button, close]
        for first, second in pairwise(order):
            QWidget.setTabOrder(first, second)

        self.list.currentItemChanged.connect(self._clicked)
        for signal in (self.name.textChanged, self.text.textChanged):
            signal.connect(self._draft_changed)
        self.reply_class.currentIndexChanged.connect(lambda _i: self._draft_changed())
        self.motion.currentIndexChanged.connect(lambda _i: self.show_preview())
        self.resize(960, 620)
        # A reader may still choose a motion to preview a template with.
        gate_editor(self, ctx, "motions.reply_templates", spare=(close, self.motion))
        self._update_buttons()
        self.load()

    # --- loading and showing --------------------------------------------------------------------

    def load(self, wanted: str | None = None) -> None:
        self.message.setText(self.tr("正在载入…"))
        ctx = self.ctx
        self.runner.submit(
            lambda: (
                motion_lists.reply_templates(ctx),
                ops.reply_classes(ctx),
                ops.term_motions(ctx),
            ),
            on_done=lambda data: self._loaded(*data, wanted=wanted),
            on_error=lambda e: self.message.setText(describe(e)),
        )

    def _loaded(
        self,
        templates: tuple[ReplyTemplate, ...],
        classes: tuple[tuple[str, str], ...],
        motions: list[MotionRow],
        *,
        wanted: str | None = None,
    ) -> None:
        self.reply_class.blockSignals(True)
        while self.reply_class.count() > 1:
            self.reply_class.removeItem(1)
        for code, text in classes:
            self.reply_class.addItem(f"{code} {text}", code)
        self.reply_class.blockSignals(False)
        # Replied motions first: their lead unit fills {unit} as a letter would.
        self.motions = sorted(motions, key=lambda r: (r.lead_unit is None, r.number or 0))
        self.motion.blockSignals(True)
        self.motion.clear()
        for row in self.motions:
            self.motion.addItem(f"{number_text(row)} {row.title}（{row.proposer}）", row.id)
        self.motion.blockSignals(False)
        self.message.setText("" if self.motions else self.tr("本届还没有提案，预览用示例文字。"))
        self._show_list(templates, wanted)

    def _show_list(self, templates: tuple[ReplyTemplate, ...], wanted: str | None) -> None:
        self.templates = templates
        names = [t.name for t in templates]
        if wanted not in names:
            wanted = self.base.name if self.base is not None else None
        if wanted not in names:
            wanted = names[0] if names else None
        self.list.blockSignals(True)
        self.list.clear()
        for template in templates:
            code = template.reply_class
            code = f"（{code}类）" if code and not template.name.startswith(f"{code}类") else ""
            item = QListWidgetItem(template.name + code)
            item.setData(Qt.ItemDataRole.UserRole, template.name)
            self.list.addItem(item)
            if template.name == wanted:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)
        self._choose(next((t for t in templates if t.name == wanted), None))

    def _select(self, name: str | None) -> None:
        """Mark the template in the list without showing it (None: no row, a new template)."""
        self.list.blockSignals(True)
        self.list.setCurrentRow(-1)
        for row in range(self.list.count()):
            if self.list.item(row).data(Qt.ItemDataRole.UserRole) == name:
                self.list.setCurrentRow(row)
        self.list.blockSignals(False)

    def _choose(self, template: ReplyTemplate | None) -> None:
        """Show a template (None: a new one) as the draft."""
        self.base = template
        self.editing = True
        self.name.setText(template.name if template else self.tr("新模板"))
        self.reply_class.setCurrentIndex(
            max(self.reply_class.findData((template.reply_class or "") if template else ""), 0)
        )
        self.text.setPlainText(template.text if template else OPENING)
        self.editing = False
        self._draft_changed()

    def _clicked(self, item: QListWidgetItem | None, _previous: object) -> None:
        if item is None:
            return
        name = item.data(Qt.ItemDataRole.UserRole)
        if self.base is not None and name == self.base.name:
            return
        if self.is_dirty() and not self.confirm_discard():
            self._select(self.base.name if self.base else None)  # back to the draft, kept
            return
        self.message.setText("")
        self._choose(next(t for t in self.templates if t.name == name))

    # --- the draft ------------------------------------------------------------------------------

    def draft(self) -> ReplyTemplate:
        return ReplyTemplate(
            self.name.text().strip(),
            self.text.toPlainText(),
            self.reply_class.currentData() or None,
        )

    def is_dirty(self) -> bool:
        draft = self.draft()
        base = self.base
        if base is None:
            return True  # a new template is unsaved until it is saved
        return (draft.name, draft.text.strip(), draft.reply_class) != (
            base.name,
            base.text.strip(),
            base.reply_class,
        )

    def _draft_changed(self) -> None:
        if self.editing:
            return
        self._update_buttons()
        self.show_preview()

    def _update_buttons(self) -> None:
        dirty = self.is_dirty() if self.templates else False
        self.save_button.setEnabled(dirty)
        self.remove_button.setEnabled(self.base is not None and len(self.templates) > 1)
        self.setWindowTitle(self.tr("答复函模板") + (self.tr("（未保存）") if dirty else ""))

    def insert_variable(self, key: str) -> None:
        self.text.insertPlainText("{" + key + "}")
        self.text.setFocus()

    def preview_values(self) -> dict[str, str]:
        index = self.motion.currentIndex()
        if 0 <= index < len(self.motions):
            return reply_values(self.motions[index], date.today())
        return {key: f"（{label}）" for key, label in VARIABLES}

    def show_preview(self) -> None:
        self.preview.setPlainText(fill_template(self.text.toPlainText(), self.preview_values()))

    def confirm_discard(self) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("有未保存的修改"),
            self.tr("模板“%1”有未保存的修改，放弃这些修改吗？").replace(
                "%1", self.base.name if self.base else self.name.text()
            ),
        )
        return answer == QMessageBox.StandardButton.Yes

    # --- actions --------------------------------------------------------------------------------

    def new_template(self) -> None:
        if self.is_dirty() and not self.confirm_discard():
            return
        self._select(None)
        self._choose(None)
        self.message.setText(self.tr("请填写名称和正文，然后保存。"))
        self.name.setFocus()
        self.name.selectAll()

    def save(self) -> None:
        if not self.is_dirty():
            return
        draft, original, ctx = self.draft(), self.base, self.ctx
        self.save_button.setEnabled(False)
        self.message.setText(self.tr("正在保存…"))
        self._submit(
            lambda: motion_lists.save_reply_template(
                ctx,
                name=draft.name,
                text=draft.text,
                reply_class=draft.reply_class,
                original=original,
            ),
            draft.name,
            self.tr("已保存模板“%1”。").replace("%1", draft.name),
        )

    def remove_template(self, *, confirmed: bool = False) -> None:
        original = self.base
        if original is None:
            return
        if not confirmed:
            answer = QMessageBox.question(
                self,
                self.tr("删除模板"),
                self.tr("删除答复函模板“%1”吗？").replace("%1", original.name),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        ctx = self.ctx
        self.base = None
        self._submit(
            lambda: motion_lists.remove_reply_template(ctx, original=original),
            None,
            self.tr("已删除模板“%1”。").replace("%1", original.name),
            keep=original,
        )

    def reset_templates(self, *, confirmed: bool = False) -> None:
        if not confirmed:
            answer = QMessageBox.question(
                self,
                self.tr("恢复自带模板"),
                self.tr(
                    "把全部答复函模板恢复为软件自带的内容吗？本会修改过的内容和新增的模板将不再保留。"
                ),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        ctx, keep = self.ctx, self.base
        self.base = None
        self._submit(
            lambda: motion_lists.reset_reply_templates(ctx),
            keep.name if keep else None,
            self.tr("已恢复软件自带的答复函模板。"),
            keep=keep,
        )

    def _submit(
        self,
        work: Callable[[], Outcome[tuple[ReplyTemplate, ...]]],
        wanted: str | None,
        done_text: str,
        keep: ReplyTemplate | None = None,
    ) -> None:
        def done(templates: tuple[ReplyTemplate, ...]) -> None:
            self.base = None
            self._show_list(templates, wanted)
            self.message.setText(done_text)

        def refused(error: BaseException) -> None:
            if keep is not None:
                self.base = keep
            self._refused(error)

        self.runner.submit_command(work, on_done=done, on_error=refused, initiator=self)

    def _refused(self, error: BaseException) -> None:
        """Keep the draft; point at the field the service refuses."""
        self._update_buttons()
        self.message.setText(self.tr("错误：") + describe(error))
        field = error.field if isinstance(error, DomainError) else None
        widget = {"name": self.name, "text": self.text, "reply_class": self.reply_class}.get(
            field or ""
        )
        if widget is not None:
            widget.setFocus()

    def reject(self) -> None:
        """Esc, the 关闭 button and the window's ✕ all come here."""
        if self.is_dirty() and self.templates:
            if not self.confirm_discard():
                return
            self._show_list(self.templates, self.base.name if self.base else None)
        super().reject()
