"""The Runner: one worker lane for everything that touches the database, results on the GUI thread.

Following Anki's taskman: a single thread owns database work, so two user actions never race on
one connection; the GUI thread only receives results through a queued signal.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot


@dataclass(frozen=True)
class Changes:
    """What an action touched, so each screen can tell whether it must reload."""

    people: bool = False
    memberships: bool = False
    terms: bool = False
    meetings: bool = False
    motions: bool = False
    decisions: bool = False


class _Task(QRunnable):
    def __init__(self, runner: Runner, task_id: int, work: Callable[[], Any]) -> None:
        super().__init__()
        self._runner, self._task_id, self._work = runner, task_id, work

    def run(self) -> None:
        try:
            result, error = self._work(), None
        except BaseException as exc:  # handed to the GUI thread, which decides what to show
            result, error = None, exc
        self._runner._finished.emit(self._task_id, result, error)


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
        self._callbacks: dict[
            int,
            tuple[Callable[[Any], None], Callable[[BaseException], None], Changes | None, object],
        ] = {}
        self._finished.connect(self._on_finished)

    def submit(
        self,
        work: Callable[[], Any],
        *,
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
        changes: Changes | None = None,
        initiator: object = None,
    ) -> None:
        task_id = next(self._ids)
        self._callbacks[task_id] = (on_done, on_error, changes, initiator)
        if len(self._callbacks) == 1:
            self.busy_changed.emit(True)
        self._lane.start(_Task(self, task_id, work))

    @Slot(int, object, object)
    def _on_finished(self, task_id: int, result: Any, error: BaseException | None) -> None:
        on_done, on_error, changes, initiator = self._callbacks.pop(task_id)
        if not self._callbacks:
            self.busy_changed.emit(False)
        if error is not None:
            on_error(error)
            return
        on_done(result)
        if changes is not None:
            self.data_changed.emit(changes, initiator)

    def is_idle(self) -> bool:
        return not self._callbacks

    def wait_idle(self, msecs: int = 30_000) -> bool:
        """For shutdown and tests: let queued database work finish."""
        return self._lane.waitForDone(msecs)
