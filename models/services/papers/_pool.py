"""A batch of papers spread over the cores: forked workers, the first forked before the batch
is read so that the faces are read while the caller still reads the letters.

How (Linux, two cores or more, no other thread running — the window's lanes write in the
calling thread, as does Windows, which has no fork):

1. `Writers(...)` forks one worker at once. It reads the faces of the given roles (≈ 40 ms
   each; or python-docx's template) while the caller reads and builds the papers: on two cores
   the two overlap.
2. `write_documents` sends it the whole batch (pickled, once). It forks the other workers from
   itself, so that they inherit the faces read instead of reading them again, and sorts the
   chunks of CHUNK papers: those with a character the role's face lacks (a rare name, drawn
   in the 13.8 MB Noto fallback: ≈ 0.15 s to read) it keeps for itself and reads that face,
   while the others start on the plain chunks.
3. Each worker takes the next chunk (shared counters: the first worker the rare chunks first,
   the others the plain ones first) until none are left or the batch is cancelled, and sends
   back each chunk's outcomes; the caller hands them on in order.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import sys
import threading
from collections.abc import Generator, Sequence
from multiprocessing.connection import wait
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import TYPE_CHECKING, Any

from models.documents.paper import Paper, texts
from models.domain.errors import DomainError, Problem
from models.services.papers._writing import write_document
from models.services.papers.contracts import PaperFormat

if TYPE_CHECKING:
    from models.documents.fonts import Role

# A batch this big or bigger is spread over the cores; below it a pool costs more than it saves.
POOL_FROM = 16
CHUNK = 4  # papers a worker writes per task: progress and cancelling move in steps this big

Outcome = list[Problem] | DomainError
Job = tuple[Paper, Path]


def _write_one(paper: Paper, fmt: PaperFormat, path: Path, fonts_dir: Path) -> Outcome:
    try:
        return write_document(paper, fmt, path, fonts_dir)
    except DomainError as error:
        return error


def _text(jobs: Sequence[Job], chunk: int) -> str:
    return "".join(
        t for paper, _ in jobs[chunk * CHUNK : (chunk + 1) * CHUNK] for t in texts(paper)
    )


def _pool_size() -> int:
    """Worker processes: one per core; none (write in the calling thread) on one core, off
    Linux (no safe fork; spawning would import everything again), or when other threads run
    (a window's lanes: forking them is unsafe)."""
    cores = (
        len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    )
    if (
        cores < 2
        or not sys.platform.startswith("linux")
        or "fork" not in multiprocessing.get_all_start_methods()
        or threading.active_count() > 1
    ):
        return 0
    return cores


class Writers:
    """Where a batch of papers is written: forked workers (see the module's note), or the
    calling thread. Use it as a context manager: leaving it stops the workers."""

    def __init__(self, fmt: PaperFormat, fonts_dir: Path, *, roles: tuple[Role, ...] = ()) -> None:
        self.fmt = fmt
        self.fonts_dir = fonts_dir
        self.workers = _pool_size()
        self.first: BaseProcess | None = None
        if not self.workers:
            return
        ctx = multiprocessing.get_context("fork")
        self._batch_in, self._batch_out = ctx.Pipe(duplex=False)  # caller → first worker
        self._results, self._result_out = ctx.Pipe(duplex=False)  # workers → caller
        self._send_lock = ctx.Lock()
        self._taken = ctx.Value("i", 0)  # chunks taken so far, of the plain ones
        self._rare_taken = ctx.Value("i", 0)  # and of those that need a fallback face
        self._stop = ctx.Event()
        self.first = ctx.Process(target=self._first_worker, args=(roles,), name="yishi-writer")
        self.first.start()

    def __enter__(self) -> Writers:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.first is not None:
            if not self._stop.is_set():
                # No batch was sent (too small, none, or refused): it has only been reading
                # faces, so it is stopped rather than waited for.
                self.first.kill()
            self.first.join()
            self.first = None

    # -- in the workers ---------------------------------------------------------------------

    def _send(self, message: tuple[str, int, Any]) -> None:
        with self._send_lock:
            self._result_out.send(message)

    def _first_worker(self, roles: tuple[Role, ...]) -> None:
        # reportlab (≈ 40 ms to import) is imported here, while the caller reads the letters.
        from models.documents.fonts import load_fonts

        # A missing font file is refused by the first paper that needs it, as without a pool.
        with contextlib.suppress(OSError):
            if self.fmt == PaperFormat.PDF:
                load_fonts(self.fonts_dir).read_role_faces(roles)
            elif self.fmt == PaperFormat.DOCX:
                from models.documents.docx_writer import read_template

                read_template()
        jobs: list[Job] = self._batch_in.recv()
        chunks = range((len(jobs) + CHUNK - 1) // CHUNK)
        rare: list[int] = []  # the chunks with a character the role's face lacks
        fonts = None
        if self.fmt == PaperFormat.PDF and roles:
            with contextlib.suppress(OSError):
                fonts = load_fonts(self.fonts_dir)
                rare = [i for i in chunks if fonts.needs_fallback(_text(jobs, i), roles[0])]
        plain = [i for i in chunks if i not in set(rare)]
        ctx = multiprocessing.get_context("fork")
        # The others start on the plain chunks at once; this one reads the fallback face (the
        # 13.8 MB Noto: ≈ 0.15 s) meanwhile and takes the rare chunks first.
        mine = ((self._rare_taken, rare), (self._taken, plain))
        theirs = (mine[1], mine[0])
        others = [
            ctx.Process(target=self._serve, args=(jobs, theirs)) for _ in range(self.workers - 1)
        ]
        for process in others:
            process.start()
        if fonts is not None and rare:
            with contextlib.suppress(OSError):
                fonts.read_faces_for("".join(_text(jobs, i) for i in rare), roles[0])
        self._serve(jobs, mine)
        for process in others:
            process.join()
            if process.exitcode != 0:
                self._send(("lost", -1, process.exitcode))

    def _serve(self, jobs: list[Job], queues: tuple[tuple[Any, list[int]], ...]) -> None:
        """Take the next chunk of each queue in turn (a shared counter into its chunk numbers)
        until none is left or the batch is cancelled; say when done."""
        index = -1
        try:
            for taken, order in queues:
                while not self._stop.is_set():
                    with taken.get_lock():
                        at = taken.value
                        if at >= len(order):
                            break
                        taken.value = at + 1
                    index = order[at]
                    chunk = jobs[index * CHUNK : (index + 1) * CHUNK]
                    outcomes = [_write_one(p, self.fmt, path, self.fonts_dir) for p, path in chunk]
                    self._send(("done", index, outcomes))
        except BaseException as error:  # a bug: the caller raises it
            self._send(("failed", index, error))
        finally:
            self._send(("end", -1, None))

    # -- in the caller ----------------------------------------------------------------------

    def _receive(self) -> tuple[str, int, Any]:
        assert self.first is not None
        ready = wait([self._results, self.first.sentinel])
        if self._results in ready or self._results.poll():
            message: tuple[str, int, Any] = self._results.recv()
            return message
        self.first.join()  # it has ended: reap it for its exit code
        return ("lost", -1, self.first.exitcode)

    def write(self, jobs: Sequence[Job]) -> Generator[Outcome, None, None]:
        """The batch's outcomes in order; closed early, the workers stop between two chunks and
        what they wrote past the last paper reported is removed."""
        self._batch_out.send(list(jobs))
        chunks = (len(jobs) + CHUNK - 1) // CHUNK
        waiting: dict[int, list[Outcome]] = {}
        written: set[int] = set()
        ended = reported = 0
        try:
            for index in range(chunks):
                while index not in waiting:
                    kind, at, value = self._receive()
                    if kind == "done":
                        waiting[at] = value
                        written.add(at)
                    elif kind == "end":
                        ended += 1
                    elif kind == "failed":
                        raise value
                    else:
                        raise RuntimeError(f"a writing process stopped (exit code {value})")
                for outcome in waiting.pop(index):
                    reported += 1
                    yield outcome
        finally:
            self._stop.set()
            lost = False
            while ended < self.workers and not lost:
                kind, at, value = self._receive()
                if kind == "done":
                    written.add(at)
                ended += kind == "end"
                lost = kind == "lost"
            # Cancelled: the files the workers wrote after the last one reported are not kept.
            for index in sorted(written):
                for _paper, path in jobs[max(index * CHUNK, reported) : (index + 1) * CHUNK]:
                    if path.is_file():  # not a folder standing where a letter was refused
                        path.unlink(missing_ok=True)


def write_documents(jobs: Sequence[Job], writers: Writers) -> Generator[Outcome, None, None]:
    """Write each built paper to its path; yields each one's outcome (its problems, or why it
    could not be written) in the order given: a batch of POOL_FROM or more by the writers'
    workers, a smaller one (or where there are none) in the calling thread."""
    if writers.first is None or len(jobs) < POOL_FROM:
        for paper, path in jobs:
            yield _write_one(paper, writers.fmt, path, writers.fonts_dir)
        return
    yield from writers.write(jobs)
