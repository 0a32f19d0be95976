"""A stream of chunks produced one ahead on a thread, while the caller works on the one before.

The file guard inflates a sheet of several MB and scans each piece with regular expressions:
zlib lets go of the GIL while it inflates, the scan holds it, so on two cores the next piece is
inflated while this one is scanned (issue 18). At most two chunks wait beyond the caller's, so
whatever the caller counts and limits (a zip bomb's size) is still stopped within a few MB.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Generator, Iterator
from contextlib import suppress
from typing import TypeVar

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
