"""The [organisation] section of the rules file: the shipped figures, a district's own, mistakes."""

from __future__ import annotations

import tomllib
from fractions import Fraction
from pathlib import Path

import pytest

from models.domain.errors import DomainError, Level
from models.domain.messages import message
from models.domain.rules import (
    DEFAULTS,
    default_organisation_rules,
    load_organisation_rules,
    load_rules,
)
from models.domain.rules_file import check_rules_file
from models.domain.vocabulary import Employment

SHIPPED = Path(__file__).resolve().parents[2] / "resources" / "rules" / "mentougou-2019.toml"
HEAD = '[rules]\ntitle = "某区残疾人联合会改革方案"\n'


def shipped_text() -> str:
    return SHIPPED.read_text(encoding="utf-8")


def test_defaults_in_code_equal_the_shipped_section() -> None:
    assert tomllib.loads(shipped_text())["organisation"] == DEFAULTS["organisation"]


def test_shipped_figures_levels_and_seed_words() -> None:
    rules = load_organisation_rules(shipped_text(), rules_id="mentougou-2019")
    assert rules == default_organisation_rules()
    assert rules.leadership_disabled_fulltime.at_least == 1
    assert rules.staff_disabled_share.at_least == Fraction(1, 10)
    assert rules.staff_disabled_share.employments == set(Employment)
    assert (rules.staff_seconded.at_least, rules.staff_part_time.at_least) == (1, 1)
    assert rules.contact_points.low_income_label == "低收入村"
    assert rules.contact_days.at_least == 60
    assert rules.association_vice_chair.at_least == rules.association_full_time_member.at_least
    assert rules.association_part_time_members.at_most == 2
    home = rules.home_coverage
    assert (home.model_homes_per_township, home.village_disabled_residents) == (1, 50)
    assert home.community_residents == 7000
    assert rules.presidium_yearly_review.work_report_keywords == ("工作报告",)
    assert rules.presidium_yearly_review.budget_keywords == ("预算执行",)
    errors = [
        rules.leadership_disabled_fulltime,
        rules.staff_disabled_share,
        rules.staff_seconded,
        rules.staff_part_time,
        rules.contact_points,
        rules.contact_days,
        rules.association_vice_chair,
        rules.association_full_time_member,
        rules.home_coverage,
    ]
    warnings = [
        rules.association_chair_post,
        rules.association_part_time_members,
        rules.presidium_yearly_review,
    ]
    assert all(rule.level is Level.ERROR for rule in errors)
    assert all(rule.level is Level.WARNING for rule in warnings)
    # The seed's own words, so the report can quote them.
    assert "至少配备1名残疾人专职干部" in rules.leadership_disabled_fulltime.wording
    assert "不低于10%" in rules.staff_disabled_share.wording
    assert "不少于60天" in rules.contact_days.wording
    assert rules.association_part_time_members.wording == "可设立兼职委员1-2名"
    assert "7000人以上的社区" in rules.home_coverage.wording
    assert rules.staff_disabled_share.source == "二、（二）1"
    assert rules.contact_days.source == "二、（二）3"
    assert rules.home_coverage.source == "二、（六）3"
    assert rules.presidium_yearly_review.source == "二、（一）2"


def test_a_district_changes_figures_not_code() -> None:
    rules = load_organisation_rules(
        HEAD
        + "[organisation.contact.days]\nat_least = 40\n"
        + '[organisation.staff.disabled_share]\nat_least = "3/20"\nemployments = ["专职"]\n'
        + '[organisation.contact.points]\nlow_income_label = "经济薄弱村"\n'
        + '[organisation.grassroots.association.chair_post]\nlevel = "error"\n',
        rules_id="x-2030",
    )
    assert rules.contact_days.at_least == 40
    assert rules.contact_days.level is Level.ERROR
    assert rules.staff_disabled_share.at_least == Fraction(3, 20)
    assert rules.staff_disabled_share.employments == {Employment.FULL_TIME}
    assert rules.contact_points.low_income_label == "经济薄弱村"
    assert rules.association_chair_post.level is Level.ERROR
    assert rules.home_coverage == default_organisation_rules().home_coverage


def test_a_file_without_the_section_keeps_every_figure() -> None:
    assert load_organisation_rules(HEAD, rules_id="x") == default_organisation_rules()
    # The slate loader accepts the section, and the whole-file check reads it.
    assert load_rules(shipped_text(), rules_id="m").title.endswith("改革方案")
    assert check_rules_file(shipped_text(), rules_id="m").id == "m"


ORG = "organisation"
A = "organisation.grassroots.association"


@pytest.mark.parametrize(
    ("text", "key"),
    [
        (f'{ORG} = "x"\n', ORG),
        (f"[{ORG}.staf]\nx = 1\n", f"{ORG}.staf"),
        (f"[{ORG}.staff]\nseconded = 1\n", f"{ORG}.staff.seconded"),
        (f"[{ORG}.contact.days]\nat_least = 0\n", f"{ORG}.contact.days.at_least"),
        (f'[{ORG}.contact.days]\nat_least = "60"\n', f"{ORG}.contact.days.at_least"),
        (f"[{ORG}.contact.days]\nat_least = 60.5\n", f"{ORG}.contact.days.at_least"),
        (f"[{ORG}.contact.days]\ndays = 60\n", f"{ORG}.contact.days.days"),
        (f'[{ORG}.contact.days]\nlevel = "fatal"\n', f"{ORG}.contact.days.level"),
        (
            f'[{ORG}.staff.disabled_share]\nat_least = "10%"\n',
            f"{ORG}.staff.disabled_share.at_least",
        ),
        (f"[{ORG}.staff.disabled_share]\nat_least = 1\n", f"{ORG}.staff.disabled_share.at_least"),
        (
            f'[{ORG}.staff.disabled_share]\nemployments = ["专职", "临时"]\n',
            f"{ORG}.staff.disabled_share.employments",
        ),
        (
            f"[{ORG}.staff.disabled_share]\nemployments = []\n",
            f"{ORG}.staff.disabled_share.employments",
        ),
        (
            f'[{ORG}.staff.disabled_share]\nemployments = "专职"\n',
            f"{ORG}.staff.disabled_share.employments",
        ),
        (
            f'[{ORG}.contact.points]\nlow_income_label = " "\n',
            f"{ORG}.contact.points.low_income_label",
        ),
        (f"[{ORG}.contact.points]\nat_least = 1\n", f"{ORG}.contact.points.at_least"),
        (f"[{A}.part_time_members]\nat_most = -1\n", f"{A}.part_time_members.at_most"),
        (f"[{A}.vice_chair]\nat_least = true\n", f"{A}.vice_chair.at_least"),
        (f"[{A}.chair]\nlevel = 'warning'\n", f"{A}.chair"),
        (
            f"[{ORG}.home.coverage]\ncommunity_residents = 0\n",
            f"{ORG}.home.coverage.community_residents",
        ),
        (
            f"[{ORG}.home.coverage]\nvillage_disabled_residents = '50'\n",
            f"{ORG}.home.coverage.village_disabled_residents",
        ),
        (
            f"[{ORG}.presidium.yearly_review]\nbudget_keywords = []\n",
            f"{ORG}.presidium.yearly_review.budget_keywords",
        ),
        (
            f"[{ORG}.presidium.yearly_review]\nwork_report_keywords = ['']\n",
            f"{ORG}.presidium.yearly_review.work_report_keywords",
        ),
    ],
)
def test_a_bad_value_names_its_key(text: str, key: str) -> None:
    # A top-level key must come before the first table header.
    text = text + HEAD if text.startswith(ORG) else HEAD + text
    with pytest.raises(DomainError) as caught:
        load_organisation_rules(text, rules_id="x-2030")
    assert caught.value.code == "rules_invalid"
    assert caught.value.params["key"] == key
    assert key in message("rules_invalid", caught.value.params)
    # The whole-file check refuses it too, before a database records the file.
    with pytest.raises(DomainError) as again:
        check_rules_file(text, rules_id="x-2030")
    assert again.value.params["key"] == key


def test_none_allowed_part_time_members() -> None:
    text = HEAD + f"[{A}.part_time_members]\nat_most = 0\n"
    assert load_organisation_rules(text).association_part_time_members.at_most == 0
