"""The organisation registers (issue 17): add, edit, end and remove a record of each register,
every refusal in words, stale saves, history, the contact members and visit days — on an empty
database, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from models.domain.audit_kinds import entity_label
from models.domain.errors import DomainError
from models.domain.messages import message
from models.domain.organisation_vocabulary import (
    CommitteePost,
    OfficerRole,
    OrganisationKind,
    PlaceKind,
    TownshipKind,
)
from models.domain.roles import Role
from models.domain.vocabulary import DisabilityCategory, Employment
from models.entities import ChangeLog, FieldVisit
from models.services.common.clock import today_local
from models.services.organisation.commands import (
    add_record,
    edit_record,
    end_record,
    remove_record,
)
from models.services.organisation.contracts import (
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
from models.services.organisation.queries import (
    contact_members,
    get_record,
    list_records,
    record_history,
    visit_days,
)

from ._accounts import accounts_for_every_role, login_of
from ._organisation import CLERK, District, build_district
from ._support import count, last_log_id, log_since

TODAY = today_local()


@pytest.fixture
def district(db) -> District:
    return build_district(db)


def refused(call, *args, **kwargs) -> DomainError:
    with pytest.raises(DomainError) as caught:
        call(*args, **kwargs)
    error = caught.value
    assert "{" not in message(error.code, error.params)
    return error


def add(db, draft):
    return add_record(db, user=CLERK, draft=draft)


def home(db, district, name="王平镇温馨家园", place=None, model=False):
    return add(
        db,
        WarmHomeDraft(
            name=name,
            township_id=district.towns["王平镇"],
            place_id=district.places[place] if place else None,
            model=model,
        ),
    )


# --- each register: add, edit, end or remove, list and history ---------------------------------


def test_townships_in_their_order_renamed_and_ended(db, district):
    rows = list_records(db, register=Register.TOWNSHIPS)
    assert [(r.name, r.kind, r.order) for r in rows] == [
        ("大峪街道", TownshipKind.STREET, 1),
        ("王平镇", TownshipKind.TOWN, 2),
    ]
    first = add(db, TownshipDraft(name="龙泉镇", kind=TownshipKind.TOWN, sort_order=0))
    assert list_records(db, register=Register.TOWNSHIPS)[0].name == "龙泉镇"
    renamed = edit_record(
        db,
        user=CLERK,
        record_id=first.id,
        expected_version=first.version,
        draft=TownshipDraft(name=" 龙泉地区 ", kind="乡镇"),  # type: ignore[arg-type]
    )
    assert (renamed.name, renamed.order, renamed.version) == ("龙泉地区", 0, 2)
    ended = end_record(
        db,
        user=CLERK,
        register=Register.TOWNSHIPS,
        record_id=first.id,
        expected_version=renamed.version,
        ended_on=date(2026, 1, 1),
    )
    assert ended.ended_on == date(2026, 1, 1)
    assert "龙泉地区" not in [r.name for r in list_records(db, register=Register.TOWNSHIPS)]
    everything = list_records(db, register=Register.TOWNSHIPS, include_ended=True)
    assert "龙泉地区" in [r.name for r in everything]
    history = record_history(db, register=Register.TOWNSHIPS, record_id=first.id)
    assert [e.action for e in history] == ["update", "update", "insert"]  # newest first
    assert {e.entity for e in history} == {"township"}
    assert history[0].entity_label == "街乡镇"


def test_places_by_township_then_name_and_their_population(db, district):
    places = list_records(db, register=Register.PLACES, township_id=district.towns["王平镇"])
    assert [p.name for p in places] == ["桥户营村", "王平社区", "西马各庄村"]  # by pinyin
    assert places[0].low_income and places[0].township == "王平镇"
    village = district.places["桥户营村"]
    first = add(db, PopulationDraft(place_id=village, year=2025, disabled_residents=49))
    second = add(db, PopulationDraft(place_id=village, year=2026, disabled_residents=50))
    add(db, PopulationDraft(place_id=district.places["东辛房社区"], year=2026, residents=7000))
    rows = list_records(db, register=Register.POPULATION)
    assert [(r.township, r.place, r.year) for r in rows] == [
        ("大峪街道", "东辛房社区", 2026),
        ("王平镇", "桥户营村", 2026),
        ("王平镇", "桥户营村", 2025),
    ]
    assert [r.id for r in list_records(db, register=Register.POPULATION, year=2025)] == [first.id]
    edited = edit_record(
        db,
        user=CLERK,
        record_id=second.id,
        expected_version=1,
        draft=PopulationDraft(place_id=village, year=2026, disabled_residents=51, residents=900),
    )
    assert (edited.disabled_residents, edited.residents, edited.kind) == (
        51,
        900,
        PlaceKind.VILLAGE,
    )
    remove_record(
        db, user=CLERK, register=Register.POPULATION, record_id=first.id, expected_version=1
    )
    assert [
        r.year
        for r in list_records(
            db, register=Register.POPULATION, township_id=district.towns["王平镇"]
        )
    ] == [2026]
    history = record_history(db, register=Register.POPULATION, record_id=first.id)
    assert [e.action for e in history] == ["delete", "insert"]
    # An edited place keeps its figures; a place ended stays in the list with include_ended.
    place = get_record(db, register=Register.PLACES, record_id=village)
    end_record(
        db,
        user=CLERK,
        register=Register.PLACES,
        record_id=village,
        expected_version=place.version,
        ended_on=date(2026, 6, 30),
    )
    assert village not in [p.id for p in list_records(db, register=Register.PLACES)]


def test_cadres_leadership_first_then_by_name(db, district):
    drafts = [
        CadreDraft(name="周专职", employment=Employment.FULL_TIME, post="科员"),
        CadreDraft(
            name="陈副理事长",
            employment=Employment.FULL_TIME,
            post="副理事长",
            leadership=True,
            disabled=True,
            disability_category=DisabilityCategory.PHYSICAL,
            started_on=date(2021, 7, 1),
        ),
        CadreDraft(name="安挂职", employment=Employment.SECONDED, home_unit="区民政局"),
        CadreDraft(
            name="李理事长",
            employment="专职",  # type: ignore[arg-type]
            leadership=True,
            person_id=district.people["李理事长"],
        ),
    ]
    rows = [add(db, d) for d in drafts]
    listed = list_records(db, register=Register.CADRES)
    assert [r.name for r in listed] == ["陈副理事长", "李理事长", "安挂职", "周专职"]
    assert listed[1].employment is Employment.FULL_TIME and listed[1].person_id
    assert [
        r.id
        for r in list_records(db, register=Register.CADRES, person_id=district.people["李理事长"])
    ] == [rows[3].id]
    cadre = rows[0]
    moved = edit_record(
        db,
        user=CLERK,
        record_id=cadre.id,
        expected_version=cadre.version,
        draft=CadreDraft(
            name="周专职", employment=Employment.PART_TIME, post="  联络员 ", note=" "
        ),
    )
    assert (moved.employment, moved.post, moved.note) == (Employment.PART_TIME, "联络员", None)
    gone = end_record(
        db,
        user=CLERK,
        register=Register.CADRES,
        record_id=cadre.id,
        expected_version=moved.version,
        ended_on=TODAY - timedelta(days=1),
    )
    assert gone.ended_on == TODAY - timedelta(days=1)
    assert cadre.id not in [r.id for r in list_records(db, register=Register.CADRES)]
    # A cadre leaving next month is still in office today.
    leaving = rows[2]
    end_record(
        db,
        user=CLERK,
        register=Register.CADRES,
        record_id=leaving.id,
        expected_version=leaving.version,
        ended_on=TODAY + timedelta(days=30),
    )
    assert leaving.id in [r.id for r in list_records(db, register=Register.CADRES)]


def test_homes_organisations_and_officers(db, district):
    town_home = home(db, district, model=True)
    village_home = home(db, district, name="桥户营村温馨家园", place="桥户营村")
    homes = list_records(db, register=Register.HOMES)
    assert [(h.name, h.place, h.model) for h in homes] == [
        ("王平镇温馨家园", None, True),
        ("桥户营村温馨家园", "桥户营村", False),
    ]
    assert village_home.township == "王平镇"
    federation = add(
        db,
        OrganisationDraft(
            kind=OrganisationKind.TOWNSHIP_FEDERATION,
            name="王平镇残联",
            township_id=district.towns["王平镇"],
        ),
    )
    association = add(
        db,
        OrganisationDraft(
            kind=OrganisationKind.VILLAGE_ASSOCIATION,
            name="桥户营村残协",
            township_id=district.towns["王平镇"],
            place_id=district.places["桥户营村"],
            founded_on=date(2020, 5, 1),
        ),
    )
    officers = [
        OfficerDraft(association.id, OfficerRole.PART_TIME_MEMBER, "甲"),
        OfficerDraft(
            association.id, OfficerRole.CHAIR, "乙", committee_post=CommitteePost.DEPUTY_DIRECTOR
        ),
        OfficerDraft(association.id, OfficerRole.VICE_CHAIR, "丙", relative=True),
        OfficerDraft(association.id, OfficerRole.FULL_TIME_MEMBER, "丁", selection="公开选聘"),
        OfficerDraft(federation.id, OfficerRole.DIRECTOR, "戊"),
    ]
    added = [add(db, o) for o in officers]
    row = get_record(db, register=Register.ORGANISATIONS, record_id=association.id)
    assert [o.role for o in row.officers] == [
        OfficerRole.CHAIR,
        OfficerRole.VICE_CHAIR,
        OfficerRole.FULL_TIME_MEMBER,
        OfficerRole.PART_TIME_MEMBER,
    ]
    assert (
        row.place == "桥户营村" and row.officers[0].committee_post is CommitteePost.DEPUTY_DIRECTOR
    )
    listed = list_records(db, register=Register.ORGANISATIONS)
    assert [o.name for o in listed] == ["王平镇残联", "桥户营村残协"]  # the federation first
    officer_rows = list_records(
        db, register=Register.OFFICERS, township_id=district.towns["王平镇"]
    )
    assert [o.name for o in officer_rows] == ["戊", "乙", "丙", "丁", "甲"]
    end_record(
        db,
        user=CLERK,
        register=Register.OFFICERS,
        record_id=added[0].id,
        expected_version=1,
        ended_on=TODAY,
    )
    row = get_record(db, register=Register.ORGANISATIONS, record_id=association.id)
    assert OfficerRole.PART_TIME_MEMBER not in [o.role for o in row.officers]
    edited = edit_record(
        db,
        user=CLERK,
        record_id=town_home.id,
        expected_version=town_home.version,
        draft=WarmHomeDraft(
            name="王平镇温馨家园", township_id=district.towns["王平镇"], opened_on=date(2019, 1, 1)
        ),
    )
    assert (edited.model, edited.opened_on) == (False, date(2019, 1, 1))


def test_contact_points_and_visits(db, district):
    members = contact_members(db)
    assert [(m.name, m.bodies) for m in members] == [
        ("张书记", "党组书记"),
        ("李理事长", "党组成员、执行理事会理事长"),
        ("王理事", "执行理事会理事"),
    ]
    family = home(db, district, name="桥户营村温馨家园", place="桥户营村")
    point = add(
        db,
        ContactPointDraft(
            person_id=district.people["张书记"],
            village_id=district.places["桥户营村"],
            community_id=district.places["东辛房社区"],
            warm_home_id=family.id,
            started_on=date(2026, 1, 1),
        ),
    )
    assert (point.member, point.village, point.community, point.warm_home) == (
        "张书记",
        "桥户营村",
        "东辛房社区",
        "桥户营村温馨家园",
    )
    add(db, ContactPointDraft(person_id=district.people["王理事"]))
    assert [c.member for c in list_records(db, register=Register.CONTACTS)] == ["王理事", "张书记"]
    zhang = district.people["张书记"]
    visits = [
        add(
            db,
            FieldVisitDraft(
                zhang, date(2026, 3, 2), place_id=district.places["桥户营村"], content="入户问需"
            ),
        ),
        add(db, FieldVisitDraft(zhang, date(2026, 3, 2), location="区残联", content="现场调研")),
        add(db, FieldVisitDraft(zhang, date(2026, 4, 9))),
        add(db, FieldVisitDraft(zhang, date(2025, 12, 31))),
        # 赵离任 left the council on 2025-03-01: his visits of 2025 are still entered.
        add(db, FieldVisitDraft(district.people["赵离任"], date(2025, 1, 20))),
    ]
    assert visit_days(db, year=2026) == {zhang: 2}
    assert visit_days(db, year=2025) == {zhang: 1, district.people["赵离任"]: 1}
    assert visit_days(db, year=2024) == {}
    listed = list_records(db, register=Register.VISITS, year=2026)
    assert [v.visited_on for v in listed] == [date(2026, 4, 9), date(2026, 3, 2), date(2026, 3, 2)]
    assert listed[1].id == visits[1].id  # newest first, the later entry of a day first
    assert listed[2].place == "桥户营村"
    by_town = list_records(db, register=Register.VISITS, township_id=district.towns["王平镇"])
    assert [v.id for v in by_town] == [visits[0].id]
    moved = edit_record(
        db,
        user=CLERK,
        record_id=visits[2].id,
        expected_version=1,
        draft=FieldVisitDraft(zhang, date(2026, 4, 10), content="走访"),
    )
    assert moved.visited_on == date(2026, 4, 10)
    remove_record(
        db, user=CLERK, register=Register.VISITS, record_id=visits[2].id, expected_version=2
    )
    assert count(db, FieldVisit) == 4
    handed = end_record(
        db,
        user=CLERK,
        register=Register.CONTACTS,
        record_id=point.id,
        expected_version=point.version,
        ended_on=date(2026, 6, 30),
    )
    assert handed.ended_on == date(2026, 6, 30)
    # Ended, the member may be given a new one.
    again = add(db, ContactPointDraft(person_id=zhang, village_id=district.places["西马各庄村"]))
    assert again.village == "西马各庄村"


def test_the_change_log_names_every_register_kind(db, district):
    since = last_log_id(db)
    family = home(db, district)
    add(db, PopulationDraft(place_id=district.places["桥户营村"], year=2026, disabled_residents=3))
    add(db, CadreDraft(name="甲", employment=Employment.FULL_TIME))
    add(db, ContactPointDraft(person_id=district.people["王理事"], warm_home_id=family.id))
    add(db, FieldVisitDraft(district.people["王理事"], date(2026, 2, 2)))
    organisation = add(
        db,
        OrganisationDraft(
            OrganisationKind.TOWNSHIP_FEDERATION, "王平镇残联", district.towns["王平镇"]
        ),
    )
    add(db, OfficerDraft(organisation.id, OfficerRole.CHAIR, "乙"))
    entities = [(e.entity, e.action, e.user_login) for e in log_since(db, since)]
    assert [e for e, _, _ in entities] == [
        "warm_home",
        "place_population",
        "cadre",
        "contact_point",
        "field_visit",
        "grassroots_organisation",
        "organisation_officer",
    ]
    assert {a for _, a, _ in entities} == {"insert"} and {u for _, _, u in entities} == {CLERK}
    tables = {"township", "place", *(e for e, _, _ in entities)}
    assert all(entity_label(t) != t for t in tables)


# --- refusals ---------------------------------------------------------------------------------


def test_names_required_fitted_and_unique(db, district):
    assert refused(add, db, TownshipDraft(name="  ", kind=TownshipKind.TOWN)).field == "name"
    long = refused(add, db, TownshipDraft(name="镇" * 65, kind=TownshipKind.TOWN))
    assert (long.code, long.params["limit"]) == ("text_too_long", 64)
    taken = refused(add, db, TownshipDraft(name="王平镇", kind=TownshipKind.TOWN))
    assert taken.code == "register_name_taken"
    assert "王平镇" in message(taken.code, taken.params) and "街乡镇" in message(
        taken.code, taken.params
    )
    place = refused(
        add,
        db,
        PlaceDraft(township_id=district.towns["王平镇"], name="桥户营村", kind=PlaceKind.VILLAGE),
    )
    assert place.code == "place_name_taken" and place.params["township"] == "王平镇"
    # The same name in another township is another place.
    add(
        db,
        PlaceDraft(township_id=district.towns["大峪街道"], name="桥户营村", kind=PlaceKind.VILLAGE),
    )
    home(db, district, name="甲家园")
    assert refused(home, db, district, name="甲家园").code == "register_name_taken"
    draft = OrganisationDraft(
        OrganisationKind.TOWNSHIP_FEDERATION, "王平镇残联", district.towns["王平镇"]
    )
    add(db, draft)
    assert refused(add, db, draft).code == "register_name_taken"
    bad_kind = refused(add, db, TownshipDraft(name="新镇", kind="镇"))  # type: ignore[arg-type]
    assert (bad_kind.code, bad_kind.field) == ("value_invalid", "kind")
    # Renaming to itself is no clash.
    row = get_record(db, register=Register.TOWNSHIPS, record_id=district.towns["王平镇"])
    edit_record(
        db,
        user=CLERK,
        record_id=row.id,
        expected_version=row.version,
        draft=TownshipDraft(name="王平镇", kind=TownshipKind.TOWN),
    )


def test_references_must_exist_and_be_open(db, district):
    missing = refused(add, db, PlaceDraft(township_id=987654, name="某村", kind=PlaceKind.VILLAGE))
    assert (missing.code, missing.field) == ("register_reference_missing", "township_id")
    town = get_record(db, register=Register.TOWNSHIPS, record_id=district.towns["大峪街道"])
    end_record(
        db,
        user=CLERK,
        register=Register.TOWNSHIPS,
        record_id=town.id,
        expected_version=town.version,
        ended_on=date(2026, 1, 1),
    )
    ended = refused(
        add, db, PlaceDraft(township_id=town.id, name="新社区", kind=PlaceKind.COMMUNITY)
    )
    assert ended.code == "register_reference_ended" and "大峪街道" in message(
        ended.code, ended.params
    )
    # Its own place stays editable (it already pointed there).
    place = get_record(db, register=Register.PLACES, record_id=district.places["东辛房社区"])
    edit_record(
        db,
        user=CLERK,
        record_id=place.id,
        expected_version=place.version,
        draft=PlaceDraft(
            township_id=town.id, name="东辛房社区", kind=PlaceKind.COMMUNITY, low_income=False
        ),
    )
    stranger = refused(
        add, db, CadreDraft(name="甲", employment=Employment.FULL_TIME, person_id=987654)
    )
    assert (stranger.code, stranger.field) == ("person_not_found", "person_id")
    wrong = refused(
        add,
        db,
        WarmHomeDraft(
            name="错家园",
            township_id=district.towns["王平镇"],
            place_id=district.places["东辛房社区"],
        ),
    )
    assert (wrong.code, wrong.params["place_township"]) == ("place_other_township", "大峪街道")


def test_population_checks(db, district):
    village = district.places["桥户营村"]
    for year in (1948, 2101):
        assert (
            refused(add, db, PopulationDraft(village, year, residents=1)).code
            == "population_year_invalid"
        )
    assert refused(add, db, PopulationDraft(village, 2026)).code == "population_counts_missing"
    negative = refused(add, db, PopulationDraft(village, 2026, disabled_residents=-1))
    assert (negative.code, negative.field) == ("population_count_invalid", "disabled_residents")
    add(db, PopulationDraft(village, 1949, residents=0))
    add(db, PopulationDraft(village, 2100, residents=0))
    twice = refused(add, db, PopulationDraft(village, 2100, residents=5))
    assert twice.code == "population_year_taken" and "桥户营村" in message(twice.code, twice.params)


def test_cadre_checks(db, district):
    category = refused(
        add,
        db,
        CadreDraft(
            name="甲",
            employment=Employment.FULL_TIME,
            disability_category=DisabilityCategory.VISION,
        ),
    )
    assert (category.code, category.field) == ("cadre_category_not_disabled", "disability_category")
    backwards = refused(
        add,
        db,
        CadreDraft(
            name="甲",
            employment=Employment.FULL_TIME,
            started_on=date(2026, 5, 1),
            ended_on=date(2026, 4, 30),
        ),
    )
    assert (backwards.code, backwards.field) == ("ended_before_started", "ended_on")
    cadre = add(
        db, CadreDraft(name="甲", employment=Employment.FULL_TIME, started_on=date(2026, 5, 1))
    )
    early = refused(
        end_record,
        db,
        user=CLERK,
        register=Register.CADRES,
        record_id=cadre.id,
        expected_version=cadre.version,
        ended_on=date(2026, 1, 1),
    )
    assert early.code == "ended_before_started"
    end_record(
        db,
        user=CLERK,
        register=Register.CADRES,
        record_id=cadre.id,
        expected_version=cadre.version,
        ended_on=date(2026, 5, 1),
    )
    twice = refused(
        end_record,
        db,
        user=CLERK,
        register=Register.CADRES,
        record_id=cadre.id,
        expected_version=cadre.version + 1,
        ended_on=date(2026, 6, 1),
    )
    assert twice.code == "record_already_ended" and "甲" in message(twice.code, twice.params)


def test_contact_point_checks(db, district):
    outsider = refused(add, db, ContactPointDraft(person_id=district.people["孙群众"]))
    assert (outsider.code, outsider.field) == ("contact_person_not_member", "person_id")
    nobody = refused(add, db, ContactPointDraft(person_id=None))  # type: ignore[arg-type]
    assert (nobody.code, nobody.field) == ("missing_required", "person_id")
    former = refused(add, db, ContactPointDraft(person_id=district.people["赵离任"]))
    assert former.code == "contact_person_not_member"
    wang = district.people["王理事"]
    village = refused(
        add, db, ContactPointDraft(person_id=wang, village_id=district.places["东辛房社区"])
    )
    assert (village.code, village.field, village.params["actual"]) == (
        "contact_place_kind",
        "village_id",
        "社区",
    )
    community = refused(
        add, db, ContactPointDraft(person_id=wang, community_id=district.places["桥户营村"])
    )
    assert (community.code, community.field) == ("contact_place_kind", "community_id")
    family = home(db, district)
    end_record(
        db,
        user=CLERK,
        register=Register.HOMES,
        record_id=family.id,
        expected_version=family.version,
        ended_on=date(2026, 1, 1),
    )
    closed = refused(add, db, ContactPointDraft(person_id=wang, warm_home_id=family.id))
    assert (closed.code, closed.field) == ("register_reference_ended", "warm_home_id")
    first = add(db, ContactPointDraft(person_id=wang))
    second = refused(add, db, ContactPointDraft(person_id=wang))
    assert second.code == "contact_point_open" and second.params["id"] == first.id
    assert "先结束" in message(second.code, second.params)
    # Editing the open one is no second one.
    edit_record(
        db,
        user=CLERK,
        record_id=first.id,
        expected_version=first.version,
        draft=ContactPointDraft(person_id=wang, village_id=district.places["桥户营村"]),
    )


def test_field_visit_checks(db, district):
    outsider = refused(add, db, FieldVisitDraft(district.people["孙群众"], date(2026, 1, 5)))
    assert (outsider.code, outsider.field) == ("visit_person_not_member", "person_id")
    # 赵离任 left on 2025-03-01: his 2026 visits are refused, 2025's entered.
    left = refused(add, db, FieldVisitDraft(district.people["赵离任"], date(2026, 1, 5)))
    assert left.code == "visit_person_not_member" and left.params["year"] == 2026
    # 王理事 sits since 2021-06-18: not in 2020.
    before = refused(add, db, FieldVisitDraft(district.people["王理事"], date(2020, 5, 5)))
    assert before.code == "visit_person_not_member"
    future = refused(add, db, FieldVisitDraft(district.people["王理事"], TODAY + timedelta(days=1)))
    assert (future.code, future.field) == ("visit_in_future", "visited_on")
    add(db, FieldVisitDraft(district.people["王理事"], TODAY))
    long = refused(add, db, FieldVisitDraft(district.people["王理事"], TODAY, location="地" * 129))
    assert (long.code, long.field) == ("text_too_long", "location")


def test_organisation_and_officer_checks(db, district):
    town = district.towns["王平镇"]
    placed = refused(
        add,
        db,
        OrganisationDraft(
            OrganisationKind.TOWNSHIP_FEDERATION, "王平镇残联", town, district.places["桥户营村"]
        ),
    )
    assert (placed.code, placed.field) == ("organisation_place_not_allowed", "place_id")
    unplaced = refused(
        add, db, OrganisationDraft(OrganisationKind.VILLAGE_ASSOCIATION, "某村残协", town)
    )
    assert unplaced.code == "organisation_place_required"
    wrong = refused(
        add,
        db,
        OrganisationDraft(
            OrganisationKind.COMMUNITY_ASSOCIATION, "某社区残协", town, district.places["桥户营村"]
        ),
    )
    assert (wrong.code, wrong.params["actual"]) == ("organisation_place_kind", "村")
    federation = add(
        db, OrganisationDraft(OrganisationKind.TOWNSHIP_FEDERATION, "王平镇残联", town)
    )
    association = add(
        db,
        OrganisationDraft(
            OrganisationKind.COMMUNITY_ASSOCIATION,
            "王平社区残协",
            town,
            district.places["王平社区"],
        ),
    )
    for role in (
        OfficerRole.VICE_CHAIR,
        OfficerRole.FULL_TIME_MEMBER,
        OfficerRole.PART_TIME_MEMBER,
    ):
        error = refused(add, db, OfficerDraft(federation.id, role, "甲"))
        assert (error.code, error.field) == ("officer_role_kind", "role")
    director = refused(add, db, OfficerDraft(association.id, OfficerRole.DIRECTOR, "甲"))
    assert director.code == "officer_role_kind" and "主席" in director.params["choices"]
    post = refused(
        add,
        db,
        OfficerDraft(
            association.id, OfficerRole.VICE_CHAIR, "甲", committee_post=CommitteePost.DIRECTOR
        ),
    )
    assert (post.code, post.field) == ("officer_post_not_chair", "committee_post")
    assert refused(add, db, OfficerDraft(association.id, OfficerRole.CHAIR, " ")).field == "name"
    end_record(
        db,
        user=CLERK,
        register=Register.ORGANISATIONS,
        record_id=association.id,
        expected_version=association.version,
        ended_on=TODAY,
    )
    gone = refused(add, db, OfficerDraft(association.id, OfficerRole.CHAIR, "甲"))
    assert (gone.code, gone.field) == ("register_reference_ended", "organisation_id")


def test_what_ends_and_what_is_removed(db, district):
    visit = add(db, FieldVisitDraft(district.people["王理事"], date(2026, 2, 2)))
    no_end = refused(
        end_record,
        db,
        user=CLERK,
        register=Register.VISITS,
        record_id=visit.id,
        expected_version=1,
        ended_on=TODAY,
    )
    assert no_end.code == "register_not_ending"
    no_remove = refused(
        remove_record,
        db,
        user=CLERK,
        register=Register.TOWNSHIPS,
        record_id=district.towns["王平镇"],
        expected_version=1,
    )
    assert no_remove.code == "register_not_removable"
    gone = refused(get_record, db, register=Register.CADRES, record_id=987654)
    assert gone.code == "register_record_not_found" and "干部" in message(gone.code, gone.params)
    missing = refused(
        edit_record,
        db,
        user=CLERK,
        record_id=987654,
        expected_version=1,
        draft=CadreDraft(name="甲", employment=Employment.FULL_TIME),
    )
    assert missing.code == "register_record_not_found"


def test_a_stale_save_is_refused_naming_who_changed_it(db, district):
    row = get_record(db, register=Register.TOWNSHIPS, record_id=district.towns["王平镇"])
    edit_record(
        db,
        user="other",
        record_id=row.id,
        expected_version=row.version,
        draft=TownshipDraft(name="王平地区", kind=TownshipKind.TOWN),
    )
    logged = count(db, ChangeLog)
    for call in (
        lambda: edit_record(
            db,
            user=CLERK,
            record_id=row.id,
            expected_version=row.version,
            draft=TownshipDraft(name="王平镇", kind=TownshipKind.TOWN),
        ),
        lambda: end_record(
            db,
            user=CLERK,
            register=Register.TOWNSHIPS,
            record_id=row.id,
            expected_version=row.version,
            ended_on=TODAY,
        ),
    ):
        error = refused(call)
        assert error.code == "stale_record" and error.params["changed_by"] == "other"
    visit = add(db, FieldVisitDraft(district.people["王理事"], date(2026, 2, 2)))
    edit_record(
        db,
        user="other",
        record_id=visit.id,
        expected_version=1,
        draft=FieldVisitDraft(district.people["王理事"], date(2026, 2, 3)),
    )
    logged = count(db, ChangeLog)
    stale = refused(
        remove_record,
        db,
        user=CLERK,
        register=Register.VISITS,
        record_id=visit.id,
        expected_version=1,
    )
    assert stale.code == "stale_record"
    assert count(db, ChangeLog) == logged and count(db, FieldVisit) == 1


def test_readonly_may_read_but_not_edit(db, district):
    accounts_for_every_role(db)
    reader = login_of(Role.READONLY)
    before = count(db, ChangeLog)
    error = refused(
        add_record, db, user=reader, draft=TownshipDraft(name="新镇", kind=TownshipKind.TOWN)
    )
    assert error.code == "role_refused"
    assert count(db, ChangeLog) == before
    secretariat = login_of(Role.SECRETARIAT)
    row = add_record(db, user=secretariat, draft=TownshipDraft(name="新镇", kind=TownshipKind.TOWN))
    assert row.name == "新镇"
