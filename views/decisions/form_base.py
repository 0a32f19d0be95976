"""What every 三重一大 form shares: a draft submitted as one call, `saved` with the new detail."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QWidget

from views.background import Runner
from views.form_dialog import FormDialog


class DecisionForm(FormDialog):
    """One action on one decision (or a new one); `saved` carries the service's DecisionDetail."""

    saved = Signal(object)

    def __init__(
        self,
        runner: Runner,
        backend: Any,
        title: str,
        subject: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner, title, parent)
        self.backend = backend
        self.result: Any = None
        if subject is not None:
            self.add_field("decision", self.tr("事项："), QLabel(subject))

    def retitle(self, title: str) -> None:
        self.setWindowTitle(title)
        self.setAccessibleName(title)

    def save(self, work: Callable[[], Any]) -> None:
        self.run(work, self._saved)

    def _saved(self, result: Any) -> None:
        self.result = result
        self.saved.emit(result)
        self.accept()
