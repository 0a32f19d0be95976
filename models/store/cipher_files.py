"""Converting a SQLite file to SQLCipher and back (`yishi db encrypt | decrypt`).

The copy is written to a temporary file, checked row by row against the source, synced and
swapped in; the plain file is overwritten and deleted where the disk allows it. The keys are
models/store/cipher.py's.
"""

from __future__ import annotations

import hashlib
import os
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from models.domain.errors import DomainError
from models.store.cipher import (
    aside_path,
    connect_file,
    database_key,
    driver,
    forget_key,
    is_encrypted,
    keys_path,
    new_keys,
    remember_key,
    scrub_file,
    write_keys_file,
)

if TYPE_CHECKING:
    import sqlite3


def content_digest(connection: sqlite3.Connection) -> str:
    """A fingerprint of every table's rows, to check a converted copy against its source."""
    digest = hashlib.sha256()
    tables = [
        row[0]
        for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type='table' ORDER BY name"
        )
    ]
    for table in tables:
        quoted = '"' + table.replace('"', '""') + '"'
        width = len(connection.execute(f"SELECT * FROM {quoted} LIMIT 0").description or ())
        order = ", ".join(str(i) for i in range(1, width + 1))
        digest.update(table.encode("utf-8"))
        for row in connection.execute(f"SELECT * FROM {quoted} ORDER BY {order}"):
            digest.update(repr(row).encode("utf-8"))
    return digest.hexdigest()


def _fail(path: Path, detail: str) -> DomainError:
    return DomainError("database_convert_failed", path=str(path), detail=detail)


def _export(path: Path, source_key: str | None, target_key: str | None) -> Path:
    """Copy the database into a temporary file beside it, re-keyed; checked and fsynced."""
    sqlcipher = driver()
    temporary = path.with_name(path.name + ".converting")
    for leftover in (temporary, Path(f"{temporary}-journal")):
        leftover.unlink(missing_ok=True)
    try:
        with closing(connect_file(path, source_key)) as source:
            source.execute("PRAGMA busy_timeout=10000")
            # Leaving WAL needs the only connection: it folds the -wal in and proves no one else
            # (the window) has the file open, so nothing is written after the copy.
            mode = source.execute("PRAGMA journal_mode=DELETE").fetchone()[0]
            if str(mode).lower() != "delete":
                raise DomainError("database_in_use", path=str(path))
            before = content_digest(source)
            version = source.execute("PRAGMA user_version").fetchone()[0]
            source.execute(
                "ATTACH DATABASE ? AS converted KEY ?", (str(temporary), target_key or "")
            )
            source.execute("SELECT sqlcipher_export('converted')")
            source.execute(f"PRAGMA converted.user_version = {int(version)}")
            source.execute("DETACH DATABASE converted")
        with closing(connect_file(temporary, target_key)) as copy:
            check = copy.execute("PRAGMA integrity_check").fetchall()
            if check != [("ok",)]:
                raise _fail(path, "; ".join(str(row[0]) for row in check[:3]))
            if content_digest(copy) != before:
                raise _fail(path, "转换后的内容与原数据库不一致")
        with temporary.open("rb+") as handle:
            os.fsync(handle.fileno())
    except DomainError:
        temporary.unlink(missing_ok=True)
        raise
    except (sqlcipher.Error, OSError) as exc:
        temporary.unlink(missing_ok=True)
        raise _fail(path, str(exc).splitlines()[0] if str(exc) else type(exc).__name__) from exc
    return temporary


def _swap(temporary: Path, path: Path, *, scrub: bool) -> bool:
    """Put the converted file in place atomically; with scrub, zero the old file's blocks.

    Returns whether the old content was overwritten (it cannot be on a file system without hard
    links, such as a FAT32 USB stick). Even then an SSD may keep old blocks: overwriting is a
    best effort, not a guarantee.
    """
    aside = aside_path(path)
    aside.unlink(missing_ok=True)
    scrubbed = False
    linked = False
    if scrub:
        try:
            os.link(path, aside)
            linked = True
        except OSError:
            linked = False
    try:
        os.replace(temporary, path)
    except OSError as exc:
        aside.unlink(missing_ok=True)
        temporary.unlink(missing_ok=True)
        raise DomainError("database_in_use", path=str(path)) from exc
    for stale in (Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}-journal")):
        stale.unlink(missing_ok=True)
    if linked:
        scrubbed = scrub_file(aside)
    _fsync_folder(path.parent)
    return scrubbed


def _fsync_folder(folder: Path) -> None:
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


@dataclass(frozen=True)
class Converted:
    path: Path
    recovery_key: str | None
    keys_file: Path | None
    scrubbed: bool


def encrypt_file(path: Path, passphrase: str) -> Converted:
    """Plain SQLite → SQLCipher, in place; the plain content is overwritten where possible."""
    _check_convertible(path)
    if is_encrypted(path):
        raise DomainError("database_already_encrypted", path=str(path))
    keys = new_keys(passphrase)
    temporary = _export(path, None, keys.key)
    # The sidecar first: beside a plain file it is harmless, and the new file needs it.
    write_keys_file(path, keys.keys_file)
    scrubbed = _swap(temporary, path, scrub=True)
    remember_key(path, keys.key)
    return Converted(path, keys.recovery_key, keys_path(path), scrubbed)


def decrypt_file(path: Path) -> Converted:
    """SQLCipher → plain SQLite, in place, with a secret offered; the sidecar is removed."""
    _check_convertible(path)
    if not is_encrypted(path):
        raise DomainError("database_not_encrypted", path=str(path))
    key = database_key(path)
    temporary = _export(path, key, None)
    _swap(temporary, path, scrub=False)
    forget_key(path)
    keys_path(path).unlink(missing_ok=True)
    return Converted(path, None, None, scrubbed=False)


def _check_convertible(path: Path) -> None:
    if not path.is_file():
        raise DomainError("database_unusable", detail=f"数据库文件 {path} 不存在")
