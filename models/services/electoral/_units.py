"""Creating an electoral unit inside a unit of work: the units dialog and the imports share it."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models.domain.errors import DomainError
from models.entities import ElectoralUnit
from models.services.common.text import fitted
from models.services.electoral.contracts import UNIT_KINDS


def unit_kind(name: str) -> str:
    """街道 or 镇 by the name's ending, else 界别 (a sector such as the 特邀 group)."""
    if name.endswith("街道"):
        return "街道"
    if name.endswith(("镇", "乡")):
        return "镇"
    return "界别"


def checked_kind(kind: str) -> str:
    text = kind.strip()
    if text not in UNIT_KINDS:
        raise DomainError("unit_kind_invalid", field="kind", value=text)
    return text


def check_name_free(session: Session, name: str, *, unit_id: int | None = None) -> None:
    """Refuse a name another unit already has (`unit_id`: the unit being renamed)."""
    query = select(ElectoralUnit.id).where(ElectoralUnit.name == name)
    if unit_id is not None:
        query = query.where(ElectoralUnit.id != unit_id)
    if session.scalar(query) is not None:
        raise DomainError("unit_name_taken", field="name", name=name)


def create_unit(session: Session, name: str, kind: str | None = None) -> ElectoralUnit:
    """A new unit after the existing ones; its name must be free. Added to the session."""
    unit_name = fitted(name, ElectoralUnit.name, field="name", label="选举单位")
    if not unit_name:
        raise DomainError("missing_required", field="name", label="选举单位")
    unit_kind_text = checked_kind(kind if kind is not None else unit_kind(unit_name))
    if session.scalar(select(ElectoralUnit.id).where(ElectoralUnit.name == unit_name)):
        # The imports and their tests know this code; the units dialog asks check_name_free first.
        raise DomainError(
            "value_invalid", field="name", label="选举单位", value=unit_name, choices="未用的名称"
        )
    last = session.scalar(select(func.max(ElectoralUnit.sort_order))) or 0
    unit = ElectoralUnit(name=unit_name, kind=unit_kind_text, sort_order=last + 1)
    session.add(unit)
    return unit
