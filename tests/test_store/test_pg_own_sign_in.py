"""Signing in and changing one's password through the core while connected to PostgreSQL as the
account's own login role: its app_user row is written only through the server's functions, and
the change log stays one valid chain (issue 15)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pg_accounts import assert_chain_valid
from pg_granted import Granted, granted_database
from sqlalchemy import select

from models.domain.errors import DomainError
from models.domain.roles import Role
from models.entities import ChangeLog, User
from models.services.accounts.commands import change_password, reset_password
from models.services.accounts.signing import sign_in

FIRST, CHOSEN = "Reset-Pass-9", "Chosen#2026x"


@pytest.fixture(scope="module")
def granted(
    postgres_available: None, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Granted]:
    with granted_database(tmp_path_factory.mktemp("pg-own-sign-in")) as database:
        yield database


def _row(granted: Granted, login: str) -> User:
    with granted.db.session_factory() as session:
        found = session.scalar(select(User).where(User.login == login))
        assert found is not None
        return found


def test_a_readonly_clerk_signs_in_and_changes_the_password_as_its_own_role(granted):
    login = granted.logins[Role.READONLY]
    own = granted.database(Role.READONLY)
    with pytest.raises(DomainError, match="account_refused"):
        sign_in(own, login=login, password="wrong-password-1")
    assert _row(granted, login).failed_sign_ins == 1  # counted through yishi_note_sign_in

    reset_password(granted.db, user="setup", login=login, password=FIRST)
    result = sign_in(own, login=login, password=FIRST)
    assert result.must_change_password and result.account.role is Role.READONLY
    assert _row(granted, login).failed_sign_ins == 0

    change_password(own, user=login, old_password=FIRST, new_password=CHOSEN)
    assert not _row(granted, login).must_change_password
    assert not sign_in(own, login=login, password=CHOSEN).must_change_password
    with granted.db.session_factory() as session:
        actions = session.scalars(
            select(ChangeLog.action).where(ChangeLog.user_login == login).order_by(ChangeLog.id)
        ).all()
    assert actions[:2] == ["sign_in_failed", "sign_in"] and actions[-1] == "sign_in"
    assert_chain_valid(granted.db)
