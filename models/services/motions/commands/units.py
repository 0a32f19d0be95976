"""Commands on the handling units (承办单位) clerks edit: add, rename, kind, stop and restart, order,
delete.

Units are seeded with the database and edited here (DOMAIN §8). A unit once assigned a motion is
never deleted, only deactivated: its assignments keep naming it, and the 交办 forms stop offering it.
"""

from __future__ import annotations

from contextlib import AbstractContextManager

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from models.domain.errors import DomainError
from models.entities import Assignment, HandlingUnit
from models.services.common.access import guarded
from models.services.common.command import editing
from models.services.motions._units import unit_rows
from models.services.motions.contracts import UNIT_KINDS, HandlingUnitRow, check_name
from models.store.unit_of_work import Database, UnitOfWork


def _check_kind(kind: str) -> None:
    if kind not in UNIT_KINDS:
        raise DomainError("handling_unit_kind_invalid", field="kind", value=kind)


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


@guarded("motions.units")
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
        (row,) = unit_rows(session, unit.id)
        uow.commit()
    return row


def _editing(
    db: Database, user: str, unit_id: int, expected_version: int | None
) -> AbstractContextManager[tuple[UnitOfWork, HandlingUnit]]:
    """The shared edit preamble: a unit changed by another clerk since the dialog loaded it
    (`expected_version`, None: not checked) is refused as stale, naming who and when."""
    return editing(
        db,
        user,
        HandlingUnit,
        unit_id,
        expected_version,
        missing=lambda i: DomainError("handling_unit_not_found", unit_id=i),
    )


@guarded("motions.units")
def rename_handling_unit(
    db: Database, *, user: str, unit_id: int, name: str, expected_version: int | None = None
) -> HandlingUnitRow:
    """A new name; the unit's motions, open or closed, show the new name from now on."""
    with _editing(db, user, unit_id, expected_version) as (uow, unit):
        session = uow.session
        unit.name = _checked_name(session, name, unit_id=unit_id)
        _flush_name(session, unit.name)
        (row,) = unit_rows(session, unit_id)
    return row


@guarded("motions.units")
def set_handling_unit_kind(
    db: Database, *, user: str, unit_id: int, kind: str, expected_version: int | None = None
) -> HandlingUnitRow:
    """内设部门 (internal) or 外部单位 (external)."""
    _check_kind(kind)
    with _editing(db, user, unit_id, expected_version) as (uow, unit):
        unit.kind = kind
        uow.session.flush()
        (row,) = unit_rows(uow.session, unit_id)
    return row


def _set_active(
    db: Database, user: str, unit_id: int, active: bool, expected_version: int | None
) -> HandlingUnitRow:
    with _editing(db, user, unit_id, expected_version) as (uow, unit):
        unit.active = active
        uow.session.flush()
        (row,) = unit_rows(uow.session, unit_id)
    return row


@guarded("motions.units")
def deactivate_handling_unit(
    db: Database, *, user: str, unit_id: int, expected_version: int | None = None
) -> HandlingUnitRow:
    """停用: no longer offered for 交办; the motions it already handles keep it."""
    return _set_active(db, user, unit_id, False, expected_version)


@guarded("motions.units")
def reactivate_handling_unit(
    db: Database, *, user: str, unit_id: int, expected_version: int | None = None
) -> HandlingUnitRow:
    """启用: offered for 交办 again."""
    return _set_active(db, user, unit_id, True, expected_version)


@guarded("motions.units")
def set_handling_unit_active(
    db: Database, *, user: str, unit_id: int, active: bool, expected_version: int | None = None
) -> HandlingUnitRow:
    """启用 (active) or 停用 (not), as the dialog's one switch says."""
    return _set_active(db, user, unit_id, active, expected_version)


@guarded("motions.units")
def move_handling_unit(
    db: Database, *, user: str, unit_id: int, step: int, expected_version: int | None = None
) -> list[HandlingUnitRow]:
    """Up (step -1) or down (+1) one place; returns every row in the new order. The moved unit's
    version is checked; the neighbour it swaps with is renumbered (and versioned) with it."""
    if step not in (-1, 1):
        raise ValueError(f"step is -1 or +1, not {step!r}")
    with _editing(db, user, unit_id, expected_version) as (uow, _unit):
        session = uow.session
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
        rows = unit_rows(session)
    return rows


@guarded("motions.units")
def delete_handling_unit(
    db: Database, *, user: str, unit_id: int, expected_version: int | None = None
) -> None:
    """Only a unit no motion was ever assigned to; any other can only be deactivated."""
    with _editing(db, user, unit_id, expected_version) as (uow, unit):
        session = uow.session
        used = session.scalar(select(func.count()).where(Assignment.unit_id == unit_id)) or 0
        if used:
            raise DomainError("handling_unit_in_use", name=unit.name, count=used)
        session.delete(unit)
