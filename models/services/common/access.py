"""What the signed-in account may do, checked by every command before it runs.

Each command of the core is wrapped in `guarded("feature.action")` (the action's row in
models/domain/permissions.py). The wrapper reads the clerk's account afresh — a role changed or
an account disabled a minute ago counts now — and refuses with `role_refused` before anything is
read or written. While the database does not require sign-in, the clerk is the OS login (or
--user) and acts as an administrator, as before accounts existed.

A 承办单位 account is further bound to its own unit's motions: the commands that take a motion
call `require_unit_scope` with the motion's units once they have loaded it.
"""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, ParamSpec, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.domain.errors import DomainError
from models.domain.permissions import PERMISSIONS, may
from models.domain.roles import ROLE_NAMES, Role, SignedIn
from models.domain.rules import load_leader_signs
from models.entities import Setting, User
from models.entities.motions import HandlingUnit
from models.store.unit_of_work import Database, sign_in_required

P = ParamSpec("P")
T = TypeVar("T")

RULES_CONTENT = "rules.content"

# The account the running command was checked for (set by `guarded`, read by unit-scope checks).
_running_as: ContextVar[SignedIn | None] = ContextVar("yishi_running_as", default=None)


# The one action an account whose password was set or reset by an administrator may take.
OWN_PASSWORD = "accounts.own_password"


def account_in(session: Session, login: str, *, action: str | None = None) -> SignedIn:
    """The account `login` works as; refused (`account_refused`, never saying whether the name
    exists) when sign-in is required and it is not an active account with a password, and
    (`password_change_required`) while its password is one an administrator set, for anything
    but changing it."""
    if not sign_in_required(session):
        return SignedIn(login=login, role=Role.ADMIN, display_name=login)
    found = session.execute(
        select(User, HandlingUnit.name)
        .outerjoin(HandlingUnit, HandlingUnit.id == User.unit_id)
        .where(User.login == login)
    ).one_or_none()
    if found is None:
        raise DomainError("account_refused")
    user, unit_name = found
    if not user.active or user.password_hash is None:
        raise DomainError("account_refused")
    if user.must_change_password and action != OWN_PASSWORD:
        raise DomainError("password_change_required")
    return SignedIn(
        login=user.login,
        role=Role(user.role),
        display_name=user.display_name,
        unit_id=user.unit_id,
        unit_name=unit_name,
    )


def account_of(db: Database, login: str) -> SignedIn:
    with db.session_factory() as session:
        return account_in(session, login)


def leader_signs(session: Session) -> bool:
    """[permissions] leader_signs of the rules in force (false when there are none yet)."""
    content = session.scalar(select(Setting.value).where(Setting.key == RULES_CONTENT))
    if content is None:
        return False
    try:
        return load_leader_signs(content)
    except (DomainError, tomllib.TOMLDecodeError):
        return False


def refusal(account: SignedIn, action: str) -> DomainError:
    permission = PERMISSIONS.get(action)
    label = permission.label if permission is not None else action
    return DomainError("role_refused", role=ROLE_NAMES[account.role], action=label)


def check_allowed(session: Session, login: str, action: str) -> SignedIn:
    """The account, if its role may take `action`; else `role_refused` naming role and action."""
    account = account_in(session, login, action=action)
    signs = account.role is Role.LEADER and leader_signs(session)
    if not may(account.role, action, leader_signs=signs):
        raise refusal(account, action)
    return account


def allowed(db: Database, login: str, action: str) -> SignedIn:
    with db.session_factory() as session:
        return check_allowed(session, login, action)


def running_as() -> SignedIn | None:
    """The account the command now running was checked for (None outside a guarded command)."""
    return _running_as.get()


@contextmanager
def acting_as(account: SignedIn) -> Iterator[None]:
    token = _running_as.set(account)
    try:
        yield
    finally:
        _running_as.reset(token)


def require_unit_scope(unit_ids: Iterable[int | None], action: str) -> None:
    """A 承办单位 account may act only on motions assigned to its own unit."""
    account = running_as()
    if account is None or account.role is not Role.UNIT:
        return
    if account.unit_id is None or account.unit_id not in set(unit_ids):
        raise DomainError(
            "unit_scope_refused", unit=account.unit_name or "", action=PERMISSIONS[action].label
        )


def guarded(action: str) -> Callable[[Callable[P, T]], Callable[P, T]]:
    """Wrap a command (`db` first, `user=` by keyword) so it runs only for a role that may."""
    if action not in PERMISSIONS:
        raise KeyError(f"{action} is not in models/domain/permissions.py")

    def wrap(command: Callable[P, T]) -> Callable[P, T]:
        @functools.wraps(command)
        def run(*args: P.args, **kwargs: P.kwargs) -> T:
            if running_as() is not None:
                # Called by another command (set_up → replace_rules, add_person → add_people,
                # the import → each row): the outer command's check covers the user action, so
                # it is neither checked nor refused a second time.
                return command(*args, **kwargs)
            db: Any = args[0] if args else kwargs["db"]
            account = allowed(db, str(kwargs["user"]), action)
            with acting_as(account):
                return command(*args, **kwargs)

        run.action = action  # type: ignore[attr-defined]
        return run

    return wrap
