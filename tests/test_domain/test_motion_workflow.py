"""The motion workflow (DOMAIN §4): every (state, action) pair against the table, reasons, facts."""

from __future__ import annotations

from datetime import date

import pytest

from models.domain.errors import DomainError
from models.domain.motion_workflow import (
    ACTION_NAMES,
    STATE_NAMES,
    TERMINAL,
    HandlingRole,
    MotionAction,
    MotionFacts,
    MotionState,
    Rating,
    allowed_actions,
    is_overdue,
    next_state,
)

# DOMAIN §4's table, written out again by hand (state, action) → target; rate is tested apart.
EXPECTED: dict[tuple[str, str], str] = {
    ("draft", "submit"): "submitted",
    ("draft", "withdraw"): "withdrawn",
    ("submitted", "start_review"): "under_review",
    ("submitted", "withdraw"): "withdrawn",
    ("under_review", "return_for_revision"): "revising",
    ("under_review", "accept"): "accepted",
    ("under_review", "reject"): "rejected",
    ("under_review", "merge"): "merged",
    ("under_review", "withdraw"): "withdrawn",
    ("revising", "resubmit"): "submitted",
    ("revising", "withdraw"): "withdrawn",
    ("accepted", "assign"): "assigned",
    ("merged", "lead_replied"): "replied",
    ("assigned", "receive"): "received",
    ("assigned", "unit_return"): "unit_returned",
    ("unit_returned", "reassign"): "assigned",
    ("received", "start_handling"): "handling",
    ("received", "extend"): "received",
    ("handling", "reply"): "replied",
    ("handling", "extend"): "handling",
    ("replied", "rate"): "closed",  # with 满意
    ("replied", "feedback_timeout"): "closed",
    ("rehandling", "reply"): "replied",
}
FULL = MotionFacts(reason="理由", has_lead=True, result_rating=Rating.SATISFIED)


def test_enumerations_match_the_spec() -> None:
    assert [s.value for s in MotionState] == [
        "draft", "submitted", "under_review", "revising", "accepted", "merged", "assigned",
        "unit_returned", "received", "handling", "replied", "rehandling", "rejected",
        "withdrawn", "closed",
    ]  # fmt: skip
    assert list(STATE_NAMES.values()) == [
        "草稿", "已提交", "审查中", "退回修改", "立案", "并案", "已交办", "退办", "已签收",
        "办理中", "已答复", "重新办理", "不予立案", "撤回", "办结",
    ]  # fmt: skip
    assert set(ACTION_NAMES) == set(MotionAction)
    assert [r.value for r in Rating] == ["满意", "基本满意", "不满意"]
    assert {s.value for s in TERMINAL} == {"rejected", "withdrawn", "closed"}


@pytest.mark.parametrize("state", list(MotionState))
@pytest.mark.parametrize("action", list(MotionAction))
def test_every_pair(state: MotionState, action: MotionAction) -> None:
    expected = EXPECTED.get((state.value, action.value))
    if expected is None:
        with pytest.raises(DomainError) as err:
            next_state(state, action, FULL)
        assert err.value.code == "transition_not_allowed"
        assert err.value.params["state"] == STATE_NAMES[state]
        assert err.value.params["action"] == ACTION_NAMES[action]
        assert action not in allowed_actions(state, FULL)
    else:
        assert next_state(state, action, FULL) == MotionState(expected)
        assert action in allowed_actions(state, FULL)


def test_allowed_list_in_the_error() -> None:
    with pytest.raises(DomainError) as err:
        next_state(MotionState.ASSIGNED, MotionAction.REPLY)
    assert err.value.params["allowed"] == "签收、退办"
    with pytest.raises(DomainError) as err:
        next_state(MotionState.CLOSED, MotionAction.WITHDRAW)
    assert err.value.params["allowed"] == "无"


def test_terminal_states_allow_nothing() -> None:
    for state in TERMINAL:
        assert allowed_actions(state) == ()


@pytest.mark.parametrize(
    ("state", "action"),
    [
        (MotionState.UNDER_REVIEW, MotionAction.RETURN_FOR_REVISION),
        (MotionState.UNDER_REVIEW, MotionAction.REJECT),
        (MotionState.ASSIGNED, MotionAction.UNIT_RETURN),
        (MotionState.RECEIVED, MotionAction.EXTEND),
        (MotionState.HANDLING, MotionAction.EXTEND),
    ],
)
@pytest.mark.parametrize("reason", [None, "", "  "])
def test_reason_required(state: MotionState, action: MotionAction, reason: str | None) -> None:
    with pytest.raises(DomainError) as err:
        next_state(state, action, MotionFacts(reason=reason))
    assert err.value.code == "reason_required"
    assert err.value.field == "reason"
    assert err.value.params["action"] == ACTION_NAMES[action]


def test_other_actions_need_no_reason() -> None:
    assert next_state(MotionState.UNDER_REVIEW, MotionAction.ACCEPT) is MotionState.ACCEPTED
    assert next_state(MotionState.DRAFT, MotionAction.WITHDRAW) is MotionState.WITHDRAWN


def test_merge_needs_its_lead() -> None:
    with pytest.raises(DomainError) as err:
        next_state(MotionState.UNDER_REVIEW, MotionAction.MERGE)
    assert err.value.code == "lead_required"
    facts = MotionFacts(has_lead=True)
    assert next_state(MotionState.UNDER_REVIEW, MotionAction.MERGE, facts) is MotionState.MERGED


def test_return_window_and_extension_cap() -> None:
    late = MotionFacts(reason="不属本单位职责", within_return_window=False)
    with pytest.raises(DomainError) as err:
        next_state(MotionState.ASSIGNED, MotionAction.UNIT_RETURN, late)
    assert err.value.code == "return_window_passed"
    assert allowed_actions(MotionState.ASSIGNED, late) == (MotionAction.RECEIVE,)
    capped = MotionFacts(reason="需协调", within_extension_cap=False)
    for state in (MotionState.RECEIVED, MotionState.HANDLING):
        with pytest.raises(DomainError) as err:
            next_state(state, MotionAction.EXTEND, capped)
        assert err.value.code == "extension_cap_passed"
        assert MotionAction.EXTEND not in allowed_actions(state, capped)


@pytest.mark.parametrize(
    ("rating", "rounds", "expected"),
    [
        (Rating.SATISFIED, 0, MotionState.CLOSED),
        (Rating.BASICALLY_SATISFIED, 0, MotionState.CLOSED),
        (Rating.SATISFIED, 2, MotionState.CLOSED),
        (Rating.UNSATISFIED, 0, MotionState.REHANDLING),
        (Rating.UNSATISFIED, 1, MotionState.REHANDLING),
        (Rating.UNSATISFIED, 2, MotionState.CLOSED),  # at the limit: closed with a note
        (Rating.UNSATISFIED, 3, MotionState.CLOSED),
    ],
)
def test_rating_branches(rating: Rating, rounds: int, expected: MotionState) -> None:
    facts = MotionFacts(result_rating=rating, rehandling_rounds=rounds, rehandling_limit=2)
    assert next_state(MotionState.REPLIED, MotionAction.RATE, facts) is expected


def test_rating_limit_from_the_facts() -> None:
    facts = MotionFacts(result_rating=Rating.UNSATISFIED, rehandling_rounds=2, rehandling_limit=3)
    assert next_state(MotionState.REPLIED, MotionAction.RATE, facts) is MotionState.REHANDLING
    no_rounds = MotionFacts(result_rating=Rating.UNSATISFIED, rehandling_limit=0)
    assert next_state(MotionState.REPLIED, MotionAction.RATE, no_rounds) is MotionState.CLOSED


def test_rate_needs_a_rating() -> None:
    with pytest.raises(DomainError) as err:
        next_state(MotionState.REPLIED, MotionAction.RATE)
    assert err.value.code == "rating_required"
    assert next_state(MotionState.REPLIED, MotionAction.FEEDBACK_TIMEOUT) is MotionState.CLOSED


def test_full_walk_with_a_rehandling_round() -> None:
    state = MotionState.DRAFT
    steps = [
        (MotionAction.SUBMIT, MotionFacts()),
        (MotionAction.START_REVIEW, MotionFacts()),
        (MotionAction.RETURN_FOR_REVISION, MotionFacts(reason="案由不清")),
        (MotionAction.RESUBMIT, MotionFacts()),
        (MotionAction.START_REVIEW, MotionFacts()),
        (MotionAction.ACCEPT, MotionFacts()),
        (MotionAction.ASSIGN, MotionFacts()),
        (MotionAction.UNIT_RETURN, MotionFacts(reason="非本单位职责")),
        (MotionAction.REASSIGN, MotionFacts()),
        (MotionAction.RECEIVE, MotionFacts()),
        (MotionAction.START_HANDLING, MotionFacts()),
        (MotionAction.EXTEND, MotionFacts(reason="需多部门协调")),
        (MotionAction.REPLY, MotionFacts()),
        (MotionAction.RATE, MotionFacts(result_rating=Rating.UNSATISFIED)),
        (MotionAction.REPLY, MotionFacts()),
        (MotionAction.RATE, MotionFacts(result_rating=Rating.BASICALLY_SATISFIED)),
    ]
    for action, facts in steps:
        state = next_state(state, action, facts)
    assert state is MotionState.CLOSED


@pytest.mark.parametrize("state", list(MotionState))
def test_overdue(state: MotionState) -> None:
    deadline = date(2025, 10, 9)
    waiting = state.value in {"assigned", "received", "handling", "rehandling"}
    assert is_overdue(state, deadline, date(2025, 10, 10)) is waiting
    assert is_overdue(state, deadline, deadline) is False
    assert is_overdue(state, None, date(2030, 1, 1)) is False


def test_handling_roles_are_the_words_the_database_stores():
    # The assignment table has held these two words since 0005; the enum must not change them.
    assert [r.value for r in HandlingRole] == ["主办", "协办"]
    assert HandlingRole("主办") is HandlingRole.LEAD
