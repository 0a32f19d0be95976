"""What every 三重一大 form shares: one command submitted, `saved` with the new detail."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QWidget

from models.services.common.changes import Outcome
from models.services.decisions.contracts import DecisionDetail
from views.background import Runner
from views.form_dialog import FormDialog

if TYPE_CHECKING:
    from models.services.common.context import AppContext


class DecisionForm(FormDialog):
    """One action on one decision (or a new one); `saved` carries the command's DecisionDetail."""

    saved = Signal(object)

    def __init__(
        self,
        runner: Runner,
        ctx: AppContext,
        title: str,
        subject: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner, title, parent)
        self.ctx = ctx
        self.saved_detail: DecisionDetail | None = None
        if subject is not None:
            self.add_field("decision", self.tr("事项："), QLabel(subject))

    def retitle(self, title: str) -> None:
        self.setWindowTitle(title)
        self.setAccessibleName(title)

    def save(self, work: Callable[[], Outcome[DecisionDetail]]) -> None:
        """Run the command; a refusal keeps the form open with the field named and focused.

        The Runner tells every window what the command changed once `saved` has been handled."""
        self.run_command(work, self._saved)

    def _saved(self, result: DecisionDetail) -> None:
        self.saved_detail = result
        self.saved.emit(result)
        self.accept()
