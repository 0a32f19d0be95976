"""The demo's organisation registers (issue 17), entered through the registers' commands as a
clerk would at the start of the demo year, then a year of field visits quarter by quarter.

Deterministic (its own seed). Most organisation rules pass; some fail visibly, as a district's
do: one member of the executive council has no contact point, two have too few days of field
visits (one of them with more visits than days: a day counts once), one village association's
专职委员 left in the summer, one community association's chair holds no post in the 居委会
(a warning), and 清水镇 has no 示范温馨家园.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, time, timedelta
from itertools import groupby
from typing import Any

from models.demo.clock import DemoClock
from models.demo.names import GIVEN_FEMALE, GIVEN_MALE, SURNAMES
from models.demo.organisation_data import (
    CHAIR_WITHOUT_POST,
    COMMUNITY_WORK,
    EXTRA_HOMES,
    FULL_TIME_MEMBER_LEFT,
    HOLIDAYS,
    HOME_UNITS,
    HOME_WORK,
    NO_FULL_TIME_MEMBER,
    ORGANISATION_YEAR,
    PLACES,
    SEASONAL_WORK,
    STAFF,
    TOWNSHIP_HOMES,
    VILLAGE_WORK,
    VISITS_FROM,
    VISITS_TO,
    DemoPlace,
)
from models.demo.plan import CONGRESS_7_OPENED, SEED, UNITS, DemoPlan
from models.domain.organisation_vocabulary import (
    CommitteePost,
    OfficerRole,
    OrganisationKind,
    PlaceKind,
    TownshipKind,
)
from models.domain.vocabulary import DisabilityCategory, Employment
from models.services.organisation.commands import add_records, end_record
from models.services.organisation.contracts import (
    DRAFT_REGISTER,
    CadreDraft,
    CadreRow,
    ContactPointDraft,
    FieldVisitDraft,
    OfficerDraft,
    OfficerRow,
    OrganisationDraft,
    PlaceDraft,
    PopulationDraft,
    RecordDraft,
    RecordRow,
    Register,
    TownshipDraft,
    WarmHomeDraft,
)
from models.services.organisation.queries import contact_members
from models.store.unit_of_work import Database

ORGANISATION_SEED = SEED + 17
Y = ORGANISATION_YEAR
REGISTERS_ENTERED = date(Y, 1, 12)  # the clerk sets the registers up in the year's second week
FIGURES_ENTERED = date(Y, 3, 16)  # the year's population figures come in from the townships
CONTACT_POINTS_SINCE = date(2021, 9, 1)  # the 7th council's members took their contact points
# Council places (as `generator._leadership` seats them) with a shortfall of contact.*:
NO_CONTACT_POINT = 14  # the second 挂职 理事: no contact point
FEW_DAYS = {10: 41, 12: 58}  # 兼职 理事: distinct days of visits in the year
DOUBLED_DAYS = {12: 5}  # …and the second of them visited twice on five of his days
# Council place → (post, leadership); the party group's two members outside the council after.
MEMBER_POSTS = {
    0: ("党组书记、理事长", True),
    1: ("党组成员、副理事长", True),
    2: ("党组成员、副理事长", True),
    3: ("副理事长", True),
    4: ("专职理事", True),  # the leadership's disabled full-time cadre
    5: ("理事、康复部部长", False),
    6: ("理事、教育就业部部长", False),
    7: ("理事、维权部部长", False),
    8: ("兼职理事", False),
    9: ("兼职理事", False),
    13: ("挂职理事", False),
    14: ("挂职理事", False),
}
PARTY_POSTS = ("党组成员、纪检组组长", "党组成员、机关党委书记")


@dataclass(frozen=True)
class Member:
    person_id: int
    name: str
    council_place: int | None  # None: a 党组 member outside the council
    employment: Employment
    category: DisabilityCategory | None


def write_demo_organisation(
    db: Database, clock: DemoClock, *, user: str, plan: DemoPlan
) -> tuple[tuple[str, int], ...]:
    """Enter the registers; returns (register, records entered) for the summary, in the
    registers' order (`Register`'s values: townships, places …)."""
    writer = _Writer(db, clock, user, plan)
    writer.write()
    return tuple((r.value, writer.counts.get(r, 0)) for r in Register)


class _Writer:
    def __init__(self, db: Database, clock: DemoClock, user: str, plan: DemoPlan) -> None:
        self.db, self.clock, self.user, self.plan = db, clock, user, plan
        self.random = random.Random(ORGANISATION_SEED)
        self.used_names = {p.name for p in plan.people}
        self.counts: dict[Register, int] = {}
        self.towns: dict[str, int] = {}
        self.places: dict[str, int] = {}
        self.homes: dict[str, int] = {}  # home name → id
        self.home_of_town: dict[str, str] = {}  # township → its own Warm Home's name
        # person id → the contact point's village, community and Warm Home (names)
        self.contacts: dict[int, tuple[str, str, str]] = {}

    # --- entering ---------------------------------------------------------------------------

    def add(self, day: date, drafts: Sequence[RecordDraft], at: time = time(9, 30)) -> list[Any]:
        self.clock.at(day, at)
        rows = add_records(self.db, user=self.user, drafts=drafts)
        for draft in drafts:
            register = DRAFT_REGISTER[type(draft)]
            self.counts[register] = self.counts.get(register, 0) + 1
        return rows

    def write(self) -> None:
        self.townships()
        self.population()
        members = self.members()
        self.cadres(members)
        self.warm_homes()
        self.organisations()
        self.contact_points(members)
        self.visits(members)

    def townships(self) -> None:
        kinds = {"街道": TownshipKind.STREET, "镇": TownshipKind.TOWN}
        towns = self.add(
            REGISTERS_ENTERED, [TownshipDraft(name, kinds[kind]) for name, kind, *_ in UNITS]
        )
        self.towns = {row.name: row.id for row in towns}
        drafts = [
            PlaceDraft(self.towns[town], p.name, p.kind, p.low_income)
            for town, places in PLACES.items()
            for p in places
        ]
        for row in self.add(REGISTERS_ENTERED, drafts):
            self.places[row.name] = row.id
        assert len(self.places) == len(drafts)  # place names are unique in the demo

    def population(self) -> None:
        drafts = [
            PopulationDraft(self.places[p.name], Y, p.disabled_residents, p.residents)
            for places in PLACES.values()
            for p in places
        ]
        self.add(FIGURES_ENTERED, drafts)

    def members(self) -> list[Member]:
        """The 党组 and council members (the registers' contact members), council order first."""
        ids = {m.name: m.person_id for m in contact_members(self.db)}
        people = self.plan.people
        council = [s for s in self.plan.seats if s.body == "council" and s.ordinal == 7]
        party = [s for s in self.plan.seats if s.body == "party_group"]
        members = [
            Member(
                ids[people[s.person].name],
                people[s.person].name,
                place,
                Employment(s.employment or Employment.FULL_TIME),
                s.facts.category,
            )
            for place, s in enumerate(council)
        ]
        seated = {s.person for s in council}
        members += [
            Member(
                ids[people[s.person].name], people[s.person].name, None, Employment.FULL_TIME, None
            )
            for s in party
            if s.person not in seated
        ]
        return members

    def cadres(self, members: list[Member]) -> None:
        r = self.random
        drafts: list[CadreDraft] = []
        party_posts = iter(PARTY_POSTS)
        outside = iter(HOME_UNITS)
        for member in members:
            if member.council_place is None:
                post, leadership = next(party_posts), True
            elif member.council_place in MEMBER_POSTS:
                post, leadership = MEMBER_POSTS[member.council_place]
            else:
                continue  # the other 兼职 理事 are not on the federation's staff list
            drafts.append(
                CadreDraft(
                    name=member.name,
                    employment=member.employment,
                    post=post,
                    leadership=leadership,
                    disabled=member.category is not None,
                    disability_category=member.category,
                    person_id=member.person_id,
                    home_unit=None if member.employment is Employment.FULL_TIME else next(outside),
                    started_on=CONGRESS_7_OPENED
                    if member.council_place is not None
                    else date(2021, 3, 1),
                )
            )
        for staff in STAFF:
            drafts.append(
                CadreDraft(
                    name=self.name(r.random() < 0.5),
                    employment=Employment.FULL_TIME,
                    post=staff.post,
                    leadership=staff.leadership,
                    disabled=staff.disabled is not None,
                    disability_category=staff.disabled,
                    started_on=staff.started,
                    note=staff.note,
                )
            )
        rows = self.add(date(Y, 1, 13), drafts)
        for staff, row in zip(STAFF, rows[-len(STAFF) :], strict=True):
            if staff.ended is not None:
                self.end(Register.CADRES, row, staff.ended)

    def warm_homes(self) -> None:
        r = self.random
        drafts: list[WarmHomeDraft] = []

        def home(name: str, town: str, place: str | None, model: bool) -> None:
            opened = date(r.randint(2011, 2023), r.randint(1, 12), r.randint(1, 28))
            drafts.append(
                WarmHomeDraft(
                    name, self.towns[town], self.places[place] if place else None, model, opened
                )
            )

        for town, (place, model) in TOWNSHIP_HOMES.items():
            name = f"{place or town}温馨家园"
            self.home_of_town[town] = name
            home(name, town, place, model)
        for town, places in PLACES.items():
            for p in places:
                if p.name == TOWNSHIP_HOMES[town][0]:
                    continue
                if _needs_home(p) or p.name in EXTRA_HOMES:
                    home(f"{p.name}温馨家园", town, p.name, False)
        for row in self.add(date(Y, 1, 14), drafts):
            self.homes[row.name] = row.id

    def organisations(self) -> None:
        r = self.random
        federations = [
            OrganisationDraft(
                OrganisationKind.TOWNSHIP_FEDERATION,
                f"{town}残疾人联合会",
                self.towns[town],
                founded_on=date(r.randint(2003, 2008), r.randint(1, 12), r.randint(1, 28)),
            )
            for town in self.towns
        ]
        associations = [
            OrganisationDraft(
                OrganisationKind.VILLAGE_ASSOCIATION
                if p.kind is PlaceKind.VILLAGE
                else OrganisationKind.COMMUNITY_ASSOCIATION,
                f"{p.name}残疾人协会",
                self.towns[town],
                self.places[p.name],
                founded_on=date(r.randint(2009, 2016), r.randint(1, 12), r.randint(1, 28)),
            )
            for town, places in PLACES.items()
            for p in places
        ]
        rows = self.add(date(Y, 1, 15), federations + associations)
        officers: list[OfficerDraft] = []
        left: OfficerDraft | None = None
        for row in rows:
            since = date(r.randint(2021, 2024), r.randint(1, 12), r.randint(1, 28))
            if row.kind is OrganisationKind.TOWNSHIP_FEDERATION:
                # The chair is one of the township's leaders; the director runs the federation.
                officers.append(self.officer(row.id, OfficerRole.CHAIR, since))
                officers.append(
                    self.officer(row.id, OfficerRole.DIRECTOR, since, disabled=r.random() < 0.4)
                )
                continue
            place = row.place
            post = None
            if place != CHAIR_WITHOUT_POST:
                post = (
                    CommitteePost.DIRECTOR if r.random() < 0.65 else CommitteePost.DEPUTY_DIRECTOR
                )
            officers.append(self.officer(row.id, OfficerRole.CHAIR, since, post=post))
            disabled = r.random() < 0.6
            officers.append(
                self.officer(
                    row.id, OfficerRole.VICE_CHAIR, since, disabled=disabled, relative=not disabled
                )
            )
            full_time = self.officer(
                row.id,
                OfficerRole.FULL_TIME_MEMBER,
                since,
                disabled=r.random() < 0.75,
                selection="公开选聘",
            )
            officers.append(full_time)
            if place == NO_FULL_TIME_MEMBER:
                left = full_time
            for _ in range(r.choice((1, 1, 2))):
                officers.append(
                    self.officer(
                        row.id, OfficerRole.PART_TIME_MEMBER, since, disabled=r.random() < 0.3
                    )
                )
        added = self.add(date(Y, 1, 16), officers)
        assert left is not None
        gone = next(row for row, draft in zip(added, officers, strict=True) if draft is left)
        self.end(Register.OFFICERS, gone, FULL_TIME_MEMBER_LEFT)

    def officer(
        self,
        organisation_id: int,
        role: OfficerRole,
        since: date,
        *,
        post: CommitteePost | None = None,
        disabled: bool = False,
        relative: bool = False,
        selection: str | None = None,
    ) -> OfficerDraft:
        return OfficerDraft(
            organisation_id=organisation_id,
            role=role,
            name=self.name(self.random.random() < 0.55),
            disabled=disabled,
            relative=relative,
            committee_post=post,
            selection=selection,
            started_on=since,
        )

    def contact_points(self, members: list[Member]) -> None:
        """Each member a 低收入村, a community of the same township (else of a street) and the
        township's Warm Home; the places are handed out in the order of the townships."""
        villages = [
            (town, p.name)
            for town, places in PLACES.items()
            for p in places
            if p.low_income and p.kind is PlaceKind.VILLAGE
        ]
        communities = {
            town: [p.name for p in places if p.kind is PlaceKind.COMMUNITY]
            for town, places in PLACES.items()
        }
        streets = [town for town, kind, *_ in UNITS if kind == "街道"]
        drafts: list[ContactPointDraft] = []
        owing = [m for m in members if m.council_place != NO_CONTACT_POINT]
        for i, member in enumerate(owing):
            town, village = villages[i % len(villages)]
            if i < len(villages):
                community, home = communities[town][0], self.home_of_town[town]
            else:
                street = streets[i % len(streets)]
                community, home = communities[street][-1], self.home_of_town[street]
            self.contacts[member.person_id] = (village, community, home)
            drafts.append(
                ContactPointDraft(
                    member.person_id,
                    self.places[village],
                    self.places[community],
                    self.homes[home],
                    CONTACT_POINTS_SINCE,
                )
            )
        self.add(date(Y, 1, 19), drafts)

    def visits(self, members: list[Member]) -> None:
        """A year of field visits, January to November, entered quarter by quarter (on the last
        day visited): the townships send their members' visit sheets in each quarter."""
        r = self.random
        days = _working_days()
        all_places = list(self.places)
        drafts: list[FieldVisitDraft] = []
        for member in members:
            place = member.council_place
            wanted = FEW_DAYS[place] if place in FEW_DAYS else r.randint(61, 84)
            chosen = sorted(r.sample(days, wanted))
            doubled = set(r.sample(chosen, DOUBLED_DAYS.get(place, 0) if place is not None else 0))
            doubled |= {d for d in chosen if r.random() < 0.04}
            spot = self.contacts.get(member.person_id)
            for day in chosen:
                for _ in range(2 if day in doubled else 1):
                    drafts.append(self.visit(member.person_id, day, spot, all_places))
        drafts.sort(key=lambda d: (d.visited_on, d.person_id))
        for _quarter, run in groupby(drafts, key=lambda d: (d.visited_on.month - 1) // 3):
            batch = list(run)
            self.add(batch[-1].visited_on, batch, at=time(17, 30))

    def visit(
        self,
        person_id: int,
        day: date,
        spot: tuple[str, str, str] | None,
        all_places: list[str],
    ) -> FieldVisitDraft:
        r = self.random
        roll = r.random()
        if spot is None or roll >= 0.9:
            place = r.choice(all_places)
            kind = PlaceKind.VILLAGE if place.endswith("村") else PlaceKind.COMMUNITY
            content = r.choice(VILLAGE_WORK if kind is PlaceKind.VILLAGE else COMMUNITY_WORK)
        elif roll < 0.45:
            place, content = spot[0], r.choice(VILLAGE_WORK)
        elif roll < 0.75:
            place, content = spot[1], r.choice(COMMUNITY_WORK)
        else:
            home = spot[2]
            place = home.removesuffix("温馨家园")
            content = r.choice(HOME_WORK)
            if place not in self.places:  # a township-level home: no place of the register
                return FieldVisitDraft(person_id, day, None, home, content)
        if day.month in SEASONAL_WORK and r.random() < 0.5:
            content = SEASONAL_WORK[day.month]
        return FieldVisitDraft(person_id, day, self.places[place], "", content)

    # --- helpers ----------------------------------------------------------------------------

    def end(self, register: Register, row: RecordRow, ended: date) -> None:
        assert isinstance(row, CadreRow | OfficerRow)
        self.clock.at(ended + timedelta(days=1))
        end_record(
            self.db,
            user=self.user,
            register=register,
            record_id=row.id,
            expected_version=row.version,
            ended_on=ended,
        )

    def name(self, male: bool) -> str:
        """A made-up name no one else in the demo has."""
        r = self.random
        pool = GIVEN_MALE if male else GIVEN_FEMALE
        while True:
            name = r.choice(SURNAMES) + r.choice(pool)
            if name not in self.used_names:
                self.used_names.add(name)
                return name


def _needs_home(place: DemoPlace) -> bool:
    """home.coverage's figures (the shipped rules file): 50 disabled residents, 7000 residents."""
    if place.kind is PlaceKind.VILLAGE:
        return place.disabled_residents >= 50
    return place.residents >= 7000


def _working_days() -> list[date]:
    days, day = [], VISITS_FROM
    while day <= VISITS_TO:
        off = any(first <= day <= last for first, last in HOLIDAYS)
        if day.weekday() < 5 and not off:
            days.append(day)
        day += timedelta(days=1)
    return days
