"""Backups and restores that cannot go wrong: damaged files refused, leftovers swept, restores
recorded, and the automatic backup's setting and rotation (issue 13, item 5)."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from models.domain.errors import DomainError
from models.services.common.auto_backup import (
    auto_backup_setting,
    due,
    set_auto_backup,
    write_backup,
)
from models.store import migrate
from models.store.backup import check_sqlite_file
from models.store.unit_of_work import open_database

from .helpers import person_count, query, run_cli, scalar, sqlite_url

PAGE = 4096


def _damage(path: Path) -> None:
    """Overwrite eight pages in the middle of the file, as a failing disk or stick would."""
    size = path.stat().st_size
    assert size > 40 * PAGE, size
    with open(path, "r+b") as handle:
        handle.seek((size // PAGE // 2) * PAGE)
        handle.write(b"\xa5" * (8 * PAGE))


def _add_person(url: str, name: str = "测试新人", id_number: str = "110109199003070020") -> None:
    from models.services.people.commands import add_person
    from models.services.people.contracts import PersonDraft

    db = open_database(url)
    try:
        add_person(db, user="clerk", draft=PersonDraft(name=name, gender="女", id_number=id_number))
    finally:
        db.engine.dispose()


def test_a_damaged_database_is_not_backed_up(capsys, demo, tmp_path):
    _damage(demo.path)
    target = tmp_path / "copies" / "backup.sqlite3"
    result = run_cli(capsys, "db", "backup", str(target), "--json", "--database", demo.url)
    assert result.code == 2, result.out + result.err
    assert "已损坏" in result.error()["message"]
    assert not target.exists()
    assert not target.parent.exists() or list(target.parent.iterdir()) == []


def test_backup_checks_the_copy_it_names(capsys, demo, tmp_path, monkeypatch):
    """The copy is checked before it gets its name: a check that fails leaves no file there."""
    from models.store import backup as backup_module

    def refuse(path, *, shown_as=None, engine=None):
        raise DomainError("backup_damaged", path=str(shown_as), detail="模拟的损坏")

    monkeypatch.setattr(backup_module, "check_sqlite_file", refuse)
    target = tmp_path / "copies" / "backup.sqlite3"
    result = run_cli(capsys, "db", "backup", str(target), "--json", "--database", demo.url)
    assert result.code == 2
    assert "模拟的损坏" in result.error()["message"]
    assert list(target.parent.iterdir()) == []


def test_a_killed_backups_leftover_is_swept_and_the_retry_succeeds(capsys, demo, tmp_path):
    folder = tmp_path / "copies"
    folder.mkdir()
    target = folder / "backup.sqlite3"
    (folder / ".backup.sqlite3.partial-99999").write_bytes(b"half a database")
    (folder / ".backup.sqlite3.partial-99999-journal").write_bytes(b"journal")
    result = run_cli(capsys, "db", "backup", str(target), "--database", demo.url)
    assert result.code == 0, result.err
    assert sorted(p.name for p in folder.iterdir()) == ["backup.sqlite3"]
    assert check_sqlite_file(target) == migrate.head_revision()


def test_backup_to_a_folder_that_cannot_exist_is_a_message(capsys, demo, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    target = blocker / "sub" / "backup.sqlite3"
    result = run_cli(capsys, "db", "backup", str(target), "--json", "--database", demo.url)
    assert result.code == 2
    assert "无法写入备份文件夹" in result.error()["message"]
    assert "U 盘" in result.error()["message"]


def test_a_damaged_backup_is_not_restored_and_the_live_database_is_untouched(
    capsys, demo, tmp_path
):
    backup = tmp_path / "before.sqlite3"
    assert run_cli(capsys, "db", "backup", str(backup), "--database", demo.url).code == 0
    _damage(backup)
    before = demo.path.read_bytes()
    people = person_count(demo.path)

    result = run_cli(capsys, "db", "restore", str(backup), "--json", "--database", demo.url)

    assert result.code == 2
    message = result.error()["message"]
    assert "已损坏" in message and str(backup) in message, message
    assert demo.path.read_bytes() == before
    assert person_count(demo.path) == people
    assert not (demo.path.parent / "backups").exists()


def test_a_restore_is_recorded_with_where_the_later_entries_went(capsys, demo, tmp_path):
    backup = tmp_path / "before.sqlite3"
    assert run_cli(capsys, "db", "backup", str(backup), "--database", demo.url).code == 0
    _add_person(demo.url)
    _add_person(demo.url, "测试二人", "110109198001021239")

    result = run_cli(
        capsys, "--user", "bob", "db", "restore", str(backup), "--json", "--database", demo.url
    )

    assert result.code == 0, result.err
    saved = Path(result.json()["previous_saved_as"])
    user, note, after = query(
        demo.path,
        "SELECT user_login, note, after FROM change_log WHERE action='restore' ORDER BY id",
    )[-1]
    assert user == "bob"
    assert str(backup) in note and str(saved) in note
    entries = json.loads(after)["entries_after_backup"]
    assert entries >= 2
    assert f"{entries} 条变更记录" in note
    # The entries the restore took out are in the set-aside file.
    assert scalar(saved, "SELECT count(*) FROM person WHERE name='测试二人'") == 1
    assert scalar(demo.path, "SELECT count(*) FROM person WHERE name='测试二人'") == 0


def test_a_damaged_live_database_can_be_restored_and_is_kept_aside(capsys, demo, tmp_path):
    backup = tmp_path / "before.sqlite3"
    assert run_cli(capsys, "db", "backup", str(backup), "--database", demo.url).code == 0
    people = person_count(backup)
    _damage(demo.path)

    result = run_cli(capsys, "db", "restore", str(backup), "--json", "--database", demo.url)

    assert result.code == 0, result.err
    saved = Path(result.json()["previous_saved_as"])
    assert "damaged" in saved.name and saved.is_file()
    assert scalar(demo.path, "PRAGMA integrity_check") == "ok"
    assert person_count(demo.path) == people


# --- automatic backups ----------------------------------------------------------------------


def test_auto_backup_setting_shown_changed_and_refused(capsys, demo, tmp_path):
    shown = run_cli(capsys, "db", "auto-backup", "--json", "--database", demo.url)
    assert shown.code == 0, shown.err
    assert shown.json() == {"folder": None, "schedule": "off", "keep": 10}

    no_folder = run_cli(
        capsys, "db", "auto-backup", "--schedule", "daily", "--json", "--database", demo.url
    )
    assert no_folder.code == 2
    assert "请先选择自动备份的文件夹" in no_folder.error()["message"]
    bad_keep = run_cli(capsys, "db", "auto-backup", "--keep", "0", "--json", "--database", demo.url)
    assert bad_keep.code == 2
    assert "保留份数" in bad_keep.error()["message"]
    assert scalar(demo.path, "SELECT count(*) FROM setting WHERE key LIKE 'backup.auto.%'") == 0

    folder = tmp_path / "stick"
    changed = run_cli(
        capsys,
        *("db", "auto-backup", "--folder", str(folder), "--schedule", "exit", "--keep", "3"),
        *("--json", "--database", demo.url),
    )
    assert changed.code == 0, changed.err
    assert changed.json() == {"folder": str(folder), "schedule": "exit", "keep": 3}
    plain = run_cli(capsys, "db", "auto-backup", "--database", demo.url)
    assert "每次退出时" in plain.out and str(folder) in plain.out and "3 份" in plain.out


def test_auto_backup_says_postgresql_has_its_own_tools(capsys, postgres_available, fresh, tmp_path):
    url = fresh.url("postgresql")
    argv = ("db", "auto-backup", "--folder", str(tmp_path), "--schedule", "exit", "--json")
    result = run_cli(capsys, *argv, "--database", url)
    assert result.code == 2
    assert "pg_dump" in result.error()["message"]
    assert not list(tmp_path.iterdir())


def test_auto_backups_rotate_and_daily_is_due_once_a_day(demo, tmp_path):
    db = open_database(sqlite_url(demo.path))
    try:
        folder = tmp_path / "stick"
        setting = set_auto_backup(db, user="clerk", folder=str(folder), schedule="daily", keep=3)
        assert auto_backup_setting(db) == setting
        day = datetime(2026, 3, 1, 9, 0, 0)
        assert due(setting, "start", day)
        assert not due(setting, "exit", day)
        stranger = folder / "notes.txt"
        for minute in range(5):
            written, _ = write_backup(
                db, user="clerk", setting=setting, now=day.replace(minute=minute)
            )
            assert check_sqlite_file(written) == migrate.head_revision()
            stranger.write_text("not ours")
        names = sorted(p.name for p in folder.iterdir())
        assert names == [
            "notes.txt",
            "yishi-20260301-090200.sqlite3",
            "yishi-20260301-090300.sqlite3",
            "yishi-20260301-090400.sqlite3",
        ]
        assert not due(setting, "start", day)
        assert due(setting, "start", day.replace(day=2))
    finally:
        db.engine.dispose()


def test_an_unreachable_auto_backup_folder_is_a_refusal(demo, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    db = open_database(sqlite_url(demo.path))
    try:
        setting = set_auto_backup(db, user="clerk", folder=str(blocker / "gone"), schedule="exit")
        with pytest.raises(DomainError) as refused:
            write_backup(db, user="clerk", setting=setting, now=datetime(2026, 3, 1, 9, 0, 0))
        assert refused.value.code == "backup_folder_unusable"
    finally:
        db.engine.dispose()


def test_backup_and_restore_through_a_folder_named_with_uri_characters(capsys, demo, tmp_path):
    target = tmp_path / "备份#1 ?%20" / "backup.sqlite3"
    result = run_cli(capsys, "db", "backup", str(target), "--database", demo.url)
    assert result.code == 0, result.err
    assert check_sqlite_file(target) == migrate.head_revision()
    restored = run_cli(capsys, "db", "restore", str(target), "--database", demo.url)
    assert restored.code == 0, restored.err
