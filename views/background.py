"""The Runner: one worker lane for everything that touches the database, results on the GUI thread.

Following Anki's taskman: a single thread owns database work, so two user actions never race on
one connection; the GUI thread only receives results through a queued signal.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

if TYPE_CHECKING:  # imported with the first command, not before the window paints
    from models.services.common.changes import Outcome

T = TypeVar("T")


@dataclass(frozen=True)
class _Pending:
    on_done: Callable[[Any], None]
    on_error: Callable[[BaseException], None]
    initiator: object
    is_command: bool


class _Task(QRunnable):
    def __init__(self, runner: Runner, task_id: int, work: Callable[[], Any]) -> None:
        super().__init__()
        self._runner, self._task_id, self._work = runner, task_id, work

    def run(self) -> None:
        # The exception keeps its traceback across the thread, for the crash report.
        try:
            result, error = self._work(), None
        except BaseException as exc:  # handed to the GUI thread, which decides what to show
            result, error = None, exc
        try:
            self._runner._finished.emit(self._task_id, result, error)
        except RuntimeError:
            # The window (and its runner) closed while this ran: nobody is left to tell.
            return


class Runner(QObject):
    """Submit `work` (a plain function) to the database lane; callbacks run on the GUI thread."""

    _finished = Signal(int, object, object)
    data_changed = Signal(object, object)  # Changes, initiator
    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lane = QThreadPool(self)
        self._lane.setMaxThreadCount(1)
        self._ids = itertools.count(1)
        self._callbacks: dict[int, _Pending] = {}
        self._finished.connect(self._on_finished)

    def submit(
        self,
        work: Callable[[], Any],
        *,
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
    ) -> None:
        """Run a read; `on_done` gets its result. Commands go through submit_command."""
        self._start(work, _Pending(on_done, on_error, None, is_command=False))

    def submit_command(
        self,
        work: Callable[[], Outcome[T]],
        *,
        on_done: Callable[[T], None],
        on_error: Callable[[BaseException], None],
        initiator: object = None,
    ) -> None:
        """Run a command; `on_done` gets its value, then every screen hears what it changed."""
        self._start(work, _Pending(on_done, on_error, initiator, is_command=True))

    def _start(self, work: Callable[[], Any], pending: _Pending) -> None:
        task_id = next(self._ids)
        self._callbacks[task_id] = pending
        if len(self._callbacks) == 1:
            self.busy_changed.emit(True)
        self._lane.start(_Task(self, task_id, work))

    @Slot(int, object, object)
    def _on_finished(self, task_id: int, result: Any, error: BaseException | None) -> None:
        pending = self._callbacks.pop(task_id)
        if not self._callbacks:
            self.busy_changed.emit(False)
        if error is not None:
            # Issue 13: a handler sees a refusal, never a driver's text or a bug's raw exception;
            # a bug's crash report is saved here, whether or not the handler shows the message.
            from views.error_presenter import presented

            pending.on_error(presented(error))
            return
        if not pending.is_command:
            pending.on_done(result)
            return
        from models.services.common.changes import Outcome

        assert isinstance(result, Outcome), "submit_command's work must return an Outcome"
        pending.on_done(result.value)
        if result.changes:
            # The core decided what changed; every screen hears it, the initiator included.
            self.data_changed.emit(result.changes, pending.initiator)

    def is_idle(self) -> bool:
        return not self._callbacks

    def wait_idle(self, msecs: int = 30_000) -> bool:
        """For shutdown and tests: let queued database work finish."""
        return self._lane.waitForDone(msecs)
