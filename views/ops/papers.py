"""Printing from the window: a paper to a file, every 答复函 of a term into a folder.

The core is imported inside each operation: printing pulls in the document engine (reportlab,
python-docx), which must not load before the window's first paint.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from models.services.common.changes import Outcome
from models.services.papers.contracts import PaperFormat, PaperRequest, ReplyLetters

if TYPE_CHECKING:
    from models.services.common.context import AppContext


def _fonts_dir(ctx: AppContext) -> Path:
    if ctx.fonts_dir is None:
        raise RuntimeError("the application context has no fonts folder: PDF papers need one")
    return ctx.fonts_dir


def write_paper(
    ctx: AppContext, *, request: PaperRequest, fmt: PaperFormat, path: Path
) -> Outcome[list[str]]:
    """Write one paper as PDF or DOCX; its value is the warnings (characters no font has, …)."""
    from models.services.papers import commands

    return ctx.command(
        lambda db, user: commands.write_paper(
            db, user=user, request=request, fmt=fmt, path=path, fonts_dir=_fonts_dir(ctx)
        )
    )


def write_reply_letters(
    ctx: AppContext,
    *,
    term: int | None,
    fmt: PaperFormat,
    directory: Path,
    progress: Callable[[int, int, str], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Outcome[ReplyLetters]:
    """Every 答复函 of the presidium term (None: the current one) into `directory`."""
    from models.services.papers import commands

    return ctx.command(
        lambda db, user: commands.write_reply_letters(
            db,
            user=user,
            term=term,
            fmt=fmt,
            directory=directory,
            fonts_dir=_fonts_dir(ctx),
            progress=progress,
            cancelled=cancelled,
        )
    )


def write_combined_reply_letters(
    ctx: AppContext,
    *,
    term: int | None,
    path: Path,
    progress: Callable[[int, int, str], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Outcome[ReplyLetters]:
    """Every 答复函 of the presidium term in one PDF file for the printer."""
    from models.services.papers import commands

    return ctx.command(
        lambda db, user: commands.write_combined_reply_letters(
            db,
            user=user,
            term=term,
            path=path,
            fonts_dir=_fonts_dir(ctx),
            progress=progress,
            cancelled=cancelled,
        )
    )


def write_reform_report(
    ctx: AppContext, *, year: int, fmt: PaperFormat, path: Path
) -> Outcome[list[str]]:
    """The yearly 改革方案落实情况报告 as PDF or DOCX; its value is the warnings."""
    from models.services.papers import commands

    return ctx.command(
        lambda db, user: commands.write_reform_report(
            db, user=user, year=year, fmt=fmt, path=path, fonts_dir=_fonts_dir(ctx)
        )
    )
