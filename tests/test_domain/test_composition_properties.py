"""Random slates: the counts agree with a recount written here from DOMAIN §3's words alone."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from models.domain.composition import check_slate, counts
from models.domain.rules import load_rules
from models.domain.slate import SlateRecord
from models.domain.vocabulary import DelegateType
from models.domain.vocabulary import DisabilityCategory as C

SINGLE = [c for c in C if c is not C.MULTIPLE]


def _rules(invited_count: bool, speech: bool):
    text = '[rules]\ntitle = "测试"\n[slates]\n'
    text += f"invited_delegates_count = {str(invited_count).lower()}\n"
    text += f"deaf_includes_speech = {str(speech).lower()}\n"
    return load_rules(text, rules_id="test")


RULES = {
    (invited, speech): _rules(invited, speech)
    for invited in (True, False)
    for speech in (True, False)
}


@st.composite
def records(draw, row: int) -> SlateRecord:
    category = draw(st.sampled_from([None, None, *C]))
    return SlateRecord(
        row=row,
        name=f"人{row}",
        category=category,
        # Components may repeat or appear beside another category: still counted once.
        multi_components=tuple(draw(st.lists(st.sampled_from(SINGLE), max_size=3))),
        is_relative=draw(st.booleans()),
        relative_categories=tuple(draw(st.lists(st.sampled_from(list(C)), max_size=2))),
        is_rural=draw(st.sampled_from([None, True, False])),
        is_role_model=draw(st.booleans()),
        is_frontline=draw(st.booleans()),
        is_org_representative=draw(st.booleans()),
        is_volunteer=draw(st.booleans()),
        delegate_type=draw(st.sampled_from(list(DelegateType))),
    )


@st.composite
def slates(draw) -> list[SlateRecord]:
    size = draw(st.integers(min_value=0, max_value=30))
    return [draw(records(row)) for row in range(2, 2 + size)]


def recount(people, *, invited_count: bool, speech: bool) -> tuple[int, dict[str, list[int]]]:
    """DOMAIN §3 read literally, one rule at a time."""
    people = [p for p in people if invited_count or p.delegate_type != DelegateType.INVITED]

    def disabled(p):
        return p.category is not None

    def relative(p):
        return p.is_relative or len(p.relative_categories) > 0

    def has_disability(p, wanted):
        if p.category is None:
            return False
        if p.category == C.MULTIPLE:
            return any(c in wanted for c in p.multi_components)
        return p.category in wanted

    def relative_of(p, wanted):
        return any(c in wanted for c in p.relative_categories)

    deaf = {C.HEARING, C.SPEECH} if speech else {C.HEARING}
    rows = {
        "disabled_or_relative": [p.row for p in people if disabled(p) or relative(p)],
        "model_or_frontline": [p.row for p in people if p.is_role_model or p.is_frontline],
        "rural_disabled_or_relative": [
            p.row for p in people if p.is_rural is True and (disabled(p) or relative(p))
        ],
        "org_representative": [p.row for p in people if p.is_org_representative],
        "volunteer": [p.row for p in people if p.is_volunteer],
        "category.blind": [p.row for p in people if has_disability(p, {C.VISION})],
        "category.deaf": [p.row for p in people if has_disability(p, deaf)],
        "category.physical": [p.row for p in people if has_disability(p, {C.PHYSICAL})],
        "category.intellectual": [
            p.row
            for p in people
            if has_disability(p, {C.INTELLECTUAL}) or relative_of(p, {C.INTELLECTUAL})
        ],
        "category.psychosocial": [
            p.row
            for p in people
            if has_disability(p, {C.PSYCHOSOCIAL}) or relative_of(p, {C.PSYCHOSOCIAL})
        ],
    }
    return len(people), rows


@settings(max_examples=80, deadline=None)
@given(slates(), st.booleans(), st.booleans())
def test_counts_match_a_recount(people, invited_count, speech):
    rules = RULES[invited_count, speech]
    total, expected = recount(people, invited_count=invited_count, speech=speech)
    found = counts(people, rules)
    assert found.total == total
    for measure, rows in expected.items():
        assert list(found.rows[measure]) == rows, measure
        assert found.counts[measure] == len(rows)
    report = check_slate(people, rules, "congress")
    share = report.result("congress.disabled_or_relative_share")
    deaf = report.result("congress.category.deaf")
    if total:
        assert share.count == len(expected["disabled_or_relative"])
        assert share.total == total
        # 以上 includes the threshold: count / total ≥ 7/10, compared in integers.
        assert (share.status == "pass") == (10 * share.count >= 7 * total)
        assert share.gap == max(0, -(-7 * total // 10) - share.count)
        assert deaf.counted_rows == tuple(expected["category.deaf"])
        assert (deaf.status == "pass") == bool(expected["category.deaf"])
    else:
        assert share.status == deaf.status == "skipped"
