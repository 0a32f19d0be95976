"""Creating an electoral unit inside a unit of work: the units dialog and the imports share it."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models.domain.errors import DomainError
from models.entities import ElectoralUnit
from models.services.common.text import fitted


def unit_kind(name: str) -> str:
    """街道 or 镇 by the name's ending, else 界别 (a sector such as the 特邀 group)."""
    if name.endswith("街道"):
        return "街道"
    if name.endswith(("镇", "乡")):
        return "镇"
    return "界别"


def create_unit(session: Session, name: str, kind: str | None = None) -> ElectoralUnit:
    """A new unit after the existing ones; its name must be free. Added to the session."""
    unit_name = fitted(name, ElectoralUnit.name, field="name", label="选举单位")
    if not unit_name:
        raise DomainError("missing_required", field="name", label="选举单位")
    unit_kind_text = fitted(
        kind if kind is not None else unit_kind(unit_name),
        ElectoralUnit.kind,
        field="kind",
        label="选举单位类型",
    )
    if not unit_kind_text:
        raise DomainError("missing_required", field="kind", label="选举单位类型")
    if session.scalar(select(ElectoralUnit.id).where(ElectoralUnit.name == unit_name)):
        raise DomainError(
            "value_invalid", field="name", label="选举单位", value=unit_name, choices="未用的名称"
        )
    last = session.scalar(select(func.max(ElectoralUnit.sort_order))) or 0
    unit = ElectoralUnit(name=unit_name, kind=unit_kind_text, sort_order=last + 1)
    session.add(unit)
    return unit
