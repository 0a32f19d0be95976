"""The rules file (DOMAIN §3, §8): the shipped figures, fallback to defaults, and named mistakes."""

from __future__ import annotations

import tomllib
from fractions import Fraction
from pathlib import Path

import pytest

from models.domain.errors import DomainError, Level
from models.domain.messages import message
from models.domain.rules import CATEGORY_KEYS, DEFAULTS, load_rules
from models.domain.vocabulary import DisabilityCategory as C

SHIPPED = Path(__file__).resolve().parents[2] / "resources" / "rules" / "mentougou-2019.toml"
HEAD = '[rules]\ntitle = "某区残疾人联合会改革方案"\n'


def shipped_text() -> str:
    return SHIPPED.read_text(encoding="utf-8")


def test_shipped_file_loads_with_the_seed_figures():
    rules = load_rules(shipped_text(), rules_id="mentougou-2019")
    assert (rules.id, rules.title) == ("mentougou-2019", "门头沟区残疾人联合会改革方案")
    congress, presidium = rules.slates.congress, rules.slates.presidium
    assert congress.disabled_or_relative_share.at_least == Fraction(7, 10)
    assert congress.model_or_frontline_share.at_least == Fraction(4, 5)
    assert presidium.disabled_or_relative_share.at_least == Fraction(3, 5)
    assert presidium.model_or_frontline_share.at_least == Fraction(2, 5)
    assert congress.category.at_least == presidium.category.at_least == 1
    assert congress.category.level is presidium.category.level is Level.ERROR
    assert rules.slates.council.category.level is Level.WARNING
    for trend in (
        congress.rural_share_trend,
        congress.org_share_trend,
        congress.volunteer_share_trend,
        congress.category_trend,
        presidium.category_trend,
        presidium.members_are_delegates,
    ):
        assert trend.level is Level.WARNING
    assert rules.slates.invited_delegates_count is True
    assert congress.disabled_or_relative_share.source == "二、（一）1"
    assert "70%以上" in congress.disabled_or_relative_share.wording
    assert "80%以上" in congress.model_or_frontline_share.wording
    assert "60%以上" in presidium.disabled_or_relative_share.wording
    assert "40%以上" in presidium.model_or_frontline_share.wording
    assert rules.slates.council.category.source == "二、（二）2"


def test_shipped_categories():
    slates = load_rules(shipped_text(), rules_id="mentougou-2019").slates
    by_key = {category.key: category for category in slates.categories}
    assert tuple(by_key) == CATEGORY_KEYS
    assert by_key["blind"].disabilities == {C.VISION}
    assert by_key["deaf"].disabilities == {C.HEARING, C.SPEECH}
    assert by_key["deaf"].name == "聋人（含言语残疾）"
    assert by_key["physical"].disabilities == {C.PHYSICAL}
    assert by_key["intellectual"].disabilities == {C.INTELLECTUAL}
    assert by_key["psychosocial"].disabilities == {C.PSYCHOSOCIAL}
    assert [key for key, c in by_key.items() if c.relatives_count] == [
        "intellectual",
        "psychosocial",
    ]


def test_defaults_in_code_equal_the_shipped_file():
    data = tomllib.loads(shipped_text())
    assert data["rules"] == DEFAULTS["rules"]
    assert data["slates"] == DEFAULTS["slates"]
    # Other issues read these sections; the file keeps them.
    assert {"meetings", "motions", "decisions"} <= set(data)


def test_every_rule_cites_the_seed():
    data = tomllib.loads(shipped_text())["slates"]
    for body in ("congress", "presidium", "council"):
        for name, rule in data[body].items():
            assert rule["source"].startswith("二、"), (body, name)
            assert rule["wording"], (body, name)
            assert rule["level"] in ("error", "warning")


def test_a_district_changes_one_figure_and_keeps_the_rest():
    rules = load_rules(
        HEAD + '[slates.congress.disabled_or_relative_share]\nat_least = "3/4"\n', rules_id="x-2030"
    )
    assert rules.id == "x-2030"
    assert rules.title == "某区残疾人联合会改革方案"
    assert rules.slates.congress.disabled_or_relative_share.at_least == Fraction(3, 4)
    assert rules.slates.congress.disabled_or_relative_share.level is Level.ERROR
    assert rules.slates.congress.model_or_frontline_share.at_least == Fraction(4, 5)
    assert rules.slates.presidium == load_rules(shipped_text(), rules_id="m").slates.presidium


def test_switches_and_levels_are_data():
    rules = load_rules(
        HEAD
        + "[slates]\ninvited_delegates_count = false\ndeaf_includes_speech = false\n"
        + '[slates.council.category]\nlevel = "error"\nat_least = 2\n',
        rules_id="x",
    )
    deaf = rules.slates.categories[1]
    assert (deaf.name, deaf.disabilities) == ("聋人", frozenset({C.HEARING}))
    assert rules.slates.invited_delegates_count is False
    assert rules.slates.council.category.level is Level.ERROR
    assert rules.slates.council.category.at_least == 2


def test_a_category_made_of_other_disabilities():
    rules = load_rules(
        HEAD + '[slates.categories.physical]\ndisabilities = ["肢体残疾", "多重"]\n', rules_id="x"
    )
    assert rules.slates.categories[2].disabilities == {C.PHYSICAL, C.MULTIPLE}


S = "slates.congress.disabled_or_relative_share"


@pytest.mark.parametrize(
    ("text", "key"),
    [
        (HEAD + "[slates\n", "x-2030"),
        (HEAD + f'[{S}]\nat_least = "70%"\n', f"{S}.at_least"),
        (HEAD + f'[{S}]\nat_least = "0/10"\n', f"{S}.at_least"),
        (HEAD + f'[{S}]\nat_least = "11/10"\n', f"{S}.at_least"),
        (HEAD + f'[{S}]\nat_least = "7/0"\n', f"{S}.at_least"),
        (HEAD + f'[{S}]\nat_least = "-7/10"\n', f"{S}.at_least"),
        (HEAD + f"[{S}]\nat_least = 0.7\n", f"{S}.at_least"),
        (HEAD + f'[{S}]\nlevel = "fatal"\n', f"{S}.level"),
        (HEAD + f"[{S}]\nlevel = 1\n", f"{S}.level"),
        (HEAD + f'[{S}]\nat_leats = "7/10"\n', f"{S}.at_leats"),
        (HEAD + f"[{S}]\nsource = 2\n", f"{S}.source"),
        (HEAD + '[slates.congress]\ndisabled_or_relative_share = "7/10"\n', S),
        (HEAD + "[slates]\ncongress = 5\n", "slates.congress"),
        ('slates = "none"\n' + HEAD, "slates"),
        (
            HEAD + '[slates.congress.disabled_share]\nat_least = "7/10"\n',
            "slates.congress.disabled_share",
        ),
        (HEAD + '[slates]\ninvited_delegates_count = "yes"\n', "slates.invited_delegates_count"),
        (HEAD + "[slates]\ndeaf_includes_speech = 1\n", "slates.deaf_includes_speech"),
        (HEAD + "[slates.congress.category]\nat_least = 0\n", "slates.congress.category.at_least"),
        (HEAD + "[slates.council.category]\nat_least = true\n", "slates.council.category.at_least"),
        (
            HEAD + '[slates.presidium.category_trend]\nlevel = "Warning"\n',
            "slates.presidium.category_trend.level",
        ),
        (
            HEAD + '[slates.categories.blind]\ndisabilities = ["盲"]\n',
            "slates.categories.blind.disabilities",
        ),
        (
            HEAD + '[slates.categories.blind]\ndisabilities = "视力"\n',
            "slates.categories.blind.disabilities",
        ),
        (
            HEAD + "[slates.categories.blind]\ndisabilities = []\n",
            "slates.categories.blind.disabilities",
        ),
        (
            HEAD + "[slates.categories.blind]\ndisabilities = [4]\n",
            "slates.categories.blind.disabilities",
        ),
        (
            HEAD + '[slates.categories.intellectual]\nrelatives_count = "是"\n',
            "slates.categories.intellectual.relatives_count",
        ),
        (HEAD + '[slates.categories.autism]\nname = "孤独症"\n', "slates.categories.autism"),
        ('[slates.congress.category]\nlevel = "error"\n', "rules.title"),
        ("rules = 3\n", "rules"),
        ("", "rules.title"),
        ('[rules]\ntitle = ["门头沟"]\n', "rules.title"),
    ],
)
def test_a_malformed_file_names_the_key(text, key):
    with pytest.raises(DomainError) as caught:
        load_rules(text, rules_id="x-2030")
    error = caught.value
    assert error.code == "rules_invalid"
    assert error.params["key"] == key
    assert error.params["detail"]
    assert key in message("rules_invalid", error.params)


@pytest.mark.parametrize(
    ("extra", "key"),
    [
        ("[slate]\ninvited_delegates_count = true\n", "slate"),
        ("[slates]\ninvited_delegate_count = true\n", "slates.invited_delegate_count"),
        ('[rules]\ntitle = "某区残疾人联合会改革方案"\ntitel = "x"\n', "rules.titel"),
    ],
)
def test_a_misspelt_section_or_key_is_refused_not_ignored(extra: str, key: str) -> None:
    text = extra if extra.startswith("[rules]") else '[rules]\ntitle = "某区方案"\n' + extra
    with pytest.raises(DomainError) as caught:
        load_rules(text, rules_id="district")
    assert caught.value.code == "rules_invalid" and caught.value.params["key"] == key


def test_the_whole_file_is_checked_before_it_is_recorded() -> None:
    from models.domain.rules_file import check_rules_file

    assert check_rules_file(shipped_text(), rules_id="mentougou-2019").title.endswith("改革方案")
    broken = shipped_text() + "\n[motions.extra]\nwhat = 1\n"
    with pytest.raises(DomainError) as caught:
        check_rules_file(broken, rules_id="district")
    assert caught.value.params["key"].startswith("motions")
