"""Inside a session: the congress term a change is about, and its units as rows."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models.domain.errors import DomainError
from models.domain.vocabulary import BodyKind, term_display_name
from models.entities import Body, ElectoralUnit, Membership, SeatAllocation, Term
from models.services.electoral.contracts import TermUnits, UnitRow


def congress_term(session: Session, term_id: int) -> Term:
    """The term, refused unless it is a congress term: only the congress has electoral units."""
    term = session.get(Term, term_id)
    if term is None:
        raise DomainError("term_not_found", field="term", body="代表大会", term=f"编号 {term_id}")
    if term.body.code != BodyKind.CONGRESS.value or term.ordinal is None:
        raise DomainError("units_congress_only", field="term", body=term.body.name)
    return term


def load_unit(session: Session, unit_id: int) -> ElectoralUnit:
    unit = session.get(ElectoralUnit, unit_id)
    if unit is None:
        raise DomainError("unit_id_not_found", unit_id=unit_id)
    return unit


def ordered_units(session: Session) -> list[ElectoralUnit]:
    return list(
        session.scalars(select(ElectoralUnit).order_by(ElectoralUnit.sort_order, ElectoralUnit.id))
    )


def term_units(session: Session, term: Term) -> TermUnits:
    """Every unit in order, with the term's seats and how many memberships name it."""
    seats = dict(
        session.execute(
            select(SeatAllocation.electoral_unit_id, SeatAllocation.seats).where(
                SeatAllocation.term_id == term.id
            )
        ).all()
    )
    uses = session.execute(
        select(Membership.electoral_unit_id, Membership.term_id, func.count())
        .where(Membership.electoral_unit_id.is_not(None))
        .group_by(Membership.electoral_unit_id, Membership.term_id)
    ).all()
    members: dict[int, int] = {}
    used: dict[int, int] = {}
    for unit_id, term_id, count in uses:
        if unit_id is None:  # the query leaves these out; the type does not know it
            continue
        used[unit_id] = used.get(unit_id, 0) + count
        if term_id == term.id:
            members[unit_id] = count
    rows = tuple(
        UnitRow(
            id=unit.id,
            name=unit.name,
            kind=unit.kind,
            order=order,
            seats=seats.get(unit.id),
            members=members.get(unit.id, 0),
            used=used.get(unit.id, 0),
        )
        for order, unit in enumerate(ordered_units(session), start=1)
    )
    assert term.ordinal is not None  # congress_term refuses the others
    return TermUnits(
        term_id=term.id,
        term=term.ordinal,
        term_name=f"{term_display_name(term.ordinal)}{term.body.name}",
        units=rows,
    )


def unit_row(session: Session, term: Term, unit_id: int) -> UnitRow:
    session.flush()
    return next(u for u in term_units(session, term).units if u.id == unit_id)


def uses_by_term(session: Session, unit_id: int) -> list[tuple[str, int]]:
    """(第七届代表大会, 12) for each term whose memberships name the unit."""
    rows = session.execute(
        select(Body.name, Term.ordinal, func.count())
        .select_from(Membership)
        .join(Term, Term.id == Membership.term_id)
        .join(Body, Body.id == Term.body_id)
        .where(Membership.electoral_unit_id == unit_id)
        .group_by(Body.name, Term.ordinal)
        .order_by(Term.ordinal)
    ).all()
    return [(f"{term_display_name(ordinal)}{body}", count) for body, ordinal, count in rows]
