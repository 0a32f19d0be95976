"""Backups through SQLite's backup API: consistent while the app runs; restore checks the file."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from models.domain.errors import DomainError
from models.services.people.commands import add_person
from models.services.people.contracts import PersonDraft
from models.store import migrate
from models.store.backup import backup_sqlite, read_revision
from models.store.engine import sqlite_path


def _people(path: Path) -> list[str]:
    with sqlite3.connect(path) as connection:
        return [r[0] for r in connection.execute("SELECT name FROM person ORDER BY id")]


def test_backup_holds_what_is_still_only_in_the_wal(fresh):
    db = fresh.database("sqlite")
    path = sqlite_path(db.engine.url)
    add_person(db, user="clerk", draft=PersonDraft("张三", "男", "110109198001021239"))
    # The app keeps its connection open: the change sits in the -wal file, not yet checkpointed.
    held = db.engine.connect()
    naive_copy = path.parent / "naive.sqlite3"
    shutil.copy(path, naive_copy)
    # Why a plain file copy is not a backup: the copy misses what the WAL holds.
    with sqlite3.connect(naive_copy) as copy:
        tables = {r[0] for r in copy.execute("SELECT name FROM sqlite_master")}
        assert "person" not in tables or _people(naive_copy) == []

    target = backup_sqlite(db.engine, path.parent / "copy.sqlite3")
    held.close()
    assert _people(target) == ["张三"]
    assert read_revision(target) == migrate.head_revision()


def test_backup_never_overwrites(fresh):
    db = fresh.database("sqlite")
    target = Path(sqlite_path(db.engine.url)).parent / "exists.sqlite3"
    target.write_text("keep me")
    with pytest.raises(DomainError) as refused:
        backup_sqlite(db.engine, target)
    assert refused.value.code == "backup_target_exists"
    assert target.read_text() == "keep me"


def test_restore_brings_back_the_backup_and_keeps_the_replaced_database(fresh):
    db = fresh.database("sqlite")
    path = sqlite_path(db.engine.url)
    add_person(db, user="clerk", draft=PersonDraft("张三", "男", "110109198001021239"))
    backup = backup_sqlite(db.engine, path.parent / "before.sqlite3")
    add_person(db, user="clerk", draft=PersonDraft("李四", "女", "110109199003040024"))

    saved = migrate.restore(db.engine, backup)

    assert _people(path) == ["张三"]
    assert saved is not None and _people(saved) == ["张三", "李四"]


@pytest.mark.parametrize("content", [b"not a database at all", b""])
def test_restore_refuses_a_file_that_is_not_a_yishi_database(fresh, tmp_path, content):
    db = fresh.database("sqlite")
    path = sqlite_path(db.engine.url)
    add_person(db, user="clerk", draft=PersonDraft("张三", "男", "110109198001021239"))
    bogus = tmp_path / "bogus.sqlite3"
    bogus.write_bytes(content)
    with pytest.raises(DomainError) as refused:
        migrate.restore(db.engine, bogus)
    assert refused.value.code == "restore_not_yishi"
    assert _people(path) == ["张三"]


def test_restore_refuses_a_backup_from_a_newer_program(fresh, tmp_path):
    db = fresh.database("sqlite")
    path = sqlite_path(db.engine.url)
    newer = backup_sqlite(db.engine, tmp_path / "newer.sqlite3")
    with sqlite3.connect(newer) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999_future'")
    with pytest.raises(DomainError) as refused:
        migrate.restore(db.engine, newer)
    assert refused.value.code == "database_newer"
    assert read_revision(path) == migrate.head_revision()


def test_writes_outside_a_unit_of_work_are_refused(fresh):
    from models.entities import Person

    db = fresh.database("sqlite")
    with db.session_factory() as session, pytest.raises(RuntimeError, match="UnitOfWork"):
        session.add(Person(name="无名", gender="男", id_number="110109198001021239"))
        session.flush()
