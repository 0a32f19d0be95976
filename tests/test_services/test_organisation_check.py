"""`organisation_report`: the organisation rules against the registers of a database built without
the demo, on SQLite and PostgreSQL — thresholds, who is in office, which meetings count."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from models.domain.errors import DomainError
from models.domain.meeting_vocabulary import AgendaKind, MeetingStatus
from models.domain.organisation_rules import RULE_IDS
from models.domain.organisation_vocabulary import (
    CommitteePost,
    OfficerRole,
    OrganisationKind,
    PlaceKind,
    TownshipKind,
)
from models.domain.search_keys import pinyin_keys, sort_key
from models.domain.vocabulary import (
    BodyKind,
    DisabilityCategory,
    Employment,
    Gender,
    MembershipStatus,
    Position,
    TermStatus,
)
from models.entities import AgendaItem, Meeting, Membership, Person, Term
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
from models.services.common.settings import record_rules
from models.services.organisation._members import contact_members_in
from models.services.organisation.checking import organisation_report
from models.services.organisation.commands import add_record
from models.services.organisation.contracts import (
    CadreDraft,
    ContactPointDraft,
    FieldVisitDraft,
    OfficerDraft,
    OrganisationDraft,
    PopulationDraft,
    WarmHomeDraft,
)
from models.services.people.terms import get_body
from models.store.unit_of_work import Database

from ._organisation import CLERK, build_district
from ._support import valid_id

YEAR = 2025
END = date(YEAR, 12, 31)
OPENED = date(2021, 6, 18)
SHIPPED = Path(__file__).resolve().parents[2] / "resources" / "rules" / "mentougou-2019.toml"


@dataclass
class Built:
    people: dict[str, int]
    cadres: dict[str, int]
    township: int
    village: int
    community: int
    home: int
    association: int
    presidium_term: int


def _person(name: str, n: int) -> Person:
    full, initials = pinyin_keys(name)
    return Person(
        name=name,
        gender=Gender.MALE,
        id_number=valid_id(sequence=f"{300 + 2 * n + 1:03d}"),
        pinyin_full=full,
        pinyin_initials=initials,
        pinyin_sort=sort_key(name),
    )


def build(db: Database) -> Built:
    """A federation meeting every rule in 2025: a party group of 2 and a council of 2 (one in
    both), each with a full contact point and 60 days of visits; 10 cadres, one a disabled
    full-time leader; one street with a model Warm Home, a village of 50 disabled residents and
    a community of 7000 residents, each with a Warm Home; an association with every officer; a
    presidium meeting that reviewed the work report and the budget."""
    with db.unit_of_work("setup") as uow:
        s = uow.session
        people = {name: _person(name, n) for n, name in enumerate(("甲书记", "乙理事长", "丙理事"))}
        party = s.scalars(
            select(Term).where(Term.body_id == get_body(s, BodyKind.PARTY_GROUP).id)
        ).one()
        council_body = get_body(s, BodyKind.EXECUTIVE_COUNCIL)
        presidium_body = get_body(s, BodyKind.PRESIDIUM)
        council = Term(body=council_body, ordinal=7, status=TermStatus.CURRENT, start_date=OPENED)
        presidium = Term(body=presidium_body, ordinal=7, status=TermStatus.CURRENT)
        s.add_all([council, presidium])
        for name, term, position in (
            ("甲书记", party, Position.PARTY_SECRETARY),
            ("乙理事长", party, Position.PARTY_MEMBER),
            ("乙理事长", council, Position.COUNCIL_CHAIR),
            ("丙理事", council, Position.COUNCIL_MEMBER),
        ):
            s.add(
                Membership(
                    person=people[name],
                    term=term,
                    position=position,
                    status=MembershipStatus.ELECTED,
                    start_date=OPENED,
                )
            )
        cadres = [
            Cadre(name="残疾干部", employment=Employment.FULL_TIME, leadership=True, disabled=True),
            Cadre(name="挂职干部", employment=Employment.SECONDED),
            Cadre(name="兼职干部", employment=Employment.PART_TIME),
            *(Cadre(name=f"干部{n}", employment=Employment.FULL_TIME) for n in range(7)),
        ]
        town = Township(name="大峪街道", kind=TownshipKind.STREET)
        village = Place(township=town, name="东村", kind=PlaceKind.VILLAGE, low_income=True)
        community = Place(township=town, name="峪园社区", kind=PlaceKind.COMMUNITY)
        s.add_all([*cadres, town, village, community])
        s.flush()
        s.add_all(
            [
                PlacePopulation(place_id=village.id, year=YEAR, disabled_residents=50),
                PlacePopulation(place_id=community.id, year=YEAR, residents=7000),
            ]
        )
        model_home = WarmHome(name="大峪示范温馨家园", township=town, model=True)
        village_home = WarmHome(name="东村温馨家园", township=town, place=village)
        community_home = WarmHome(name="峪园温馨家园", township=town, place=community)
        s.add_all([model_home, village_home, community_home])
        s.flush()
        for person in people.values():
            s.add(
                ContactPoint(
                    person=person,
                    village_id=village.id,
                    community_id=community.id,
                    warm_home_id=community_home.id,
                )
            )
            s.add_all(
                FieldVisit(person=person, visited_on=date(YEAR, 1, 1) + timedelta(days=i))
                for i in range(60)
            )
        association = GrassrootsOrganisation(
            kind=OrganisationKind.COMMUNITY_ASSOCIATION,
            name="峪园社区残疾人协会",
            township=town,
            place=community,
        )
        s.add(association)
        s.flush()
        for role, extra in (
            (OfficerRole.CHAIR, {"committee_post": CommitteePost.DIRECTOR}),
            (OfficerRole.VICE_CHAIR, {"disabled": True}),
            (OfficerRole.FULL_TIME_MEMBER, {"selection": "公开选聘"}),
            (OfficerRole.PART_TIME_MEMBER, {}),
        ):
            s.add(
                OrganisationOfficer(
                    organisation_id=association.id, role=role, name=role.value, **extra
                )
            )
        meeting = Meeting(
            body_id=presidium.body_id,
            term=presidium,
            ordinal=1,
            meeting_date=date(YEAR, 3, 5),
            status=MeetingStatus.HELD,
        )
        s.add(meeting)
        s.flush()
        s.add_all(
            [
                AgendaItem(
                    meeting_id=meeting.id,
                    position=1,
                    kind=AgendaKind.WORK_REPORT,
                    title="审议执行理事会工作报告",
                ),
                AgendaItem(
                    meeting_id=meeting.id, position=2, kind=AgendaKind.BUDGET, title="预算执行情况"
                ),
            ]
        )
        s.flush()
        built = Built(
            people={n: p.id for n, p in people.items()},
            cadres={c.name: c.id for c in cadres},
            township=town.id,
            village=village.id,
            community=community.id,
            home=community_home.id,
            association=association.id,
            presidium_term=presidium.id,
        )
        uow.commit()
    return built


def change(db: Database, entity: type, record_id: int, **values: object) -> None:
    with db.unit_of_work("clerk") as uow:
        record = uow.session.get(entity, record_id)
        for key, value in values.items():
            setattr(record, key, value)
        uow.commit()


def add(db: Database, *records: object) -> None:
    with db.unit_of_work("clerk") as uow:
        uow.session.add_all(records)
        uow.commit()


def statuses(db: Database, **kwargs) -> dict[str, str]:  # type: ignore[no-untyped-def]
    report = organisation_report(db, year=YEAR, **kwargs)
    return {r.id: r.status for r in report.results}


def failing(db: Database, **kwargs) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {k: v for k, v in statuses(db, **kwargs).items() if v != "pass"}


@pytest.fixture
def built(db: Database) -> Built:
    return build(db)


def test_an_empty_database_reports_every_rule_failing(db: Database) -> None:
    report = organisation_report(db, year=YEAR)
    assert tuple(r.id for r in report.results) == RULE_IDS
    assert (report.year, report.as_of, report.rules_id) == (YEAR, END, "mentougou-2019")
    assert report.has_failed_errors
    assert all(r.status in ("fail", "warn") and r.shortfalls for r in report.results)


def test_a_federation_meeting_every_rule_passes(db: Database, built: Built) -> None:
    report = organisation_report(db, year=YEAR)
    assert failing(db) == {}
    assert not report.has_failed_errors
    days = report.result("contact.days")
    assert (days.count, days.total, days.required) == (3, 3, 3)  # 乙 once for both bodies
    homes = report.result("home.coverage")
    assert (homes.count, homes.total) == (3, 3)


def test_members_are_the_party_group_and_council_in_office(db: Database, built: Built) -> None:
    assert sorted(name for _, name in contact_member_ids_on(db, END)) == [
        "丙理事",
        "乙理事长",
        "甲书记",
    ]
    with db.unit_of_work("clerk") as uow:
        membership = uow.session.scalars(
            select(Membership).where(Membership.person_id == built.people["丙理事"])
        ).one()
        membership.status = MembershipStatus.ENDED
        membership.end_date = date(YEAR, 7, 1)
        uow.commit()
    assert "丙理事" not in [n for _, n in contact_member_ids_on(db, END)]
    assert "丙理事" in [n for _, n in contact_member_ids_on(db, date(YEAR, 6, 30))]


def contact_member_ids_on(db: Database, day: date) -> list[tuple[int, str]]:
    with db.session_factory() as session:
        return [(m.person_id, m.name) for m in contact_members_in(session, day)]


def test_contact_days_59_and_60_and_one_day_twice(db: Database, built: Built) -> None:
    person = built.people["丙理事"]
    with db.unit_of_work("clerk") as uow:
        last = uow.session.scalars(
            select(FieldVisit).where(
                FieldVisit.person_id == person, FieldVisit.visited_on == date(YEAR, 3, 1)
            )
        ).one()
        last.visited_on = date(YEAR, 1, 1)  # now two visits on 1 January: 59 days
        uow.commit()
    report = organisation_report(db, year=YEAR)
    days = report.result("contact.days")
    assert (days.status, days.count, days.total) == ("fail", 2, 3)
    (short,) = days.shortfalls
    assert (short.subject, short.person_id, short.register) == ("丙理事", person, "visits")
    assert "59 天" in short.detail
    add(db, FieldVisit(person_id=person, visited_on=date(YEAR, 12, 31)))
    assert failing(db) == {}
    # Visits of another year or after the day of the check do not count.
    assert failing(db, as_of=date(YEAR, 12, 30)) == {"contact.days": "fail"}


def test_a_district_file_with_40_days_passes_a_member_with_45(db: Database, built: Built) -> None:
    with db.unit_of_work("clerk") as uow:
        for visit in uow.session.scalars(
            select(FieldVisit).where(FieldVisit.visited_on > date(YEAR, 2, 14))
        ):
            uow.session.delete(visit)  # 45 days left each
        uow.commit()
    assert failing(db) == {"contact.days": "fail"}
    text = SHIPPED.read_text(encoding="utf-8").replace(
        "[organisation.contact.days]\nat_least = 60", "[organisation.contact.days]\nat_least = 40"
    )
    assert "at_least = 40" in text
    record_rules(db, user="clerk", rules_id="x-2030", content=text)
    report = organisation_report(db, year=YEAR)
    assert report.rules_id == "x-2030"
    assert failing(db) == {}


def test_a_bad_value_in_the_recorded_file_is_rules_invalid(db: Database) -> None:
    text = '[rules]\ntitle = "某区"\n[organisation.contact.days]\nat_least = "六十"\n'
    record_rules(db, user="clerk", rules_id="x-2030", content=text)
    with pytest.raises(DomainError) as caught:
        organisation_report(db, year=YEAR)
    assert caught.value.code == "rules_invalid"
    assert caught.value.params["key"] == "organisation.contact.days.at_least"


def test_contact_points_ended_parts_are_missing(db: Database, built: Built) -> None:
    change(db, WarmHome, built.home, ended_on=date(YEAR, 6, 1))
    report = organisation_report(db, year=YEAR)
    # The community's Warm Home ended: the contact points lack one, the community needs one.
    points = report.result("contact.points")
    assert (points.status, points.count, points.total) == ("fail", 0, 3)
    assert all("没有联系的温馨家园" in s.detail for s in points.shortfalls)
    assert report.result("home.coverage").status == "fail"
    assert failing(db, as_of=date(YEAR, 5, 31)) == {}
    change(db, Place, built.village, low_income=False)
    details = [
        s.detail for s in organisation_report(db, year=YEAR).result("contact.points").shortfalls
    ]
    assert all("“东村”不是低收入村" in d for d in details)


def test_cadres_ten_percent_exactly_then_one_of_eleven(db: Database, built: Built) -> None:
    report = organisation_report(db, year=YEAR)
    share = report.result("staff.disabled_share")
    assert (share.status, share.count, share.total, share.required) == ("pass", 1, 10, 1)
    add(db, Cadre(name="新干部", employment=Employment.FULL_TIME))
    share = organisation_report(db, year=YEAR).result("staff.disabled_share")
    assert (share.status, share.count, share.total, share.required) == ("fail", 1, 11, 2)
    # A cadre who left before the day of the check is not counted.
    with db.unit_of_work("clerk") as uow:
        newcomer = uow.session.scalars(select(Cadre).where(Cadre.name == "新干部")).one()
        newcomer.ended_on = date(YEAR, 11, 1)
        uow.commit()
    assert failing(db) == {}
    assert failing(db, as_of=date(YEAR, 10, 31)) == {"staff.disabled_share": "fail"}


def test_cadre_kinds_and_leadership(db: Database, built: Built) -> None:
    change(db, Cadre, built.cadres["挂职干部"], ended_on=date(YEAR, 1, 1))
    change(db, Cadre, built.cadres["残疾干部"], employment=Employment.PART_TIME)
    assert failing(db) == {"staff.seconded": "fail", "leadership.disabled_fulltime": "fail"}


def test_villages_at_49_and_50_disabled_residents(db: Database, built: Built) -> None:
    with db.unit_of_work("clerk") as uow:
        uow.session.delete(
            uow.session.scalars(select(WarmHome).where(WarmHome.name == "东村温馨家园")).one()
        )
        uow.commit()
    report = organisation_report(db, year=YEAR)
    homes = report.result("home.coverage")
    assert (homes.status, homes.count, homes.total) == ("fail", 2, 3)
    (short,) = homes.shortfalls
    assert (short.subject, short.register, short.township_id) == (
        "大峪街道东村",
        "homes",
        built.township,
    )
    with db.unit_of_work("clerk") as uow:
        figure = uow.session.scalars(
            select(PlacePopulation).where(PlacePopulation.place_id == built.village)
        ).one()
        figure.disabled_residents = 49
        uow.commit()
    assert failing(db) == {}
    # Another year's figures do not decide this year; without this year's, the village fails.
    assert statuses(db)["home.coverage"] == "pass"
    report = organisation_report(db, year=YEAR + 1, as_of=date(YEAR + 1, 12, 31))
    sources = {s.subject: s.register for s in report.result("home.coverage").shortfalls}
    assert sources == {"大峪街道东村": "population"}


def test_communities_at_6999_and_7000_residents(db: Database, built: Built) -> None:
    change(db, WarmHome, built.home, place_id=None)
    assert failing(db)["home.coverage"] == "fail"
    with db.unit_of_work("clerk") as uow:
        figure = uow.session.scalars(
            select(PlacePopulation).where(PlacePopulation.place_id == built.community)
        ).one()
        figure.residents = 6999
        uow.commit()
    assert "home.coverage" not in failing(db)


def test_a_township_without_a_model_home(db: Database, built: Built) -> None:
    add(db, Township(name="永定镇", kind=TownshipKind.TOWN))
    homes = organisation_report(db, year=YEAR).result("home.coverage")
    assert homes.status == "fail"
    assert [s.subject for s in homes.shortfalls] == ["永定镇"]


def test_association_parts_through_the_registers(db: Database, built: Built) -> None:
    with db.unit_of_work("clerk") as uow:
        for officer in uow.session.scalars(
            select(OrganisationOfficer).where(
                OrganisationOfficer.organisation_id == built.association
            )
        ):
            if officer.role is OfficerRole.CHAIR:
                officer.committee_post = None
            if officer.role is OfficerRole.FULL_TIME_MEMBER:
                officer.ended_on = date(YEAR, 3, 1)
        uow.session.add_all(
            OrganisationOfficer(
                organisation_id=built.association, role=OfficerRole.PART_TIME_MEMBER, name=f"兼{n}"
            )
            for n in range(2)
        )
        uow.commit()
    assert failing(db) == {
        "grassroots.association.full_time_member": "fail",
        "grassroots.association.chair_post": "warn",
        "grassroots.association.part_time_members": "warn",
    }
    report = organisation_report(db, year=YEAR)
    assert report.result("grassroots.association.chair_post").level == "warning"
    short = report.result("grassroots.association.full_time_member").shortfalls[0]
    assert (short.register, short.record_id) == ("organisations", built.association)


def test_the_presidium_review_counts_held_meetings_of_the_year(db: Database, built: Built) -> None:
    with db.unit_of_work("clerk") as uow:
        meeting = uow.session.scalars(select(Meeting)).one()
        meeting.status = MeetingStatus.PLANNED
        uow.commit()
    report = organisation_report(db, year=YEAR)
    review = report.result("presidium.yearly_review")
    assert (review.status, review.count, review.total) == ("warn", 0, 2)
    assert not report.has_failed_errors  # a warning alone
    with db.unit_of_work("clerk") as uow:
        meeting = uow.session.scalars(select(Meeting)).one()
        meeting.status = MeetingStatus.HELD
        uow.commit()
    review = organisation_report(db, year=YEAR).result("presidium.yearly_review")
    assert review.status == "pass" and "第七届主席团第一次会议" in review.message
    assert failing(db, as_of=date(YEAR, 3, 4))["presidium.yearly_review"] == "warn"


def test_the_year_and_the_day(db: Database) -> None:
    with pytest.raises(DomainError) as caught:
        organisation_report(db, year=25)
    assert caught.value.code == "organisation_year_invalid"
    with pytest.raises(DomainError) as caught:
        organisation_report(db, year=YEAR, as_of=date(YEAR - 1, 12, 31))
    assert caught.value.code == "bad_arguments"
    assert organisation_report(db, year=YEAR, as_of=date(YEAR + 1, 3, 1)).as_of == END
    today = date.today()
    assert organisation_report(db, year=today.year).as_of <= date(today.year, 12, 31)


# --- entered through the registers' own commands (helper A's services) ---------------------


def test_registers_entered_through_their_commands(db: Database) -> None:
    """A district entered as a clerk enters it; a district file asking 3 days makes 2 fail."""
    district = build_district(db)
    towns, places, people = district.towns, district.places, district.people

    def add_row(draft):  # type: ignore[no-untyped-def]
        return add_record(db, user=CLERK, draft=draft)

    text = SHIPPED.read_text(encoding="utf-8").replace(
        "[organisation.contact.days]\nat_least = 60", "[organisation.contact.days]\nat_least = 3"
    )
    record_rules(db, user=CLERK, rules_id="x-2030", content=text)
    add_row(
        CadreDraft(
            name="张书记",
            employment=Employment.FULL_TIME,
            leadership=True,
            disabled=True,
            disability_category=DisabilityCategory.PHYSICAL,
        )
    )
    add_row(CadreDraft(name="挂职甲", employment=Employment.SECONDED))
    add_row(CadreDraft(name="兼职乙", employment=Employment.PART_TIME))
    homes = {
        name: add_row(
            WarmHomeDraft(name=name, township_id=towns[town], place_id=place, model=model)
        ).id
        for name, town, place, model in (
            ("大峪示范温馨家园", "大峪街道", None, True),
            ("王平示范温馨家园", "王平镇", places["王平社区"], True),
            ("桥户营温馨家园", "王平镇", places["桥户营村"], False),
        )
    }
    for place, disabled, residents in (
        ("东辛房社区", None, 6999),
        ("桥户营村", 50, None),
        ("西马各庄村", 49, None),
        ("王平社区", None, 7000),
    ):
        add_row(
            PopulationDraft(
                place_id=places[place], year=YEAR, disabled_residents=disabled, residents=residents
            )
        )
    for name in ("张书记", "李理事长", "王理事"):
        add_row(
            ContactPointDraft(
                person_id=people[name],
                village_id=places["桥户营村"],
                community_id=places["王平社区"],
                warm_home_id=homes["桥户营温馨家园"],
            )
        )
    visits = {"张书记": (1, 2, 3), "李理事长": (1, 1, 2), "王理事": (5, 6, 7), "赵离任": (1,)}
    for name, days in visits.items():
        for day in days:
            add_row(FieldVisitDraft(person_id=people[name], visited_on=date(YEAR, 2, day)))
    for town, place, kind, name in (
        ("大峪街道", "东辛房社区", OrganisationKind.COMMUNITY_ASSOCIATION, "东辛房社区残协"),
        ("王平镇", "桥户营村", OrganisationKind.VILLAGE_ASSOCIATION, "桥户营村残协"),
    ):
        organisation = add_row(
            OrganisationDraft(kind=kind, name=name, township_id=towns[town], place_id=places[place])
        ).id
        for role, extra in (
            (OfficerRole.CHAIR, {"committee_post": CommitteePost.DEPUTY_DIRECTOR}),
            (OfficerRole.VICE_CHAIR, {"relative": True}),
            (OfficerRole.FULL_TIME_MEMBER, {"selection": "公开选聘"}),
        ):
            if name == "桥户营村残协" and role is OfficerRole.FULL_TIME_MEMBER:
                continue
            add_row(
                OfficerDraft(
                    organisation_id=organisation, role=role, name=f"{name}{role.value}", **extra
                )
            )
    report = organisation_report(db, year=YEAR)
    assert report.rules_id == "x-2030"
    assert {r.id: r.status for r in report.results if r.status != "pass"} == {
        "contact.days": "fail",
        "grassroots.association.full_time_member": "fail",
        "presidium.yearly_review": "warn",
    }
    days = report.result("contact.days")
    # 赵离任 left in March: not among those who owe days on 31 December.
    assert (days.count, days.total) == (2, 3)
    assert [(s.subject, s.detail) for s in days.shortfalls] == [
        ("李理事长", "2025年走访 2 天，还差 1 天")
    ]
    homes_result = report.result("home.coverage")
    assert (homes_result.count, homes_result.total) == (4, 4)  # 2 towns, 桥户营村, 王平社区
    short = report.result("grassroots.association.full_time_member").shortfalls[0]
    assert (short.subject, short.township_id) == ("桥户营村残协", towns["王平镇"])
