"""suggest_swaps: the fewest swaps that make every error-level rule pass, confirmed by check_slate."""

from __future__ import annotations

from itertools import combinations
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from models.domain.composition import check_slate, suggest_swaps
from models.domain.rules import load_rules
from models.domain.slate import SlateRecord
from models.domain.vocabulary import DisabilityCategory as C

SHIPPED = Path(__file__).resolve().parents[2] / "resources" / "rules" / "mentougou-2019.toml"
RULES = load_rules(SHIPPED.read_text(encoding="utf-8"), rules_id="mentougou-2019")
SOFT_CATEGORIES = load_rules(
    '[rules]\ntitle = "测试"\n[slates.congress.category]\nlevel = "warning"\n', rules_id="test"
)


def person(row: int, category: C | None = None, model: bool = False, **facts) -> SlateRecord:
    return SlateRecord(row=row, name=f"人{row}", category=category, is_role_model=model, **facts)


# Ten delegates: 7 disabled (exactly 70 %: no margin), 7 role models (one short of 80 %), and no
# psychosocial delegate. Rows 10 and 11 count for nothing; row 8 counts only for the tight share.
CURRENT = [
    person(2, C.VISION, model=True),
    person(3, C.HEARING, model=True),
    person(4, C.PHYSICAL, model=True),
    person(5, C.INTELLECTUAL, model=True),
    person(6, C.PHYSICAL, model=True),
    person(7, C.PHYSICAL, model=True),
    person(8, C.PHYSICAL),
    person(9, model=True),
    person(10),
    person(11),
]
PSYCHOSOCIAL = person(100, C.PSYCHOSOCIAL)
MODEL = person(101, model=True)
BOTH = person(102, C.PSYCHOSOCIAL, model=True)


def applied(current, reserves, swaps):
    leaving = {out for out, _ in swaps}
    arriving = [r for r in reserves if r.row in {row for _, row in swaps}]
    return [p for p in current if p.row not in leaving] + arriving


def test_the_crafted_slate_fails_as_intended():
    report = check_slate(CURRENT, RULES, "congress")
    failing = {r.id: r.gap for r in report.results if r.status == "fail"}
    assert failing == {"congress.model_or_frontline_share": 1, "congress.category.psychosocial": 1}
    assert report.result("congress.disabled_or_relative_share").status == "pass"


def test_one_swap_when_one_reserve_covers_both_gaps():
    reserves = [PSYCHOSOCIAL, MODEL, BOTH]
    swaps = suggest_swaps(CURRENT, reserves, RULES, "congress")
    assert swaps == [(10, 102)]
    assert not check_slate(applied(CURRENT, reserves, swaps), RULES, "congress").has_failed_errors


def test_two_swaps_never_taking_out_someone_a_tight_rule_needs():
    reserves = [PSYCHOSOCIAL, MODEL]
    swaps = suggest_swaps(CURRENT, reserves, RULES, "congress")
    assert swaps is not None and len(swaps) == 2
    assert {out for out, _ in swaps} == {10, 11}  # not row 8: 70 % would drop below
    assert {row for _, row in swaps} == {100, 101}
    after = applied(CURRENT, reserves, swaps)
    assert len(after) == len(CURRENT)
    assert not check_slate(after, RULES, "congress").has_failed_errors


def test_none_when_impossible_or_beyond_the_limit():
    assert (
        suggest_swaps(CURRENT, [MODEL, person(103, C.VISION, model=True)], RULES, "congress")
        is None
    )
    assert suggest_swaps(CURRENT, [PSYCHOSOCIAL, MODEL], RULES, "congress", max_swaps=1) is None
    assert suggest_swaps(CURRENT, [], RULES, "congress") is None


def test_nothing_to_do_when_every_error_rule_passes():
    fixed = applied(CURRENT, [BOTH], [(10, 102)])
    assert suggest_swaps(fixed, [PSYCHOSOCIAL], RULES, "congress") == []
    assert suggest_swaps([], [PSYCHOSOCIAL], RULES, "congress") == []


def test_warning_rules_are_not_forced():
    previous = [person(2, C.VISION, is_volunteer=True)]
    fixed = applied(CURRENT, [BOTH], [(10, 102)])
    report = check_slate(fixed, RULES, "congress", previous)
    assert report.result("congress.volunteer_share_trend").status == "warn"
    assert suggest_swaps(fixed, [person(104, is_volunteer=True)], RULES, "congress", previous) == []


def test_an_error_level_trend_is_fixed_too():
    rules = load_rules(
        '[rules]\ntitle = "测试"\n[slates.congress.volunteer_share_trend]\nlevel = "error"\n',
        rules_id="test",
    )
    previous = [person(2, C.VISION, is_volunteer=True), *(person(3 + i) for i in range(4))]  # 20 %
    fixed = applied(CURRENT, [BOTH], [(10, 102)])
    volunteers = [person(200 + i, C.PHYSICAL, model=True, is_volunteer=True) for i in range(4)]
    swaps = suggest_swaps(fixed, volunteers, rules, "congress", previous)
    assert swaps is not None and len(swaps) == 3  # 3 of 10 is the least above 20 %
    after = applied(fixed, volunteers, swaps)
    assert not check_slate(after, rules, "congress", previous).has_failed_errors
    # The only people whose seats no other error rule needs: row 11, then those whose place a
    # disabled role model fills (rows 8 and 9, or the surplus physical delegates).
    assert 11 in {out for out, _ in swaps}
    assert suggest_swaps(fixed, volunteers, rules, "congress", previous, max_swaps=2) is None


@st.composite
def people(draw, first_row: int, max_size: int) -> list[SlateRecord]:
    size = draw(st.integers(min_value=max_size // 3, max_value=max_size))
    return [
        person(
            first_row + i,
            draw(
                st.sampled_from(
                    [None, C.VISION, C.HEARING, C.PHYSICAL, C.INTELLECTUAL, C.PSYCHOSOCIAL]
                )
            ),
            model=draw(st.booleans()),
            is_frontline=draw(st.booleans()),
        )
        for i in range(size)
    ]


def brute_force_fewest(current, reserves, rules, limit):
    for k in range(limit + 1):
        for out in combinations(current, k):
            for into in combinations(reserves, k):
                leaving = {p.row for p in out}
                after = [p for p in current if p.row not in leaving] + list(into)
                if not check_slate(after, rules, "congress").has_failed_errors:
                    return k
    return None


@settings(max_examples=60, deadline=None)
@given(people(2, 7), people(100, 5), st.booleans())
def test_as_few_swaps_as_trying_every_combination(current, reserves, soft):
    rules = SOFT_CATEGORIES if soft else RULES
    swaps = suggest_swaps(current, reserves, rules, "congress", max_swaps=3)
    fewest = brute_force_fewest(current, reserves, rules, 3)
    if fewest is None:
        assert swaps is None
        return
    assert swaps is not None and len(swaps) == fewest
    assert len({out for out, _ in swaps}) == len({row for _, row in swaps}) == fewest
    assert not check_slate(applied(current, reserves, swaps), rules, "congress").has_failed_errors
