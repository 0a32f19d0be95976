"""Python's cycle collector held off while a sheet becomes rows and records (issue 18).

A 10,000-row slate allocates some 100,000 tuples, lists and records that all live on: the
collector, counting allocations, walked them over and over (about 200 young collections and a full
one, ~45 ms of a ~500 ms check-slate) and found nothing to free. Reading a sheet makes no
reference cycles worth collecting early; whatever garbage it leaves is collected after.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cycle collection inside the block (also as a decorator); the collector is switched
    back on after it only if it was on before (another thread's block may still be running)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
