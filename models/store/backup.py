"""Consistent SQLite copies through SQLite's backup API, safe while the app has the file open."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine

from models.domain.errors import DomainError
from models.store.engine import sqlite_connection


def backup_sqlite(engine: Engine, target: Path) -> Path:
    """Copy the engine's database into a new file; a plain file copy could miss the WAL."""
    if engine.dialect.name != "sqlite":
        raise DomainError("database_not_sqlite")
    if target.exists():
        raise DomainError("backup_target_exists", path=str(target))
    target.parent.mkdir(parents=True, exist_ok=True)
    raw = engine.raw_connection()
    try:
        with closing(sqlite3.connect(target)) as destination:
            sqlite_connection(raw).backup(destination)
            # A backup is one self-contained file: no -wal or -shm beside it.
            destination.execute("PRAGMA journal_mode=DELETE")
    finally:
        raw.close()
    return target


def free_path(folder: Path, stem: str) -> Path:
    """folder/stem-<UTC time>.sqlite3, with -2, -3 … when that name is already taken."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    candidate = folder / f"{stem}-{stamp}.sqlite3"
    counter = 2
    while candidate.exists():
        candidate = folder / f"{stem}-{stamp}-{counter}.sqlite3"
        counter += 1
    return candidate


def read_revision(path: Path) -> str | None:
    """The Alembic revision stored in a SQLite file, or None if it is not a Yishi database."""
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as connection:
            tables = {
                row[0]
                for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            if not {"alembic_version", "person", "change_log"} <= tables:
                return None
            row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
            return row[0] if row else None
    except sqlite3.DatabaseError:
        return None


def restore_sqlite(source: Path, engine: Engine) -> None:
    """Overwrite the engine's database with the source file's content, page by page."""
    if engine.dialect.name != "sqlite":
        raise DomainError("database_not_sqlite")
    if not source.is_file():
        raise DomainError("restore_missing", path=str(source))
    if read_revision(source) is None:
        raise DomainError("restore_not_yishi", path=str(source))
    engine.dispose()
    raw = engine.raw_connection()
    try:
        with closing(sqlite3.connect(f"file:{source}?mode=ro", uri=True)) as origin:
            origin.backup(sqlite_connection(raw))
    finally:
        raw.close()
    engine.dispose()
