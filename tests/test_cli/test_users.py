"""`yishi users …` and signing in on the command line, on SQLite and PostgreSQL (issue 15).

Every step goes through the real command line on an empty database (no demo): the first
administrator added as the OS login, sign-in turned on, then every command with `--user` and a
password from standard input or YISHI_PASSWORD.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from models.domain.messages import message
from models.domain.passwords import FAILURES_BEFORE_LOCK

from .accounts_office import (
    ADMIN_FIRST,
    ADMIN_OWN,
    OWN,
    TEMPORARY,
    UNIT,
    WRONG,
    Office,
    office_on,
    pg_login_exists,
)

REFUSED = message("account_refused")
MUST_CHANGE = message("password_change_required")


@pytest.fixture
def office(capsys, monkeypatch, backend, fresh) -> Iterator[Office]:
    with office_on(capsys, monkeypatch, fresh, backend) as made:
        yield made


@pytest.fixture
def sqlite_office(capsys, monkeypatch, fresh) -> Iterator[Office]:
    """For what the command line alone decides: the lock itself is the service's, tested on
    both backends in tests/test_services/test_accounts.py."""
    with office_on(capsys, monkeypatch, fresh, "sqlite") as made:
        yield made


def test_the_first_administrator_turns_sign_in_on_and_then_everyone_signs_in(office: Office):
    office.ready()
    added = office.yishi(
        "users", "add", "--name", office.admin, "--display", "王主任", "--role", "admin",
        "--new-password-stdin", "--json", stdin=f"{ADMIN_FIRST}\n",
    )  # fmt: skip
    assert added.code == 0, added.err
    assert added.json()["role"] == "admin" and added.json()["must_change_password"] is True
    assert ADMIN_FIRST not in added.out + added.err  # a password is never echoed
    on = office.yishi("users", "require-sign-in", "on")
    assert on.code == 0, on.err
    assert "--user" in on.out and "YISHI_PASSWORD" in on.out

    nobody = office.yishi("users", "list")  # the OS login is no longer enough
    assert nobody.code == 2
    assert nobody.err.strip() == f"yishi: {message('sign_in_user_missing')}"
    no_password = office.yishi("--user", office.admin, "people", "list")
    assert no_password.code == 2
    assert no_password.err.strip() == f"yishi: {message('account_password_missing')}"

    # A wrong password and a name that is no account: the same words, so names stay secret.
    wrong = office.as_user(office.admin, WRONG, "users", "list")
    unknown = office.as_user(office.login("nobody"), ADMIN_FIRST, "users", "list")
    assert (wrong.code, unknown.code) == (2, 2)
    assert wrong.err == unknown.err == f"yishi: {REFUSED}\n"
    as_json = office.as_user(office.login("nobody"), ADMIN_FIRST, "users", "list", "--json")
    assert as_json.error()["message"] == REFUSED

    # The password an account was given must be changed before anything else: the core says
    # so for every guarded command (here the accounts' own; the others as they are guarded).
    for command in (
        ("users", "list"),
        ("users", "require-sign-in", "off"),
        ("users", "set-role", "--name", office.admin, "--role", "admin"),
    ):
        refused = office.as_user(office.admin, ADMIN_FIRST, *command)
        assert refused.code == 2 and refused.err == f"yishi: {MUST_CHANGE}\n", command
    same = office.as_user(
        office.admin, ADMIN_FIRST, "users", "change-password", "--new-password-stdin",
        stdin_after=f"{ADMIN_FIRST}\n",
    )  # fmt: skip
    assert same.code == 2 and message("password_same_as_old") in same.err
    changed = office.as_user(
        office.admin, ADMIN_FIRST, "users", "change-password", "--new-password-stdin",
        stdin_after=f"{ADMIN_OWN}\n",
    )  # fmt: skip
    assert changed.code == 0, changed.err
    assert ADMIN_OWN not in changed.out + changed.err

    old = office.as_user(office.admin, ADMIN_FIRST, "users", "list")
    assert old.code == 2 and old.err == f"yishi: {REFUSED}\n"
    # YISHI_PASSWORD serves as well as standard input.
    listed = office.yishi("--user", office.admin, "users", "list", "--json", password=ADMIN_OWN)
    assert listed.code == 0, listed.err
    assert listed.json()["sign_in_required"] is True
    [admin] = [a for a in listed.json()["accounts"] if a["login"] == office.admin]
    assert (admin["role"], admin["role_name"], admin["must_change_password"]) == (
        "admin",
        "管理员",
        False,
    )


def test_an_administrator_manages_colleagues_and_their_roles(office: Office):
    office.handling_unit()
    office.start()
    clerk = office.add("li", "secretariat")
    reader = office.add("zhao", "readonly")
    unit = office.add("chen", "unit", "--unit", UNIT)
    if office.backend == "postgresql":
        assert pg_login_exists(unit)  # each account is a login role of the server too

    listed = office.as_admin("users", "list", "--json")
    assert listed.code == 0, listed.err
    accounts = {a["login"]: a for a in listed.json()["accounts"]}
    assert {login: accounts[login]["role"] for login in (office.admin, clerk, reader, unit)} == {
        office.admin: "admin",
        clerk: "secretariat",
        reader: "readonly",
        unit: "unit",
    }
    assert accounts[unit]["unit_name"] == UNIT and accounts[clerk]["unit_name"] is None
    assert all(accounts[login]["must_change_password"] for login in (clerk, reader, unit))
    assert "hash" not in listed.out and "$argon2" not in listed.out
    assert TEMPORARY not in listed.out
    text = office.as_admin("users", "list")
    assert text.code == 0 and f"{unit}  chen  承办单位  {UNIT}  启用，须修改密码" in text.out

    no_unit = office.as_admin(
        "users", "add", "--name", office.login("zhou"), "--display", "周", "--role", "unit",
        "--new-password-stdin", stdin_after=f"{TEMPORARY}\n",
    )  # fmt: skip
    assert no_unit.code == 2 and message("unit_account_needs_unit") in no_unit.err
    no_password = office.as_admin(
        "users", "add", "--name", office.login("zhou"), "--display", "周", "--role", "leader"
    )
    assert no_password.code == 2
    assert no_password.err == f"yishi: {message('new_password_missing')}\n"

    promoted = office.as_admin("users", "set-role", "--name", reader, "--role", "leader", "--json")
    assert promoted.code == 0, promoted.err
    assert (promoted.json()["role"], promoted.json()["role_name"]) == ("leader", "领导")

    office.first_sign_in(clerk)
    assert office.as_user(clerk, OWN, "people", "list").code == 0
    disabled = office.as_admin("users", "disable", "--name", clerk)
    assert disabled.code == 0 and "已停用" in disabled.out
    gone = office.as_user(clerk, OWN, "people", "list")
    assert gone.code == 2 and gone.err == f"yishi: {REFUSED}\n"
    assert office.as_admin("users", "enable", "--name", clerk).code == 0
    assert office.as_user(clerk, OWN, "people", "list").code == 0

    # A forgotten password: an administrator sets a new one (from YISHI_NEW_PASSWORD here),
    # to be changed at the next sign-in.
    reset = office.yishi(
        "--user", office.admin, "users", "reset-password", "--name", unit,
        password=ADMIN_OWN, new_password=TEMPORARY,
    )  # fmt: skip
    assert reset.code == 0, reset.err
    assert TEMPORARY not in reset.out + reset.err
    assert office.as_user(unit, TEMPORARY, "users", "list").err == f"yishi: {MUST_CHANGE}\n"
    office.first_sign_in(unit)

    # Only an administrator manages accounts: a secretariat account is refused, in Chinese.
    refused = office.as_user(
        clerk, OWN, "users", "add", "--name", office.login("sun"), "--display", "孙",
        "--role", "admin", "--new-password-stdin", stdin_after=f"{TEMPORARY}\n",
    )  # fmt: skip
    assert refused.code == 2
    assert refused.err == (
        f"yishi: {message('role_refused', {'role': '秘书处', 'action': '管理账户与权限'})}\n"
    )
    assert office.as_user(clerk, OWN, "users", "list").code == 2
    assert office.as_user(unit, OWN, "users", "require-sign-in", "off").code == 2
    # Changing one's own password is everyone's, the old password from YISHI_PASSWORD.
    own = office.yishi(
        "--user", unit, "users", "change-password", password=OWN, new_password=TEMPORARY + "x"
    )
    assert own.code == 0, own.err


def test_repeated_failures_lock_the_account_until_an_administrator_resets_it(sqlite_office):
    office = sqlite_office
    office.start()
    clerk = office.add("li", "secretariat")
    office.first_sign_in(clerk)
    for _ in range(FAILURES_BEFORE_LOCK):
        assert office.as_user(clerk, WRONG, "people", "list").err == f"yishi: {REFUSED}\n"
    locked = office.as_user(clerk, OWN, "people", "list")  # the right password, too late
    assert locked.code == 2 and locked.err == f"yishi: {REFUSED}\n"
    shown = office.as_admin("users", "list")
    assert "锁定至" in shown.out
    assert office.as_admin(
        "users", "reset-password", "--name", clerk, "--new-password-stdin",
        stdin_after=f"{TEMPORARY}\n",
    ).code == 0  # fmt: skip
    office.first_sign_in(clerk)
    assert office.as_user(clerk, OWN, "people", "list").code == 0


def test_turning_sign_in_on_needs_an_administrator_and_off_lets_the_os_login_in(office: Office):
    office.ready()
    early = office.yishi("users", "require-sign-in", "on")
    assert early.code == 2 and early.err == f"yishi: {message('sign_in_needs_admin')}\n"
    office.start()
    last = office.as_admin("users", "set-role", "--name", office.admin, "--role", "secretariat")
    assert last.code == 2 and message("last_admin") in last.err
    off = office.as_admin("users", "require-sign-in", "off", "--json")
    assert off.code == 0 and off.json() == {"sign_in_required": False}
    assert office.yishi("people", "list").code == 0


def test_change_password_needs_the_old_password(sqlite_office):
    office = sqlite_office
    office.start()
    missing = office.yishi(
        "--user", office.admin, "users", "change-password", new_password=TEMPORARY
    )
    # Signing in needs it first: the same password is the old one.
    assert missing.code == 2 and missing.err == f"yishi: {message('account_password_missing')}\n"
    off = office.as_admin("users", "require-sign-in", "off")
    assert off.code == 0, off.err
    unsigned = office.yishi(
        "--user", office.admin, "users", "change-password", new_password=TEMPORARY
    )
    assert unsigned.code == 2 and unsigned.err == f"yishi: {message('old_password_missing')}\n"
    wrong = office.yishi(
        "--user", office.admin, "users", "change-password", password=WRONG, new_password=TEMPORARY
    )
    assert wrong.code == 2 and message("password_old_wrong") in wrong.err
