"""Writing a built paper to a file as PDF, DOCX or XLSX; an unwritable file is refused in words."""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from collections.abc import Generator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

from models.documents.fonts import load_fonts
from models.documents.paper import Chart, Paper
from models.documents.pdf_writer import write_pdf, write_pdfs
from models.domain.errors import DomainError, Problem
from models.services.papers._common import bad_arguments
from models.services.papers.contracts import PaperFormat


def write_document(paper: Paper, fmt: PaperFormat, path: Path, fonts_dir: Path) -> list[Problem]:
    """Write an already built paper; returns the problems (characters no shipped face can draw)."""
    if fmt == PaperFormat.PDF or any(isinstance(b, Chart) for b in paper.blocks):
        load_fonts(fonts_dir)  # a missing font file is the installation's fault, not the path's
    try:
        # Each writer's library is imported only for its format (python-docx, openpyxl).
        if fmt == PaperFormat.XLSX:
            from models.documents.xlsx_summary import write_xlsx

            write_xlsx(paper, path)
            return []
        if fmt == PaperFormat.PDF:
            return write_pdf(paper, path, fonts_dir=fonts_dir)
        from models.documents.docx_writer import write_docx

        write_docx(paper, path, fonts_dir=fonts_dir)
        return []
    except PermissionError as exc:
        raise bad_arguments(f"无法写入 {path}：没有权限，或文件正被其他程序打开") from exc
    except FileNotFoundError as exc:
        raise bad_arguments(f"无法写入 {path}：文件夹不存在") from exc
    except OSError as exc:
        raise bad_arguments(f"无法写入 {path}：{exc.strerror or exc}") from exc


def write_combined_pdf(
    papers: list[Paper], path: Path, fonts_dir: Path, *, title: str
) -> list[list[Problem]]:
    """Several built papers in one PDF, each from a new page; the problems paper by paper."""
    load_fonts(fonts_dir)
    try:
        return write_pdfs(papers, path, title=title, fonts_dir=fonts_dir)
    except PermissionError as exc:
        raise bad_arguments(f"无法写入 {path}：没有权限，或文件正被其他程序打开") from exc
    except FileNotFoundError as exc:
        raise bad_arguments(f"无法写入 {path}：文件夹不存在") from exc
    except OSError as exc:
        raise bad_arguments(f"无法写入 {path}：{exc.strerror or exc}") from exc


def reply_file_name(number_text: str) -> str:
    """第5号 → 第5号答复函 (a file name without characters Windows refuses)."""
    safe = "".join("_" if c in '<>:"/\\|?*' else c for c in number_text.strip())
    return f"{safe or '提案'}答复函"


# A batch this big or bigger is spread over the cores; below it a pool costs more than it saves.
POOL_FROM = 16
CHUNK = 4  # letters a worker writes per task: progress and cancelling move in steps this big

Outcome = list[Problem] | DomainError
_batch: tuple[Sequence[tuple[Paper, Path]], PaperFormat, Path] | None = None


def _write_one(paper: Paper, fmt: PaperFormat, path: Path, fonts_dir: Path) -> Outcome:
    try:
        return write_document(paper, fmt, path, fonts_dir)
    except DomainError as error:
        return error


def _write_chunk(start: int, stop: int) -> list[Outcome]:
    """In a forked worker: the letters start..stop of the batch the parent set before forking."""
    assert _batch is not None
    jobs, fmt, fonts_dir = _batch
    return [_write_one(paper, fmt, path, fonts_dir) for paper, path in jobs[start:stop]]


def _pool_size(count: int) -> int:
    """Worker processes for a batch of `count` files: one per core, none (write here) when the
    batch is small, off Linux (no safe fork), or other threads run (a window's lanes: forking
    them is unsafe)."""
    cores = (
        len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    )
    if (
        count < POOL_FROM
        or cores < 2
        or not sys.platform.startswith("linux")  # fork is safe there; elsewhere spawn re-imports
        or "fork" not in multiprocessing.get_all_start_methods()
        or threading.active_count() > 1
    ):
        return 0
    return min(cores, count // CHUNK)


def write_documents(
    jobs: Sequence[tuple[Paper, Path]], fmt: PaperFormat, fonts_dir: Path
) -> Generator[Outcome, None, None]:
    """Write each built paper to its path; yields each one's outcome (its problems, or why it
    could not be written) in the order given. A big batch is written by a pool of forked
    workers, the fonts loaded before the fork; closing the iterator early (a cancelled batch)
    stops it between two files and removes what the pool wrote past that point."""
    global _batch
    workers = _pool_size(len(jobs))
    if workers == 0:
        for paper, path in jobs:
            yield _write_one(paper, fmt, path, fonts_dir)
        return
    # The first file is written here: the faces it reads and the widths it measures are then
    # loaded once, before the fork, for every worker.
    paper, path = jobs[0]
    yield _write_one(paper, fmt, path, fonts_dir)
    reported = 1
    _batch = (jobs, fmt, fonts_dir)
    bounds = [(i, min(i + CHUNK, len(jobs))) for i in range(1, len(jobs), CHUNK)]
    pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))
    futures: list[Future[list[Outcome]]] = []
    try:
        futures = [pool.submit(_write_chunk, start, stop) for start, stop in bounds]
        for future in futures:
            for outcome in future.result():
                reported += 1
                yield outcome
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        _batch = None
        # Cancelled: the files the workers wrote after the last one reported are not kept.
        for (start, stop), future in zip(bounds, futures, strict=False):
            if stop > reported and not future.cancelled():
                for _paper, path in jobs[max(start, reported) : stop]:
                    if path.is_file():  # not a folder standing where a letter was refused
                        path.unlink(missing_ok=True)
