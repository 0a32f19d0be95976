"""Reading a spreadsheet in a child process, so that what the guard cannot know up front (an .xls
grid, a reader bug) kills the child, never the window (issue 13).

The child is started with the spawn context (no copy of the window's threads or Qt state), runs
one reader function under the limits in force and, on Linux, under a memory cap
(`RLIMIT_AS`); an allocation beyond it aborts the child only. A crash, a MemoryError or a
refusal comes back as a DomainError. On Windows the cap would need a job object, which this
module does not set up: there the child may use what the machine has, and still dies alone.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

from models.domain.errors import DomainError
from models.domain.rules import FileLimits

T = TypeVar("T")

# The reader's own needs (interpreter, calamine, the grid of a 200 MB sheet) fit well inside.
MEMORY_CAP_MB = 4096


def read_isolated(
    reader: Callable[..., T],
    /,
    *args: Any,
    limits: FileLimits,
    memory_cap_mb: int = MEMORY_CAP_MB,
    **kwargs: Any,
) -> T:
    """`reader(*args, **kwargs)` in a spawned child under `limits`; its value or its refusal.

    `reader` must be a module-level function and its arguments and value picklable.
    """
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(
        max_workers=1, mp_context=context, initializer=_cap_memory, initargs=(memory_cap_mb,)
    ) as pool:
        try:
            outcome = pool.submit(_run, reader, args, kwargs, limits).result()
        except BrokenProcessPool:
            raise DomainError(
                "file_too_large", detail="读取时超出内存上限或读取程序崩溃，读取已中止"
            ) from None
    kind, value = outcome
    if kind == "refused":
        code, field, params = value
        raise DomainError(code, field=field, **params)
    return value  # type: ignore[no-any-return]


def _cap_memory(megabytes: int) -> None:
    """In the child: a reader's abort prints a Rust backtrace; the window has no use for it."""
    with open(os.devnull, "wb") as quiet:
        os.dup2(quiet.fileno(), 2)
    if sys.platform.startswith("linux"):
        import resource

        cap = megabytes * 1024 * 1024
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            cap = min(cap, hard)
        resource.setrlimit(resource.RLIMIT_AS, (cap, hard))


def _run(
    reader: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any], limits: FileLimits
) -> tuple[str, Any]:
    """In the child: the reader's value, or its refusal as plain data (DomainError's keyword
    arguments do not survive pickling)."""
    from models.importing.guard import using_limits

    try:
        with using_limits(limits):
            return "value", reader(*args, **kwargs)
    except DomainError as exc:
        return "refused", (exc.code, exc.field, exc.params)
    except MemoryError:
        return "refused", (
            "file_too_large",
            None,
            {"detail": "读取时超出内存上限，读取已中止"},
        )
