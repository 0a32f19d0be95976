"""The organisation registers' reads: a register's records in a sensible order, one record, its
history in the change log, and the members who owe a contact point and field visits."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, func, or_, select
from sqlalchemy.orm import Session

from models.domain.organisation_vocabulary import OrganisationKind
from models.domain.search_keys import sort_key
from models.entities import (
    Cadre,
    ContactPoint,
    FieldVisit,
    GrassrootsOrganisation,
    OrganisationOfficer,
    Place,
    PlacePopulation,
    Township,
    WarmHome,
)
from models.services.audit.contracts import AuditEntry
from models.services.audit.queries import record_entries
from models.services.common.clock import today_local
from models.services.organisation._members import contact_members_in
from models.services.organisation._registers import SPECS
from models.services.organisation._rows import ROLE_ORDER
from models.services.organisation.contracts import MemberChoice, RecordRow, Register
from models.store.unit_of_work import Database

_KIND_ORDER = {kind: rank for rank, kind in enumerate(OrganisationKind)}


def list_records(
    db: Database,
    *,
    register: Register,
    include_ended: bool = False,
    year: int | None = None,
    person_id: int | None = None,
    township_id: int | None = None,
) -> list[RecordRow]:
    """A register's records. Without `include_ended`, only those without an end date or ending
    after today. `year` narrows field visits (their date) and population figures (their year);
    `person_id` cadres, contact points, visits and officers; `township_id` every register whose
    records lie in a township (places, population, Warm Homes, organisations and their officers,
    visits to a place). A filter a register has no use for is ignored.

    Order: townships as arranged; places and the rest by township, then name (by pinyin);
    population by township, place, then newest year first; cadres leadership first, then name;
    contact points by member; visits newest first; officers by organisation, then role."""
    spec = SPECS[Register(register)]
    entity = spec.entity
    query: Select[Any] = select(entity).options(*spec.load)
    if not include_ended and hasattr(entity, "ended_on"):
        ended = entity.ended_on
        query = query.where(or_(ended.is_(None), ended > today_local()))
    query = query.where(*_filters(register, year, person_id, township_id))
    with db.session_factory() as session:
        records = list(session.scalars(query).unique())
        records.sort(key=_order(session, Register(register)))
        return [spec.row(record) for record in records]


def get_record(db: Database, *, register: Register, record_id: int) -> RecordRow:
    """One record's row; `register_record_not_found` when it is not (or no longer) there."""
    spec = SPECS[Register(register)]
    with db.session_factory() as session:
        record = session.get(spec.entity, record_id, options=spec.load)
        if record is None:
            raise spec.missing(record_id)
        return spec.row(record)


def record_history(db: Database, *, register: Register, record_id: int) -> list[AuditEntry]:
    """The change-log entries of one record, newest first (also of a removed one: its removal
    is the newest)."""
    spec = SPECS[Register(register)]
    return record_entries(db, entity=spec.entity.__tablename__, entity_id=record_id)


def contact_members(db: Database) -> list[MemberChoice]:
    """The members of the 党组 and of the executive council's current term, in office today:
    who owes a contact point (contact.points) and 60 days of field visits (contact.days)."""
    with db.session_factory() as session:
        return contact_members_in(session)


def visit_days(db: Database, *, year: int) -> dict[int, int]:
    """Person id → distinct days of field visits in the year (a day counts once, however many
    visits it held). Only people with at least one visit appear."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    query = (
        select(FieldVisit.person_id, func.count(func.distinct(FieldVisit.visited_on)))
        .where(FieldVisit.visited_on >= first, FieldVisit.visited_on <= last)
        .group_by(FieldVisit.person_id)
    )
    with db.session_factory() as session:
        return {person_id: int(days) for person_id, days in session.execute(query)}


# --- filters and order ------------------------------------------------------------------------


def _filters(
    register: Register, year: int | None, person_id: int | None, township_id: int | None
) -> list[ColumnElement[bool]]:
    out: list[ColumnElement[bool]] = []
    if year is not None:
        if register is Register.VISITS:
            out.append(FieldVisit.visited_on.between(date(year, 1, 1), date(year, 12, 31)))
        elif register is Register.POPULATION:
            out.append(PlacePopulation.year == year)
    if person_id is not None:
        column = {
            Register.CADRES: Cadre.person_id,
            Register.CONTACTS: ContactPoint.person_id,
            Register.VISITS: FieldVisit.person_id,
            Register.OFFICERS: OrganisationOfficer.person_id,
        }.get(register)
        if column is not None:
            out.append(column == person_id)
    if township_id is not None:
        in_places = select(Place.id).where(Place.township_id == township_id)
        condition = {
            Register.PLACES: Place.township_id == township_id,
            Register.HOMES: WarmHome.township_id == township_id,
            Register.ORGANISATIONS: GrassrootsOrganisation.township_id == township_id,
            Register.POPULATION: PlacePopulation.place_id.in_(in_places),
            Register.VISITS: FieldVisit.place_id.in_(in_places),
            Register.OFFICERS: OrganisationOfficer.organisation_id.in_(
                select(GrassrootsOrganisation.id).where(
                    GrassrootsOrganisation.township_id == township_id
                )
            ),
        }.get(register)
        if condition is not None:
            out.append(condition)
    return out


def _order(session: Session, register: Register) -> Callable[[Any], tuple[Any, ...]]:
    towns = {
        tid: (order, tid)
        for tid, order in session.execute(select(Township.id, Township.sort_order))
    }

    def town(township_id: int) -> tuple[int, int]:
        return towns.get(township_id, (0, township_id))

    def name(text: str | None) -> str:
        return sort_key(text) if text else ""

    keys: dict[Register, Callable[[Any], tuple[Any, ...]]] = {
        Register.TOWNSHIPS: lambda r: (r.sort_order, r.id),
        Register.PLACES: lambda r: (town(r.township_id), name(r.name), r.id),
        Register.POPULATION: lambda r: (
            town(r.place.township_id),
            name(r.place.name),
            r.place_id,
            -r.year,
        ),
        Register.CADRES: lambda r: (not r.leadership, name(r.name), r.id),
        Register.HOMES: lambda r: (
            town(r.township_id),
            r.place is not None,
            name(r.place.name if r.place is not None else None),
            name(r.name),
            r.id,
        ),
        Register.CONTACTS: lambda r: (r.person.pinyin_sort, r.person_id, r.id),
        Register.VISITS: lambda r: (-r.visited_on.toordinal(), -r.id),
        Register.ORGANISATIONS: lambda r: (
            town(r.township_id),
            _KIND_ORDER[r.kind],
            name(r.place.name if r.place is not None else r.name),
            r.id,
        ),
        Register.OFFICERS: lambda r: (
            town(r.organisation.township_id),
            _KIND_ORDER[r.organisation.kind],
            name(r.organisation.name),
            r.organisation_id,
            ROLE_ORDER[r.role],
            r.id,
        ),
    }
    return keys[register]
