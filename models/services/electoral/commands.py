"""Setting up electoral units (选举单位) and their seats (名额分配) in a congress term.

Units are shared by every congress term (a street nominates in each) and seats are the term's own.
Each function is one user action in one unit of work; a refusal leaves nothing written.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from models.domain.errors import DomainError
from models.entities import ElectoralUnit, SeatAllocation, Term
from models.services.common.access import guarded
from models.services.common.text import fitted
from models.services.electoral._rows import (
    congress_term,
    load_unit,
    ordered_units,
    term_units,
    unit_row,
    uses_by_term,
)
from models.services.electoral._units import check_name_free, checked_kind, create_unit
from models.services.electoral.contracts import SeatsSet, TermUnits, UnitRow
from models.store.unit_of_work import Database


def checked_seats(name: str, seats: object) -> int:
    """名额 is a whole number, 0 or more."""
    if isinstance(seats, bool) or not isinstance(seats, int) or seats < 0:
        raise DomainError("seats_invalid", field="seats", name=name, value=seats)
    return seats


@guarded("electoral.edit")
def add_electoral_unit(
    db: Database,
    *,
    user: str,
    name: str,
    kind: str | None = None,
    seats: Sequence[tuple[int, int]] = (),
) -> int:
    """A new unit after the existing ones, with its seats per term (term id, seats); its id.
    Without a kind, the name says it (街道, 镇, else 界别)."""
    with db.unit_of_work(user) as uow:
        session = uow.session
        unit = create_unit(session, name, kind)
        for term_id, count in seats:
            term = session.get(Term, term_id)
            if term is None:
                raise DomainError("term_not_found", field="term", body="", term=str(term_id))
            session.add(
                SeatAllocation(electoral_unit=unit, term=term, seats=checked_seats(name, count))
            )
        _flush_name(session, unit.name)
        unit_id = unit.id
        uow.commit()
    return unit_id


@guarded("electoral.edit")
def add_unit(
    db: Database,
    *,
    user: str,
    term_id: int,
    name: str,
    kind: str | None = None,
    seats: int | None = None,
) -> UnitRow:
    """新增: a unit after the others, with its seats in the term when given."""
    with db.unit_of_work(user) as uow:
        session = uow.session
        term = congress_term(session, term_id)
        text = fitted(name, ElectoralUnit.name, field="name", label="选举单位")
        if text:
            check_name_free(session, text)
        unit = create_unit(session, name, kind)
        if seats is not None:
            session.add(
                SeatAllocation(
                    electoral_unit=unit, term=term, seats=checked_seats(unit.name, seats)
                )
            )
        _flush_name(session, unit.name)
        row = unit_row(session, term, unit.id)
        uow.commit()
    return row


@guarded("electoral.edit")
def set_seats(
    db: Database, *, user: str, term_id: int, seats: Sequence[tuple[str, int]]
) -> SeatsSet:
    """`yishi units set`: each named unit's seats in the term, creating the units that do not
    exist yet (kind from the name). Units not named keep theirs. All or nothing."""
    names: list[tuple[str, int]] = []
    for raw, count in seats:
        name = fitted(raw, ElectoralUnit.name, field="name", label="选举单位")
        if not name:
            raise DomainError("missing_required", field="name", label="选举单位")
        if any(name == seen for seen, _ in names):
            raise DomainError("unit_given_twice", field="name", name=name)
        names.append((name, checked_seats(name, count)))
    with db.unit_of_work(user) as uow:
        session = uow.session
        term = congress_term(session, term_id)
        existing = {u.name: u for u in ordered_units(session)}
        allocations = {
            a.electoral_unit_id: a
            for a in session.scalars(
                select(SeatAllocation).where(SeatAllocation.term_id == term.id)
            )
        }
        created: list[str] = []
        changed: list[str] = []
        for name, count in names:
            unit = existing.get(name)
            if unit is None:
                unit = create_unit(session, name)
                created.append(name)
                session.add(SeatAllocation(electoral_unit=unit, term=term, seats=count))
                changed.append(name)
                continue
            allocation = allocations.get(unit.id)
            if allocation is None:
                session.add(SeatAllocation(electoral_unit=unit, term=term, seats=count))
                changed.append(name)
            elif allocation.seats != count:
                allocation.seats = count
                changed.append(name)
        _flush_name(session, ", ".join(created))
        result = SeatsSet(
            units=term_units(session, term), created=tuple(created), changed=tuple(changed)
        )
        uow.commit()
    return result


@guarded("electoral.edit")
def set_unit_seats(db: Database, *, user: str, term_id: int, unit_id: int, seats: int) -> UnitRow:
    """One unit's seats in the term (the 名额 cell of the dialog)."""
    with db.unit_of_work(user) as uow:
        session = uow.session
        term = congress_term(session, term_id)
        unit = load_unit(session, unit_id)
        count = checked_seats(unit.name, seats)
        allocation = session.scalar(
            select(SeatAllocation).where(
                SeatAllocation.term_id == term.id, SeatAllocation.electoral_unit_id == unit.id
            )
        )
        if allocation is None:
            session.add(SeatAllocation(electoral_unit=unit, term=term, seats=count))
        else:
            allocation.seats = count
        row = unit_row(session, term, unit.id)
        uow.commit()
    return row


@guarded("electoral.edit")
def remove_seat_allocation(db: Database, *, user: str, term_id: int, unit_id: int) -> UnitRow:
    """The term allocates the unit no seats any more (the unit stays, as do other terms' seats)."""
    with db.unit_of_work(user) as uow:
        session = uow.session
        term = congress_term(session, term_id)
        unit = load_unit(session, unit_id)
        session.execute(
            delete(SeatAllocation).where(
                SeatAllocation.term_id == term.id, SeatAllocation.electoral_unit_id == unit.id
            )
        )
        row = unit_row(session, term, unit.id)
        uow.commit()
    return row


@guarded("electoral.edit")
def rename_unit(
    db: Database, *, user: str, term_id: int, unit_id: int, name: str, kind: str | None = None
) -> UnitRow:
    """改名 (and, when given, another kind). Every term's memberships show the new name."""
    with db.unit_of_work(user) as uow:
        session = uow.session
        term = congress_term(session, term_id)
        unit = load_unit(session, unit_id)
        text = fitted(name, ElectoralUnit.name, field="name", label="选举单位")
        if not text:
            raise DomainError("missing_required", field="name", label="选举单位")
        check_name_free(session, text, unit_id=unit.id)
        unit.name = text
        if kind is not None:
            unit.kind = checked_kind(kind)
        _flush_name(session, text)
        row = unit_row(session, term, unit.id)
        uow.commit()
    return row


@guarded("electoral.edit")
def move_unit(db: Database, *, user: str, term_id: int, unit_id: int, step: int) -> TermUnits:
    """Up (step -1) or down (+1) one place; every unit in the new order."""
    if step not in (-1, 1):
        raise ValueError(f"step is -1 or +1, not {step!r}")
    with db.unit_of_work(user) as uow:
        session = uow.session
        term = congress_term(session, term_id)
        load_unit(session, unit_id)
        units = ordered_units(session)
        at = next(i for i, u in enumerate(units) if u.id == unit_id)
        to = at + step
        if 0 <= to < len(units):
            units[at], units[to] = units[to], units[at]
        _renumber(units)
        session.flush()
        result = term_units(session, term)
        uow.commit()
    return result


@guarded("electoral.edit")
def reorder_units(db: Database, *, user: str, term_id: int, unit_ids: Sequence[int]) -> TermUnits:
    """Set the order: every unit's id once, first to last."""
    with db.unit_of_work(user) as uow:
        session = uow.session
        term = congress_term(session, term_id)
        units = {u.id: u for u in ordered_units(session)}
        if len(unit_ids) != len(units) or set(unit_ids) != set(units):
            raise DomainError("unit_order_incomplete")
        _renumber([units[i] for i in unit_ids])
        session.flush()
        result = term_units(session, term)
        uow.commit()
    return result


@guarded("electoral.edit")
def remove_unit(db: Database, *, user: str, term_id: int, unit_id: int) -> UnitRow:
    """删除 a unit no membership of any term names; its seats in every term go with it.
    Returns the unit as it was."""
    with db.unit_of_work(user) as uow:
        session = uow.session
        term = congress_term(session, term_id)
        unit = load_unit(session, unit_id)
        row = unit_row(session, term, unit.id)
        uses = uses_by_term(session, unit.id)
        if uses:
            raise DomainError(
                "unit_in_use",
                name=unit.name,
                count=sum(count for _, count in uses),
                uses="，".join(f"{term_name} {count} 人" for term_name, count in uses),
            )
        session.execute(delete(SeatAllocation).where(SeatAllocation.electoral_unit_id == unit.id))
        session.delete(unit)
        try:
            session.flush()
        except IntegrityError as exc:  # a membership named it a moment ago
            raise DomainError("unit_in_use_now", name=row.name) from exc
        _renumber(ordered_units(session))
        uow.commit()
    return row


def _renumber(units: Sequence[ElectoralUnit]) -> None:
    """1..n, which also mends ties (several units with the same order)."""
    for order, unit in enumerate(units, start=1):
        if unit.sort_order != order:
            unit.sort_order = order


def _flush_name(session: Session, name: str) -> None:
    try:
        session.flush()
    except IntegrityError as exc:  # another clerk saved the same name a moment ago
        raise DomainError("unit_name_taken", field="name", name=name) from exc
