"""The handling units (承办单位) clerks edit: list, add, rename, kind, stop and restart, order, delete.

Units are seeded with the database and edited here (DOMAIN §8). A unit once assigned a motion is
never deleted, only deactivated: its assignments keep naming it, and the 交办 forms stop offering it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import case, distinct, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from models.domain.errors import DomainError
from models.domain.motion_workflow import TERMINAL
from models.entities import Assignment, HandlingUnit, Motion
from models.store.unit_of_work import Database

UNIT_KINDS = ("internal", "external")
NAME_LIMIT: int = HandlingUnit.name.property.columns[0].type.length  # type: ignore[attr-defined]
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class HandlingUnitRow:
    id: int
    name: str
    kind: str  # internal | external
    sort_order: int
    active: bool
    open_motions: int  # motions not yet closed that the unit currently handles
    motions: int  # every motion ever assigned to it, 退办 and closed ones included

    @property
    def is_used(self) -> bool:
        return self.motions > 0


def name_key(name: str) -> str:
    """What makes two names the same unit: 'ＸＸ 局' and 'xx局' are one (width, case, spaces)."""
    return _SPACES.sub("", unicodedata.normalize("NFKC", name)).casefold()


# ---------------------------------------------------------------- reading


def list_handling_units(db: Database) -> list[tuple[int, str]]:
    """The active units as (id, name), in their sort order: what the 交办 forms offer."""
    with db.session_factory() as session:
        rows = session.execute(
            select(HandlingUnit.id, HandlingUnit.name)
            .where(HandlingUnit.active.is_(True))
            .order_by(HandlingUnit.sort_order, HandlingUnit.id)
        ).all()
    return [(unit_id, name) for unit_id, name in rows]


def _rows(session: Session, unit_id: int | None = None) -> list[HandlingUnitRow]:
    is_open = Assignment.active.is_(True) & Motion.state.not_in([s.value for s in TERMINAL])
    query = (
        select(
            HandlingUnit,
            func.count(distinct(case((is_open, Assignment.motion_id)))),
            func.count(distinct(Assignment.motion_id)),
        )
        .outerjoin(Assignment, Assignment.unit_id == HandlingUnit.id)
        .outerjoin(Motion, Motion.id == Assignment.motion_id)
        .group_by(HandlingUnit.id)
        .order_by(HandlingUnit.sort_order, HandlingUnit.id)
    )
    if unit_id is not None:
        query = query.where(HandlingUnit.id == unit_id)
    return [
        HandlingUnitRow(
            id=unit.id,
            name=unit.name,
            kind=unit.kind,
            sort_order=unit.sort_order,
            active=unit.active,
            open_motions=open_count,
            motions=total,
        )
        for unit, open_count, total in session.execute(query).all()
    ]


def list_handling_unit_rows(db: Database) -> list[HandlingUnitRow]:
    """Every unit, active or not, in sort order, with how many motions it handles and handled."""
    with db.session_factory() as session:
        return _rows(session)


# ---------------------------------------------------------------- writing


def _load(session: Session, unit_id: int) -> HandlingUnit:
    unit = session.get(HandlingUnit, unit_id)
    if unit is None:
        raise DomainError("handling_unit_not_found", unit_id=unit_id)
    return unit


def _check_kind(kind: str) -> None:
    if kind not in UNIT_KINDS:
        raise DomainError("handling_unit_kind_invalid", field="kind", value=kind)


def check_name(name: str, others: Iterable[tuple[str, bool]]) -> str:
    """The trimmed name, refused when empty, too long or the same as one of `others` (name, active).

    Plain data in, so the dialog can say the same thing inline while the clerk types.
    """
    text = (name or "").strip()
    if not text:
        raise DomainError("handling_unit_name_blank", field="name")
    if len(text) > NAME_LIMIT:
        raise DomainError("text_too_long", field="name", label="承办单位名称", limit=NAME_LIMIT)
    key = name_key(text)
    for other, active in others:
        if name_key(other) == key:
            code = "handling_unit_name_taken" if active else "handling_unit_name_inactive"
            raise DomainError(code, field="name", name=text, existing=other)
    return text


def _checked_name(session: Session, name: str, *, unit_id: int | None = None) -> str:
    others = session.execute(
        select(HandlingUnit.name, HandlingUnit.active).where(HandlingUnit.id != (unit_id or -1))
    ).all()
    return check_name(name, [(other, active) for other, active in others])


def _flush_name(session: Session, name: str) -> None:
    try:
        session.flush()
    except IntegrityError as exc:  # another clerk saved the same name a moment ago
        raise DomainError(
            "handling_unit_name_taken", field="name", name=name, existing=name
        ) from exc


def add_handling_unit(
    db: Database, *, user: str, name: str, kind: str = "internal"
) -> HandlingUnitRow:
    """A new active unit at the end of the list."""
    _check_kind(kind)
    with db.unit_of_work(user) as uow:
        session = uow.session
        text = _checked_name(session, name)
        last = session.scalar(select(func.max(HandlingUnit.sort_order))) or 0
        unit = HandlingUnit(name=text, kind=kind, sort_order=last + 1, active=True)
        session.add(unit)
        _flush_name(session, text)
        (row,) = _rows(session, unit.id)
        uow.commit()
    return row


def rename_handling_unit(db: Database, *, user: str, unit_id: int, name: str) -> HandlingUnitRow:
    """A new name; the unit's motions, open or closed, show the new name from now on."""
    with db.unit_of_work(user) as uow:
        session = uow.session
        unit = _load(session, unit_id)
        unit.name = _checked_name(session, name, unit_id=unit_id)
        _flush_name(session, unit.name)
        (row,) = _rows(session, unit_id)
        uow.commit()
    return row


def set_handling_unit_kind(db: Database, *, user: str, unit_id: int, kind: str) -> HandlingUnitRow:
    """内设部门 (internal) or 外部单位 (external)."""
    _check_kind(kind)
    with db.unit_of_work(user) as uow:
        session = uow.session
        _load(session, unit_id).kind = kind
        session.flush()
        (row,) = _rows(session, unit_id)
        uow.commit()
    return row


def _set_active(db: Database, user: str, unit_id: int, active: bool) -> HandlingUnitRow:
    with db.unit_of_work(user) as uow:
        session = uow.session
        _load(session, unit_id).active = active
        session.flush()
        (row,) = _rows(session, unit_id)
        uow.commit()
    return row


def deactivate_handling_unit(db: Database, *, user: str, unit_id: int) -> HandlingUnitRow:
    """停用: no longer offered for 交办; the motions it already handles keep it."""
    return _set_active(db, user, unit_id, False)


def reactivate_handling_unit(db: Database, *, user: str, unit_id: int) -> HandlingUnitRow:
    """启用: offered for 交办 again."""
    return _set_active(db, user, unit_id, True)


def move_handling_unit(
    db: Database, *, user: str, unit_id: int, step: int
) -> list[HandlingUnitRow]:
    """Up (step -1) or down (+1) one place; returns every row in the new order."""
    if step not in (-1, 1):
        raise ValueError(f"step is -1 or +1, not {step!r}")
    with db.unit_of_work(user) as uow:
        session = uow.session
        _load(session, unit_id)
        units = list(
            session.scalars(select(HandlingUnit).order_by(HandlingUnit.sort_order, HandlingUnit.id))
        )
        at = next(i for i, u in enumerate(units) if u.id == unit_id)
        to = at + step
        if 0 <= to < len(units):
            units[at], units[to] = units[to], units[at]
        # Renumbering 1..n also mends ties left by seeding (several units with the same order).
        for order, unit in enumerate(units, start=1):
            unit.sort_order = order
        session.flush()
        rows = _rows(session)
        uow.commit()
    return rows


def delete_handling_unit(db: Database, *, user: str, unit_id: int) -> None:
    """Only a unit no motion was ever assigned to; any other can only be deactivated."""
    with db.unit_of_work(user) as uow:
        session = uow.session
        unit = _load(session, unit_id)
        used = session.scalar(select(func.count()).where(Assignment.unit_id == unit_id)) or 0
        if used:
            raise DomainError("handling_unit_in_use", name=unit.name, count=used)
        session.delete(unit)
        uow.commit()
