"""Signing in: the password checked, repeated failures locking the account for a while, and
every attempt — granted or refused — an entry of the change log.

A refusal never says which part was wrong (no such name, wrong password, disabled, locked):
that would tell a stranger which names exist. Each attempt costs one argon2 hashing whatever
the name, so the time taken does not tell either.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.domain.errors import DomainError
from models.domain.passwords import FAILURES_BEFORE_LOCK, LOCK_DURATION
from models.domain.roles import Role, SignedIn
from models.entities import User
from models.entities.motions import HandlingUnit
from models.services.accounts import _database_roles
from models.services.accounts._passwords import hash_password, needs_rehash, verify_password
from models.services.accounts.contracts import SignInResult
from models.store.unit_of_work import Database, UnitOfWork


def sign_in(db: Database, *, login: str, password: str) -> SignInResult:
    """The account, if `password` is its password and it may sign in now; else
    `account_refused`, the same for every reason."""
    tried = login.strip()
    with db.unattributed_work(tried) as uow:
        session = uow.session
        now = db.clock()
        user = session.scalar(select(User).where(User.login == tried))
        matches = verify_password(user.password_hash if user is not None else None, password)
        reason = _refusal(user, matches, now)
        if reason is not None:
            if user is not None and reason == "wrong_password":
                _count_failure(session, user, now)
            _note(uow, tried, "sign_in_failed", reason)
            uow.commit()
            raise DomainError("account_refused")
        assert user is not None  # _refusal refuses a missing account
        _count_success(session, user, password)
        _note(uow, tried, "sign_in", None)
        result = SignInResult(_signed_in(session, user), user.must_change_password)
        uow.commit()
    return result


def _refusal(user: User | None, matches: bool, now: datetime) -> str | None:
    """Why the attempt is refused, for the log only (the clerk is told none of it)."""
    if user is None or user.password_hash is None:
        return "no_account"
    if not user.active:
        return "disabled"
    if user.locked_until is not None and user.locked_until > now:
        return "locked"
    if not matches:
        return "wrong_password"
    return None


def _count_failure(session: Session, user: User, now: datetime) -> None:
    failed, locked_until = user.failed_sign_ins + 1, user.locked_until
    if failed >= FAILURES_BEFORE_LOCK:
        failed, locked_until = 0, now + LOCK_DURATION
    _store(session, user, failed, locked_until)


def _count_success(session: Session, user: User, password: str) -> None:
    if _database_roles.as_own_role(session, user.login):
        _database_roles.note_own_sign_in(session, failed=0, locked_until=None)
        return
    user.failed_sign_ins = 0
    user.locked_until = None
    if user.password_hash is not None and needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)


def _store(session: Session, user: User, failed: int, locked_until: datetime | None) -> None:
    """The count and the lock; on PostgreSQL as the clerk's own role, through the server (the
    role may not UPDATE app_user), else on the row."""
    if _database_roles.as_own_role(session, user.login):
        _database_roles.note_own_sign_in(session, failed=failed, locked_until=locked_until)
    else:
        user.failed_sign_ins = failed
        user.locked_until = locked_until


def _note(uow: UnitOfWork, login: str, action: str, reason: str | None) -> None:
    uow.log(action=action, entity="app_user", entity_id=login, note=reason)


def _signed_in(session: Session, user: User) -> SignedIn:
    unit = session.get(HandlingUnit, user.unit_id) if user.unit_id is not None else None
    return SignedIn(
        login=user.login,
        role=Role(user.role),
        display_name=user.display_name,
        unit_id=user.unit_id,
        unit_name=unit.name if unit is not None else None,
    )
