"""Electoral units a term's delegates can come from."""

from __future__ import annotations

from sqlalchemy import select

from models.entities import ElectoralUnit, SeatAllocation
from models.store.unit_of_work import Database


def units_of_term(db: Database, *, term_id: int) -> list[str]:
    """The units with seats in the term, in their order; every unit when none has seats yet."""
    with db.session_factory() as session:
        allocated = session.scalars(
            select(ElectoralUnit.name)
            .join(SeatAllocation, SeatAllocation.electoral_unit_id == ElectoralUnit.id)
            .where(SeatAllocation.term_id == term_id)
            .order_by(ElectoralUnit.sort_order, ElectoralUnit.name)
        ).all()
        if allocated:
            return list(allocated)
        return list(
            session.scalars(select(ElectoralUnit.name).order_by(ElectoralUnit.sort_order)).all()
        )


def seats_of_term(db: Database, *, term_id: int) -> list[tuple[str, int]]:
    """名额分配: each unit's seats in the term, in the units' order."""
    with db.session_factory() as session:
        rows = session.execute(
            select(ElectoralUnit.name, SeatAllocation.seats)
            .join(SeatAllocation, SeatAllocation.electoral_unit_id == ElectoralUnit.id)
            .where(SeatAllocation.term_id == term_id)
            .order_by(ElectoralUnit.sort_order, ElectoralUnit.name)
        ).all()
    return [(name, seats) for name, seats in rows]
