"""批量打印答复函 from the window: the core writes the letters in one command on the lane, as
`yishi print replies` does; this shows i/n as each file is written and lets the clerk stop the
batch between two letters."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from models.services.papers.contracts import PaperFormat, ReplyLetters
from views.background import Runner
from views.ops import papers as papers_ops

if TYPE_CHECKING:
    from models.services.common.context import AppContext


class ReplyLetterJob(QObject):
    """`finished` carries (ReplyLetters, None) or (None, the error that stopped the batch)."""

    finished = Signal(object, object)
    # Emitted on the lane after each letter; Qt queues it to this object on the GUI thread.
    _advanced = Signal(int, int, str)

    def __init__(
        self,
        runner: Runner,
        ctx: AppContext,
        *,
        term: int | None,
        fmt: PaperFormat,
        directory: Path,
        combined: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.runner, self.ctx = runner, ctx
        self.term, self.fmt, self.directory = term, fmt, directory
        # combined: `directory` is the one PDF file all letters go into
        self.combined = combined
        self.letters: ReplyLetters | None = None
        self.error: BaseException | None = None
        self.cancelled = False
        self.done = False
        self.reached = 0
        title = self.tr("批量打印答复函")
        self.progress = QProgressDialog(title, self.tr("取消"), 0, 0, parent)
        self.progress.setWindowTitle(title)
        self.progress.setAccessibleName(title)
        self.progress.setLabelText(self.tr("正在查找本届已答复或已办结的提案…"))
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(0)
        self.progress.setAutoReset(False)
        self.progress.setAutoClose(False)
        self.progress.canceled.connect(self.cancel)
        self._advanced.connect(self._advance)

    def start(self) -> None:
        self.progress.show()
        self.runner.submit_command(
            lambda: (
                papers_ops.write_combined_reply_letters(
                    self.ctx,
                    term=self.term,
                    path=self.directory,
                    progress=self._advanced.emit,
                    cancelled=self.is_cancelled,
                )
                if self.combined
                else papers_ops.write_reply_letters(
                    self.ctx,
                    term=self.term,
                    fmt=self.fmt,
                    directory=self.directory,
                    progress=self._advanced.emit,
                    cancelled=self.is_cancelled,
                )
            ),
            on_done=self._finish,
            on_error=self._fail,
        )

    def cancel(self) -> None:
        self.cancelled = True

    def is_cancelled(self) -> bool:
        """Asked on the lane before each letter; reading a bool across threads is safe here."""
        return self.cancelled

    def _advance(self, done: int, total: int, name: str) -> None:
        self.reached = done
        self.progress.setMaximum(total)
        self.progress.setValue(done)
        self.progress.setLabelText(
            self.tr("已写出第 %1/%2 份：%3")
            .replace("%1", str(done))
            .replace("%2", str(total))
            .replace("%3", name)
        )

    def _finish(self, letters: ReplyLetters) -> None:
        self.letters = letters
        self.cancelled = letters.cancelled
        self.progress.setMaximum(letters.total)
        if not self.combined:
            self.reached = len(letters.files) + len(letters.failures)
        elif not letters.cancelled:  # one file holds them all: every letter was laid out
            self.reached = letters.total
        self.progress.setValue(self.reached)
        self._close()

    def _fail(self, error: BaseException) -> None:
        self.error = error
        self._close()

    def _close(self) -> None:
        self.done = True
        self.progress.canceled.disconnect(self.cancel)  # closing a progress dialog cancels it
        self.progress.close()
        self.finished.emit(self.letters, self.error)
