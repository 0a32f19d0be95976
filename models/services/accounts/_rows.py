"""app_user rows as AccountRow, and the handling unit an account acts for."""

from __future__ import annotations

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from models.domain.errors import DomainError
from models.domain.roles import Role
from models.entities import User
from models.entities.motions import HandlingUnit
from models.services.accounts.contracts import AccountRow


def account_query() -> Select[User, str]:
    return (
        select(User, HandlingUnit.name)
        .outerjoin(HandlingUnit, HandlingUnit.id == User.unit_id)
        .order_by(User.login)
    )


def account_row(user: User, unit_name: str | None) -> AccountRow:
    return AccountRow(
        id=user.id,
        login=user.login,
        display_name=user.display_name,
        role=Role(user.role),
        active=user.active,
        has_password=user.password_hash is not None,
        must_change_password=user.must_change_password,
        locked_until=user.locked_until,
        unit_id=user.unit_id,
        unit_name=unit_name,
    )


def row_of(session: Session, user: User) -> AccountRow:
    unit = session.get(HandlingUnit, user.unit_id) if user.unit_id is not None else None
    return account_row(user, unit.name if unit is not None else None)


def unit_for(session: Session, role: Role, unit_name: str | None) -> int | None:
    """The handling unit of a 承办单位 account (required, active); none for the other roles."""
    name = (unit_name or "").strip()
    if role is not Role.UNIT:
        if name:
            raise DomainError("unit_only_for_unit_accounts", field="unit")
        return None
    if not name:
        raise DomainError("unit_account_needs_unit", field="unit")
    unit = session.scalar(
        select(HandlingUnit).where(HandlingUnit.name == name, HandlingUnit.active.is_(True))
    )
    if unit is None:
        raise DomainError("account_unit_unknown", field="unit", unit=name)
    return unit.id


def account_named(session: Session, login: str) -> User:
    user = session.scalar(select(User).where(User.login == login.strip()))
    if user is None:
        raise DomainError("account_unknown", field="login", login=login.strip())
    return user


def ensure_admin_remains(session: Session, changing: User) -> None:
    """Refuse the change that would leave no active administrator able to sign in."""
    others = session.scalar(
        select(User.id)
        .where(
            User.id != changing.id,
            User.role == Role.ADMIN.value,
            User.active.is_(True),
            User.password_hash.is_not(None),
        )
        .limit(1)
    )
    if others is None:
        raise DomainError("last_admin")
