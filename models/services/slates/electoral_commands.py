"""Setting up electoral units (选举单位) and their seats (名额分配) in a congress term."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select

from models.domain.errors import DomainError
from models.entities import ElectoralUnit, SeatAllocation, Term
from models.services.common.text import fitted
from models.store.unit_of_work import Database


def add_electoral_unit(
    db: Database,
    *,
    user: str,
    name: str,
    kind: str,
    seats: Sequence[tuple[int, int]] = (),
) -> int:
    """A new unit after the existing ones, with its seats per term (term id, seats); its id."""
    unit_name = fitted(name, ElectoralUnit.name, field="name", label="选举单位")
    if not unit_name:
        raise DomainError("missing_required", field="name", label="选举单位")
    unit_kind = fitted(kind, ElectoralUnit.kind, field="kind", label="选举单位类型")
    if not unit_kind:
        raise DomainError("missing_required", field="kind", label="选举单位类型")
    with db.unit_of_work(user) as uow:
        session = uow.session
        if session.scalar(select(ElectoralUnit.id).where(ElectoralUnit.name == unit_name)):
            raise DomainError(
                "value_invalid",
                field="name",
                label="选举单位",
                value=unit_name,
                choices="未用的名称",
            )
        last = session.scalar(select(func.max(ElectoralUnit.sort_order))) or 0
        unit = ElectoralUnit(name=unit_name, kind=unit_kind, sort_order=last + 1)
        session.add(unit)
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
