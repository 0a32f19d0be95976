"""A register draft → the checked column values of its record (one function per record kind).

Each function takes the session, the draft and the record being edited (None for a new one)
and returns the values to store, or raises a DomainError naming the draft's field. The pure
rules are `models/domain/organisation_checks.py`; here are those that read the database: a
referenced record exists and has not ended (unless the record already pointed at it), a name
is free, a person is a member of the 党组 or the executive council.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from enum import StrEnum
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from models.domain.errors import DomainError
from models.domain.organisation_checks import (
    check_cadre_disability,
    check_not_future,
    check_officer,
    check_organisation_place,
    check_period,
    check_place_kind,
    check_population,
)
from models.domain.organisation_vocabulary import (
    CommitteePost,
    OfficerRole,
    OrganisationKind,
    PlaceKind,
    TownshipKind,
)
from models.domain.vocabulary import DisabilityCategory, Employment
from models.entities import (
    Cadre,
    ContactPoint,
    FieldVisit,
    GrassrootsOrganisation,
    OrganisationOfficer,
    Person,
    Place,
    PlacePopulation,
    Township,
    WarmHome,
)
from models.entities.base import Versioned
from models.services.common.clock import today_local
from models.services.common.text import fitted
from models.services.organisation._members import contact_members_in, member_in_year
from models.services.organisation.contracts import (
    REGISTER_NAMES,
    CadreDraft,
    ContactPointDraft,
    FieldVisitDraft,
    OfficerDraft,
    OrganisationDraft,
    PlaceDraft,
    PopulationDraft,
    Register,
    TownshipDraft,
    WarmHomeDraft,
)

E = TypeVar("E", bound=Versioned)
K = TypeVar("K", bound=StrEnum)
Values = dict[str, Any]


# --- shared steps ---------------------------------------------------------------------------


def required(
    value: str | None, column: InstrumentedAttribute[Any], *, field: str, label: str
) -> str:
    text = fitted(value, column, field=field, label=label)
    if not text:
        raise DomainError("missing_required", field=field, label=label)
    return text


def choice(kind: type[K], value: object, *, field: str, label: str) -> K:
    """A vocabulary value, also from its Chinese word (a draft built from a form or a file)."""
    if isinstance(value, kind):
        return value
    try:
        return kind(str(value).strip())
    except ValueError:
        raise DomainError(
            "value_invalid",
            field=field,
            label=label,
            value=value,
            choices="、".join(k.value for k in kind),
        ) from None


def optional_choice(kind: type[K], value: object, *, field: str, label: str) -> K | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return choice(kind, value, field=field, label=label)


def reference(
    session: Session,
    entity: type[E],
    record_id: int,
    *,
    field: str,
    label: str,
    kept: int | None = None,
) -> E:
    """The record a draft points at; one that has ended is refused unless the record being
    edited already pointed at it (`kept`): an old record stays editable."""
    found = session.get(entity, record_id) if isinstance(record_id, int) else None
    if found is None:
        raise DomainError("register_reference_missing", field=field, label=label, id=record_id)
    ended = getattr(found, "ended_on", None)
    if ended is not None and record_id != kept:
        raise DomainError(
            "register_reference_ended",
            field=field,
            label=label,
            name=title(found),
            ended_on=ended.isoformat(),
        )
    return found


def person(session: Session, person_id: int | None, *, field: str = "person_id") -> Person | None:
    if person_id is None:
        return None
    found = session.get(Person, person_id) if isinstance(person_id, int) else None
    if found is None:
        raise DomainError("person_not_found", field=field, person_id=person_id)
    return found


def _member(session: Session, person_id: int | None) -> Person:
    """A contact point's or a visit's person: required."""
    found = person(session, person_id)
    if found is None:
        raise DomainError("missing_required", field="person_id", label="人员")
    return found


def title(record: object) -> str:
    """What a refusal calls a record: its name, or its member's name."""
    name = getattr(record, "name", None)
    if isinstance(name, str):
        return name
    who = getattr(record, "person", None)
    return who.name if isinstance(who, Person) else str(getattr(record, "id", ""))


def _ended_text(record: object) -> str:
    ended = getattr(record, "ended_on", None)
    return f"，已于 {ended.isoformat()} 结束" if ended is not None else ""


def name_free(
    session: Session,
    entity: type[Any],
    register: Register,
    name: str,
    record: Any,
    *where: ColumnElement[bool],
) -> None:
    """No other record of the register has the name (an ended one keeps its name too)."""
    column = entity.name
    query = select(entity).where(column == name, *where)
    if record is not None:
        query = query.where(entity.id != record.id)
    existing = session.scalars(query.limit(1)).first()
    if existing is not None:
        raise DomainError(
            "register_name_taken",
            field="name",
            register=REGISTER_NAMES[register],
            name=name,
            id=existing.id,
            ended=_ended_text(existing),
        )


def _kept(record: object | None, column: str) -> int | None:
    return getattr(record, column) if record is not None else None


def _same_township(place: Place, township: Township) -> None:
    if place.township_id != township.id:
        raise DomainError(
            "place_other_township",
            field="place_id",
            place=place.name,
            place_township=place.township.name,
            township=township.name,
        )


# --- one function per record kind ------------------------------------------------------------


def township_values(session: Session, draft: TownshipDraft, record: Township | None) -> Values:
    name = required(draft.name, Township.name, field="name", label="街乡镇名称")
    name_free(session, Township, Register.TOWNSHIPS, name, record)
    order = draft.sort_order
    if order is None:
        if record is not None:
            order = record.sort_order
        else:
            last = session.scalar(select(func.max(Township.sort_order)))
            order = (last or 0) + 1
    return {
        "name": name,
        "kind": choice(TownshipKind, draft.kind, field="kind", label="类型"),
        "sort_order": order,
    }


def place_values(session: Session, draft: PlaceDraft, record: Place | None) -> Values:
    township = reference(
        session,
        Township,
        draft.township_id,
        field="township_id",
        label="街乡镇",
        kept=_kept(record, "township_id"),
    )
    name = required(draft.name, Place.name, field="name", label="村或社区名称")
    query = select(Place).where(Place.township_id == township.id, Place.name == name)
    if record is not None:
        query = query.where(Place.id != record.id)
    existing = session.scalars(query.limit(1)).first()
    if existing is not None:
        raise DomainError(
            "place_name_taken",
            field="name",
            township=township.name,
            name=name,
            kind=existing.kind.value,
            id=existing.id,
            ended=_ended_text(existing),
        )
    return {
        "township_id": township.id,
        "name": name,
        "kind": choice(PlaceKind, draft.kind, field="kind", label="类型"),
        "low_income": bool(draft.low_income),
    }


def population_values(
    session: Session, draft: PopulationDraft, record: PlacePopulation | None
) -> Values:
    place = reference(
        session,
        Place,
        draft.place_id,
        field="place_id",
        label="村或社区",
        kept=_kept(record, "place_id"),
    )
    check_population(draft.year, draft.disabled_residents, draft.residents)
    query = select(PlacePopulation).where(
        PlacePopulation.place_id == place.id, PlacePopulation.year == draft.year
    )
    if record is not None:
        query = query.where(PlacePopulation.id != record.id)
    existing = session.scalars(query.limit(1)).first()
    if existing is not None:
        raise DomainError(
            "population_year_taken", field="year", place=place.name, year=draft.year, id=existing.id
        )
    return {
        "place_id": place.id,
        "year": draft.year,
        "disabled_residents": draft.disabled_residents,
        "residents": draft.residents,
    }


def cadre_values(session: Session, draft: CadreDraft, record: Cadre | None) -> Values:
    category = optional_choice(
        DisabilityCategory, draft.disability_category, field="disability_category", label="残疾类别"
    )
    check_cadre_disability(bool(draft.disabled), category)
    check_period(draft.started_on, draft.ended_on)
    found = person(session, draft.person_id)
    return {
        "name": required(draft.name, Cadre.name, field="name", label="姓名"),
        "employment": choice(Employment, draft.employment, field="employment", label="用工形式"),
        "post": fitted(draft.post, Cadre.post, field="post", label="职务") or "",
        "leadership": bool(draft.leadership),
        "disabled": bool(draft.disabled),
        "disability_category": category,
        "person_id": found.id if found is not None else None,
        "home_unit": fitted(draft.home_unit, Cadre.home_unit, field="home_unit", label="派出单位"),
        "started_on": draft.started_on,
        "ended_on": draft.ended_on,
        "note": (draft.note or "").strip() or None,
    }


def home_values(session: Session, draft: WarmHomeDraft, record: WarmHome | None) -> Values:
    name = required(draft.name, WarmHome.name, field="name", label="温馨家园名称")
    name_free(session, WarmHome, Register.HOMES, name, record)
    township = reference(
        session,
        Township,
        draft.township_id,
        field="township_id",
        label="街乡镇",
        kept=_kept(record, "township_id"),
    )
    place_id = None
    if draft.place_id is not None:
        place = reference(
            session,
            Place,
            draft.place_id,
            field="place_id",
            label="村或社区",
            kept=_kept(record, "place_id"),
        )
        _same_township(place, township)
        place_id = place.id
    return {
        "name": name,
        "township_id": township.id,
        "place_id": place_id,
        "model": bool(draft.model),
        "opened_on": draft.opened_on,
    }


def contact_values(
    session: Session, draft: ContactPointDraft, record: ContactPoint | None
) -> Values:
    member = _member(session, draft.person_id)
    changed = record is None or record.person_id != member.id
    if changed and member.id not in {m.person_id for m in contact_members_in(session)}:
        raise DomainError("contact_person_not_member", field="person_id", name=member.name)
    if record is None or record.ended_on is None:
        query = select(ContactPoint).where(
            ContactPoint.person_id == member.id, ContactPoint.ended_on.is_(None)
        )
        if record is not None:
            query = query.where(ContactPoint.id != record.id)
        existing = session.scalars(query.limit(1)).first()
        if existing is not None:
            raise DomainError(
                "contact_point_open", field="person_id", name=member.name, id=existing.id
            )
    places: Values = {}
    for column, kind, label in (
        ("village_id", PlaceKind.VILLAGE, "联系村"),
        ("community_id", PlaceKind.COMMUNITY, "联系社区"),
    ):
        place_id = getattr(draft, column)
        if place_id is None:
            places[column] = None
            continue
        place = reference(
            session, Place, place_id, field=column, label=label, kept=_kept(record, column)
        )
        check_place_kind(kind, place.kind, name=place.name, field=column, label=label)
        places[column] = place.id
    home_id = None
    if draft.warm_home_id is not None:
        home_id = reference(
            session,
            WarmHome,
            draft.warm_home_id,
            field="warm_home_id",
            label="温馨家园",
            kept=_kept(record, "warm_home_id"),
        ).id
    return {
        "person_id": member.id,
        **places,
        "warm_home_id": home_id,
        "started_on": draft.started_on,
    }


def visit_values(session: Session, draft: FieldVisitDraft, record: FieldVisit | None) -> Values:
    member = _member(session, draft.person_id)
    if not isinstance(draft.visited_on, date):
        raise DomainError("missing_required", field="visited_on", label="走访日期")
    check_not_future(draft.visited_on, today_local())
    year = draft.visited_on.year
    unchanged = record is not None and (record.person_id, record.visited_on.year) == (
        member.id,
        year,
    )
    if not unchanged and not _member_in_year(session, member.id, year):
        raise DomainError("visit_person_not_member", field="person_id", name=member.name, year=year)
    place_id = None
    if draft.place_id is not None:
        # A place that has ended since is still where an earlier visit went.
        place_id = reference(
            session, Place, draft.place_id, field="place_id", label="走访地点", kept=draft.place_id
        ).id
    return {
        "person_id": member.id,
        "visited_on": draft.visited_on,
        "place_id": place_id,
        "location": fitted(draft.location, FieldVisit.location, field="location", label="地点")
        or "",
        "content": (draft.content or "").strip(),
    }


def _member_in_year(session: Session, person_id: int, year: int) -> bool:
    """member_in_year, asked once per person and year in a unit of work (a batch of visits):
    the registers' commands do not change memberships."""
    known: dict[tuple[int, int], bool] = session.info.setdefault("members_in_year", {})
    if (person_id, year) not in known:
        known[person_id, year] = member_in_year(session, person_id, year)
    return known[person_id, year]


def organisation_values(
    session: Session, draft: OrganisationDraft, record: GrassrootsOrganisation | None
) -> Values:
    kind = choice(OrganisationKind, draft.kind, field="kind", label="组织类型")
    name = required(draft.name, GrassrootsOrganisation.name, field="name", label="组织名称")
    name_free(session, GrassrootsOrganisation, Register.ORGANISATIONS, name, record)
    township = reference(
        session,
        Township,
        draft.township_id,
        field="township_id",
        label="街乡镇",
        kept=_kept(record, "township_id"),
    )
    place = None
    if draft.place_id is not None:
        place = reference(
            session,
            Place,
            draft.place_id,
            field="place_id",
            label="村或社区",
            kept=_kept(record, "place_id"),
        )
    check_organisation_place(
        kind, place.kind if place is not None else None, place_name=place.name if place else ""
    )
    if place is not None:
        _same_township(place, township)
    return {
        "kind": kind,
        "name": name,
        "township_id": township.id,
        "place_id": place.id if place is not None else None,
        "founded_on": draft.founded_on,
    }


def officer_values(
    session: Session, draft: OfficerDraft, record: OrganisationOfficer | None
) -> Values:
    organisation = reference(
        session,
        GrassrootsOrganisation,
        draft.organisation_id,
        field="organisation_id",
        label="基层组织",
        kept=_kept(record, "organisation_id"),
    )
    role = choice(OfficerRole, draft.role, field="role", label="职务")
    post = optional_choice(
        CommitteePost, draft.committee_post, field="committee_post", label="居（村）委会职务"
    )
    check_officer(organisation.kind, role, post)
    found = person(session, draft.person_id)
    return {
        "organisation_id": organisation.id,
        "role": role,
        "name": required(draft.name, OrganisationOfficer.name, field="name", label="姓名"),
        "person_id": found.id if found is not None else None,
        "disabled": bool(draft.disabled),
        "relative": bool(draft.relative),
        "committee_post": post,
        "selection": fitted(
            draft.selection, OrganisationOfficer.selection, field="selection", label="产生方式"
        ),
        "started_on": draft.started_on,
    }


ValuesOf = Callable[[Session, Any, Any], Values]
