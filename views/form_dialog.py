"""A dialog that edits a draft and submits it as one command, keeping what was typed on error."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from models.domain.errors import DomainError
from models.domain.messages import message
from models.services.common.changes import Outcome
from views.background import Runner
from views.error_presenter import describe
from views.permissions import gate, read_only

if TYPE_CHECKING:
    from models.services.common.context import AppContext

INVALID_PROPERTY = "invalid"
T = TypeVar("T")
W = TypeVar("W", bound=QWidget)


def accessible_label(label: str) -> str:
    """ "查找人员(&S)：" is read out as "查找人员": no mnemonic, no colon."""
    return re.sub(r"\(&\w\)", "", label).replace("&", "").rstrip("：: ")


def name_widget(widget: QWidget, name: str) -> None:
    """A spin box's or date edit's inner line edit takes the focus: it needs the name too."""
    widget.setAccessibleName(name)
    for inner in widget.findChildren(QLineEdit):
        inner.setAccessibleName(name)


def date_edit(day: date, name: str | None = None) -> QDateEdit:
    """A date field as every form shows it: 2026-01-05, with the calendar popup."""
    edit = QDateEdit(QDate(day.year, day.month, day.day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    if name is not None:
        name_widget(edit, name)
    return edit


def day_of(edit: QDateEdit) -> date:
    d = edit.date()
    return date(d.year(), d.month(), d.day())


class FormDialog(QDialog):
    def __init__(self, runner: Runner, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        # Room for an 18-character ID and a two-line message without scrolling or cramping.
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("身" * 30))
        self.form = QFormLayout()
        self.fields: dict[str, QWidget] = {}
        self.refused = False  # the role may not save this form (gate_save)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.setAccessibleName(self.tr("提示"))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("保存"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.setStyleSheet(f'*[{INVALID_PROPERTY}="true"] {{ border: 2px solid #c0392b; }}')

    def add_field(self, key: str, label: str, widget: W, description: str = "") -> W:
        """A labelled field; the label is the widget's buddy, so it is also its accessible name."""
        self.form.addRow(label, widget)
        if isinstance(widget, QAbstractSpinBox):  # date and number fields focus their line edit
            name_widget(widget, accessible_label(label))
        else:
            widget.setAccessibleName(accessible_label(label))
        if description:
            widget.setAccessibleDescription(description)
        self.fields[key] = widget
        return widget

    def ok_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def gate_save(self, ctx: AppContext | None, action: str) -> bool:
        """A role that may not take `action` may still open the form to read: 保存 is disabled
        with the reason, the fields are read-only and 取消 becomes 关闭. True when allowed."""
        self.refused = not gate(self.ok_button(), ctx, action)
        if self.refused:
            self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("关闭"))
            self.lock_fields()
        return not self.refused

    def lock_fields(self) -> None:
        """Make the fields read-only if the role was refused; again after building more of them."""
        if self.refused:
            read_only(self)  # every input under the dialog; its 保存/关闭 are not checkable

    def show_problem(self, field: str | None, text: str, *, is_error: bool = True) -> None:
        """The message names the field in words and marks it with a border: never colour alone."""
        for key, widget in self.fields.items():
            widget.setProperty(INVALID_PROPERTY, is_error and key == field)
            widget.style().unpolish(widget)
            widget.style().polish(widget)
        prefix = self.tr("错误：") if is_error else self.tr("提醒：")
        self.message.setText(prefix + text if text else "")

    def clear_problem(self) -> None:
        self.show_problem(None, "", is_error=False)

    def offer_reload(self, error: DomainError) -> bool:
        """Another clerk changed the record meanwhile (the message says who and when): True when
        the clerk chooses to load it again, False to keep what they typed."""
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("记录已被修改"),
            message(error.code, error.params),
            parent=self,
        )
        reload_button = box.addButton(self.tr("重新载入"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("取消"), QMessageBox.ButtonRole.RejectRole)
        box.exec()
        if box.clickedButton() is reload_button:
            return True
        self.show_problem(None, message(error.code, error.params))
        return False

    def run_command(
        self,
        work: Callable[[], Outcome[T]],
        on_done: Callable[[T], None],
        on_domain_error: Callable[[DomainError], bool] | None = None,
    ) -> None:
        """Submit a command on the Runner's lane; on a refusal keep the form open and name the field.
        The Runner then tells every screen what the command changed."""
        self.runner.submit_command(
            work,
            on_done=self._done(on_done),
            on_error=self._failed(on_domain_error),
            initiator=self,
        )

    def _done(self, on_done: Callable[[T], None]) -> Callable[[T], None]:
        self.ok_button().setEnabled(False)
        self.message.setText(self.tr("正在保存…"))

        def done(result: T) -> None:
            self.ok_button().setEnabled(True)
            on_done(result)

        return done

    def _failed(
        self, on_domain_error: Callable[[DomainError], bool] | None
    ) -> Callable[[BaseException], None]:
        def failed(error: BaseException) -> None:
            self.ok_button().setEnabled(True)
            if isinstance(error, DomainError):
                if on_domain_error is not None and on_domain_error(error):
                    return
                self.show_problem(error.field, describe(error))
                widget = self.fields.get(error.field or "")
                if widget is not None:
                    widget.setFocus()
                return
            self.show_problem(None, describe(error))

        return failed

    def submit(self) -> None:  # pragma: no cover - every dialog defines its own
        raise NotImplementedError
