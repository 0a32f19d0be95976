"""The handling units (承办单位) a motion can be assigned to, for the 交办 form."""

from __future__ import annotations

from sqlalchemy import select

from models.entities import HandlingUnit
from models.store.unit_of_work import Database


def list_handling_units(db: Database) -> list[tuple[int, str]]:
    """The active units as (id, name), in their sort order."""
    with db.session_factory() as session:
        rows = session.execute(
            select(HandlingUnit.id, HandlingUnit.name)
            .where(HandlingUnit.active.is_(True))
            .order_by(HandlingUnit.sort_order, HandlingUnit.id)
        ).all()
    return [(unit_id, name) for unit_id, name in rows]
