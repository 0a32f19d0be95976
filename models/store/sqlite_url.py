"""The file behind a SQLite URL, without importing SQLAlchemy for the everyday URL.

`models.store.engine.sqlite_path` parses with SQLAlchemy's `make_url`, and importing SQLAlchemy
takes ~0.2 s: on the window's start-up path (before the first paint, before the first roster)
that is too dear for the one URL a clerk has, `sqlite:///PATH`. A test compares the two.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote

PLAIN_SQLITE = "sqlite:///"


def quick_sqlite_path(url: str) -> Path | None:
    """What `models.store.engine.sqlite_path(url)` returns: the file, or None for an in-memory
    database or another backend. `sqlite:///PATH` without a query is read here as `make_url`
    reads it (PATH percent-decoded); another backend's URL is None (the backend is the name
    before "://", so it starts the URL); anything else is left to SQLAlchemy."""
    if not url.startswith("sqlite"):
        return None
    if not url.startswith(PLAIN_SQLITE) or "?" in url:
        from models.store.engine import sqlite_path

        return sqlite_path(url)
    database = unquote(url[len(PLAIN_SQLITE) :])
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    return Path(database)
