"""Electoral units (选举单位) and their seats per congress term (名额分配)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.entities.base import Base

if TYPE_CHECKING:  # bodies imports this module; SQLAlchemy resolves the name by itself
    from models.entities.bodies import Term


class ElectoralUnit(Base):
    __tablename__ = "electoral_unit"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    # 街道, 镇 or 界别 (a sector nominating delegates).
    kind: Mapped[str] = mapped_column(String(16))
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class SeatAllocation(Base):
    __tablename__ = "seat_allocation"

    id: Mapped[int] = mapped_column(primary_key=True)
    electoral_unit_id: Mapped[int] = mapped_column(ForeignKey("electoral_unit.id"))
    term_id: Mapped[int] = mapped_column(ForeignKey("term.id"))
    seats: Mapped[int] = mapped_column(Integer)

    electoral_unit: Mapped[ElectoralUnit] = relationship()
    term: Mapped[Term] = relationship()

    __table_args__ = (UniqueConstraint("electoral_unit_id", "term_id"),)
