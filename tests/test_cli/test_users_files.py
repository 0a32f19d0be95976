"""The commands that work on the database file — backup, restore, auto-backup, encrypt,
decrypt — once the database requires sign-in: the clerk signs in on the database they act on
and needs the role for it (issue 15). SQLite only: these are SQLite's commands.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest

from models.domain.messages import message

from .accounts_office import ADMIN_OWN, OWN, TEMPORARY, WRONG, Office, office_on
from .helpers import Result, run_cli, scalar

DB_PASSPHRASE = "Shujuku-Mima-2026"


@pytest.fixture
def office(capsys, monkeypatch, fresh) -> Iterator[Office]:
    with office_on(capsys, monkeypatch, fresh, "sqlite") as made:
        yield made


def _refused(role: str, action: str) -> str:
    return f"yishi: {message('role_refused', {'role': role, 'action': action})}\n"


def _colleague(office: Office, name: str, role: str) -> str:
    login = office.add(name, role)
    office.first_sign_in(login)
    return login


def _database(office: Office) -> Path:
    return Path(office.url.removeprefix("sqlite:///"))


def test_backup_is_for_those_who_may_and_restore_for_an_administrator(office: Office, tmp_path):
    office.ready()
    before = tmp_path / "before-accounts.sqlite3"
    assert office.yishi("db", "backup", str(before)).code == 0  # no accounts yet: as before
    office.start()
    clerk = _colleague(office, "li", "secretariat")
    reader = _colleague(office, "zhao", "readonly")

    target = tmp_path / "by-reader.sqlite3"
    refused = office.as_user(reader, OWN, "db", "backup", str(target))
    assert refused.code == 2 and refused.err == _refused("只读", "备份数据库")
    assert not target.exists()
    for anonymous in (
        office.yishi("db", "backup", str(target)),
        office.as_user(clerk, WRONG, "db", "backup", str(target)),
    ):
        assert anonymous.code == 2 and not target.exists()
    assert office.yishi("db", "backup", str(target)).err == (
        f"yishi: {message('sign_in_user_missing')}\n"
    )
    copy = tmp_path / "by-clerk.sqlite3"
    made = office.as_user(clerk, OWN, "db", "backup", str(copy), "--json")
    assert made.code == 0, made.err
    assert Path(made.json()["backup"]) == copy.resolve()

    # Restoring replaces everything: the accounts of the database being replaced decide, so
    # a backup from before sign-in was on cannot be a way around it.
    for login, role in ((clerk, "秘书处"), (reader, "只读")):
        no = office.as_user(login, OWN, "db", "restore", str(before))
        assert no.code == 2 and no.err == _refused(role, "恢复数据库")
    live = _database(office)
    assert scalar(live, "SELECT value FROM setting WHERE key = 'accounts.sign_in_required'") == "1"
    restored = office.as_admin("db", "restore", str(before))
    assert restored.code == 0, restored.err
    assert scalar(live, "SELECT count(*) FROM setting WHERE key = 'accounts.sign_in_required'") == 0


def test_auto_backup_is_seen_by_those_who_back_up_and_set_by_an_administrator(
    office: Office, tmp_path
):
    office.start()
    clerk = _colleague(office, "li", "secretariat")
    reader = _colleague(office, "zhao", "readonly")
    shown = office.as_user(clerk, OWN, "db", "auto-backup", "--json")
    assert shown.code == 0 and shown.json()["schedule"] == "off"
    folder = str(tmp_path / "u-disk")
    changed = office.as_user(
        clerk, OWN, "db", "auto-backup", "--schedule", "exit", "--folder", folder
    )
    assert changed.code == 2 and changed.err == _refused("秘书处", "修改系统设置")
    unseen = office.as_user(reader, OWN, "db", "auto-backup")
    assert unseen.code == 2 and unseen.err == _refused("只读", "备份数据库")
    set_up = office.as_admin(
        "db", "auto-backup", "--schedule", "exit", "--folder", folder, "--json"
    )
    assert set_up.code == 0 and set_up.json()["schedule"] == "exit"


def test_a_password_set_by_an_administrator_is_changed_before_a_backup(office: Office, tmp_path):
    office.start()
    clerk = office.add("li", "secretariat")
    target = tmp_path / "copy.sqlite3"
    first = office.as_user(clerk, TEMPORARY, "db", "backup", str(target))
    assert first.code == 2 and first.err == f"yishi: {message('password_change_required')}\n"
    assert not target.exists()


def test_encryption_is_an_administrators_and_passwords_come_in_order(office: Office):
    """Standard input: [database passphrase] [own password] [new password], each line only
    when its option asks for it."""
    office.start()
    clerk = _colleague(office, "li", "secretariat")
    no = office.as_user(clerk, OWN, "db", "encrypt", "--new-password-stdin",
                        stdin_after=f"{DB_PASSPHRASE}\n")  # fmt: skip
    assert no.code == 2 and no.err == _refused("秘书处", "加密或解密数据库")
    encrypted = office.as_admin(
        "db", "encrypt", "--new-password-stdin", "--json", stdin_after=f"{DB_PASSPHRASE}\n"
    )
    assert encrypted.code == 0, encrypted.err

    added = office.yishi(
        "--db-password-stdin", "--user", office.admin, "--password-stdin",
        "users", "add", "--name", office.login("sun"), "--display", "孙", "--role", "leader",
        "--new-password-stdin", "--json",
        stdin=f"{DB_PASSPHRASE}\n{ADMIN_OWN}\n{TEMPORARY}\n",
    )  # fmt: skip
    assert added.code == 0, added.err
    assert added.json()["role"] == "leader"
    # The new account signs in with the third line: it was not mistaken for another.
    signed = office.yishi(
        "--db-password-stdin", "--user", office.login("sun"), "--password-stdin",
        "users", "change-password", "--new-password-stdin",
        stdin=f"{DB_PASSPHRASE}\n{TEMPORARY}\n{OWN}\n",
    )  # fmt: skip
    assert signed.code == 0, signed.err

    decrypt = ("--db-password-stdin", "--password-stdin", "db", "decrypt")
    refused = office.yishi("--user", clerk, *decrypt, stdin=f"{DB_PASSPHRASE}\n{OWN}\n")
    assert refused.code == 2 and refused.err == _refused("秘书处", "加密或解密数据库")
    done = office.yishi("--user", office.admin, *decrypt, stdin=f"{DB_PASSPHRASE}\n{ADMIN_OWN}\n")
    assert done.code == 0, done.err
    assert office.as_admin("users", "list").code == 0  # plain again: no passphrase asked


class _Terminal(io.StringIO):
    """Standard input that is a terminal: passwords are asked for, never read as echoed lines."""

    def isatty(self) -> bool:
        return True


def test_on_a_terminal_passwords_are_asked_without_echo(office: Office, monkeypatch):
    office.start()
    answers: list[str] = []
    prompts: list[str] = []

    def asked(prompt: str = "") -> str:
        prompts.append(prompt)
        return answers.pop(0)

    monkeypatch.setattr("getpass.getpass", asked)
    add = ("users", "add", "--name", office.login("li"), "--display", "李", "--role", "leader")

    def typed(*typed_answers: str) -> Result:
        answers[:] = typed_answers
        prompts.clear()
        monkeypatch.setattr("sys.stdin", _Terminal(""))
        monkeypatch.delenv("YISHI_PASSWORD", raising=False)
        monkeypatch.delenv("YISHI_NEW_PASSWORD", raising=False)
        return run_cli(
            office.capsys, "--database", office.url, "--user", office.admin, "--password-stdin",
            *add, "--new-password-stdin",
        )  # fmt: skip

    differ = typed(ADMIN_OWN, TEMPORARY, TEMPORARY + "x")
    assert differ.code == 2 and differ.err == f"yishi: {message('new_password_mismatch')}\n"
    assert prompts == ["账户密码：", "新密码：", "再输入一次："]
    same = typed(ADMIN_OWN, TEMPORARY, TEMPORARY)
    assert same.code == 0, same.err
    assert TEMPORARY not in same.out + same.err and not answers
