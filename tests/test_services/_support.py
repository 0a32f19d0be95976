"""Helpers shared by the service tests: valid ID numbers, drafts, counts and change-log reads."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select

from models.domain.identity import check_digit
from models.entities import ChangeLog, ElectoralUnit, User
from models.services.people.contracts import PersonDraft
from models.store.unit_of_work import Database


def valid_id(birth: str = "19800102", sequence: str = "123", area: str = "110109") -> str:
    """An ID number with the right check digit; sequence's last digit odd = 男, even = 女."""
    first17 = f"{area}{birth}{sequence}"
    return first17 + check_digit(first17)


ZHANG_SAN_ID = "110109198001021239"  # 男, born 1980-01-02
LI_SI_ID = "110109198503150022"  # 女, born 1985-03-15
WANG_WU_ID = "11010919800102101X"  # 男, ends in X


def draft(
    name: str = "张三", gender: str = "男", id_number: str = ZHANG_SAN_ID, **extra: Any
) -> PersonDraft:
    return PersonDraft(name=name, gender=gender, id_number=id_number, **extra)


def count(db: Database, entity: type) -> int:
    with db.session_factory() as session:
        return session.scalar(select(func.count()).select_from(entity)) or 0


@dataclass(frozen=True)
class LogRow:
    id: int
    at: datetime
    user_id: int | None
    user_login: str
    action: str
    entity: str
    entity_id: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    note: str | None


def last_log_id(db: Database) -> int:
    with db.session_factory() as session:
        return session.scalar(select(func.max(ChangeLog.id))) or 0


def log_since(db: Database, after_id: int) -> list[LogRow]:
    """Change-log rows written after `after_id`, oldest first, as plain values."""
    with db.session_factory() as session:
        rows = session.scalars(
            select(ChangeLog).where(ChangeLog.id > after_id).order_by(ChangeLog.id)
        ).all()
        return [
            LogRow(
                id=r.id,
                at=r.at,
                user_id=r.user_id,
                user_login=r.user_login,
                action=r.action,
                entity=r.entity,
                entity_id=r.entity_id,
                before=r.before,
                after=r.after,
                note=r.note,
            )
            for r in rows
        ]


def user_id_of(db: Database, login: str) -> int | None:
    with db.session_factory() as session:
        return session.scalar(select(User.id).where(User.login == login))


def add_units(db: Database, *names: str) -> None:
    """Electoral units are seeded data without a service of their own yet; write them directly."""
    with db.unit_of_work("setup") as uow:
        for order, name in enumerate(names, start=1):
            uow.session.add(ElectoralUnit(name=name, kind="街道", sort_order=order))
        uow.commit()
