"""`yishi db encrypt | decrypt` and opening an encrypted database (SQLCipher) from the command line."""

from __future__ import annotations

import hashlib
import io
import os
import re
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from sqlalchemy import text

from models.domain.messages import message
from models.store import cipher, cipher_files, migrate
from models.store.engine import create_database_engine

from .helpers import Result, run_cli, sqlite_url

PASSWORD = "门头沟残联-2026"
RECOVERY = re.compile(r"恢复密钥（只显示这一次）：((?:[A-Z2-7]{5}-){5}[A-Z2-7]{5})")


@pytest.fixture(autouse=True)
def _no_secrets_between_tests() -> Iterator[None]:
    cipher.forget_passwords()
    yield
    cipher.forget_passwords()


def _tables(connection: sqlite3.Connection) -> dict[str, list[tuple[Any, ...]]]:
    names = [
        row[0]
        for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type='table' ORDER BY name"
        )
    ]
    return {
        name: sorted(connection.execute(f'SELECT * FROM "{name}"').fetchall(), key=repr)
        for name in names
    }


def _plain_content(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    with closing(sqlite3.connect(path)) as connection:
        return _tables(connection)


def _encrypt(capsys, monkeypatch, path: Path) -> str:
    """Encrypt with YISHI_DB_PASSWORD; the recovery key it printed."""
    monkeypatch.setenv("YISHI_DB_PASSWORD", PASSWORD)
    result = run_cli(capsys, "--database", sqlite_url(path), "db", "encrypt")
    assert result.code == 0, result.err
    monkeypatch.delenv("YISHI_DB_PASSWORD")
    cipher.forget_passwords()
    match = RECOVERY.search(result.out)
    assert match, result.out
    return match.group(1)


def _refused(result: Result, code: str, path: Path) -> bool:
    """Exit 2 with the message of that (internal) code; --json shows DOMAIN §8's public code."""
    error = result.error()
    params = {"path": str(path), "length": cipher.MIN_PASSWORD_LENGTH}
    return result.code == 2 and error["message"] == message(code, params)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_encrypted_file_is_unreadable_without_the_key_and_identical_after_decrypt(
    capsys, monkeypatch, demo
):
    before = _plain_content(demo.path)
    assert sum(len(rows) for rows in before.values()) > 100
    with closing(sqlite3.connect(demo.path)) as plain:
        name = plain.execute("SELECT name FROM person ORDER BY id LIMIT 1").fetchone()[0]
    assert name.encode("utf-8") in demo.path.read_bytes()
    _encrypt(capsys, monkeypatch, demo.path)

    assert not demo.path.read_bytes().startswith(cipher.SQLITE_HEADER)
    with closing(sqlite3.connect(demo.path)) as plain, pytest.raises(sqlite3.DatabaseError) as err:
        plain.execute("SELECT count(*) FROM sqlite_master").fetchone()
    assert "file is not a database" in str(err.value)
    # Nothing else was left beside it: only the database and its keys file.
    assert sorted(p.name for p in demo.path.parent.iterdir()) == [
        "yishi.sqlite3",
        "yishi.sqlite3.keys",
    ]
    # Neither a name nor the schema is readable in the raw bytes.
    assert name.encode("utf-8") not in demo.path.read_bytes()
    assert b"CREATE TABLE" not in demo.path.read_bytes()

    # With the key, every table holds exactly the rows it held before.
    cipher.offer_password(PASSWORD)
    with closing(cipher.connect_file(demo.path, cipher.database_key(demo.path))) as keyed:
        assert _tables(keyed) == before
    cipher.forget_passwords()

    monkeypatch.setenv("YISHI_DB_PASSWORD", PASSWORD)
    listing = run_cli(capsys, "--database", demo.url, "people", "list", "--json")
    assert listing.code == 0, listing.err
    assert len(listing.json()) == len(before["person"])

    result = run_cli(capsys, "--database", demo.url, "db", "decrypt", "--json")
    assert result.code == 0, result.err
    assert result.json() == {"decrypted": str(demo.path)}
    assert demo.path.read_bytes().startswith(cipher.SQLITE_HEADER)
    assert not cipher.keys_path(demo.path).exists()
    assert _plain_content(demo.path) == before


def test_encrypt_output_names_the_recovery_key_and_what_may_remain(capsys, monkeypatch, demo):
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    result = run_cli(
        capsys, "--database", demo.url, "db", "encrypt", "--new-password-stdin", "--json"
    )
    assert result.code == 0, result.err
    payload = result.json()
    assert re.fullmatch(r"(?:[A-Z2-7]{5}-){5}[A-Z2-7]{5}", payload["recovery_key"])
    assert payload["keys_file"] == str(cipher.keys_path(demo.path))
    assert payload["plaintext_overwritten"] is True
    assert "固态硬盘" in payload["warning"]
    # The password read from standard input is the one that opens it.
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    cipher.forget_passwords()
    opened = run_cli(capsys, "--db-password-stdin", "--database", demo.url, "people", "list")
    assert opened.code == 0, opened.err
    assert opened.out.strip()


def test_wrong_or_missing_password_is_refused_with_exit_2_and_nothing_written(
    capsys, monkeypatch, demo
):
    _encrypt(capsys, monkeypatch, demo.path)
    before = _digest(demo.path)

    monkeypatch.setenv("YISHI_DB_PASSWORD", "not-the-password")
    wrong = run_cli(capsys, "--database", demo.url, "people", "list", "--json")
    assert wrong.code == 2
    assert _refused(wrong, "database_password_wrong", demo.path)
    assert "密码不正确" in wrong.error()["message"]

    monkeypatch.delenv("YISHI_DB_PASSWORD")
    cipher.forget_passwords()
    missing = run_cli(capsys, "--database", demo.url, "people", "list")
    assert missing.code == 2
    assert "已加密" in missing.err and "--db-password-stdin" in missing.err
    assert "Traceback" not in missing.err

    monkeypatch.setattr("sys.stdin", io.StringIO("wrong-again\n"))
    stdin_wrong = run_cli(capsys, "--db-password-stdin", "--database", demo.url, "db", "decrypt")
    assert stdin_wrong.code == 2
    assert "密码不正确" in stdin_wrong.err
    assert _digest(demo.path) == before
    assert cipher.keys_path(demo.path).exists()


def test_the_recovery_key_opens_it_even_without_the_keys_file(capsys, monkeypatch, demo):
    before = _plain_content(demo.path)
    recovery = _encrypt(capsys, monkeypatch, demo.path)
    cipher.keys_path(demo.path).unlink()

    # The passphrase needs the keys file; the recovery key does not.
    monkeypatch.setenv("YISHI_DB_PASSWORD", PASSWORD)
    refused = run_cli(capsys, "--database", demo.url, "people", "list", "--json")
    assert refused.code == 2
    assert _refused(refused, "database_password_wrong", demo.path)
    cipher.forget_passwords()
    typed = recovery.lower().replace("-", " ")
    monkeypatch.setenv("YISHI_DB_PASSWORD", typed)
    listing = run_cli(capsys, "--database", demo.url, "people", "list", "--json")
    assert listing.code == 0, listing.err
    assert len(listing.json()) == len(before["person"])
    assert run_cli(capsys, "--database", demo.url, "db", "decrypt").code == 0
    assert _plain_content(demo.path) == before


def test_encrypt_refusals(capsys, monkeypatch, demo):
    before = _digest(demo.path)
    monkeypatch.delenv("YISHI_DB_PASSWORD", raising=False)
    missing = run_cli(capsys, "--database", demo.url, "db", "encrypt", "--json")
    assert missing.code == 2
    assert _refused(missing, "database_password_missing", demo.path)
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    short = run_cli(
        capsys, "--database", demo.url, "db", "encrypt", "--new-password-stdin", "--json"
    )
    assert short.code == 2
    assert _refused(short, "database_password_short", demo.path)
    plain = run_cli(capsys, "--database", demo.url, "db", "decrypt", "--json")
    assert plain.code == 2
    assert _refused(plain, "database_not_encrypted", demo.path)
    assert _digest(demo.path) == before
    assert not cipher.keys_path(demo.path).exists()

    _encrypt(capsys, monkeypatch, demo.path)
    monkeypatch.setenv("YISHI_DB_PASSWORD", PASSWORD)
    again = run_cli(capsys, "--database", demo.url, "db", "encrypt", "--json")
    assert again.code == 2
    assert _refused(again, "database_already_encrypted", demo.path)


def test_postgresql_is_not_encrypted_here(capsys, monkeypatch):
    monkeypatch.setenv("YISHI_DB_PASSWORD", PASSWORD)
    result = run_cli(
        capsys, "--database", "postgresql+psycopg://nobody@localhost/none", "db", "encrypt"
    )
    assert result.code == 2
    assert "PostgreSQL" in result.err


def test_a_new_database_is_created_then_encrypted_and_migrates(capsys, monkeypatch, tmp_path):
    path = tmp_path / "new" / "yishi.sqlite3"
    _encrypt(capsys, monkeypatch, path)
    assert cipher.is_encrypted(path)
    monkeypatch.setenv("YISHI_DB_PASSWORD", PASSWORD)
    result = run_cli(capsys, "--database", sqlite_url(path), "db", "upgrade", "--json")
    assert result.code == 0, result.err
    assert result.json()["to"] == migrate.head_revision()


def _old_encrypted_database(tmp_path: Path) -> tuple[Path, str]:
    """A plain database at revision 0001 with one clerk in it, then encrypted."""
    path = tmp_path / "old.sqlite3"
    engine = create_database_engine(sqlite_url(path))
    config = migrate.alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO app_user (login, display_name, created_at) "
                "VALUES ('old', 'old', '2025-01-01 00:00:00')"
            )
        )
    engine.dispose()
    done = cipher_files.encrypt_file(path, PASSWORD)
    cipher.forget_passwords()
    assert done.recovery_key is not None
    return path, done.recovery_key


def test_db_upgrade_migrates_an_encrypted_database_and_its_backup_stays_encrypted(
    capsys, monkeypatch, tmp_path
):
    path, recovery = _old_encrypted_database(tmp_path)
    monkeypatch.setenv("YISHI_DB_PASSWORD", PASSWORD)
    result = run_cli(capsys, "--database", sqlite_url(path), "db", "upgrade", "--json")
    assert result.code == 0, result.err
    assert result.json()["from"] == "0001"
    assert result.json()["to"] == migrate.head_revision()
    assert cipher.is_encrypted(path)
    key = cipher.database_key(path)
    with closing(cipher.connect_file(path, key)) as migrated:
        assert migrated.execute("SELECT version_num FROM alembic_version").fetchone() == (
            migrate.head_revision(),
        )
        assert ("old",) in migrated.execute("SELECT login FROM app_user").fetchall()

    backup = Path(result.json()["backup"])
    assert cipher.is_encrypted(backup)
    with closing(sqlite3.connect(backup)) as plain, pytest.raises(sqlite3.DatabaseError):
        plain.execute("SELECT count(*) FROM sqlite_master").fetchone()
    with closing(cipher.connect_file(backup, key)) as copy:
        assert copy.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
        assert copy.execute("SELECT login FROM app_user").fetchall() == [("old",)]
    # The recovery key alone opens the backup: no keys file lies beside it.
    assert not cipher.keys_path(backup).exists()
    assert cipher.opens_with(backup, cipher.raw_key(cipher.data_key_from_recovery(recovery)))
    assert not cipher.opens_with(backup, cipher.raw_key(bytes(32)))


def test_backup_and_restore_of_an_encrypted_database_stay_encrypted(capsys, monkeypatch, tmp_path):
    path, recovery = _old_encrypted_database(tmp_path)
    monkeypatch.setenv("YISHI_DB_PASSWORD", PASSWORD)
    url = sqlite_url(path)
    assert run_cli(capsys, "--database", url, "db", "upgrade").code == 0
    backup = tmp_path / "备份#1" / "copy.sqlite3"
    made = run_cli(capsys, "--database", url, "db", "backup", str(backup), "--json")
    assert made.code == 0, made.err
    assert cipher.is_encrypted(backup)
    with closing(sqlite3.connect(backup)) as plain, pytest.raises(sqlite3.DatabaseError):
        plain.execute("SELECT count(*) FROM sqlite_master").fetchone()
    key = cipher.database_key(path)
    with closing(cipher.connect_file(path, key)) as live:
        live.execute("DELETE FROM app_user WHERE login = 'old'")
    restored = run_cli(capsys, "--database", url, "db", "restore", str(backup), "--json")
    assert restored.code == 0, restored.err
    assert cipher.is_encrypted(path)
    with closing(cipher.connect_file(path, key)) as live:
        assert ("old",) in live.execute("SELECT login FROM app_user").fetchall()
    assert cipher.opens_with(backup, cipher.raw_key(cipher.data_key_from_recovery(recovery)))


@pytest.mark.slow
def test_real_processes_read_the_passwords_from_standard_input(tmp_path):
    """`echo PASSWORD | yishi … --password-stdin` as a clerk's script runs it, in a child."""
    path = tmp_path / "yishi.sqlite3"
    env = {k: v for k, v in os.environ.items() if k != "YISHI_DB_PASSWORD"}
    env["XDG_DATA_HOME"] = str(tmp_path / "xdg-data")
    base = [sys.executable, "-m", "desktop", "--database", sqlite_url(path)]

    def run(argv: list[str], stdin: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            base + argv,
            input=stdin,
            env=env,
            capture_output=True,
            encoding="utf-8",
            timeout=120,
            check=False,
            cwd=Path(__file__).resolve().parents[2],
        )

    made = run(["db", "encrypt", "--new-password-stdin", "--json"], PASSWORD + "\n")
    assert made.returncode == 0, made.stderr
    assert PASSWORD not in made.stdout + made.stderr
    assert cipher.is_encrypted(path)
    listed = run(["--db-password-stdin", "people", "list", "--json"], PASSWORD + "\r\n")
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.strip() == "[]"
    wrong = run(["--db-password-stdin", "people", "list"], "nope-nope\n")
    assert wrong.returncode == 2
    assert "密码不正确" in wrong.stderr and "Traceback" not in wrong.stderr
