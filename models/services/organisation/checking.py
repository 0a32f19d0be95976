"""The organisation rules against the registers (DOMAIN §3): the facts of one year read from the
database in a few queries, checked by `models/domain/organisation_rules.py`.

"In office" on the day of the check (`as_of`: 31 December of the year, or today when that is
earlier): started by then (or no start recorded) and not ended by then — an end date is the first
day out, as for memberships. The members who owe a contact point and field visits are the 党组's
and the executive council's members in office that day (a term still in preparation does not
count). A contact point's village, community or Warm Home that has ended counts as missing.
Reads need `organisation.read`, checked by the caller (the command line's table, the window's
gate), like every other query.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, or_, select
from sqlalchemy.orm import Session, selectinload

from models.domain.errors import DomainError
from models.domain.meeting_vocabulary import FEDERATION_TZ, MeetingStatus, meeting_title
from models.domain.organisation_rules import (
    AgendaFact,
    AssociationFact,
    CadreFact,
    ContactFact,
    MemberFact,
    OfficerFact,
    OrganisationFacts,
    OrganisationReport,
    PlaceFact,
    TownshipFact,
    check_organisation,
)
from models.domain.organisation_vocabulary import OrganisationKind
from models.domain.rules import (
    DEFAULTS,
    OrganisationRules,
    default_organisation_rules,
    load_organisation_rules,
)
from models.domain.vocabulary import BodyKind
from models.entities import Body, Meeting
from models.entities.organisation import (
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
from models.services.common.settings import rules_copy
from models.services.organisation._members import contact_members_in
from models.store.unit_of_work import Database

ASSOCIATIONS = (OrganisationKind.COMMUNITY_ASSOCIATION, OrganisationKind.VILLAGE_ASSOCIATION)


def organisation_report(
    db: Database, *, year: int, as_of: date | None = None
) -> OrganisationReport:
    """Every organisation rule of the rules file in force, for `year`, on `as_of` (default: 31
    December of the year, or today if earlier; a later day is taken as 31 December)."""
    day = check_day(year, as_of)
    rules, rules_id = organisation_rules_in_force(db)
    with db.session_factory() as session:
        facts = organisation_facts(session, year=year, as_of=day)
    return OrganisationReport(
        year=year, as_of=day, rules_id=rules_id, results=check_organisation(facts, rules)
    )


def check_day(year: int, as_of: date | None) -> date:
    if not 1900 <= year <= 9999:
        raise DomainError("organisation_year_invalid", year=year, field="year")
    last = date(year, 12, 31)
    day = as_of if as_of is not None else min(last, datetime.now(FEDERATION_TZ).date())
    if day < date(year, 1, 1):
        raise DomainError(
            "bad_arguments", detail=f"检查日期 {day.isoformat()} 早于 {year} 年，请改用更早的年度"
        )
    return min(day, last)


def organisation_rules_in_force(db: Database) -> tuple[OrganisationRules, str]:
    """[organisation] of the rules file recorded in this database (none: the shipped figures)."""
    copy = rules_copy(db)
    if copy is None:
        return default_organisation_rules(), str(DEFAULTS["rules"]["id"])
    content, rules_id = copy
    return load_organisation_rules(content, rules_id=rules_id), rules_id


def organisation_facts(session: Session, *, year: int, as_of: date) -> OrganisationFacts:
    return OrganisationFacts(
        year=year,
        as_of=as_of,
        cadres=_cadres(session, as_of),
        members=_members(session, year, as_of),
        associations=_associations(session, as_of),
        townships=_townships(session, year, as_of),
        presidium_items=_presidium_items(session, year, as_of),
    )


def _in_office(entity: Any, day: date, start: str = "started_on") -> ColumnElement[bool]:
    """Started by `day` (or no start recorded) and not ended by then."""
    started = getattr(entity, start)
    return and_(
        or_(started.is_(None), started <= day),
        or_(entity.ended_on.is_(None), entity.ended_on > day),
    )


def _ended(ended_on: date | None, day: date) -> bool:
    return ended_on is not None and ended_on <= day


def _cadres(session: Session, day: date) -> tuple[CadreFact, ...]:
    cadres = session.scalars(select(Cadre).where(_in_office(Cadre, day)).order_by(Cadre.id))
    return tuple(
        CadreFact(c.id, c.name, c.employment, leadership=c.leadership, disabled=c.disabled)
        for c in cadres
    )


def _members(session: Session, year: int, day: date) -> tuple[MemberFact, ...]:
    members = [(m.person_id, m.name) for m in contact_members_in(session, day)]
    ids = [pid for pid, _ in members]
    if not ids:
        return ()
    points: dict[int, ContactPoint] = {}
    for point in session.scalars(
        select(ContactPoint)
        .where(ContactPoint.person_id.in_(ids), _in_office(ContactPoint, day))
        .options(
            selectinload(ContactPoint.village),
            selectinload(ContactPoint.community),
            selectinload(ContactPoint.warm_home),
        )
        .order_by(ContactPoint.started_on.is_(None), ContactPoint.started_on, ContactPoint.id)
    ):
        points[point.person_id] = point  # two in office (a slip): the latest started counts
    visits: dict[int, list[date]] = defaultdict(list)
    for person_id, visited_on in session.execute(
        select(FieldVisit.person_id, FieldVisit.visited_on).where(
            FieldVisit.person_id.in_(ids),
            FieldVisit.visited_on >= date(year, 1, 1),
            FieldVisit.visited_on <= day,
        )
    ):
        visits[person_id].append(visited_on)
    return tuple(
        MemberFact(pid, name, _contact(points.get(pid), day), tuple(visits[pid]))
        for pid, name in members
    )


def _contact(point: ContactPoint | None, day: date) -> ContactFact | None:
    if point is None:
        return None
    village = (
        None if point.village is None or _ended(point.village.ended_on, day) else point.village
    )
    community = point.community
    if community is not None and _ended(community.ended_on, day):
        community = None
    home = point.warm_home
    if home is not None and _ended(home.ended_on, day):
        home = None
    return ContactFact(
        id=point.id,
        village=village.name if village else None,
        village_low_income=bool(village and village.low_income),
        community=community.name if community else None,
        warm_home=home.name if home else None,
    )


def _associations(session: Session, day: date) -> tuple[AssociationFact, ...]:
    organisations = session.scalars(
        select(GrassrootsOrganisation)
        .where(
            GrassrootsOrganisation.kind.in_(ASSOCIATIONS),
            _in_office(GrassrootsOrganisation, day, start="founded_on"),
        )
        .options(selectinload(GrassrootsOrganisation.officers))
        .order_by(GrassrootsOrganisation.township_id, GrassrootsOrganisation.name)
    )
    return tuple(
        AssociationFact(
            id=o.id,
            name=o.name,
            township_id=o.township_id,
            officers=tuple(_officers(o.officers, day)),
        )
        for o in organisations
    )


def _officers(officers: Iterable[OrganisationOfficer], day: date) -> Iterable[OfficerFact]:
    for officer in officers:
        started = officer.started_on is None or officer.started_on <= day
        if started and not _ended(officer.ended_on, day):
            yield OfficerFact(
                id=officer.id,
                role=officer.role,
                name=officer.name,
                disabled=officer.disabled,
                relative=officer.relative,
                committee_post=officer.committee_post.value if officer.committee_post else None,
            )


def _townships(session: Session, year: int, day: date) -> tuple[TownshipFact, ...]:
    townships = session.scalars(
        select(Township)
        .where(or_(Township.ended_on.is_(None), Township.ended_on > day))
        .order_by(Township.sort_order, Township.id)
    ).all()
    places = session.scalars(
        select(Place).where(or_(Place.ended_on.is_(None), Place.ended_on > day)).order_by(Place.id)
    ).all()
    figures = {
        p.place_id: p
        for p in session.scalars(select(PlacePopulation).where(PlacePopulation.year == year))
    }
    homes = session.scalars(
        select(WarmHome).where(_in_office(WarmHome, day, start="opened_on"))
    ).all()
    model_homes: dict[int, int] = defaultdict(int)
    homes_at: dict[int, int] = defaultdict(int)
    for home in homes:
        model_homes[home.township_id] += home.model
        if home.place_id is not None:
            homes_at[home.place_id] += 1
    places_of: dict[int, list[PlaceFact]] = defaultdict(list)
    for place in places:
        figure = figures.get(place.id)
        places_of[place.township_id].append(
            PlaceFact(
                id=place.id,
                name=place.name,
                kind=place.kind,
                disabled_residents=figure.disabled_residents if figure else None,
                residents=figure.residents if figure else None,
                homes=homes_at[place.id],
            )
        )
    return tuple(
        TownshipFact(t.id, t.name, model_homes[t.id], tuple(places_of[t.id])) for t in townships
    )


def _presidium_items(session: Session, year: int, day: date) -> tuple[AgendaFact, ...]:
    meetings = session.scalars(
        select(Meeting)
        .join(Body, Body.id == Meeting.body_id)
        .where(
            Body.kind == BodyKind.PRESIDIUM,
            Meeting.status == MeetingStatus.HELD,
            Meeting.meeting_date >= date(year, 1, 1),
            Meeting.meeting_date <= day,
        )
        .options(selectinload(Meeting.agenda), selectinload(Meeting.term))
        .order_by(Meeting.meeting_date, Meeting.id)
    )
    items: list[AgendaFact] = []
    for meeting in meetings:
        title = meeting_title(
            BodyKind.PRESIDIUM,
            term=meeting.term.ordinal if meeting.term else None,
            year=meeting.meeting_date.year,
            number=meeting.ordinal,
        )
        items.extend(
            AgendaFact(meeting.id, title, meeting.meeting_date, item.kind, item.title)
            for item in meeting.agenda
        )
    return tuple(items)
