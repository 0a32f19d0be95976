"""The inline editor of the 承办单位 dialog: a new unit's name and kind, or a unit's new name.

The name is checked as it is typed with the service's own rule (check_name), so the inline
message is the sentence the service would refuse with; the service still decides on saving.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from models.domain.errors import DomainError
from models.services.motions.contracts import NAME_LIMIT, check_name
from views.form_dialog import INVALID_PROPERTY
from views.motions.handling_unit_table_model import KIND_NAMES


class HandlingUnitEditor(QWidget):
    save_requested = Signal()
    cancelled = Signal()
    problem_changed = Signal(object)  # the DomainError the typed name would meet, or None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.others: list[tuple[str, bool]] = []
        self.name_edit = QLineEdit()
        self.name_edit.setMaxLength(NAME_LIMIT + 1)  # one over, so "too long" can be said
        self.name_edit.setAccessibleName(self.tr("单位名称"))
        self.name_edit.textEdited.connect(lambda _text: self.problem_changed.emit(self.problem()))
        self.name_edit.returnPressed.connect(self.save_requested)
        self.kind_box = QComboBox()
        self.kind_box.setAccessibleName(self.tr("单位类别"))
        for kind, text in KIND_NAMES.items():
            self.kind_box.addItem(text, kind)
        self.save_button = QPushButton(self.tr("保存(&S)"))
        self.save_button.setToolTip(self.tr("保存（回车）"))
        self.save_button.clicked.connect(self.save_requested)
        self.cancel_button = QPushButton(self.tr("取消"))
        self.cancel_button.setToolTip(self.tr("放弃（Esc）"))
        self.cancel_button.clicked.connect(self.cancelled)
        for button in (self.save_button, self.cancel_button):
            button.setAutoDefault(False)  # Enter in the name field saves through returnPressed

        self.form = QFormLayout(self)
        self.form.setContentsMargins(0, 0, 0, 0)
        for text, widget in (
            (self.tr("名称(&M)："), self.name_edit),
            (self.tr("类别(&L)："), self.kind_box),
        ):
            label = QLabel(text)
            label.setBuddy(widget)
            self.form.addRow(label, widget)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.cancel_button)
        self.form.addRow(buttons)

    def start(self, *, name: str, with_kind: bool, others: list[tuple[str, bool]]) -> None:
        """Open on `name`; `others` are the (name, active) pairs the new name must not repeat."""
        self.others = others
        self.name_edit.setText(name)
        self.name_edit.selectAll()
        self.form.setRowVisible(self.kind_box, with_kind)
        self.kind_box.setCurrentIndex(0)
        self.mark(False)
        self.show()
        self.name_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def name(self) -> str:
        return self.name_edit.text()

    def kind(self) -> str:
        return self.kind_box.currentData()

    def problem(self) -> DomainError | None:
        try:
            check_name(self.name(), self.others)
        except DomainError as error:
            return error
        return None

    def mark(self, invalid: bool) -> None:
        """A border on the name field, beside the message that says what is wrong in words."""
        self.name_edit.setProperty(INVALID_PROPERTY, invalid)
        self.name_edit.style().unpolish(self.name_edit)
        self.name_edit.style().polish(self.name_edit)
