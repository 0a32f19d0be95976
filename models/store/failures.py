"""What went wrong, said plainly: expected failures become a coded refusal, unexpected ones a
crash report with ID numbers masked and SQL parameters removed (issue 13 item 4).

Shared by the command line (`desktop/cli/app.py`) and the window (`views/error_presenter.py`),
so it sits below both and imports no Qt. SQLAlchemy is looked at only when it was already
imported: an error from a command that never opened a database cannot be a database error.
"""

from __future__ import annotations

import errno
import os
import platform
import re
import sys
import traceback
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from models.domain.errors import DomainError
from models.domain.identity import mask_identifier

# An 18-character resident ID, or a 20-character disability certificate, not inside a longer
# run of digits. (models/domain/identity.py gains a public mask_ids_in_text in issue 13 item 7;
# this private copy keeps the crash handler independent of it.)
_ID_SHAPED = re.compile(r"(?<![0-9])[0-9]{17}[0-9Xx](?:[0-9]{2})?(?![0-9])")
# SQLAlchemy appends "[parameters: (...)]" to a statement error; PostgreSQL adds DETAIL lines
# ("Key (id_number)=(…)", "Failing row contains (…)") that hold the row's values.
_PARAMETERS = re.compile(r"\[parameters: [^\n]*")
_SERVER_DETAIL = re.compile(r"^(\s*)(DETAIL|详细|Failing row|CONTEXT|HINT):.*$", re.MULTILINE)
_SECRETS = re.compile(r"(://[^:/@\s]*:)[^@\s]*@")

_DETAIL_MALFORMED = "数据库文件已损坏（database disk image is malformed）。请从备份恢复（yishi db restore），或联系技术支持"
_DETAIL_NOT_DATABASE = "该文件不是数据库，或已损坏。请检查数据库地址，或从备份恢复"
_DETAIL_READ_ONLY = "数据库是只读的，无法保存。请检查文件的权限、U 盘的写保护，或数据库账号的权限"
_DETAIL_LOCKED = "数据库正被其他程序或另一位工作人员占用。请稍后重试"
_DETAIL_CANNOT_OPEN = "无法打开数据库文件。请检查数据库地址和所在文件夹的权限"
_DETAIL_UNREACHABLE = "无法连接数据库服务器。请检查网络、服务器地址和账号，或联系管理员"
_DETAIL_DISK_FULL = "磁盘空间不足，数据库无法写入。请清理磁盘后重试"
_DETAIL_OTHER = "数据库报告了错误（{kind}），操作未完成。如反复出现，请联系技术支持"


def mask_ids(text: str) -> str:
    """Every ID-shaped run of characters masked the way the screens mask it."""
    return _ID_SHAPED.sub(lambda found: mask_identifier(found.group(0)) or "", text)


def scrub(text: str) -> str:
    """Text safe to show or save: no SQL parameters, no server row details, no whole ID numbers,
    no password in a database address."""
    text = _PARAMETERS.sub("[parameters: 已删除]", text)
    text = _SERVER_DETAIL.sub(r"\1\2: 已删除", text)
    text = _SECRETS.sub(r"\1***@", text)
    return mask_ids(text)


def _database_detail(error: BaseException) -> str:
    """A plain sentence for what a database driver reported; never the driver's own text."""
    original = getattr(error, "orig", None) or error
    said = str(original).lower()
    code = getattr(original, "sqlite_errorname", "") or ""
    if "malformed" in said or code == "SQLITE_CORRUPT":
        return _DETAIL_MALFORMED
    if "not a database" in said or code == "SQLITE_NOTADB":
        return _DETAIL_NOT_DATABASE
    if "readonly" in said or "read-only" in said or code.startswith("SQLITE_READONLY"):
        return _DETAIL_READ_ONLY
    if "locked" in said or "busy" in said:
        return _DETAIL_LOCKED
    if "disk is full" in said or "no space" in said:
        return _DETAIL_DISK_FULL
    if "unable to open database" in said:
        return _DETAIL_CANNOT_OPEN
    if any(
        words in said
        for words in ("connection", "could not connect", "server closed", "timeout", "timed out")
    ):
        return _DETAIL_UNREACHABLE
    return _DETAIL_OTHER.format(kind=type(original).__name__)


def _database_refusal(error: BaseException) -> DomainError | None:
    """SQLAlchemy's and the sqlite3 driver's errors, when one of them is loaded."""
    import sqlite3

    if "sqlalchemy" in sys.modules:
        from sqlalchemy import exc

        if isinstance(error, exc.IntegrityError):
            return DomainError("database_conflict")
        if isinstance(error, exc.DBAPIError) and not isinstance(error, exc.ProgrammingError):
            # OperationalError, DatabaseError, InternalError, DataError: the database's state.
            return DomainError("database_unusable", detail=_database_detail(error))
    if isinstance(error, sqlite3.IntegrityError):
        return DomainError("database_conflict")
    if isinstance(error, sqlite3.DatabaseError) and not isinstance(error, sqlite3.ProgrammingError):
        return DomainError("database_unusable", detail=_database_detail(error))
    return None


def _file_refusal(error: OSError) -> DomainError:
    path = error.filename if error.filename is not None else ""
    path = os.fsdecode(path) if isinstance(path, bytes) else str(path)
    if error.errno == errno.ENOSPC:
        return DomainError("disk_full", path=path or "目标位置")
    if not path:
        return DomainError("file_failed_plain", detail=error.strerror or type(error).__name__)
    if isinstance(error, FileNotFoundError):
        parent = Path(path).parent
        if str(parent) not in ("", ".") and not parent.is_dir():
            return DomainError("folder_missing", path=path)
        return DomainError("file_missing", path=path)
    if isinstance(error, NotADirectoryError) or (
        isinstance(error, FileExistsError) and not Path(path).is_dir()
    ):
        return DomainError("folder_missing", path=path)
    if isinstance(error, PermissionError):
        return DomainError("file_denied", path=path)
    if isinstance(error, IsADirectoryError):
        return DomainError("file_is_folder", path=path)
    return DomainError("file_failed", path=path, detail=error.strerror or type(error).__name__)


def refusal(error: BaseException) -> DomainError | None:
    """The coded refusal for an expected failure, or None when it is a bug (write a report).

    A DomainError is returned as it is, except that a `database_unusable` which only repeats the
    driver's text gets the plain sentence instead.
    """
    if isinstance(error, DomainError):
        cause = error.__cause__
        if error.code == "database_unusable" and cause is not None:
            refined = _database_refusal(cause)
            if refined is not None and refined.code == "database_unusable":
                return refined
        return error
    database = _database_refusal(error)
    if database is not None:
        return database
    if isinstance(error, OSError) and not isinstance(error, BrokenPipeError | ConnectionError):
        return _file_refusal(error)
    if isinstance(error, UnicodeDecodeError):
        return DomainError("file_failed_plain", detail="文件不是 UTF-8 编码的文本，可能选错了文件")
    return None


def crash_report_text(
    error: BaseException, *, version: str, argv: Sequence[str] = (), when: datetime | None = None
) -> str:
    """What a crash report holds: when, which program, the command, and the traceback — scrubbed."""
    moment = when or datetime.now().astimezone()
    lines = [
        "议事（Yishi）错误报告",
        f"时间：{moment.isoformat(timespec='seconds')}",
        f"版本：{version}",
        f"Python：{platform.python_version()}（{platform.platform()}）",
        f"命令：{' '.join(argv) if argv else '（窗口）'}",
        "",
        "".join(traceback.format_exception(error)),
    ]
    return scrub("\n".join(lines))


def save_crash_report(
    error: BaseException, folder: Path, *, version: str, argv: Sequence[str] = ()
) -> Path:
    """Write the report as `yishi-YYYYmmdd-HHMMSS.txt` (never overwriting), readable by its
    owner only; the path is returned for the message."""
    folder.mkdir(parents=True, exist_ok=True)
    moment = datetime.now().astimezone()
    text = crash_report_text(error, version=version, argv=argv, when=moment)
    stem = f"yishi-{moment:%Y%m%d-%H%M%S}"
    for attempt in range(1, 1000):
        path = folder / (f"{stem}.txt" if attempt == 1 else f"{stem}-{attempt}.txt")
        try:
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            continue
        with os.fdopen(descriptor, "w", encoding="utf-8") as stream:
            stream.write(text)
        return path
    raise FileExistsError(errno.EEXIST, "too many crash reports this second", str(folder))
