"""The paper operations the 提案 window's batch printing calls (答复函, one file per letter).

Moved here from the Backend as they were by the motions helper; the papers helper owns them.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from models.services.common.context import AppContext


def reply_letter_targets(ctx: AppContext, *, term: int | None = None) -> list[tuple[int, str]]:
    """(id, number text) of the term's replied or closed motions: one 答复函 each."""
    from models.services.papers.motions import replied_motions

    return replied_motions(ctx.db, term)


def write_reply_letter(
    ctx: AppContext, *, motion_id: int, number_text: str, fmt: str, directory: Path
) -> tuple[Path, list[str]]:
    """One motion's 答复函 into `directory`, named by its number; the file and the warnings."""
    from models.services.papers import printing

    path = Path(directory) / f"{printing.reply_file_name(number_text)}.{fmt}"
    warnings = printing.write_paper(
        ctx.db,
        user=ctx.user,
        paper="reply",
        fmt=fmt,
        path=path,
        fonts_dir=ctx.fonts_dir,  # type: ignore[arg-type]
        motion_id=motion_id,
    )
    return path, warnings
