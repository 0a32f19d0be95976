"""The organisation rules (DOMAIN §3), pure: each at its threshold, passing, warning and failing."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from models.domain.errors import Level
from models.domain.meeting_vocabulary import AgendaKind
from models.domain.organisation_rules import (
    RULE_IDS,
    RULE_NAMES,
    AgendaFact,
    AssociationFact,
    CadreFact,
    ContactFact,
    FixRegister,
    MemberFact,
    OfficerFact,
    OrganisationFacts,
    OrganisationReport,
    PlaceFact,
    TownshipFact,
    check_associations,
    check_contact_days,
    check_contact_points,
    check_disabled_share,
    check_employment,
    check_home_coverage,
    check_leadership,
    check_organisation,
    check_yearly_review,
    visit_days,
)
from models.domain.organisation_vocabulary import OfficerRole, PlaceKind
from models.domain.rules import default_organisation_rules, load_organisation_rules
from models.domain.vocabulary import Employment

RULES = default_organisation_rules()
HEAD = '[rules]\ntitle = "某区残疾人联合会改革方案"\n'
FULL, PART, SECONDED = Employment.FULL_TIME, Employment.PART_TIME, Employment.SECONDED
YEAR = 2026
END = date(YEAR, 12, 31)


def district(text: str):  # type: ignore[no-untyped-def]
    return load_organisation_rules(HEAD + text, rules_id="x-2030")


def cadre(n: int, employment: Employment = FULL, **flags: bool) -> CadreFact:
    return CadreFact(id=n, name=f"干部{n}", employment=employment, **flags)


def days(count: int, *, start: date = date(YEAR, 1, 1)) -> tuple[date, ...]:
    return tuple(start + timedelta(days=i) for i in range(count))


COMPLETE = ContactFact(
    id=7, village="东村", village_low_income=True, community="西社区", warm_home="大峪温馨家园"
)


# --- cadres ----------------------------------------------------------------------------------


def test_leadership_needs_a_disabled_full_time_leader() -> None:
    passing = check_leadership(
        [cadre(1, leadership=True, disabled=True), cadre(2, leadership=True), cadre(3)], RULES
    )
    assert (passing.status, passing.count, passing.total, passing.required) == ("pass", 1, 2, 1)
    assert passing.shortfalls == () and passing.level is Level.ERROR
    assert passing.name == RULE_NAMES["leadership.disabled_fulltime"]
    assert passing.source == "二、（二）1" and "至少配备1名" in passing.wording

    # A disabled leader who is 挂职 does not count; the shortfall says why, on his record.
    failing = check_leadership(
        [cadre(1, SECONDED, leadership=True, disabled=True), cadre(2, leadership=True)], RULES
    )
    assert (failing.status, failing.count, failing.total) == ("fail", 0, 2)
    assert "配备残疾人专职干部" in failing.message
    team, seconded = failing.shortfalls
    assert (team.register, team.record_id) == ("cadres", None) and "干部1、干部2" in team.detail
    assert (seconded.subject, seconded.record_id) == ("干部1", 1) and "挂职" in seconded.detail


def test_an_empty_leadership_is_a_failure_to_report() -> None:
    result = check_leadership([cadre(1, disabled=True)], RULES)
    assert (result.status, result.total, result.required) == ("fail", 0, 1)
    assert "没有在任的领导班子成员" in result.message


def test_disabled_share_exactly_ten_percent_passes() -> None:
    result = check_disabled_share(
        [cadre(1, disabled=True), *(cadre(n) for n in range(2, 11))], RULES
    )
    assert (result.status, result.count, result.total, result.required) == ("pass", 1, 10, 1)
    assert "10.0%" in result.message and "不低于10%" in result.message


def test_disabled_share_one_of_eleven_fails_needing_two() -> None:
    result = check_disabled_share(
        [cadre(1, disabled=True), *(cadre(n) for n in range(2, 12))], RULES
    )
    assert (result.status, result.count, result.total, result.required) == ("fail", 1, 11, 2)
    assert "9.1%" in result.message and "还需至少 1 名" in result.message
    (short,) = result.shortfalls
    assert short.register == FixRegister.CADRES == "cadres"
    assert "至少需要 2 名" in short.detail


def test_disabled_share_counts_the_employments_the_file_lists() -> None:
    cadres = [cadre(1, PART, disabled=True), *(cadre(n) for n in range(2, 6))]
    assert check_disabled_share(cadres, RULES).status == "pass"  # 1 of 5
    full_only = district('[organisation.staff.disabled_share]\nemployments = ["专职"]\n')
    result = check_disabled_share(cadres, full_only)
    assert (result.status, result.count, result.total) == ("fail", 0, 4)
    assert "（专职）" in result.message


def test_no_cadres_is_a_failure_not_a_skip() -> None:
    result = check_disabled_share([], RULES)
    assert (result.status, result.count, result.total, result.required) == ("fail", 0, 0, 1)
    assert "干部名册中没有在任的干部" in result.message
    assert result.shortfalls[0].register == "cadres"
    for employment in (SECONDED, PART):
        assert check_employment([], RULES, employment).status == "fail"


@given(
    disabled=st.integers(min_value=0, max_value=60),
    others=st.integers(min_value=0, max_value=60),
    numerator=st.integers(min_value=1, max_value=20),
    extra=st.integers(min_value=0, max_value=20),
)
def test_disabled_share_required_is_the_smallest_count_meeting_the_share(
    disabled: int, others: int, numerator: int, extra: int
) -> None:
    denominator = numerator + extra
    rules = district(
        f'[organisation.staff.disabled_share]\nat_least = "{numerator}/{denominator}"\n'
    )
    cadres = [cadre(n, disabled=n < disabled) for n in range(disabled + others)]
    result = check_disabled_share(cadres, rules)
    total = disabled + others
    if total == 0:
        assert result.status == "fail"
        return
    share = Fraction(numerator, denominator)
    required = result.required
    assert required is not None
    assert Fraction(required, total) >= share > Fraction(required - 1, total)
    assert (result.status == "pass") == (Fraction(disabled, total) >= share)


def test_seconded_and_part_time_cadres() -> None:
    cadres = [cadre(1), cadre(2, SECONDED), cadre(3, PART), cadre(4, PART)]
    seconded = check_employment(cadres, RULES, SECONDED)
    part_time = check_employment(cadres, RULES, PART)
    assert (seconded.id, seconded.status, seconded.count, seconded.total) == (
        "staff.seconded",
        "pass",
        1,
        4,
    )
    assert (part_time.id, part_time.count, part_time.required) == ("staff.part_time", 2, 1)
    missing = check_employment([cadre(1), cadre(3, PART)], RULES, SECONDED)
    assert (missing.status, missing.count, missing.required) == ("fail", 0, 1)
    assert "请选派或聘任挂职干部" in missing.message


# --- contact points and days -----------------------------------------------------------------


def test_contact_points_complete_incomplete_and_missing() -> None:
    members = [
        MemberFact(1, "张一", COMPLETE),
        MemberFact(2, "张二", None),
        MemberFact(
            3,
            "张三",
            ContactFact(id=9, village="南村", village_low_income=False, community="北社区"),
        ),
    ]
    result = check_contact_points(members, RULES)
    assert (result.status, result.count, result.total, result.required) == ("fail", 1, 3, 3)
    assert "2 人的联系点不完整" in result.message
    none, partial = result.shortfalls
    assert (none.subject, none.register, none.record_id, none.person_id) == (
        "张二",
        "contacts",
        None,
        2,
    )
    assert "没有联系点" in none.detail
    assert partial.record_id == 9 and partial.person_id == 3
    assert "“南村”不是低收入村" in partial.detail and "没有联系的温馨家园" in partial.detail
    assert check_contact_points(members[:1], RULES).status == "pass"


def test_the_low_income_label_is_the_files() -> None:
    rules = district('[organisation.contact.points]\nlow_income_label = "经济薄弱村"\n')
    result = check_contact_points([MemberFact(1, "张一", ContactFact(id=1))], rules)
    assert "没有联系的经济薄弱村" in result.shortfalls[0].detail
    assert "经济薄弱村" in result.message


def test_no_members_is_a_failure_to_report() -> None:
    for result in (
        check_contact_points([], RULES),
        check_contact_days([], RULES, year=YEAR, as_of=END),
    ):
        assert (result.status, result.total) == ("fail", 0)
        assert result.shortfalls[0].register == "members"


def test_contact_days_59_fail_60_pass() -> None:
    members = [MemberFact(1, "张一", visits=days(59)), MemberFact(2, "张二", visits=days(60))]
    result = check_contact_days(members, RULES, year=YEAR, as_of=END)
    assert (result.status, result.count, result.total, result.required) == ("fail", 1, 2, 2)
    (short,) = result.shortfalls
    assert (short.subject, short.register, short.person_id) == ("张一", "visits", 1)
    assert "走访 59 天，还差 1 天" in short.detail
    assert "截至" not in result.message
    assert check_contact_days(members[1:], RULES, year=YEAR, as_of=END).status == "pass"


def test_two_visits_on_one_day_count_once() -> None:
    visits = (*days(59), date(YEAR, 1, 1))
    assert visit_days(visits, year=YEAR, as_of=END) == 59
    member = MemberFact(1, "张一", visits=visits)
    assert check_contact_days([member], RULES, year=YEAR, as_of=END).status == "fail"
    member = MemberFact(1, "张一", visits=days(59) + (date(YEAR, 6, 1),) * 2)
    assert check_contact_days([member], RULES, year=YEAR, as_of=END).status == "pass"


def test_only_the_years_days_up_to_the_day_of_the_check_count() -> None:
    visits = days(60, start=date(YEAR - 1, 12, 1))  # 31 in the year before
    assert visit_days(visits, year=YEAR, as_of=END) == 29
    assert visit_days(days(60), year=YEAR, as_of=date(YEAR, 1, 10)) == 10
    result = check_contact_days(
        [MemberFact(1, "张一", visits=days(60))], RULES, year=YEAR, as_of=date(YEAR, 1, 10)
    )
    assert result.status == "fail" and "截至2026年1月10日" in result.message


@given(st.lists(st.dates(date(YEAR, 1, 1), END), max_size=120))
def test_days_are_distinct_days(visits: list[date]) -> None:
    n = visit_days(visits, year=YEAR, as_of=END)
    assert n == len(set(visits))
    result = check_contact_days(
        [MemberFact(1, "张", visits=tuple(visits))], RULES, year=YEAR, as_of=END
    )
    assert (result.status == "pass") == (n >= 60)


def test_a_district_file_changing_60_to_40_changes_the_verdict() -> None:
    member = MemberFact(1, "张一", visits=days(45))
    assert check_contact_days([member], RULES, year=YEAR, as_of=END).status == "fail"
    forty = district("[organisation.contact.days]\nat_least = 40\n")
    assert check_contact_days([member], forty, year=YEAR, as_of=END).status == "pass"


# --- grass-roots associations ----------------------------------------------------------------


def officer(n: int, role: OfficerRole, **facts: object) -> OfficerFact:
    return OfficerFact(id=n, role=role, name=f"成员{n}", **facts)  # type: ignore[arg-type]


GOOD = AssociationFact(
    id=1,
    name="峪园社区残疾人协会",
    township_id=5,
    officers=(
        officer(1, OfficerRole.CHAIR, committee_post="主任"),
        officer(2, OfficerRole.VICE_CHAIR, relative=True),
        officer(3, OfficerRole.FULL_TIME_MEMBER),
        officer(4, OfficerRole.PART_TIME_MEMBER),
        officer(5, OfficerRole.PART_TIME_MEMBER),
    ),
)
BARE = AssociationFact(
    id=2,
    name="东村残疾人协会",
    township_id=6,
    officers=(
        officer(6, OfficerRole.CHAIR),
        officer(7, OfficerRole.VICE_CHAIR),
        *(officer(n, OfficerRole.PART_TIME_MEMBER) for n in (8, 9, 10)),
    ),
)


def by_part(results):  # type: ignore[no-untyped-def]
    return {r.id.rsplit(".", 1)[1]: r for r in results}


def test_an_association_with_every_officer_passes_every_part() -> None:
    results = by_part(check_associations([GOOD], RULES))
    assert list(results) == ["vice_chair", "full_time_member", "chair_post", "part_time_members"]
    assert all(r.status == "pass" and (r.count, r.total) == (1, 1) for r in results.values())


def test_association_parts_fail_or_warn_by_their_level() -> None:
    results = by_part(check_associations([GOOD, BARE], RULES))
    assert results["vice_chair"].status == "fail"
    assert results["full_time_member"].status == "fail"
    assert results["chair_post"].status == "warn"
    assert results["chair_post"].level is Level.WARNING
    assert results["part_time_members"].status == "warn"
    for result in results.values():
        assert (result.count, result.total, result.required) == (1, 2, 2)
        (short,) = result.shortfalls
        assert (short.subject, short.register, short.record_id, short.township_id) == (
            "东村残疾人协会",
            "organisations",
            2,
            6,
        )
    assert "残疾人或其亲友 0 名" in results["vice_chair"].shortfalls[0].detail
    assert "专职委员 0 名" in results["full_time_member"].shortfalls[0].detail
    assert "成员6 未登记为居（村）委员会主任或副主任" in results["chair_post"].shortfalls[0].detail
    assert "兼职委员 3 名，超过 2 名" in results["part_time_members"].shortfalls[0].detail


def test_no_part_time_member_is_fine_and_no_chair_is_said() -> None:
    lone = AssociationFact(id=3, name="西村残疾人协会", officers=())
    results = by_part(check_associations([lone], RULES))
    assert results["part_time_members"].status == "pass"
    assert results["chair_post"].shortfalls[0].detail == "没有登记主席"
    assert "没有登记副主席" in results["vice_chair"].shortfalls[0].detail


def test_a_district_makes_the_chair_post_an_error() -> None:
    rules = district('[organisation.grassroots.association.chair_post]\nlevel = "error"\n')
    assert by_part(check_associations([BARE], rules))["chair_post"].status == "fail"


def test_no_associations_fails_or_warns_every_part() -> None:
    results = by_part(check_associations([], RULES))
    assert [r.status for r in results.values()] == ["fail", "fail", "warn", "warn"]
    assert all(r.shortfalls[0].register == "organisations" for r in results.values())


# --- Warm Homes ------------------------------------------------------------------------------


def place(n: int, kind: PlaceKind, figure: int | None, homes: int = 0) -> PlaceFact:
    if kind is PlaceKind.VILLAGE:
        return PlaceFact(id=n, name=f"{n}村", kind=kind, disabled_residents=figure, homes=homes)
    return PlaceFact(id=n, name=f"{n}社区", kind=kind, residents=figure, homes=homes)


def coverage(*places: PlaceFact, model_homes: int = 1):  # type: ignore[no-untyped-def]
    town = TownshipFact(id=1, name="大峪街道", model_homes=model_homes, places=places)
    return check_home_coverage([town], RULES, year=YEAR)


def test_villages_from_50_disabled_residents_need_a_warm_home() -> None:
    assert coverage(place(1, PlaceKind.VILLAGE, 49)).status == "pass"
    result = coverage(place(1, PlaceKind.VILLAGE, 50))
    assert (result.status, result.count, result.total) == ("fail", 1, 2)
    (short,) = result.shortfalls
    assert (short.subject, short.register, short.township_id) == ("大峪街道1村", "homes", 1)
    assert short.detail == "残疾人口 50 人（2026年），达到 50 人以上，没有温馨家园"
    result = coverage(place(1, PlaceKind.VILLAGE, 50, homes=1))
    assert (result.status, result.count, result.total) == ("pass", 2, 2)


def test_communities_from_7000_residents_need_a_warm_home() -> None:
    assert coverage(place(1, PlaceKind.COMMUNITY, 6999)).status == "pass"
    assert coverage(place(1, PlaceKind.COMMUNITY, 7000)).status == "fail"
    assert coverage(place(1, PlaceKind.COMMUNITY, 7000, homes=2)).status == "pass"
    # A community's figure is its residents; its disabled residents do not decide.
    big = PlaceFact(
        id=2, name="新社区", kind=PlaceKind.COMMUNITY, disabled_residents=80, residents=10
    )
    assert coverage(big).status == "pass"


def test_every_township_needs_a_model_warm_home() -> None:
    result = coverage(model_homes=0)
    assert (result.status, result.count, result.total) == ("fail", 0, 1)
    assert result.shortfalls[0].subject == "大峪街道"
    assert result.shortfalls[0].detail == "示范温馨家园 0 个，至少需要 1 个"
    two = district("[organisation.home.coverage]\nmodel_homes_per_township = 2\n")
    town = TownshipFact(id=1, name="大峪街道", model_homes=1)
    assert check_home_coverage([town], two, year=YEAR).status == "fail"


def test_a_place_without_a_home_and_without_its_figure_cannot_pass() -> None:
    result = coverage(
        place(1, PlaceKind.VILLAGE, None), place(2, PlaceKind.COMMUNITY, None, homes=1)
    )
    assert (result.status, result.count, result.total) == ("fail", 1, 2)
    (short,) = result.shortfalls
    assert short.register == "population" and "没有2026年的残疾人口数据" in short.detail


def test_the_figures_are_the_files() -> None:
    rules = district(
        "[organisation.home.coverage]\nvillage_disabled_residents = 40\ncommunity_residents = 5000\n"
    )
    town = TownshipFact(
        id=1,
        name="大峪街道",
        model_homes=1,
        places=(place(1, PlaceKind.VILLAGE, 45), place(2, PlaceKind.COMMUNITY, 5000)),
    )
    result = check_home_coverage([town], rules, year=YEAR)
    assert (result.status, len(result.shortfalls)) == ("fail", 2)
    assert "40 人以上的村" in result.message and "5000 人以上的社区" in result.message


def test_no_townships_is_a_failure_to_report() -> None:
    result = check_home_coverage([], RULES, year=YEAR)
    assert (result.status, result.total) == ("fail", 0)
    assert result.shortfalls[0].register == "townships"


# --- the presidium's yearly review -----------------------------------------------------------


def item(kind: AgendaKind, title: str, day: date = date(YEAR, 3, 1), n: int = 1) -> AgendaFact:
    return AgendaFact(n, f"第八届主席团第{n}次会议", day, kind, title)


def test_the_presidium_reviewed_both() -> None:
    items = [
        item(AgendaKind.WORK_REPORT, "审议2026年执行理事会工作报告"),
        item(AgendaKind.BUDGET, "预算执行情况", n=2),
    ]
    result = check_yearly_review(items, RULES, year=YEAR, as_of=END)
    assert (result.status, result.count, result.total, result.required) == ("pass", 2, 2, 2)
    assert "第八届主席团第1次会议、第八届主席团第2次会议" in result.message


def test_a_missing_review_warns_as_the_seed_says() -> None:
    result = check_yearly_review(
        [item(AgendaKind.WORK_REPORT, "工作报告")], RULES, year=YEAR, as_of=END
    )
    assert (result.status, result.level, result.count) == ("warn", Level.WARNING, 1)
    (short,) = result.shortfalls
    assert (short.register, short.subject) == ("meetings", "主席团会议")
    assert "预算执行情况监督" in short.detail and "预算执行情况监督" in result.message
    strict = district('[organisation.presidium.yearly_review]\nlevel = "error"\n')
    assert check_yearly_review([], strict, year=YEAR, as_of=END).status == "fail"


def test_titles_with_the_keywords_count_and_other_years_do_not() -> None:
    items = [
        item(AgendaKind.OTHER, "听取执行理事会工作报告"),
        item(AgendaKind.OTHER, "2026年预算执行情况的报告"),
    ]
    assert check_yearly_review(items, RULES, year=YEAR, as_of=END).status == "pass"
    last_year = [item(k, "x", day=date(YEAR - 1, 12, 1)) for k in AgendaKind]
    assert check_yearly_review(last_year, RULES, year=YEAR, as_of=END).count == 0
    later = [item(k, "x", day=date(YEAR, 6, 1)) for k in AgendaKind]
    assert check_yearly_review(later, RULES, year=YEAR, as_of=date(YEAR, 5, 31)).count == 0
    other_words = district(
        '[organisation.presidium.yearly_review]\nwork_report_keywords = ["履职报告"]\n'
    )
    items = [item(AgendaKind.OTHER, "执行理事会履职报告"), item(AgendaKind.BUDGET, "b")]
    assert check_yearly_review(items, other_words, year=YEAR, as_of=END).status == "pass"


# --- all together ----------------------------------------------------------------------------


def test_every_rule_in_order_and_an_empty_federation_fails() -> None:
    results = check_organisation(OrganisationFacts(year=YEAR, as_of=END), RULES)
    assert tuple(r.id for r in results) == RULE_IDS
    assert set(RULE_NAMES) == set(RULE_IDS)
    assert all(r.status in ("fail", "warn") for r in results)
    assert all(r.shortfalls for r in results)
    report = OrganisationReport(YEAR, END, "mentougou-2019", results)
    assert report.has_failed_errors
    assert report.result("home.coverage").level is Level.ERROR


def test_a_federation_meeting_every_rule_passes() -> None:
    facts = OrganisationFacts(
        year=YEAR,
        as_of=END,
        cadres=(
            cadre(1, leadership=True, disabled=True),
            cadre(2, SECONDED),
            cadre(3, PART),
            *(cadre(n) for n in range(4, 11)),
        ),
        members=(MemberFact(1, "张一", COMPLETE, days(60)),),
        associations=(GOOD,),
        townships=(TownshipFact(1, "大峪街道", 1, (place(1, PlaceKind.VILLAGE, 50, homes=1),)),),
        presidium_items=(item(AgendaKind.WORK_REPORT, "a"), item(AgendaKind.BUDGET, "b")),
    )
    results = check_organisation(facts, RULES)
    assert [r.id for r in results if r.status != "pass"] == []
    report = OrganisationReport(YEAR, END, "mentougou-2019", results)
    assert not report.has_failed_errors
    # Only warnings failing: no failed error.
    facts = replace(facts, presidium_items=())
    results = check_organisation(facts, RULES)
    assert {r.id: r.status for r in results if r.status != "pass"} == {
        "presidium.yearly_review": "warn"
    }
    assert not OrganisationReport(YEAR, END, "m", results).has_failed_errors
