"""Setting up electoral units (选举单位) and their seats (名额分配) in a congress term."""

from __future__ import annotations

from collections.abc import Sequence

from models.domain.errors import DomainError
from models.entities import SeatAllocation, Term
from models.services.electoral._units import create_unit
from models.store.unit_of_work import Database


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
            if count < 0:
                raise DomainError(
                    "value_invalid", field="seats", label="名额", value=count, choices="0 或更多"
                )
            session.add(SeatAllocation(electoral_unit=unit, term=term, seats=count))
        session.flush()
        unit_id = unit.id
        uow.commit()
    return unit_id
