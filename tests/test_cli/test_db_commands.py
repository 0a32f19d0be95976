"""`yishi db upgrade | backup | restore` on SQLite, and what PostgreSQL refuses or needs."""

from __future__ import annotations

import re
import sqlite3
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

import pytest

from models.services.people.commands import add_person
from models.services.people.contracts import PersonDraft
from models.store import backup as backup_module
from models.store import migrate
from models.store.unit_of_work import open_database

from .helpers import person_count, query, run_cli, scalar, sqlite_url


def _add_clerk_person(url: str) -> None:
    db = open_database(url)
    try:
        add_person(
            db,
            user="clerk",
            draft=PersonDraft(name="测试新人", gender="女", id_number="110109199003070020"),
        )
    finally:
        db.engine.dispose()


def _foreign_sqlite(path: Path) -> None:
    with closing(sqlite3.connect(path)) as connection:
        connection.execute("CREATE TABLE notes (text TEXT)")
        connection.commit()


# --- backup ---------------------------------------------------------------------------------


def test_backup_writes_a_readable_copy(capsys, demo, tmp_path):
    target = tmp_path / "copies" / "backup.sqlite3"
    result = run_cli(capsys, "db", "backup", str(target), "--database", demo.url)
    assert result.code == 0, result.err
    assert str(target) in result.out
    assert scalar(target, "PRAGMA integrity_check") == "ok"
    assert person_count(target) == person_count(demo.path) > 0
    assert scalar(target, "SELECT version_num FROM alembic_version") == migrate.head_revision()
    # The copy is itself a database the command line can open.
    listing = run_cli(capsys, "people", "list", "--json", "--database", sqlite_url(target))
    assert listing.code == 0, listing.err
    assert len(listing.json()) == person_count(demo.path)


def test_backup_as_json(capsys, demo, tmp_path):
    target = tmp_path / "backup.sqlite3"
    result = run_cli(capsys, "--database", demo.url, "db", "backup", str(target), "--json")
    assert result.code == 0, result.err
    assert result.json() == {"backup": str(target)}
    assert person_count(target) == person_count(demo.path)


def test_backup_never_overwrites(capsys, demo, tmp_path):
    target = tmp_path / "exists.sqlite3"
    target.write_bytes(b"keep me")
    result = run_cli(capsys, "db", "backup", str(target), "--json", "--database", demo.url)
    assert result.code == 2
    assert result.error()["code"] == "bad_arguments"
    assert str(target) in result.err
    assert target.read_bytes() == b"keep me"


# --- restore --------------------------------------------------------------------------------


def test_restore_brings_back_the_backup_and_keeps_the_replaced_database(capsys, demo, tmp_path):
    backup = tmp_path / "before.sqlite3"
    assert run_cli(capsys, "db", "backup", str(backup), "--database", demo.url).code == 0
    people = person_count(demo.path)
    _add_clerk_person(demo.url)
    assert person_count(demo.path) == people + 1

    result = run_cli(capsys, "db", "restore", str(backup), "--database", demo.url)
    assert result.code == 0, result.err
    assert person_count(demo.path) == people
    assert scalar(demo.path, "SELECT count(*) FROM person WHERE name='测试新人'") == 0
    match = re.search(r"恢复前的数据库已另存为 (\S+)", result.out)
    assert match, result.out
    saved = Path(match.group(1))
    assert saved.is_file()
    assert person_count(saved) == people + 1
    # The restored database works for the next command.
    listing = run_cli(
        capsys, "people", "list", "--search", "测试新人", "--json", "--database", demo.url
    )
    assert listing.code == 0, listing.err
    assert listing.json() == []


def test_restore_as_json(capsys, demo, tmp_path):
    backup = tmp_path / "before.sqlite3"
    assert run_cli(capsys, "db", "backup", str(backup), "--database", demo.url).code == 0
    _add_clerk_person(demo.url)
    result = run_cli(capsys, "db", "restore", str(backup), "--json", "--database", demo.url)
    assert result.code == 0, result.err
    payload = result.json()
    assert payload["restored"] == str(backup)
    assert person_count(Path(payload["previous_saved_as"])) == person_count(demo.path) + 1


def test_restore_twice_in_the_same_second(capsys, demo, tmp_path, monkeypatch):
    class FrozenClock(datetime):
        @classmethod
        def now(cls, tz=None):  # type: ignore[override]
            return datetime(2026, 3, 1, 9, 0, 0, tzinfo=UTC)

    monkeypatch.setattr(backup_module, "datetime", FrozenClock)
    backup = tmp_path / "before.sqlite3"
    assert run_cli(capsys, "db", "backup", str(backup), "--database", demo.url).code == 0
    first = run_cli(capsys, "db", "restore", str(backup), "--database", demo.url)
    assert first.code == 0, first.err
    second = run_cli(capsys, "db", "restore", str(backup), "--database", demo.url)
    assert second.code == 0, second.err


def _unusable_sources(tmp_path: Path) -> dict[str, Path]:
    text = tmp_path / "notes.txt"
    text.write_text("这不是备份\n", encoding="utf-8")
    other = tmp_path / "other.sqlite3"
    _foreign_sqlite(other)
    return {"text": text, "other-sqlite": other, "missing": tmp_path / "missing.sqlite3"}


@pytest.mark.parametrize("kind", ["text", "other-sqlite", "missing"])
def test_restore_refuses_what_is_not_a_yishi_backup(capsys, demo, tmp_path, kind):
    source = _unusable_sources(tmp_path)[kind]
    before = demo.path.read_bytes()
    result = run_cli(capsys, "db", "restore", str(source), "--json", "--database", demo.url)
    assert result.code == 2
    error = result.error()
    assert error["code"] == "file_unreadable"
    assert str(source) in error["message"]
    assert demo.path.read_bytes() == before
    assert not (demo.path.parent / "backups").exists()


def test_restore_refuses_a_backup_from_a_newer_program(capsys, demo, tmp_path):
    backup = tmp_path / "future.sqlite3"
    assert run_cli(capsys, "db", "backup", str(backup), "--database", demo.url).code == 0
    with closing(sqlite3.connect(backup)) as connection:
        connection.execute("UPDATE alembic_version SET version_num='9999_future'")
        connection.commit()
    before = demo.path.read_bytes()
    result = run_cli(capsys, "db", "restore", str(backup), "--json", "--database", demo.url)
    assert result.code == 2
    assert result.error()["code"] == "database_newer"
    assert demo.path.read_bytes() == before


# --- upgrade --------------------------------------------------------------------------------


def test_upgrade_of_a_current_database_has_nothing_to_do(capsys, demo):
    result = run_cli(capsys, "db", "upgrade", "--database", demo.url)
    assert result.code == 0, result.err
    assert "无需升级" in result.out
    assert not (demo.path.parent / "backups").exists()

    as_json = run_cli(capsys, "db", "upgrade", "--json", "--database", demo.url)
    assert as_json.code == 0, as_json.err
    head = migrate.head_revision()
    assert as_json.json() == {"from": head, "to": head, "backup": None, "grants": False}


def test_upgrade_creates_a_new_sqlite_database(capsys, tmp_path):
    path = tmp_path / "new" / "yishi.sqlite3"
    result = run_cli(capsys, "db", "upgrade", "--json", "--database", sqlite_url(path))
    assert result.code == 0, result.err
    assert result.json() == {
        "from": None,
        "to": migrate.head_revision(),
        "backup": None,
        "grants": False,
    }
    assert scalar(path, "SELECT version_num FROM alembic_version") == migrate.head_revision()
    assert query(path, "SELECT count(*) FROM person") == [(0,)]


# --- PostgreSQL -----------------------------------------------------------------------------


def test_empty_postgresql_needs_db_upgrade_first(capsys, postgres_available, fresh):
    url = fresh.url("postgresql")
    refused = run_cli(capsys, "people", "list", "--json", "--database", url)
    assert refused.code == 2
    error = refused.error()
    assert error["code"] == "database_unusable"
    assert "yishi db upgrade" in error["message"]
    assert "yishi db upgrade" in refused.err

    upgraded = run_cli(capsys, "db", "upgrade", "--database", url)
    assert upgraded.code == 0, upgraded.err
    assert migrate.head_revision() in upgraded.out

    listing = run_cli(capsys, "people", "list", "--json", "--database", url)
    assert listing.code == 0, listing.err
    assert listing.json() == []

    again = run_cli(capsys, "db", "upgrade", "--database", url)
    assert again.code == 0, again.err
    assert "无需升级" in again.out


@pytest.mark.parametrize("command", ["backup", "restore"])
def test_backup_and_restore_refuse_postgresql(
    capsys, postgres_available, fresh, demo, tmp_path, command
):
    url = fresh.url("postgresql")
    path = tmp_path / "pg-backup.sqlite3" if command == "backup" else demo.path
    result = run_cli(capsys, "db", command, str(path), "--json", "--database", url)
    assert result.code == 2
    error = result.error()
    assert error["code"] == "bad_arguments"
    assert "PostgreSQL" in error["message"]
    if command == "backup":
        assert not path.exists()
