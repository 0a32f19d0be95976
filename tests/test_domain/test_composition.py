"""Composition rules (DOMAIN §3): thresholds, categories, trends, switches, levels and order."""

from __future__ import annotations

from pathlib import Path

import pytest

from models.domain.composition import BODIES, check_slate, counts
from models.domain.errors import Level
from models.domain.rules import Rules, load_rules
from models.domain.slate import SlateRecord
from models.domain.vocabulary import DelegateType
from models.domain.vocabulary import DisabilityCategory as C

SHIPPED = Path(__file__).resolve().parents[2] / "resources" / "rules" / "mentougou-2019.toml"
RULES = load_rules(SHIPPED.read_text(encoding="utf-8"), rules_id="mentougou-2019")
FIVE = ("blind", "deaf", "physical", "intellectual", "psychosocial")


def rules_with(extra: str) -> Rules:
    return load_rules('[rules]\ntitle = "测试"\n' + extra, rules_id="test")


def person(row: int, **facts) -> SlateRecord:
    return SlateRecord(row=row, name=f"人{row}", **facts)


def slate(*groups: tuple[int, dict]) -> list[SlateRecord]:
    """Groups of (how many, facts) laid out from sheet row 2, as a sheet would number them."""
    people: list[SlateRecord] = []
    for number, facts in groups:
        for _ in range(number):
            people.append(person(len(people) + 2, **facts))
    return people


# One of each category, all disabled role models: every category rule passes.
EVERY_CATEGORY = [
    (1, {"category": c, "is_role_model": True})
    for c in (C.VISION, C.HEARING, C.PHYSICAL, C.INTELLECTUAL, C.PSYCHOSOCIAL)
]


def ids(body: str) -> list[str]:
    five = lambda name: [f"{body}.{name}.{key}" for key in FIVE]  # noqa: E731
    if body == "congress":
        return [
            "congress.disabled_or_relative_share",
            "congress.model_or_frontline_share",
            *five("category"),
            "congress.rural_share_trend",
            "congress.org_share_trend",
            "congress.volunteer_share_trend",
            *five("category_trend"),
        ]
    if body == "presidium":
        return [
            "presidium.disabled_or_relative_share",
            "presidium.model_or_frontline_share",
            *five("category"),
            *five("category_trend"),
            "presidium.members_are_delegates",
        ]
    return five("category")


@pytest.mark.parametrize("body", BODIES)
def test_results_come_in_the_domain_order(body):
    report = check_slate(slate(*EVERY_CATEGORY), RULES, body)
    assert [result.id for result in report.results] == ids(body)


def test_an_unknown_body_is_refused():
    with pytest.raises(ValueError):
        check_slate([], RULES, "party_group")


@pytest.mark.parametrize(
    ("body", "counted", "total", "status", "required", "gap"),
    [
        ("congress", 70, 100, "pass", 70, 0),
        ("congress", 69, 100, "fail", 70, 1),
        ("congress", 71, 100, "pass", 70, 0),
        ("congress", 7, 10, "pass", 7, 0),
        ("congress", 6, 10, "fail", 7, 1),
        ("congress", 139, 200, "fail", 140, 1),
        ("congress", 140, 200, "pass", 140, 0),
        ("congress", 5, 7, "pass", 5, 0),  # 4.9 people round up to 5
        ("congress", 4, 7, "fail", 5, 1),
        ("congress", 0, 3, "fail", 3, 3),  # 2.1 → 3
        ("presidium", 3, 5, "pass", 3, 0),
        ("presidium", 2, 5, "fail", 3, 1),
        ("presidium", 4, 5, "pass", 3, 0),
        ("presidium", 18, 31, "fail", 19, 1),  # 18.6 → 19
    ],
)
def test_disabled_or_relative_share_at_its_threshold(body, counted, total, status, required, gap):
    people = slate((counted, {"category": C.PHYSICAL}), (total - counted, {}))
    result = check_slate(people, RULES, body).result(f"{body}.disabled_or_relative_share")
    assert (result.status, result.count, result.total) == (status, counted, total)
    assert (result.required, result.gap, result.level) == (required, gap, Level.ERROR)
    assert result.counted_rows == tuple(range(2, 2 + counted))


@pytest.mark.parametrize(
    ("body", "counted", "total", "status", "gap"),
    [
        ("congress", 80, 100, "pass", 0),
        ("congress", 79, 100, "fail", 1),
        ("congress", 81, 100, "pass", 0),
        ("congress", 4, 5, "pass", 0),
        ("congress", 3, 5, "fail", 1),
        ("presidium", 2, 5, "pass", 0),
        ("presidium", 1, 5, "fail", 1),
        ("presidium", 3, 5, "pass", 0),
        ("presidium", 40, 100, "pass", 0),
        ("presidium", 38, 100, "fail", 2),
    ],
)
def test_model_or_frontline_share_at_its_threshold(body, counted, total, status, gap):
    half = counted // 2
    people = slate(
        (half, {"is_role_model": True}),
        (counted - half, {"is_frontline": True}),
        (total - counted, {}),
    )
    result = check_slate(people, RULES, body).result(f"{body}.model_or_frontline_share")
    assert (result.status, result.count, result.gap) == (status, counted, gap)


@pytest.mark.parametrize("total", range(1, 61))
def test_required_is_the_exact_ceiling(total):
    report = check_slate(slate((total, {})), RULES, "congress")
    # Smallest whole k with k / total ≥ 7/10 and ≥ 4/5, found by trying each k.
    assert report.result("congress.disabled_or_relative_share").required == min(
        k for k in range(total + 1) if 10 * k >= 7 * total
    )
    assert report.result("congress.model_or_frontline_share").required == min(
        k for k in range(total + 1) if 5 * k >= 4 * total
    )


def test_share_messages_show_percentages_and_the_gap():
    people = slate((139, {"category": C.VISION}), (61, {}))
    result = check_slate(people, RULES, "congress").result("congress.disabled_or_relative_share")
    assert "69.5%" in result.message
    assert "70%以上" in result.message
    assert "还需至少 1 名" in result.message
    people = slate((7, {"is_relative": True}), (3, {}))
    result = check_slate(people, RULES, "congress").result("congress.disabled_or_relative_share")
    assert "70.0%" in result.message and "至少 7 人" in result.message


def test_a_person_counts_once_per_share():
    both = {"category": C.VISION, "is_relative": True, "relative_categories": (C.INTELLECTUAL,)}
    people = slate(
        (1, both | {"is_role_model": True, "is_frontline": True}),
        (1, {"is_relative": True, "relative_categories": (C.PSYCHOSOCIAL, C.PSYCHOSOCIAL)}),
        (1, {}),
    )
    report = check_slate(people, RULES, "congress")
    assert report.result("congress.disabled_or_relative_share").count == 2
    assert report.result("congress.model_or_frontline_share").count == 1
    assert report.result("congress.category.psychosocial").count == 1


def category_rows(people, body="congress", rules=RULES) -> dict[str, tuple[int, ...]]:
    report = check_slate(people, rules, body)
    return {key: report.result(f"{body}.category.{key}").counted_rows for key in FIVE}


def test_categories():
    people = [
        person(2, category=C.VISION),
        person(3, category=C.HEARING),
        person(4, category=C.SPEECH),
        person(5, category=C.PHYSICAL),
        person(6, category=C.INTELLECTUAL),
        person(7, category=C.PSYCHOSOCIAL),
        person(8, category=C.MULTIPLE, multi_components=(C.VISION, C.SPEECH, C.INTELLECTUAL)),
        person(9, category=C.MULTIPLE),  # components missing: disabled, in no category
        person(10, is_relative=True, relative_categories=(C.INTELLECTUAL,)),
        person(11, relative_categories=(C.PSYCHOSOCIAL, C.VISION)),  # relatives: only the two
        person(12, is_relative=True, relative_categories=(C.HEARING, C.PHYSICAL)),
        person(13, is_relative=True),
        person(14, relative_categories=(C.MULTIPLE,)),
        person(15, category=C.PHYSICAL, relative_categories=(C.INTELLECTUAL,)),
        person(16),
    ]
    assert category_rows(people) == {
        "blind": (2, 8),
        "deaf": (3, 4, 8),
        "physical": (5, 15),
        "intellectual": (6, 8, 10, 15),
        "psychosocial": (7, 11),
    }
    report = check_slate(people, RULES, "congress")
    assert report.result("congress.disabled_or_relative_share").count == 14
    assert "聋人（含言语残疾）代表共 3 人" in report.result("congress.category.deaf").message


def test_deaf_without_speech_when_switched_off():
    rules = rules_with("[slates]\ndeaf_includes_speech = false\n")
    people = [person(2, category=C.HEARING), person(3, category=C.SPEECH)]
    assert category_rows(people, rules=rules)["deaf"] == (2,)


def test_relatives_count_for_a_category_when_the_file_says_so():
    rules = rules_with("[slates.categories.blind]\nrelatives_count = true\n")
    people = [person(2, relative_categories=(C.VISION,))]
    assert category_rows(people, rules=rules)["blind"] == (2,)
    assert category_rows(people)["blind"] == ()


@pytest.mark.parametrize(
    ("body", "status"), [("congress", "fail"), ("presidium", "fail"), ("council", "warn")]
)
def test_an_empty_category(body, status):
    people = slate(*EVERY_CATEGORY[:4])
    report = check_slate(people, RULES, body)
    result = report.result(f"{body}.category.psychosocial")
    assert (result.status, result.count, result.required, result.gap) == (status, 0, 1, 1)
    assert result.message.startswith("没有精神残疾人及亲友")
    assert report.result(f"{body}.category.blind").status == "pass"
    assert report.has_failed_errors is (status == "fail")


def test_a_category_that_needs_two():
    rules = rules_with("[slates.congress.category]\nat_least = 2\n")
    result = check_slate(slate(*EVERY_CATEGORY), rules, "congress").result(
        "congress.category.blind"
    )
    assert (result.status, result.count, result.required, result.gap) == ("fail", 1, 2, 1)


def test_invited_delegates_count_by_default_and_not_when_switched_off():
    invited = {"delegate_type": DelegateType.INVITED}
    people = slate(
        (7, {"category": C.VISION}), (2, {}), (1, invited), (2, invited | {"category": C.VISION})
    )
    result = check_slate(people, RULES, "congress").result("congress.disabled_or_relative_share")
    assert (result.count, result.total, result.status) == (9, 12, "pass")
    rules = rules_with("[slates]\ninvited_delegates_count = false\n")
    report = check_slate(people, rules, "congress")
    result = report.result("congress.disabled_or_relative_share")
    assert (result.count, result.total, result.status) == (7, 9, "pass")
    assert report.result("congress.category.blind").counted_rows == tuple(range(2, 9))
    assert report.total == 12
    only_invited = slate((3, invited | {"category": C.VISION}))
    assert {r.status for r in check_slate(only_invited, rules, "congress").results} == {"skipped"}


def test_an_empty_slate_skips_every_rule():
    for body in BODIES:
        report = check_slate([], RULES, body, previous=[], delegates_ids=frozenset())
        assert {result.status for result in report.results} == {"skipped"}
        assert all(
            result.message == "名单中没有可计入的人员，未检查。" for result in report.results
        )
        assert all(r.required is None and r.gap == 0 for r in report.results)
        assert not report.has_failed_errors


def test_trends_are_skipped_without_a_previous_slate():
    report = check_slate(slate(*EVERY_CATEGORY), RULES, "congress")
    for rule_id in ids("congress")[7:]:
        result = report.result(rule_id)
        assert (result.status, result.required) == ("skipped", None)
        assert result.message == "没有上一届的名单，无法比较。"
    # A previous slate with nobody counted is no comparison either.
    report = check_slate(slate(*EVERY_CATEGORY), RULES, "congress", previous=[])
    assert report.result("congress.rural_share_trend").status == "skipped"


RURAL = {"is_rural": True, "category": C.PHYSICAL}


@pytest.mark.parametrize(
    ("now", "before", "status"),
    [
        ((3, 10), (2, 10), "pass"),
        ((2, 10), (2, 10), "warn"),  # equal is not higher
        ((1, 10), (2, 10), "warn"),
        ((2, 10), (1, 5), "warn"),  # the same share at another total
        ((3, 10), (5, 20), "pass"),
        ((1, 3), (33, 100), "pass"),  # 33.33…% > 33%: fractions, not rounded percentages
        ((33, 100), (1, 3), "warn"),
    ],
)
def test_share_trends_must_be_strictly_higher(now, before, status):
    for name, facts in (
        ("rural_share_trend", RURAL),
        ("org_share_trend", {"is_org_representative": True}),
        ("volunteer_share_trend", {"is_volunteer": True}),
    ):
        current = slate((now[0], facts), (now[1] - now[0], {}))
        previous = slate((before[0], facts), (before[1] - before[0], {}))
        result = check_slate(current, RULES, "congress", previous).result(f"congress.{name}")
        assert (result.status, result.level, result.required) == (status, Level.WARNING, None)
        assert result.count == now[0]
        if status == "warn":
            assert result.gap >= 1
            assert "未高于上一届" in result.message
    # 1/3 and 333/1000 both print as 33.3%: more decimals tell them apart.
    previous = slate((333, RURAL), (667, {}))
    result = check_slate(slate((1, RURAL), (2, {})), RULES, "congress", previous)
    assert "33.33%（上一届 33.30%）" in result.result("congress.rural_share_trend").message


def test_rural_share_counts_only_disabled_or_relatives():
    current = [
        person(2, is_rural=True),
        person(3, is_rural=True, is_relative=True),
        person(4, is_rural=True, category=C.VISION, is_relative=True),
        person(5, category=C.VISION),
        person(6, is_rural=False, category=C.VISION),
    ]
    report = check_slate(current, RULES, "congress", previous=[person(2)])
    assert report.result("congress.rural_share_trend").counted_rows == (3, 4)


@pytest.mark.parametrize("body", ["congress", "presidium"])
def test_category_trends(body):
    previous = slate((2, {"category": C.VISION}), (1, {"category": C.HEARING}))
    current = slate((3, {"category": C.VISION}), (1, {"category": C.SPEECH}))
    report = check_slate(current, RULES, body, previous)
    blind, deaf = (report.result(f"{body}.category_trend.{key}") for key in ("blind", "deaf"))
    assert (blind.status, blind.count, blind.required) == ("pass", 3, None)
    assert (deaf.status, deaf.count, deaf.gap) == ("warn", 1, 1)
    assert report.result(f"{body}.category_trend.physical").status == "warn"  # 0 is not above 0
    assert "上一届 2 人" in blind.message


def test_a_failing_warning_rule_is_warn_and_an_error_rule_fail():
    previous = slate((2, {"category": C.VISION}))
    current = slate((1, {"category": C.VISION}))
    assert (
        check_slate(current, RULES, "congress", previous)
        .result("congress.category_trend.blind")
        .status
        == "warn"
    )
    rules = rules_with('[slates.congress.category_trend]\nlevel = "error"\n')
    result = check_slate(current, rules, "congress", previous).result(
        "congress.category_trend.blind"
    )
    assert (result.status, result.level) == ("fail", Level.ERROR)
    rules = rules_with('[slates.congress.disabled_or_relative_share]\nlevel = "warning"\n')
    result = check_slate(slate((1, {})), rules, "congress").result(
        "congress.disabled_or_relative_share"
    )
    assert (result.status, result.level) == ("warn", Level.WARNING)


def test_members_are_delegates():
    members = [
        person(2, id_number="110101199001010011"),
        person(3, id_number="110101199001010022"),
        person(4, id_number=None),
    ]
    rule_id = "presidium.members_are_delegates"
    result = check_slate(members, RULES, "presidium").result(rule_id)
    assert (result.status, result.total) == ("skipped", 3)
    assert "yishi check" in result.message
    delegates = frozenset({"110101199001010011", "110101199001010022", "999"})
    result = check_slate(members[:2], RULES, "presidium", delegates_ids=delegates).result(rule_id)
    assert (result.status, result.count, result.required, result.gap) == ("pass", 2, 2, 0)
    assert result.message == "主席团委员均为本届代表。"
    result = check_slate(members, RULES, "presidium", delegates_ids=delegates).result(rule_id)
    assert (result.status, result.level, result.count, result.gap) == ("warn", Level.WARNING, 2, 1)
    assert result.counted_rows == (2, 3)
    assert "有 1 名主席团委员不是本届代表：人4" in result.message


def test_counts_are_the_numerators():
    people = slate((3, {"category": C.VISION, "is_volunteer": True}), (2, {"is_frontline": True}))
    found = counts(people, RULES)
    assert found.total == 5
    assert found.counts["disabled_or_relative"] == 3
    assert found.counts["model_or_frontline"] == 2
    assert found.counts["volunteer"] == 3
    assert found.rows["category.blind"] == (2, 3, 4)


def test_a_compliant_congress_passes_every_error_rule():
    people = slate(*EVERY_CATEGORY, (3, {"is_relative": True, "is_frontline": True}), (2, {}))
    report = check_slate(people, RULES, "congress")
    assert not report.has_failed_errors
    assert report.result("congress.model_or_frontline_share").status == "pass"  # 8 of 10
