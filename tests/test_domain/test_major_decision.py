"""三重一大 rules (DOMAIN §5): the state table, the step gates, quorum after recusal, 末位表态,
the pass threshold, 复议, and the rules file's [decisions] section."""

from __future__ import annotations

from fractions import Fraction

import pytest

from models.domain.decision_rules import (
    DISCUSSION_STEP,
    DecisionCategory,
    DecisionRules,
    StepTiming,
    load_decision_rules,
)
from models.domain.errors import DomainError
from models.domain.major_decision import (
    TRANSITIONS,
    DecisionAction,
    DecisionFacts,
    DecisionResult,
    DecisionState,
    SpokenPosition,
    Stance,
    attendance_words,
    check_deciding_body,
    check_positions,
    expected_last_speaker,
    item_count,
    next_state,
    reopen_passes,
    step_gaps,
    tally,
)
from models.domain.messages import message
from models.domain.quorum import QuorumRule
from models.domain.vocabulary import BodyKind

RULES = DecisionRules()
PASSED = DecisionFacts(result=DecisionResult.PASSED)

EXPECTED = {
    (DecisionState.DRAFT, DecisionAction.PUT_ON_AGENDA): DecisionState.READY,
    (DecisionState.READY, DecisionAction.DECIDE): DecisionState.DECIDED,
    (DecisionState.READY, DecisionAction.DEFER): DecisionState.DEFERRED,
    (DecisionState.DEFERRED, DecisionAction.PUT_ON_AGENDA): DecisionState.READY,
    (DecisionState.DECIDED, DecisionAction.START_FOLLOW_UP): DecisionState.IMPLEMENTING,
    (DecisionState.DECIDED, DecisionAction.REOPEN): DecisionState.READY,
    (DecisionState.IMPLEMENTING, DecisionAction.COMPLETE): DecisionState.DONE,
    (DecisionState.EMERGENCY, DecisionAction.REPORT): DecisionState.REPORTED,
}


@pytest.mark.parametrize("state", list(DecisionState))
@pytest.mark.parametrize("action", list(DecisionAction))
def test_every_pair_of_the_table(state: DecisionState, action: DecisionAction) -> None:
    target = EXPECTED.get((state, action))
    if target is None:
        with pytest.raises(DomainError) as caught:
            next_state(state, action, PASSED)
        assert caught.value.code == "decision_action_not_allowed"
    else:
        assert next_state(state, action, PASSED) is target


def test_table_and_expectation_agree() -> None:
    pairs = {(s, a) for s, moves in TRANSITIONS.items() for a in moves}
    assert pairs == set(EXPECTED)


def test_agenda_needs_every_gate_step() -> None:
    facts = DecisionFacts(gates_missing=("专家论证", "法律顾问审查"))
    with pytest.raises(DomainError) as caught:
        next_state(DecisionState.DRAFT, DecisionAction.PUT_ON_AGENDA, facts)
    assert caught.value.code == "decision_steps_missing"
    assert "专家论证、法律顾问审查" in message(caught.value.code, caught.value.params)


def test_only_a_passed_decision_is_carried_out() -> None:
    with pytest.raises(DomainError) as caught:
        next_state(
            DecisionState.DECIDED,
            DecisionAction.START_FOLLOW_UP,
            DecisionFacts(result=DecisionResult.FAILED),
        )
    assert caught.value.code == "decision_not_passed"


def test_completion_needs_after_steps_and_follow_ups_done() -> None:
    with pytest.raises(DomainError) as caught:
        next_state(
            DecisionState.IMPLEMENTING,
            DecisionAction.COMPLETE,
            DecisionFacts(after_missing=("任前公示",)),
        )
    assert caught.value.code == "decision_after_steps_missing"
    with pytest.raises(DomainError) as caught:
        next_state(
            DecisionState.IMPLEMENTING, DecisionAction.COMPLETE, DecisionFacts(follow_ups_open=2)
        )
    assert caught.value.code == "decision_follow_ups_open"


def test_cadre_appointments_only_by_the_party_group() -> None:
    check_deciding_body(DecisionCategory.CADRE, BodyKind.PARTY_GROUP)
    with pytest.raises(DomainError) as caught:
        check_deciding_body(DecisionCategory.CADRE, BodyKind.EXECUTIVE_COUNCIL)
    assert "只能由党组决定" in message(caught.value.code, caught.value.params)
    for category in set(DecisionCategory) - {DecisionCategory.CADRE}:
        check_deciding_body(category, BodyKind.EXECUTIVE_COUNCIL)
        check_deciding_body(category, BodyKind.PARTY_GROUP)
    with pytest.raises(DomainError):
        check_deciding_body(DecisionCategory.PROJECT, BodyKind.PRESIDIUM)


def test_step_gaps_split_gates_warnings_and_after_steps() -> None:
    gaps = step_gaps(RULES, DecisionCategory.LARGE_FUNDS, {"专家论证"})
    assert gaps.gates == ("残疾人及相关利益方参与", "法律顾问审查", "社会稳定风险评估")
    assert gaps.recommended == ("前期调查研究",)
    assert gaps.after == ()
    cadre = step_gaps(RULES, DecisionCategory.CADRE, {"动议", "民主推荐", "考察", "酝酿"})
    assert cadre.gates == () and cadre.after == ("任前公示",)
    # The discussion itself is never a gap: the meeting records it.
    assert DISCUSSION_STEP not in step_gaps(RULES, DecisionCategory.CADRE, set()).missing


@pytest.mark.parametrize(
    ("members", "recused", "present", "met"),
    [
        (9, 0, 6, True),  # exactly 2/3
        (9, 0, 5, False),  # just below
        (7, 1, 4, True),  # 6 after recusal: 4 = 2/3 exactly
        (7, 1, 3, False),
        (7, 0, 4, False),  # without recusal 7 × 2/3 = 4.67 → 5 needed
        (3, 3, 0, False),  # everyone recused: no quorum at all
    ],
)
def test_quorum_after_recusal(members: int, recused: int, present: int, met: bool) -> None:
    count = item_count(members, recused, present, RULES.quorum)
    assert count.is_met is met
    assert count.expected == members - recused


def test_attendance_words_as_printed() -> None:
    assert attendance_words(7, 1, 5) == "应到7人，回避1人，按6人计，实到5人"
    assert attendance_words(7, 0, 6) == "应到7人，实到6人"
    assert item_count(7, 1, 5, RULES.quorum).words == "应到7人，回避1人，按6人计，实到5人"


def test_item_count_refuses_impossible_figures() -> None:
    with pytest.raises(ValueError):
        item_count(5, 1, 5, RULES.quorum)


def test_last_speaker_is_the_leader_else_the_presiding_member() -> None:
    assert expected_last_speaker(1, 2, {1, 2, 3}) == 1
    assert expected_last_speaker(1, 2, {2, 3}) == 2  # leader absent or recused
    assert expected_last_speaker(None, 2, {2, 3}) == 2
    assert expected_last_speaker(1, 2, {3}) is None


def _spoken(*ids: int) -> list[SpokenPosition]:
    return [SpokenPosition(i, f"成员{i}", Stance.AGREE) for i in ids]


def test_positions_leader_last_and_no_proxy() -> None:
    check_positions(_spoken(3, 2, 1), present={1, 2, 3}, last_speaker=1, last_speaker_name="成员1")
    with pytest.raises(DomainError) as caught:
        check_positions(
            _spoken(1, 2, 3), present={1, 2, 3}, last_speaker=1, last_speaker_name="成员1"
        )
    assert "最后一位表态的应是成员1" in message(caught.value.code, caught.value.params)
    with pytest.raises(DomainError) as caught:
        check_positions(_spoken(2, 4, 1), present={1, 2}, last_speaker=1, last_speaker_name="成员1")
    assert caught.value.code == "decision_position_not_present"
    with pytest.raises(DomainError) as caught:
        check_positions(_spoken(2, 1), present={1, 2, 3}, last_speaker=1, last_speaker_name="成员1")
    assert caught.value.code == "decision_positions_missing"
    with pytest.raises(DomainError) as caught:
        check_positions(_spoken(2, 2, 1), present={1, 2}, last_speaker=1, last_speaker_name="成员1")
    assert caught.value.code == "decision_position_twice"


@pytest.mark.parametrize(
    ("agree", "expected", "result"),
    [
        (3, 6, DecisionResult.FAILED),  # exactly half of 应到 is not more than half
        (4, 6, DecisionResult.PASSED),
        (4, 7, DecisionResult.PASSED),
        (3, 7, DecisionResult.FAILED),
        (0, 0, DecisionResult.FAILED),
    ],
)
def test_pass_threshold_is_more_than_half_of_expected(
    agree: int, expected: int, result: DecisionResult
) -> None:
    stances = [Stance.AGREE] * agree + [Stance.DISAGREE]
    outcome = tally(stances, expected, RULES.pass_rule)
    assert outcome.result is result
    assert (outcome.agree, outcome.disagree, outcome.defer) == (agree, 1, 0)


def test_reopening_needs_more_than_half_of_the_members() -> None:
    assert reopen_passes(4, 7, RULES.reopen_rule)
    assert not reopen_passes(3, 7, RULES.reopen_rule)
    assert not reopen_passes(3, 6, RULES.reopen_rule)
    assert reopen_passes(4, 6, RULES.reopen_rule)
    with pytest.raises(ValueError):
        reopen_passes(8, 7, RULES.reopen_rule)


def test_shipped_rules_file_reads_with_the_defaults() -> None:
    from pathlib import Path

    text = (Path(__file__).parents[2] / "resources/rules/mentougou-2019.toml").read_text("utf-8")
    rules = load_decision_rules(text, rules_id="mentougou-2019")
    assert rules.large_amount_yuan == 100_000
    assert rules.quorum == QuorumRule(">=", Fraction(2, 3))
    assert [s.kind for s in rules.steps_of(DecisionCategory.CADRE)][-1] == "任前公示"


def test_a_district_may_change_steps_and_thresholds() -> None:
    rules = load_decision_rules(
        """
[decisions]
large_amount_yuan = 50000
pass_threshold = { op = ">=", fraction = "2/3" }
[decisions.steps]
"重大项目安排" = [
  { kind = "专家论证", timing = "before" },
  { kind = "集体讨论决定", timing = "at" },
  { kind = "项目公示", timing = "after", required = true },
]
"""
    )
    assert rules.large_amount_yuan == 50_000
    assert rules.pass_rule == QuorumRule(">=", Fraction(2, 3))
    project = rules.steps_of(DecisionCategory.PROJECT)
    assert [(s.kind, s.timing) for s in project][-1] == ("项目公示", StepTiming.AFTER)
    # Categories the district left out keep the shipped list.
    assert rules.steps_of(DecisionCategory.CADRE) == DecisionRules().steps_of(
        DecisionCategory.CADRE
    )


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("[decisions]\nlarge_amount_yuan = -1", "decisions.large_amount_yuan"),
        ("[decisions]\nquorum = 3", "decisions.quorum"),
        ("[decisions]\nspeed = 1", "decisions.speed"),
        ('[decisions.steps]\n"其他" = []', "decisions.steps.其他"),
        (
            '[decisions.steps]\n"重大决策" = [{ kind = "专家论证", timing = "before" }]',
            "decisions.steps.重大决策",
        ),
        (
            '[decisions.steps]\n"重大决策" = [{ kind = "x", timing = "soon" }]',
            "decisions.steps.重大决策[1].timing",
        ),
    ],
)
def test_bad_rules_name_the_key(text: str, key: str) -> None:
    with pytest.raises(DomainError) as caught:
        load_decision_rules(text, rules_id="bad")
    assert caught.value.code == "rules_invalid"
    assert caught.value.params["key"] == key


@pytest.mark.parametrize(
    ("yuan", "words"),
    [
        (None, None),
        (8_000, "8000元"),
        (100_000, "10万元"),
        (1_860_000, "186万元"),
        (123_456, "12.3456万元"),
    ],
)
def test_amounts_are_said_in_wan_yuan(yuan: int | None, words: str | None) -> None:
    from models.domain.major_decision import amount_words

    assert amount_words(yuan) == words
