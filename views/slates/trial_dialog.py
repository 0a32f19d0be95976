"""保存调整: the reason for a slate's trial, asked before it becomes the stored slate."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QLineEdit, QWidget

from models.services.slates.contracts import SavedTrial
from views.background import Runner
from views.form_dialog import FormDialog
from views.ops import slates as slates_ops

if TYPE_CHECKING:
    from models.services.common.context import AppContext

REASON_LIMIT = 500  # as the core's (trials.REASON_LIMIT), which refuses a longer one


class TrialReasonDialog(FormDialog):
    """Shows what the trial changes and how the slate will check; saves it with a reason."""

    def __init__(
        self,
        runner: Runner,
        ctx: AppContext,
        *,
        term_id: int,
        left_out: Collection[int],
        brought_in: Collection[int],
        expected_versions: Mapping[int, int],
        change: str,
        verdict: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner, self.tr("保存名单调整"), parent)
        self.ctx, self.term_id = ctx, term_id
        self.left_out, self.brought_in = tuple(left_out), tuple(brought_in)
        self.expected_versions = dict(expected_versions)
        self.saved: SavedTrial | None = None
        self.change = QLabel(change)
        self.change.setWordWrap(True)
        self.change.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.change.setAccessibleName(self.tr("调整内容"))
        self.verdict = QLabel(verdict)
        self.verdict.setWordWrap(True)
        self.verdict.setAccessibleName(self.tr("保存后的构成检查"))
        self.form.addRow(self.tr("调整内容："), self.change)
        self.form.addRow(self.tr("保存后："), self.verdict)
        self.reason = self.add_field(
            "reason",
            self.tr("调整理由(&R)："),
            QLineEdit(),
            self.tr("必填：记入调整记录，例如“精神残疾人代表空缺”"),
        )
        self.reason.setMaxLength(REASON_LIMIT)
        self.reason.textEdited.connect(lambda _text: self.clear_problem())
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("身" * 40))
        self.reason.setPlaceholderText(self.tr("必填，例如：精神残疾人代表空缺，以候补替换"))
        self.ok_button().setText(self.tr("保存调整"))
        # The buttons were made before the field: the reason comes first in the tab order.
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.setTabOrder(self.reason, self.ok_button())
        self.setTabOrder(self.ok_button(), cancel)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.reason.setFocus()

    def submit(self) -> None:
        ctx, term_id, reason = self.ctx, self.term_id, self.reason.text()
        left_out, brought_in, versions = self.left_out, self.brought_in, self.expected_versions
        self.run_command(
            lambda: slates_ops.apply_trial(
                ctx,
                term_id=term_id,
                left_out=left_out,
                brought_in=brought_in,
                reason=reason,
                expected_versions=versions,
            ),
            on_done=self._saved,
        )

    def _saved(self, saved: SavedTrial) -> None:
        self.saved = saved
        self.accept()
