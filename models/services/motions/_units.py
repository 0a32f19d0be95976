"""The handling units as rows, with how many motions each handles now and ever handled."""

from __future__ import annotations

from sqlalchemy import case, distinct, func, select
from sqlalchemy.orm import Session

from models.domain.motion_workflow import TERMINAL
from models.entities import Assignment, HandlingUnit, Motion
from models.services.motions.contracts import HandlingUnitRow


def unit_rows(session: Session, unit_id: int | None = None) -> list[HandlingUnitRow]:
    is_open = Assignment.active.is_(True) & Motion.state.not_in(TERMINAL)
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
            version=unit.version,
        )
        for unit, open_count, total in session.execute(query).all()
    ]
