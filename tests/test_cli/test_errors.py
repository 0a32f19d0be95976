"""Exit 2 with a Chinese message for unusable arguments and databases (DOMAIN §8)."""

from __future__ import annotations

import re
import sqlite3
from contextlib import closing
from importlib.metadata import version

import pytest

from models.services.people.commands import add_person
from models.services.people.contracts import PersonDraft
from models.store.unit_of_work import open_database

from .helpers import CJK, person_count, query, run_cli, scalar, sqlite_url


def _assert_refused(result, code: str) -> str:
    """Exit 2, the Chinese message on stderr and, under --json, the same message on stdout."""
    assert result.code == 2, (result.out, result.err)
    assert result.err.startswith("yishi: ")
    text = result.err.removeprefix("yishi: ").rstrip("\n")
    assert re.search(f"[{CJK}]", text), text
    error = result.error()
    assert error["code"] == code
    assert error["message"] == text
    return text


BAD_ARGUMENTS = {
    "unknown-option": (["people", "list", "--bogus"], "--bogus"),
    "term-not-a-number": (["people", "list", "--term", "abc"], "abc"),
    "unknown-subcommand": (["frobnicate"], "frobnicate"),
    "unknown-body": (["people", "list", "--body", "parliament"], "parliament"),
    "unknown-association": (
        ["people", "list", "--body", "association", "--association", "giants"],
        "giants",
    ),
    "missing-operation": (["people"], "缺少"),
    "missing-path": (["db", "backup"], "PATH"),
    "option-without-value": (["people", "list", "--search"], "--search"),
}


@pytest.mark.parametrize(("argv", "words"), BAD_ARGUMENTS.values(), ids=BAD_ARGUMENTS.keys())
def test_bad_arguments_exit_2_in_chinese(capsys, _isolated_environment, argv, words):
    plain = run_cli(capsys, *argv)
    assert plain.code == 2
    assert plain.out == ""
    assert plain.err.startswith("yishi: 命令参数有误：")
    assert re.search(f"[{CJK}]", plain.err)
    assert words in plain.err
    assert "usage" not in plain.err.lower()

    as_json = run_cli(capsys, *argv, "--json")
    text = _assert_refused(as_json, "bad_arguments")
    assert words in text
    # Refused before any database was opened: the default database was never created.
    assert not _isolated_environment.exists()


def test_version_prints_the_package_version(capsys):
    result = run_cli(capsys, "--version")
    assert result.code == 0
    assert result.out.strip() == f"yishi {version('yishi')}"
    assert re.fullmatch(r"yishi \d+\.\d+\.\d+\S*", result.out.strip())


def test_help_shows_the_commands(capsys):
    result = run_cli(capsys, "--help")
    assert result.code == 0
    for name in ("gui", "demo", "people", "db"):
        assert name in result.out


def test_no_subcommand_asks_for_the_window_and_gui_takes_smoke(tmp_path):
    from desktop.cli.app import GuiRequest, run

    plain = run(["--user", "alice"], lambda: "0")
    assert isinstance(plain, GuiRequest)
    assert (plain.settings.user, plain.smoke) == ("alice", None)
    smoke = run(["gui", "--smoke", str(tmp_path / "s.png"), "--user", "bob"], lambda: "0")
    assert isinstance(smoke, GuiRequest)
    assert (smoke.settings.user, smoke.smoke) == ("bob", tmp_path / "s.png")


def test_unsupported_database_url(capsys):
    text = _assert_refused(
        run_cli(capsys, "people", "list", "--json", "--database", "mysql://u:p@localhost/yishi"),
        "database_unusable",
    )
    assert "mysql" in text


def test_garbled_database_url(capsys):
    _assert_refused(
        run_cli(capsys, "people", "list", "--json", "--database", "not a url"), "database_unusable"
    )


def _foreign_sqlite(path):
    with closing(sqlite3.connect(path)) as connection:
        connection.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
        connection.execute("INSERT INTO notes (text) VALUES ('another program''s data')")
        connection.commit()


def test_sqlite_file_of_another_program_is_refused_and_left_alone(capsys, tmp_path):
    path = tmp_path / "other.sqlite3"
    _foreign_sqlite(path)
    result = run_cli(capsys, "people", "list", "--json", "--database", sqlite_url(path))
    _assert_refused(result, "database_unusable")
    assert query(path, "SELECT name FROM sqlite_master") == [("notes",)]
    assert query(path, "SELECT text FROM notes") == [("another program's data",)]


def test_sqlite_file_of_another_program_keeps_its_bytes(capsys, tmp_path):
    path = tmp_path / "other.sqlite3"
    _foreign_sqlite(path)
    before = path.read_bytes()
    result = run_cli(capsys, "people", "list", "--database", sqlite_url(path))
    assert result.code == 2
    assert path.read_bytes() == before
    assert scalar(path, "PRAGMA journal_mode") == "delete"


def test_file_that_is_not_sqlite_is_refused_and_left_alone(capsys, tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("这不是数据库\n", encoding="utf-8")
    before = path.read_bytes()
    result = run_cli(capsys, "people", "list", "--json", "--database", sqlite_url(path))
    _assert_refused(result, "database_unusable")
    assert path.read_bytes() == before


def test_database_from_a_newer_program_is_refused(capsys, demo):
    with closing(sqlite3.connect(demo.path)) as connection:
        connection.execute("UPDATE alembic_version SET version_num='9999_future'")
        connection.commit()
    for argv in (["people", "list"], ["demo"], ["db", "upgrade"]):
        result = run_cli(capsys, *argv, "--json", "--database", demo.url)
        text = _assert_refused(result, "database_newer")
        assert "9999_future" in text
    assert scalar(demo.path, "SELECT version_num FROM alembic_version") == "9999_future"
    assert not (demo.path.parent / "backups").exists()


def test_demo_refuses_other_data_unless_forced(capsys, tmp_path):
    path = tmp_path / "clerk.sqlite3"
    db = open_database(sqlite_url(path))
    try:
        add_person(
            db,
            user="clerk",
            draft=PersonDraft(name="张三", gender="男", id_number="110109198001021239"),
        )
    finally:
        db.engine.dispose()

    refused = run_cli(capsys, "--database", sqlite_url(path), "demo", "--json")
    text = _assert_refused(refused, "bad_arguments")  # the catch-all public code of DOMAIN §8
    assert "--force" in text
    assert "1 人" in text
    assert query(path, "SELECT name FROM person") == [("张三",)]

    forced = run_cli(capsys, "--database", sqlite_url(path), "--user", "dora", "demo", "--force")
    assert forced.code == 0, forced.err
    assert "已生成演示数据" in forced.out
    assert scalar(path, "SELECT count(*) FROM person WHERE id_number='110109198001021239'") == 0
    assert person_count(path) > 300
    assert query(path, "SELECT user_login FROM change_log WHERE action='purge'") == [("dora",)]

    again = run_cli(capsys, "--database", sqlite_url(path), "demo")
    assert again.code == 0, again.err
    assert "已有演示数据" in again.out
