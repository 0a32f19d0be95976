"""Quorum (DOMAIN §6): exact arithmetic at the edges, members only, and the rules file's section."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from models.domain.errors import DomainError
from models.domain.meeting_vocabulary import meeting_title, series_name
from models.domain.quorum import (
    DEFAULT_QUORUM,
    MeetingRules,
    QuorumRule,
    fraction_words,
    load_quorum_rules,
    quorum,
    required_present,
)
from models.domain.vocabulary import BodyKind

MORE_THAN_HALF = QuorumRule(">", Fraction(1, 2))
AT_LEAST_HALF = QuorumRule(">=", Fraction(1, 2))
TWO_THIRDS = QuorumRule(">=", Fraction(2, 3))
RULES = Path(__file__).parents[2] / "resources" / "rules" / "mentougou-2019.toml"


def test_more_than_half_is_the_default_and_its_message():
    result = quorum(7, 5)
    assert result.rule == DEFAULT_QUORUM == MORE_THAN_HALF
    assert (result.expected, result.present, result.required, result.is_met) == (7, 5, 4, True)
    assert result.message == "应到7人，实到5人，超过半数，符合开会要求"


def test_exactly_half_fails_more_than_half_and_passes_at_least_half():
    assert not quorum(8, 4, MORE_THAN_HALF).is_met
    assert quorum(8, 4, MORE_THAN_HALF).required == 5
    assert quorum(8, 4, MORE_THAN_HALF).message == (
        "应到8人，实到4人，未超过半数（至少需5人），不符合开会要求"
    )
    assert quorum(8, 4, AT_LEAST_HALF).is_met
    assert quorum(8, 4, AT_LEAST_HALF).message == "应到8人，实到4人，达到半数，符合开会要求"
    assert not quorum(8, 3, AT_LEAST_HALF).is_met


@pytest.mark.parametrize(
    ("expected", "present", "rule", "met"),
    [
        (7, 4, MORE_THAN_HALF, True),
        (7, 3, MORE_THAN_HALF, False),
        (1, 1, MORE_THAN_HALF, True),
        (2, 1, MORE_THAN_HALF, False),
        (9, 6, TWO_THIRDS, True),  # exactly 2/3 reaches it
        (9, 5, TWO_THIRDS, False),
        (10, 7, TWO_THIRDS, True),  # 6.67 rounds up to 7
        (10, 6, TWO_THIRDS, False),
    ],
)
def test_edges(expected, present, rule, met):
    assert quorum(expected, present, rule).is_met is met


def test_members_on_leave_stay_expected_so_all_on_leave_is_no_quorum():
    # 应到 is every member; those on leave are simply not present.
    result = quorum(5, 0)
    assert (result.expected, result.is_met) == (5, False)
    assert result.message == "应到5人，实到0人，未超过半数（至少需3人），不符合开会要求"


@pytest.mark.parametrize("rule", [MORE_THAN_HALF, AT_LEAST_HALF, TWO_THIRDS])
def test_a_body_without_members_cannot_meet(rule):
    result = quorum(0, 0, rule)
    assert not result.is_met
    assert result.message == "应到0人：没有应到的成员，不能开会"


def test_more_present_than_expected_is_a_programming_error():
    # 列席 attendees are never passed in: present can never exceed the members.
    with pytest.raises(ValueError):
        quorum(3, 4)
    with pytest.raises(ValueError):
        quorum(3, -1)


@given(
    expected=st.integers(0, 400),
    numerator=st.integers(1, 12),
    denominator=st.integers(1, 12),
    strict=st.booleans(),
)
def test_required_is_the_smallest_whole_number_meeting_the_rule(
    expected, numerator, denominator, strict
):
    fraction = Fraction(numerator, denominator)
    if fraction > 1 or (strict and fraction == 1):
        return
    rule = QuorumRule(">" if strict else ">=", fraction)
    share = fraction * expected

    def meets(n: int) -> bool:
        return n > share if strict else n >= share

    required = required_present(expected, rule)
    assert meets(required)
    assert required == 0 or not meets(required - 1)


def test_fraction_words():
    assert fraction_words(Fraction(1, 2)) == "半数"
    assert fraction_words(Fraction(2, 3)) == "三分之二"
    assert fraction_words(Fraction(3, 4)) == "四分之三"
    assert fraction_words(Fraction(1)) == "全体"
    assert (
        quorum(9, 5, TWO_THIRDS).message
        == "应到9人，实到5人，未达到三分之二（至少需6人），不符合开会要求"
    )


# --- the rules file's [meetings] section -----------------------------------------------------


def test_the_shipped_rules_give_more_than_half_to_every_body():
    rules = load_quorum_rules(RULES.read_text(encoding="utf-8"))
    for kind in (
        BodyKind.CONGRESS,
        BodyKind.PRESIDIUM,
        BodyKind.EXECUTIVE_COUNCIL,
        BodyKind.PARTY_GROUP,
    ):
        assert rules.quorum_rule(kind) == MORE_THAN_HALF


def test_a_file_without_the_section_falls_back_to_the_default():
    assert load_quorum_rules('[rules]\ntitle = "x"\n') == MeetingRules()


def test_per_body_overrides():
    rules = load_quorum_rules(
        "[meetings]\n"
        'quorum = { op = ">", fraction = "1/2" }\n'
        "[meetings.quorum_by_body]\n"
        'party_group = { op = ">=", fraction = "2/3" }\n'
    )
    assert rules.quorum_rule(BodyKind.PARTY_GROUP) == TWO_THIRDS
    assert rules.quorum_rule(BodyKind.EXECUTIVE_COUNCIL) == MORE_THAN_HALF


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ('[meetings]\nquorum = { op = "=", fraction = "1/2" }\n', "meetings.quorum.op"),
        ('[meetings]\nquorum = { op = ">", fraction = "0.5" }\n', "meetings.quorum.fraction"),
        ('[meetings]\nquorum = { op = ">", fraction = "3/2" }\n', "meetings.quorum.fraction"),
        ('[meetings]\nquorum = { op = ">", fraction = "1/1" }\n', "meetings.quorum.fraction"),
        ('[meetings]\nquorum = { op = ">", fraction = "1/2", at = 1 }\n', "meetings.quorum.at"),
        ('[meetings]\nquorom = { op = ">", fraction = "1/2" }\n', "meetings.quorom"),
        (
            '[meetings.quorum_by_body]\nassociation = { op = ">", fraction = "1/2" }\n',
            "meetings.quorum_by_body.association",
        ),
        ("[meetings]\nquorum = 0.5\n", "meetings.quorum"),
        ("[meetings\n", "test"),
    ],
)
def test_mistakes_name_their_key(text, key):
    with pytest.raises(DomainError) as caught:
        load_quorum_rules(text, rules_id="test")
    assert caught.value.code == "rules_invalid"
    assert caught.value.params["key"] == key


# --- titles ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "term", "year", "number", "title"),
    [
        (BodyKind.EXECUTIVE_COUNCIL, 8, 2027, 3, "第八届执行理事会第三次会议"),
        (BodyKind.PRESIDIUM, 7, 2025, 12, "第七届主席团第十二次会议"),
        (BodyKind.CONGRESS, 7, 2021, 1, "第七次代表大会第一次会议"),
        (BodyKind.PARTY_GROUP, None, 2026, 3, "2026年第3次党组会议"),
        (BodyKind.PARTY_GROUP, None, 2026, 12, "2026年第12次党组会议"),
    ],
)
def test_meeting_titles(kind, term, year, number, title):
    assert meeting_title(kind, term=term, year=year, number=number) == title


def test_series_names():
    assert series_name(BodyKind.EXECUTIVE_COUNCIL, term=8, year=2027) == "第八届执行理事会"
    assert series_name(BodyKind.PARTY_GROUP, term=None, year=2026) == "2026年党组会议"
