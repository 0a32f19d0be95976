"""Person: a human being's identity, shared by every term they serve in."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import Date, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.domain.vocabulary import Gender
from models.entities.base import Base, Versioned, enum_column

if TYPE_CHECKING:  # bodies imports this module; SQLAlchemy resolves the name by itself
    from models.entities.bodies import Membership


class Person(Versioned, Base):
    __tablename__ = "person"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64))
    gender: Mapped[Gender] = mapped_column(enum_column(Gender))
    ethnicity: Mapped[str | None] = mapped_column(String(32))
    birth_date: Mapped[date | None] = mapped_column(Date)
    id_number: Mapped[str] = mapped_column(String(18), unique=True)
    phone: Mapped[str | None] = mapped_column(String(32))
    # Computed on write from the name (models.domain.search_keys); space-separated readings.
    pinyin_full: Mapped[str] = mapped_column(String(512), default="")
    pinyin_initials: Mapped[str] = mapped_column(String(256), default="")
    # Syllables apart, so that a surname's people stay together when sorted.
    pinyin_sort: Mapped[str] = mapped_column(String(512), default="")

    memberships: Mapped[list[Membership]] = relationship(
        back_populates="person", order_by="Membership.id"
    )

    __table_args__ = (
        Index("ix_person_name", "name"),
        Index("ix_person_pinyin_sort", "pinyin_sort"),
    )
