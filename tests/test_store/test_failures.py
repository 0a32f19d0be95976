"""models/store/failures.py: which failures are expected and how they are said, and what a crash
report may hold (issue 13 item 4)."""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy.exc import IntegrityError, OperationalError

from models.domain.errors import DomainError
from models.domain.messages import MESSAGES, message
from models.store.failures import (
    crash_report_text,
    mask_ids,
    refusal,
    save_crash_report,
    scrub,
)

ID = "11010519491231002X"


def test_id_shaped_runs_are_masked_and_other_numbers_kept():
    text = f"a {ID}, cert {ID}41, phone 13800138000, long 1234567890123456789, x{ID[:-1]}9y"
    masked = mask_ids(text)
    assert "110105********002X" in masked and "110105**********2X41" in masked
    assert "13800138000" in masked and "1234567890123456789" in masked
    assert ID not in masked and "110105********0029" in masked


def test_scrub_removes_parameters_row_details_and_passwords():
    raw = (
        "(psycopg.errors.UniqueViolation) duplicate key value violates unique constraint\n"
        f"DETAIL:  Key (id_number)=({ID}) already exists.\n"
        "[SQL: INSERT INTO person (name, id_number) VALUES (%(name)s, %(id_number)s)]\n"
        f"[parameters: {{'name': '张三', 'birth_date': datetime.date(1949, 12, 31), 'id_number': '{ID}'}}]\n"
        "(Background on this error at: https://sqlalche.me/e/21/gkpj)\n"
        "postgresql+psycopg://yishi:s3cret@db.example/yishi"
    )
    clean = scrub(raw)
    assert "张三" not in clean and "1949" not in clean and ID not in clean
    assert "s3cret" not in clean and "INSERT INTO person" in clean
    assert "[parameters: 已删除]" in clean and "DETAIL: 已删除" in clean


@pytest.mark.parametrize(
    ("error", "code"),
    [
        (FileNotFoundError(errno.ENOENT, "No such file", "/nowhere/at/all/x.db"), "folder_missing"),
        (NotADirectoryError(errno.ENOTDIR, "Not a directory", "/etc/hostname/x"), "folder_missing"),
        (PermissionError(errno.EACCES, "Permission denied", "/root/x"), "file_denied"),
        (IsADirectoryError(errno.EISDIR, "Is a directory", "/tmp"), "file_is_folder"),
        (OSError(errno.ENOSPC, "No space left on device", "/tmp/x"), "disk_full"),
        (OSError(errno.EIO, "Input/output error", "/tmp/x"), "file_failed"),
        (OSError(errno.EIO, "Input/output error"), "file_failed_plain"),
        (sqlite3.IntegrityError("UNIQUE constraint failed: person.id_number"), "database_conflict"),
        (sqlite3.OperationalError("database is locked"), "database_unusable"),
        (IntegrityError("INSERT …", {"id_number": ID}, Exception("dup")), "database_conflict"),
    ],
)
def test_expected_failures_are_refusals_with_a_message(error, code):
    refused = refusal(error)
    assert isinstance(refused, DomainError) and refused.code == code
    assert code in MESSAGES
    text = message(refused.code, refused.params)
    assert "{" not in text and ID not in text


def test_a_missing_file_in_an_existing_folder_is_named(tmp_path: Path):
    refused = refusal(FileNotFoundError(errno.ENOENT, "No such file", str(tmp_path / "x.xlsx")))
    assert refused is not None and refused.code == "file_missing"
    assert str(tmp_path / "x.xlsx") in message(refused.code, refused.params)


@pytest.mark.parametrize(
    ("said", "words"),
    [
        ("database disk image is malformed", "损坏"),
        ("file is not a database", "不是数据库"),
        ("attempt to write a readonly database", "只读"),
        ("database is locked", "占用"),
        ('connection to server at "db" (10.0.0.1), port 5432 failed: timeout expired', "服务器"),
    ],
)
def test_database_errors_get_a_plain_detail(said, words):
    refused = refusal(OperationalError("SELECT 1", {}, Exception(said)))
    assert refused is not None and refused.code == "database_unusable"
    assert words in refused.params["detail"] and "SELECT" not in refused.params["detail"]


def test_a_database_refusal_that_repeats_the_driver_is_made_plain():
    try:
        try:
            raise sqlite3.DatabaseError("database disk image is malformed")
        except sqlite3.DatabaseError as exc:
            raise DomainError("database_unusable", detail=f"(sqlite3.DatabaseError) {exc}") from exc
    except DomainError as error:
        refused = refusal(error)
    assert refused is not None and "sqlite3" not in refused.params["detail"]
    kept = DomainError("headers_missing", sheet="名单")
    assert refusal(kept) is kept


def test_bugs_are_not_refusals():
    assert refusal(RuntimeError("x")) is None
    assert refusal(KeyError("x")) is None


def test_a_report_holds_the_traceback_scrubbed(tmp_path: Path):
    try:
        raise ValueError(f"{ID}\n[parameters: ('李四',)]")
    except ValueError as exc:
        error = exc
    text = crash_report_text(error, version="9.9", argv=["--database", "postgresql://u:pw@h/d"])
    assert "Traceback" in text and "ValueError" in text and "9.9" in text
    assert ID not in text and "李四" not in text and "pw@" not in text
    first = save_crash_report(error, tmp_path / "reports", version="9.9")
    second = save_crash_report(error, tmp_path / "reports", version="9.9")
    assert first != second and first.read_text(encoding="utf-8").startswith("议事")
