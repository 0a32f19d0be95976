"""`print replies --format pdf|docx`: the letters' first writer, started before the data layer.

Forked before `desktop.cli.access` imports SQLAlchemy and the entities (≈ 0.35 s) and the
database is opened, it imports reportlab and reads the letter's faces meanwhile, instead of
after; `run_replies` hands it to `write_reply_letters`. Whatever the command then does — a
refusal, a bad option, no such term — leaving the `with` stops it, and it has written nothing.
"""

from __future__ import annotations

import argparse
import contextlib
from contextlib import AbstractContextManager
from typing import Any


def early_writers(
    key: tuple[str, str | None], args: argparse.Namespace
) -> AbstractContextManager[Any]:
    """The reply letters' writers for `print replies` to files of a valid format (a context
    manager giving them); for any other command one giving None, and nothing is started."""
    if key != ("print", None) or args.paper != "replies" or args.combined or not args.format:
        return contextlib.nullcontext()
    from models.services.papers.contracts import PaperFormat, PaperKind

    fmt = args.format.strip().lower()
    if fmt not in PaperKind.REPLY.formats:  # refused later in the usual words
        return contextlib.nullcontext()
    from desktop.paths import resource_path
    from models.services.papers.writers import reply_letter_writers

    return reply_letter_writers(PaperFormat(fmt), resource_path("fonts"))
