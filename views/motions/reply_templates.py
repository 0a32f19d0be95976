"""The reply form's 模板: the database's reply templates (models/services/motions/
reply_templates.py; the shipped file until a clerk edits one), their variables filled from the
motion, and a question before a template replaces what the clerk wrote.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QComboBox, QLabel, QMessageBox, QPlainTextEdit, QWidget

from models.domain.dates import chinese_date
from models.domain.reply_templates import FALLBACK, VARIABLES, ReplyTemplate, fill_template
from views.motions.motion_table_model import number_text

if TYPE_CHECKING:
    from models.services.motions.contracts import MotionRow

__all__ = ["FALLBACK", "VARIABLES", "ReplyTemplate", "ReplyTemplates", "reply_values"]


def reply_values(row: MotionRow, today: date) -> dict[str, str]:
    return {
        "proposer": row.proposer,
        "title": row.title,
        "number": number_text(row),
        "unit": row.lead_unit or "",
        "date": chinese_date(today),
    }


class ReplyTemplates(QObject):
    """The 模板 combo over the reply's text editor, and the grey list of variables under it."""

    def __init__(
        self,
        editor: QPlainTextEdit,
        templates: Sequence[ReplyTemplate],
        values: dict[str, str],
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.owner = parent  # the dialog that asks before the clerk's own words are replaced
        self.editor, self.templates, self.values = editor, tuple(templates) or FALLBACK, values
        self.box = QComboBox()
        for template in self.templates:
            self.box.addItem(template.name)
        self.variables = QLabel(
            self.tr("可用变量（选模板或发出时替换）：")
            + "".join(
                ("\n" if n % 3 == 0 else "　") + "{" + key + "} " + name
                for n, (key, name) in enumerate(VARIABLES)
            )
        )
        # Two set lines, not word wrap: a form layout underestimates a wrapped label's height.
        self.variables.setStyleSheet("color: #666; font-size: small;")
        self.variables.setAccessibleName(self.tr("可用变量"))
        self.editor.setMinimumHeight(self.editor.fontMetrics().lineSpacing() * 10)  # a letter
        self.filled = ""
        self.current = -1
        self.apply(0)
        self.box.currentIndexChanged.connect(self._chosen)

    def touched(self) -> bool:
        """Whether the clerk has written something the last template did not put there."""
        text = self.editor.toPlainText()
        return bool(text.strip()) and text != self.filled

    def apply(self, index: int) -> None:
        self.current = index
        self.filled = fill_template(self.templates[index].text, self.values)
        self.editor.setPlainText(self.filled)

    def _chosen(self, index: int) -> None:
        if index < 0 or index == self.current:
            return
        if self.touched() and not self.confirm_replace(self.templates[index].name):
            self.box.blockSignals(True)
            self.box.setCurrentIndex(self.current)
            self.box.blockSignals(False)
            return
        self.apply(index)

    def class_chosen(self, code: str | None) -> None:
        """Preselect the class's template, but never over the clerk's own words."""
        if not code or self.touched():
            return
        for index, template in enumerate(self.templates):
            if template.reply_class == code:
                self.box.setCurrentIndex(index)
                return

    def confirm_replace(self, name: str) -> bool:
        answer = QMessageBox.question(
            self.owner,
            self.tr("替换答复内容"),
            self.tr("答复内容已经修改。用模板“%1”替换吗？修改的内容将不再保留。").replace(
                "%1", name
            ),
        )
        return answer == QMessageBox.StandardButton.Yes

    def fill(self, text: str) -> str:
        """Variables the clerk typed into the text, filled as a template's would be."""
        return fill_template(text, self.values)
