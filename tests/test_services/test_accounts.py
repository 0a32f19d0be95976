"""Accounts, passwords and signing in, on SQLite and PostgreSQL (issue 15)."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from sqlalchemy import func, select, text

from models.domain.errors import DomainError
from models.domain.messages import message
from models.domain.passwords import FAILURES_BEFORE_LOCK, LOCK_DURATION
from models.domain.roles import Role
from models.entities import ChangeLog, User
from models.entities.base import utcnow
from models.services.accounts.commands import (
    add_account,
    change_password,
    reset_password,
    set_active,
    set_role,
    set_sign_in_required,
)
from models.services.accounts.contracts import AccountDraft
from models.services.accounts.queries import list_accounts, sign_in_required
from models.services.accounts.signing import sign_in
from models.services.motions.commands.units import add_handling_unit
from models.store.pg_roles import group_role

GOOD = "Yishi-2026!"
OTHER = "Wenhua#2027"


def _admin(db, login: str = "wang", password: str = GOOD) -> None:
    add_account(
        db,
        user="setup",
        draft=AccountDraft(login=login, display_name="王主任", role=Role.ADMIN, password=password),
    )


def _log(db, action: str) -> list[ChangeLog]:
    with db.session_factory() as session:
        return list(session.scalars(select(ChangeLog).where(ChangeLog.action == action)))


def test_an_account_is_added_with_a_hash_the_log_never_shows(db):
    _admin(db)
    [row] = [a for a in list_accounts(db, user="setup") if a.login == "wang"]
    assert (row.role, row.role_name, row.active, row.has_password) == (
        Role.ADMIN,
        "管理员",
        True,
        True,
    )
    assert row.must_change_password  # an administrator's password is changed at first sign-in
    with db.session_factory() as session:
        stored = session.scalar(select(User.password_hash).where(User.login == "wang"))
        logged = session.scalars(select(ChangeLog).where(ChangeLog.entity == "app_user")).all()
    assert stored is not None and stored.startswith("$argon2id$")
    assert logged and all("argon2" not in str(e.after) for e in logged)
    assert any((e.after or {}).get("password_hash") == "（已设置）" for e in logged)


@pytest.mark.parametrize(
    ("login", "password", "code"),
    [
        ("Wang", GOOD, "login_invalid"),  # upper case: not a plain PostgreSQL role name
        ("yishi_admin", GOOD, "login_invalid"),
        ("postgres", GOOD, "login_invalid"),
        ("wang", "Ab1!", "password_too_short"),
        ("wang", "abcdefghij", "password_too_simple"),
        ("wang", "11112222", "password_too_simple"),
        ("wang", "wang-2026!", "password_contains_login"),
        ("wang", "woaini1314", "password_common"),
    ],
)
def test_names_and_passwords_a_colleague_could_guess_are_refused(db, login, password, code):
    with pytest.raises(DomainError) as refused:
        _admin(db, login=login, password=password)
    assert refused.value.code == code
    assert message(refused.value.code, refused.value.params)  # a Chinese sentence, not a code


def test_a_unit_account_belongs_to_one_active_handling_unit(db):
    add_handling_unit(db, user="setup", name="区教委")
    draft = AccountDraft(login="jiaowei", display_name="李老师", role=Role.UNIT, password=GOOD)
    with pytest.raises(DomainError, match="unit_account_needs_unit"):
        add_account(db, user="setup", draft=draft)
    with pytest.raises(DomainError, match="account_unit_unknown"):
        add_account(db, user="setup", draft=replace(draft, unit_name="区卫健委"))
    row = add_account(db, user="setup", draft=replace(draft, unit_name="区教委"))
    assert row.unit_name == "区教委"
    with pytest.raises(DomainError, match="unit_only_for_unit_accounts"):
        set_role(db, user="setup", login="jiaowei", role=Role.READONLY, unit_name="区教委")


def test_sign_in_can_be_required_only_once_an_administrator_can_sign_in(db):
    with pytest.raises(DomainError, match="sign_in_needs_admin"):
        set_sign_in_required(db, user="setup", required=True)
    _admin(db)
    assert set_sign_in_required(db, user="setup", required=True)
    assert sign_in_required(db)
    # From now on the OS login is nobody: it may not even read the accounts.
    with pytest.raises(DomainError, match="account_refused"):
        list_accounts(db, user="setup")


def test_every_refused_sign_in_says_the_same_and_is_logged(db):
    _admin(db)
    add_account(
        db,
        user="setup",
        draft=AccountDraft(login="zhao", display_name="赵", role=Role.READONLY, password=OTHER),
    )
    set_active(db, user="setup", login="zhao", active=False)
    set_sign_in_required(db, user="setup", required=True)
    texts = set()
    for login, password in (("wang", "wrong-password-1"), ("nobody", GOOD), ("zhao", OTHER)):
        with pytest.raises(DomainError) as refused:
            sign_in(db, login=login, password=password)
        texts.add(message(refused.value.code, refused.value.params))
    assert len(texts) == 1  # never which part was wrong
    failed = _log(db, "sign_in_failed")
    assert [(e.entity_id, e.note) for e in failed] == [
        ("wang", "wrong_password"),
        ("nobody", "no_account"),
        ("zhao", "disabled"),
    ]
    result = sign_in(db, login="wang", password=GOOD)
    assert (result.account.login, result.account.role, result.must_change_password) == (
        "wang",
        Role.ADMIN,
        True,
    )
    assert [e.entity_id for e in _log(db, "sign_in")] == ["wang"]


def test_repeated_failures_lock_the_account_for_a_while(db):
    _admin(db)
    set_sign_in_required(db, user="setup", required=True)
    for _ in range(FAILURES_BEFORE_LOCK):
        with pytest.raises(DomainError):
            sign_in(db, login="wang", password="not-the-password-1")
    with pytest.raises(DomainError, match="account_refused"):
        sign_in(db, login="wang", password=GOOD)  # right password, still locked
    assert _log(db, "sign_in_failed")[-1].note == "locked"
    later = db.with_clock(lambda: utcnow() + LOCK_DURATION + timedelta(minutes=1))
    assert sign_in(later, login="wang", password=GOOD).account.login == "wang"


def test_a_password_set_by_an_administrator_is_changed_before_anything_else(db):
    _admin(db)
    set_sign_in_required(db, user="setup", required=True)
    with pytest.raises(DomainError, match="password_change_required"):
        list_accounts(db, user="wang")
    with pytest.raises(DomainError, match="password_old_wrong"):
        change_password(db, user="wang", old_password="nope-nope-1", new_password=OTHER)
    with pytest.raises(DomainError, match="password_same_as_old"):
        change_password(db, user="wang", old_password=GOOD, new_password=GOOD)
    change_password(db, user="wang", old_password=GOOD, new_password=OTHER)
    assert [a.login for a in list_accounts(db, user="wang")][:1]
    assert not sign_in(db, login="wang", password=OTHER).must_change_password
    reset_password(db, user="wang", login="wang", password="Reset-Pass-9")
    assert sign_in(db, login="wang", password="Reset-Pass-9").must_change_password


def test_roles_are_checked_and_the_last_administrator_stays(db):
    _admin(db)
    add_account(
        db,
        user="setup",
        draft=AccountDraft(login="li", display_name="李", role=Role.SECRETARIAT, password=OTHER),
    )
    set_sign_in_required(db, user="setup", required=True)
    with db.session_factory() as session, session.begin():
        session.execute(text("UPDATE app_user SET must_change_password = false"))
    with pytest.raises(DomainError) as refused:
        list_accounts(db, user="li")
    assert refused.value.code == "role_refused"
    assert message(refused.value.code, refused.value.params) == (
        "当前账户（秘书处）无权管理账户与权限。如需办理，请联系本会的管理员。"
    )
    with pytest.raises(DomainError, match="last_admin"):
        set_role(db, user="wang", login="wang", role=Role.SECRETARIAT)
    with pytest.raises(DomainError, match="own_account_disable"):
        set_active(db, user="wang", login="wang", active=False)
    set_role(db, user="wang", login="li", role=Role.ADMIN)
    set_role(db, user="li", login="wang", role=Role.READONLY)  # another administrator remains
    with pytest.raises(DomainError, match="role_refused"):
        list_accounts(db, user="wang")


def test_an_os_login_recorded_before_accounts_becomes_the_account(db):
    add_handling_unit(db, user="zhang", name="区残联办公室")  # zhang's first write records zhang
    with db.session_factory() as session:
        before = session.scalar(select(func.count()).select_from(User).where(User.login == "zhang"))
    assert before == 1
    add_account(
        db,
        user="setup",
        draft=AccountDraft(login="zhang", display_name="张", role=Role.SECRETARIAT, password=GOOD),
    )
    [row] = [a for a in list_accounts(db, user="setup") if a.login == "zhang"]
    assert row.has_password and row.role is Role.SECRETARIAT
    with pytest.raises(DomainError, match="login_taken"):
        add_account(
            db,
            user="setup",
            draft=AccountDraft(login="zhang", display_name="张", role=Role.ADMIN, password=GOOD),
        )


def test_on_postgresql_each_account_is_a_login_role_of_its_group(db, backend):
    if backend != "postgresql":
        pytest.skip("login roles exist on PostgreSQL only")
    with db.session_factory() as session:
        connection = session.connection()
        for role in Role:  # what `yishi db upgrade` creates; rolled back with the test
            connection.exec_driver_sql(
                f"DO $$ BEGIN CREATE ROLE {group_role(role)} NOLOGIN; "
                "EXCEPTION WHEN duplicate_object THEN NULL; END $$"
            )
        session.commit()
    login = f"acct_{utcnow().strftime('%H%M%S%f')}"
    add_account(
        db,
        user="setup",
        draft=AccountDraft(login=login, display_name="测试", role=Role.READONLY, password=GOOD),
    )
    set_role(db, user="setup", login=login, role=Role.SECRETARIAT)
    set_active(db, user="setup", login=login, active=False)
    with db.session_factory() as session:
        can_login, groups = session.execute(
            text(
                "SELECT r.rolcanlogin, array(SELECT g.rolname FROM pg_auth_members m "
                "JOIN pg_roles g ON g.oid = m.roleid WHERE m.member = r.oid) "
                "FROM pg_roles r WHERE r.rolname = :n"
            ),
            {"n": login},
        ).one()
    assert not can_login
    assert groups == ["yishi_secretariat"]
