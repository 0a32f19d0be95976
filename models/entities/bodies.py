"""Body, Term and Membership: who sits in which body, in which term, from when and why."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.domain.vocabulary import (
    Association,
    BodyKind,
    DelegateType,
    DisabilityCategory,
    Employment,
    EndReason,
    MembershipStatus,
    Position,
    StartReason,
    TermStatus,
    UrbanRural,
)
from models.entities.base import Base, Versioned, enum_column
from models.entities.electoral import ElectoralUnit
from models.entities.people import Person


class Body(Base):
    __tablename__ = "body"

    id: Mapped[int] = mapped_column(primary_key=True)
    # "congress", "association.blind": one row per body, unique even where association is NULL.
    code: Mapped[str] = mapped_column(String(32), unique=True)
    kind: Mapped[BodyKind] = mapped_column(enum_column(BodyKind))
    association: Mapped[Association | None] = mapped_column(enum_column(Association))
    name: Mapped[str] = mapped_column(String(64))

    terms: Mapped[list[Term]] = relationship(back_populates="body", order_by="Term.ordinal")


class Term(Versioned, Base):
    __tablename__ = "term"

    id: Mapped[int] = mapped_column(primary_key=True)
    body_id: Mapped[int] = mapped_column(ForeignKey("body.id"))
    # 届次; the presidium and council carry the congress's ordinal; NULL for the party group.
    ordinal: Mapped[int | None] = mapped_column(Integer)
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    status: Mapped[TermStatus] = mapped_column(enum_column(TermStatus))

    body: Mapped[Body] = relationship(back_populates="terms")
    memberships: Mapped[list[Membership]] = relationship(back_populates="term")

    __table_args__ = (UniqueConstraint("body_id", "ordinal"),)


class Membership(Versioned, Base):
    """Person × term. Never deleted: an end is recorded with its date, reason and basis."""

    __tablename__ = "membership"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    term_id: Mapped[int] = mapped_column(ForeignKey("term.id"))
    position: Mapped[Position] = mapped_column(enum_column(Position))
    employment: Mapped[Employment | None] = mapped_column(enum_column(Employment))
    delegate_type: Mapped[DelegateType | None] = mapped_column(enum_column(DelegateType))
    # 17 wide as before 未当选 (not_elected) joined: the longest value still fits.
    status: Mapped[MembershipStatus] = mapped_column(enum_column(MembershipStatus, length=17))
    start_reason: Mapped[StartReason | None] = mapped_column(enum_column(StartReason))
    start_date: Mapped[date | None] = mapped_column(Date)
    start_basis: Mapped[str | None] = mapped_column(String(200))
    end_reason: Mapped[EndReason | None] = mapped_column(enum_column(EndReason))
    end_date: Mapped[date | None] = mapped_column(Date)
    end_basis: Mapped[str | None] = mapped_column(String(200))

    # The person as nominated for this term (DOMAIN §2 "Person or term?").
    electoral_unit_id: Mapped[int | None] = mapped_column(ForeignKey("electoral_unit.id"))
    work_unit_and_post: Mapped[str | None] = mapped_column(String(200))
    political_status: Mapped[str | None] = mapped_column(String(32))
    cert_number: Mapped[str | None] = mapped_column(String(20))
    disability_category: Mapped[DisabilityCategory | None] = mapped_column(
        enum_column(DisabilityCategory)
    )
    disability_grade: Mapped[int | None] = mapped_column(Integer)
    multi_components: Mapped[list[str] | None] = mapped_column(JSON)
    is_relative: Mapped[bool] = mapped_column(Boolean, default=False)
    relative_categories: Mapped[list[str] | None] = mapped_column(JSON)
    urban_rural: Mapped[UrbanRural | None] = mapped_column(enum_column(UrbanRural))
    is_role_model: Mapped[bool] = mapped_column(Boolean, default=False)
    is_frontline: Mapped[bool] = mapped_column(Boolean, default=False)
    is_org_representative: Mapped[bool] = mapped_column(Boolean, default=False)
    is_volunteer: Mapped[bool] = mapped_column(Boolean, default=False)
    # Columns of an imported slate that the template does not know, kept as written.
    remarks: Mapped[dict[str, Any] | None] = mapped_column(JSON)

    person: Mapped[Person] = relationship(back_populates="memberships")
    term: Mapped[Term] = relationship(back_populates="memberships")
    electoral_unit: Mapped[ElectoralUnit | None] = relationship()

    __table_args__ = (
        Index("ix_membership_person_id", "person_id"),
        Index("ix_membership_term_id", "term_id"),
        # One open membership per person and term: the check in add_membership is not enough
        # when two clerks add the same person at once (migration 0009).
        Index(
            "uq_membership_open",
            "person_id",
            "term_id",
            unique=True,
            sqlite_where=text("status != 'ended'"),
            postgresql_where=text("status != 'ended'"),
        ),
    )
