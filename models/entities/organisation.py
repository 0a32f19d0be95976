"""The federation's organisation registers (issue 17, DOMAIN §3 organisation rules): townships,
villages and communities with their population figures, cadres, contact points and field
visits, grass-roots organisations and their officers, and Warm Homes (温馨家园).

Every register keeps history rather than deleting: a record ends (`ended_on`), and each change
is in the change log. Names are the office's own; a link to the person registry is optional
except where the rule is about a member of a body (contact points and visits).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.domain.organisation_vocabulary import (
    CommitteePost,
    OfficerRole,
    OrganisationKind,
    PlaceKind,
    TownshipKind,
)
from models.domain.vocabulary import DisabilityCategory, Employment
from models.entities.base import Base, Versioned, enum_column
from models.entities.people import Person


class Township(Versioned, Base):
    """街道 or 乡镇 of the district."""

    __tablename__ = "township"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    kind: Mapped[TownshipKind] = mapped_column(enum_column(TownshipKind))
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    ended_on: Mapped[date | None] = mapped_column(Date)


class Place(Versioned, Base):
    """A village (村) or community (社区) of a township."""

    __tablename__ = "place"

    id: Mapped[int] = mapped_column(primary_key=True)
    township_id: Mapped[int] = mapped_column(ForeignKey("township.id"))
    name: Mapped[str] = mapped_column(String(64))
    kind: Mapped[PlaceKind] = mapped_column(enum_column(PlaceKind))
    # 低收入村 (or what the rules file calls it): a contact point's village must be one.
    low_income: Mapped[bool] = mapped_column(Boolean, default=False)
    ended_on: Mapped[date | None] = mapped_column(Date)

    township: Mapped[Township] = relationship()

    __table_args__ = (UniqueConstraint("township_id", "name"),)


class PlacePopulation(Versioned, Base):
    """A place's figures for one year: disabled residents (villages) and residents (communities)
    — what home.coverage compares with 50 and 7000."""

    __tablename__ = "place_population"

    id: Mapped[int] = mapped_column(primary_key=True)
    place_id: Mapped[int] = mapped_column(ForeignKey("place.id"))
    year: Mapped[int] = mapped_column(Integer)
    disabled_residents: Mapped[int | None] = mapped_column(Integer)
    residents: Mapped[int | None] = mapped_column(Integer)

    place: Mapped[Place] = relationship()

    __table_args__ = (UniqueConstraint("place_id", "year"),)


class Cadre(Versioned, Base):
    """A cadre of the federation (区残联干部): 专职 on the establishment, 挂职 or 兼职."""

    __tablename__ = "cadre"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    post: Mapped[str] = mapped_column(String(64), default="")  # 职务
    leadership: Mapped[bool] = mapped_column(Boolean, default=False)  # 领导班子成员
    employment: Mapped[Employment] = mapped_column(enum_column(Employment))
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    disability_category: Mapped[DisabilityCategory | None] = mapped_column(
        enum_column(DisabilityCategory)
    )
    # Where a 挂职 or 兼职 cadre comes from (派出单位 / 本职单位).
    home_unit: Mapped[str | None] = mapped_column(String(128))
    started_on: Mapped[date | None] = mapped_column(Date)
    ended_on: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(Text)

    person: Mapped[Person | None] = relationship()

    __table_args__ = (Index("ix_cadre_name", "name"),)


class WarmHome(Versioned, Base):
    """温馨家园: in a township, in one of its villages or communities or at township level."""

    __tablename__ = "warm_home"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(128), unique=True)
    township_id: Mapped[int] = mapped_column(ForeignKey("township.id"))
    place_id: Mapped[int | None] = mapped_column(ForeignKey("place.id"))
    model: Mapped[bool] = mapped_column(Boolean, default=False)  # 示范温馨家园
    opened_on: Mapped[date | None] = mapped_column(Date)
    ended_on: Mapped[date | None] = mapped_column(Date)

    township: Mapped[Township] = relationship()
    place: Mapped[Place | None] = relationship()


class ContactPoint(Versioned, Base):
    """一人一村一社区一家园: a 党组 or executive-council member's village, community and Warm Home."""

    __tablename__ = "contact_point"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    village_id: Mapped[int | None] = mapped_column(ForeignKey("place.id"))
    community_id: Mapped[int | None] = mapped_column(ForeignKey("place.id"))
    warm_home_id: Mapped[int | None] = mapped_column(ForeignKey("warm_home.id"))
    started_on: Mapped[date | None] = mapped_column(Date)
    ended_on: Mapped[date | None] = mapped_column(Date)

    person: Mapped[Person] = relationship()
    village: Mapped[Place | None] = relationship(foreign_keys=[village_id])
    community: Mapped[Place | None] = relationship(foreign_keys=[community_id])
    warm_home: Mapped[WarmHome | None] = relationship()

    __table_args__ = (Index("ix_contact_point_person_id", "person_id"),)


class FieldVisit(Versioned, Base):
    """现场调研、入户问需: one visit by a member on one day; a day counts once for contact.days."""

    __tablename__ = "field_visit"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    visited_on: Mapped[date] = mapped_column(Date)
    place_id: Mapped[int | None] = mapped_column(ForeignKey("place.id"))
    location: Mapped[str] = mapped_column(String(128), default="")  # where, as the clerk says it
    content: Mapped[str] = mapped_column(Text, default="")  # what was done

    person: Mapped[Person] = relationship()
    place: Mapped[Place | None] = relationship()

    __table_args__ = (Index("ix_field_visit_person_id_visited_on", "person_id", "visited_on"),)


class GrassrootsOrganisation(Versioned, Base):
    """A township federation (街乡镇残联) or a community / village association (残疾人协会)."""

    __tablename__ = "grassroots_organisation"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[OrganisationKind] = mapped_column(enum_column(OrganisationKind))
    name: Mapped[str] = mapped_column(String(128), unique=True)
    township_id: Mapped[int] = mapped_column(ForeignKey("township.id"))
    place_id: Mapped[int | None] = mapped_column(ForeignKey("place.id"))  # associations only
    founded_on: Mapped[date | None] = mapped_column(Date)
    ended_on: Mapped[date | None] = mapped_column(Date)

    township: Mapped[Township] = relationship()
    place: Mapped[Place | None] = relationship()
    officers: Mapped[list[OrganisationOfficer]] = relationship(
        back_populates="organisation", order_by="OrganisationOfficer.id"
    )


class OrganisationOfficer(Versioned, Base):
    """One officer of a grass-roots organisation, with what grassroots.association asks of him."""

    __tablename__ = "organisation_officer"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("grassroots_organisation.id"))
    role: Mapped[OfficerRole] = mapped_column(enum_column(OfficerRole))
    name: Mapped[str] = mapped_column(String(64))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    relative: Mapped[bool] = mapped_column(Boolean, default=False)  # 残疾人亲友
    # A chair's post in the 居（村）委员会 (主任 / 副主任), when he holds one.
    committee_post: Mapped[CommitteePost | None] = mapped_column(enum_column(CommitteePost))
    # How a 专职委员 was chosen (公开选聘 …), as the office records it.
    selection: Mapped[str | None] = mapped_column(String(64))
    started_on: Mapped[date | None] = mapped_column(Date)
    ended_on: Mapped[date | None] = mapped_column(Date)

    organisation: Mapped[GrassrootsOrganisation] = relationship(back_populates="officers")
    person: Mapped[Person | None] = relationship()

    __table_args__ = (Index("ix_organisation_officer_organisation_id", "organisation_id"),)
