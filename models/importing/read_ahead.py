"""Work done on a thread while the caller does something else (issue 18): a stream of chunks
produced one ahead, and a sheet read while `check-slate` checks its rules file.

The file guard inflates a sheet of several MB and scans each piece with regular expressions:
zlib lets go of the GIL while it inflates, the scan holds it, so on two cores the next piece is
inflated while this one is scanned (issue 18). At most two chunks wait beyond the caller's, so
whatever the caller counts and limits (a zip bomb's size) is still stopped within a few MB.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Generator, Iterator
from contextlib import suppress
from typing import Generic, TypeVar

T = TypeVar("T")
_END = object()


class _Failed:
    def __init__(self, error: BaseException) -> None:
        self.error = error


def read_ahead(items: Iterator[T]) -> Generator[T, None, None]:
    """`items` in order, with whatever they raise raised here, at the same place in the stream.

    `items` runs on its own thread, which is done with it (so with any file it reads) once this
    generator is finished or closed.
    """
    handoff: queue.Queue[object] = queue.Queue(maxsize=1)
    stop = threading.Event()

    def produce() -> None:
        try:
            for item in items:
                if stop.is_set():
                    return
                handoff.put(item)
            handoff.put(_END)
        except BaseException as exc:  # handed over: the caller raises it in its own thread
            handoff.put(_Failed(exc))

    worker = threading.Thread(target=produce, name="read-ahead", daemon=True)
    worker.start()
    try:
        while True:
            item = handoff.get()
            if item is _END:
                return
            if isinstance(item, _Failed):
                raise item.error
            yield item  # type: ignore[misc]
    finally:
        stop.set()
        while worker.is_alive():  # let a waiting put through; the worker then sees `stop`
            with suppress(queue.Empty):
                handoff.get(timeout=0.01)
        worker.join()


class Background(Generic[T]):
    """`work()` on a daemon thread, started at once; result() waits and returns what it returned
    or raises what it raised. python-calamine lets go of the GIL while it parses a sheet (and zlib
    while the guard inflates one), so the caller's Python runs meanwhile on the other core.

    A daemon: a clerk's Ctrl-C ends the process without waiting for the parse. `work` must set up
    its own context (the file limits are a context variable, which a thread does not inherit).
    """

    def __init__(self, work: Callable[[], T]) -> None:
        self._work = work
        self._result: T | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="background", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            self._result = self._work()
        except BaseException as exc:  # raised in the caller's thread by result()
            self._error = exc

    def wait(self) -> None:
        """Until the work is done, whatever its outcome (the caller has an error of its own)."""
        self._thread.join()

    def result(self) -> T:
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._result  # type: ignore[return-value]
