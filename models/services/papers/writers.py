"""The writers of a batch of 答复函, started before the data layer is imported.

Importing this imports no database: `yishi print replies` forks the first writer (see
`_pool`) before the command line imports SQLAlchemy and the entities and opens the database,
so that reportlab and the letter's faces are read while it does (≈ 0.35 s on the way to the
letters), then hands it to `write_reply_letters`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from models.services.papers._pool import Writers
from models.services.papers.contracts import PaperFormat

if TYPE_CHECKING:  # reportlab is imported by the writing processes, not here
    from models.documents.fonts import Role

__all__ = ["LETTER_FACES", "Writers", "reply_letter_writers"]

# The faces a 答复函 is drawn in: 仿宋 body, the title's bold Song, the Song page numbers.
LETTER_FACES: tuple[Role, ...] = ("fang", "title", "song")


def reply_letter_writers(fmt: PaperFormat, fonts_dir: Path) -> Writers:
    """Writers for the 答复函 of a term as `fmt`, their first worker started at once (none where
    the batch is written in the calling thread); a context manager: leaving it stops them."""
    return Writers(fmt, fonts_dir, roles=LETTER_FACES)
