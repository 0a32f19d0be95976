"""Consistent SQLite copies through SQLite's backup API, safe while the app has the file open.

A backup is written under a temporary name beside the target, checked (integrity, foreign keys,
a Yishi schema), flushed to disk and only then given its name: a kill half-way leaves no file at
the requested name, and the next run sweeps the leftover away. A damaged database is refused,
never copied; a restore checks its source the same way before the live file is touched.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine

from models.domain.errors import DomainError
from models.store.engine import open_like, sqlite_connection

PARTIAL = ".partial-"


def backup_sqlite(engine: Engine, target: Path) -> Path:
    """Copy the engine's database into a new, checked file; a plain file copy could miss the WAL."""
    if engine.dialect.name != "sqlite":
        raise DomainError("database_not_sqlite")
    if target.exists():
        raise DomainError("backup_target_exists", path=str(target))
    _make_folder(target.parent)
    sweep_partials(target)
    partial = target.with_name(f".{target.name}{PARTIAL}{os.getpid()}")
    try:
        raw = engine.raw_connection()
        try:
            # Keyed like the live database: a backup of an encrypted database is encrypted too.
            with closing(open_like(engine, partial)) as destination:
                try:
                    sqlite_connection(raw).backup(destination)
                except sqlite3.DatabaseError as exc:
                    if _is_damage(exc):
                        raise _damaged(_source_name(engine), str(exc)) from exc
                    raise
                # A backup is one self-contained file: no -wal or -shm beside it.
                destination.execute("PRAGMA journal_mode=DELETE")
        finally:
            raw.close()
        check_sqlite_file(partial, shown_as=_source_name(engine), engine=engine)
        _sync_file(partial)
        _publish(partial, target)
    except (OSError, sqlite3.Error) as exc:
        detail = getattr(exc, "strerror", None) or str(exc)
        raise DomainError("backup_folder_unusable", path=str(target.parent), detail=detail) from exc
    finally:
        _remove(partial)
    _sync_folder(target.parent)
    return target


def check_sqlite_file(
    path: Path, *, shown_as: str | None = None, engine: Engine | None = None
) -> str:
    """The file's Alembic revision once it passes SQLite's own checks; refused otherwise.

    `restore_not_yishi` for a file that is no Yishi database, `backup_damaged` for one whose pages
    or references are broken. With `engine`, the file is opened with its key (an encrypted one).
    """
    name = shown_as or str(path)
    try:
        with closing(open_like(engine, path, read_only=True)) as connection:
            try:
                tables = {
                    row[0]
                    for row in connection.execute(
                        "SELECT name FROM sqlite_master WHERE type='table'"
                    )
                }
            except sqlite3.DatabaseError as exc:
                if "not a database" in str(exc):
                    raise DomainError("restore_not_yishi", path=name) from exc
                raise
            problems = [row[0] for row in connection.execute("PRAGMA integrity_check(20)")]
            if problems != ["ok"]:
                raise _damaged(name, f"完整性检查发现 {len(problems)} 处问题，如：{problems[0]}")
            if not {"alembic_version", "person", "change_log"} <= tables:
                raise DomainError("restore_not_yishi", path=name)
            broken = connection.execute("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise _damaged(name, f"外键检查发现 {len(broken)} 处引用不存在的记录")
            row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError as exc:
        raise _damaged(name, str(exc).splitlines()[0]) from exc
    if not row:
        raise DomainError("restore_not_yishi", path=name)
    return str(row[0])


def free_path(folder: Path, stem: str) -> Path:
    """folder/stem-<UTC time>.sqlite3, with -2, -3 … when that name is already taken."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    candidate = folder / f"{stem}-{stamp}.sqlite3"
    counter = 2
    while candidate.exists():
        candidate = folder / f"{stem}-{stamp}-{counter}.sqlite3"
        counter += 1
    return candidate


def read_revision(path: Path, engine: Engine | None = None) -> str | None:
    """The Alembic revision stored in a SQLite file (keyed like `engine`), or None if it is not
    a Yishi database."""
    try:
        with closing(open_like(engine, path, read_only=True)) as connection:
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


def last_log_id(path: Path, engine: Engine | None = None) -> int:
    """The newest change-log row a (checked) SQLite file holds; 0 for none."""
    with closing(open_like(engine, path, read_only=True)) as connection:
        row = connection.execute("SELECT max(id) FROM change_log").fetchone()
    return int(row[0] or 0) if row else 0


def set_aside(engine: Engine, folder: Path, stem: str) -> Path:
    """Keep the live database before it is replaced: a checked backup, or, when the live file is
    itself damaged (the very reason to restore), a byte copy of it and its WAL, named so."""
    try:
        return backup_sqlite(engine, free_path(folder, stem))
    except DomainError as error:
        if error.code != "backup_damaged":
            raise
    path = Path(str(engine.url.database))
    engine.dispose()
    target = free_path(folder, f"{stem}-damaged")
    shutil.copyfile(path, target)
    wal = path.with_name(path.name + "-wal")
    if wal.exists():
        shutil.copyfile(wal, target.with_name(target.name + "-wal"))
    return target


def restore_sqlite(source: Path, engine: Engine) -> None:
    """Overwrite the engine's database with the source file's content, page by page.

    SQLite writes the pages in one transaction of the live file, so a kill half-way leaves the
    database as it was. The caller has checked the source (check_sqlite_file) and set the live
    file aside.
    """
    if engine.dialect.name != "sqlite":
        raise DomainError("database_not_sqlite")
    if not source.is_file():
        raise DomainError("restore_missing", path=str(source))
    engine.dispose()
    raw = engine.raw_connection()
    try:
        with closing(open_like(engine, source, read_only=True)) as origin:
            origin.backup(sqlite_connection(raw))
    finally:
        raw.close()
    engine.dispose()


def sweep_partials(target: Path) -> None:
    """Remove what killed backups to this name left behind (their temporary file and journal)."""
    for leftover in _partials(target):
        _remove(leftover)


def _partials(target: Path) -> Iterator[Path]:
    try:
        yield from target.parent.glob(f".{target.name}{PARTIAL}*")
    except OSError:
        return


def _is_damage(exc: sqlite3.DatabaseError) -> bool:
    return any(sign in str(exc) for sign in ("malformed", "not a database", "corrupt"))


def _damaged(path: Path | str, detail: str) -> DomainError:
    return DomainError("backup_damaged", path=str(path), detail=detail)


def _source_name(engine: Engine) -> str:
    return str(engine.url.database or engine.url.render_as_string(hide_password=True))


def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DomainError(
            "backup_folder_unusable", path=str(folder), detail=exc.strerror or str(exc)
        ) from exc


def _publish(partial: Path, target: Path) -> None:
    """Give the checked file its name without ever replacing a file someone put there meanwhile."""
    try:
        os.link(partial, target)
    except FileExistsError as exc:
        raise DomainError("backup_target_exists", path=str(target)) from exc
    except OSError:
        # FAT-formatted USB sticks and some shares have no hard links.
        if target.exists():
            raise DomainError("backup_target_exists", path=str(target)) from None
        os.replace(partial, target)


def _sync_file(path: Path) -> None:
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


def _sync_folder(folder: Path) -> None:
    """The new name itself must reach the disk; Windows has no directory handles to flush."""
    if os.name == "nt":
        return
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def _remove(path: Path) -> None:
    for leftover in (path, path.with_name(path.name + "-journal")):
        with contextlib.suppress(OSError):
            leftover.unlink()
