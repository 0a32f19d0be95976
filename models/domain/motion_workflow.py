"""The motion (提案) workflow of DOMAIN §4 as data, and one pure `next_state` over it.

The table is the single truth: `TRANSITIONS` maps a state and an action to its target. The one
fact-dependent move (rate) is data too: a `ByRating` names the target for each 办理结果 rating.
Facts the caller knows (the rating, the re-handling rounds, the 退办 window, the extension cap)
come in a `MotionFacts`; the function itself reads no clock and no database.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from models.domain.errors import DomainError


class MotionState(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    UNDER_REVIEW = "under_review"
    REVISING = "revising"
    ACCEPTED = "accepted"
    MERGED = "merged"
    ASSIGNED = "assigned"
    UNIT_RETURNED = "unit_returned"
    RECEIVED = "received"
    HANDLING = "handling"
    REPLIED = "replied"
    REHANDLING = "rehandling"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"
    CLOSED = "closed"


# The categories a motion is filed under (新建提案, the import template's drop-down, statistics by
# category). The rules file has no list of its own yet; this is the shipped one.
MOTION_CATEGORIES: tuple[str, ...] = (
    "无障碍",
    "康复",
    "教育",
    "就业",
    "社会保障",
    "文化体育",
    "维权",
    "组织建设",
    "其他",
)


class HandlingRole(StrEnum):
    """A handling unit's part in a motion: 主办 answers it, 协办 gives its opinion to the 主办."""

    LEAD = "主办"
    CO = "协办"


STATE_NAMES: dict[MotionState, str] = {
    MotionState.DRAFT: "草稿",
    MotionState.SUBMITTED: "已提交",
    MotionState.UNDER_REVIEW: "审查中",
    MotionState.REVISING: "退回修改",
    MotionState.ACCEPTED: "立案",
    MotionState.MERGED: "并案",
    MotionState.ASSIGNED: "已交办",
    MotionState.UNIT_RETURNED: "退办",
    MotionState.RECEIVED: "已签收",
    MotionState.HANDLING: "办理中",
    MotionState.REPLIED: "已答复",
    MotionState.REHANDLING: "重新办理",
    MotionState.REJECTED: "不予立案",
    MotionState.WITHDRAWN: "撤回",
    MotionState.CLOSED: "办结",
}


class MotionAction(StrEnum):
    SUBMIT = "submit"
    WITHDRAW = "withdraw"
    START_REVIEW = "start_review"
    RETURN_FOR_REVISION = "return_for_revision"
    ACCEPT = "accept"
    REJECT = "reject"
    MERGE = "merge"
    RESUBMIT = "resubmit"
    ASSIGN = "assign"
    RECEIVE = "receive"
    UNIT_RETURN = "unit_return"
    REASSIGN = "reassign"
    START_HANDLING = "start_handling"
    EXTEND = "extend"
    REPLY = "reply"
    RATE = "rate"
    FEEDBACK_TIMEOUT = "feedback_timeout"
    LEAD_REPLIED = "lead_replied"


ACTION_NAMES: dict[MotionAction, str] = {
    MotionAction.SUBMIT: "提交",
    MotionAction.WITHDRAW: "撤回",
    MotionAction.START_REVIEW: "开始审查",
    MotionAction.RETURN_FOR_REVISION: "退回修改",
    MotionAction.ACCEPT: "立案",
    MotionAction.REJECT: "不予立案",
    MotionAction.MERGE: "并案",
    MotionAction.RESUBMIT: "重新提交",
    MotionAction.ASSIGN: "交办",
    MotionAction.RECEIVE: "签收",
    MotionAction.UNIT_RETURN: "退办",
    MotionAction.REASSIGN: "重新交办",
    MotionAction.START_HANDLING: "开始办理",
    MotionAction.EXTEND: "延期",
    MotionAction.REPLY: "答复",
    MotionAction.RATE: "反馈评价",
    MotionAction.FEEDBACK_TIMEOUT: "反馈逾期",
    MotionAction.LEAD_REPLIED: "随主案答复",
}


class Rating(StrEnum):
    SATISFIED = "满意"
    BASICALLY_SATISFIED = "基本满意"
    UNSATISFIED = "不满意"


@dataclass(frozen=True)
class MotionFacts:
    """What a move may depend on besides the state: supplied by the caller."""

    result_rating: Rating | None = None  # 办理结果, for rate
    rehandling_rounds: int = 0  # rounds of 重新办理 already begun
    rehandling_limit: int = 2
    reason: str | None = None  # for the actions in REASON_REQUIRED
    has_lead: bool = False  # merge needs the lead motion
    within_return_window: bool = True  # 退办 within N working days of assignment
    within_extension_cap: bool = True  # the new deadline within the cap


@dataclass(frozen=True)
class ByRating:
    """A target chosen by the 办理结果 rating; 不满意 depends on the rounds left."""

    satisfied: MotionState
    basically_satisfied: MotionState
    unsatisfied_below_limit: MotionState
    unsatisfied_at_limit: MotionState

    def target(self, facts: MotionFacts) -> MotionState:
        if facts.result_rating is None:
            raise DomainError("rating_required", field="result_rating")
        if facts.result_rating is Rating.SATISFIED:
            return self.satisfied
        if facts.result_rating is Rating.BASICALLY_SATISFIED:
            return self.basically_satisfied
        if facts.rehandling_rounds < facts.rehandling_limit:
            return self.unsatisfied_below_limit
        return self.unsatisfied_at_limit


Target = MotionState | ByRating

S, A = MotionState, MotionAction

TRANSITIONS: Mapping[MotionState, Mapping[MotionAction, Target]] = {
    S.DRAFT: {A.SUBMIT: S.SUBMITTED, A.WITHDRAW: S.WITHDRAWN},
    S.SUBMITTED: {A.START_REVIEW: S.UNDER_REVIEW, A.WITHDRAW: S.WITHDRAWN},
    S.UNDER_REVIEW: {
        A.RETURN_FOR_REVISION: S.REVISING,
        A.ACCEPT: S.ACCEPTED,
        A.REJECT: S.REJECTED,
        A.MERGE: S.MERGED,
        A.WITHDRAW: S.WITHDRAWN,
    },
    S.REVISING: {A.RESUBMIT: S.SUBMITTED, A.WITHDRAW: S.WITHDRAWN},
    S.ACCEPTED: {A.ASSIGN: S.ASSIGNED},
    S.MERGED: {A.LEAD_REPLIED: S.REPLIED},
    S.ASSIGNED: {A.RECEIVE: S.RECEIVED, A.UNIT_RETURN: S.UNIT_RETURNED},
    S.UNIT_RETURNED: {A.REASSIGN: S.ASSIGNED},
    S.RECEIVED: {A.START_HANDLING: S.HANDLING, A.EXTEND: S.RECEIVED},
    S.HANDLING: {A.REPLY: S.REPLIED, A.EXTEND: S.HANDLING},
    S.REPLIED: {
        A.RATE: ByRating(
            satisfied=S.CLOSED,
            basically_satisfied=S.CLOSED,
            unsatisfied_below_limit=S.REHANDLING,
            unsatisfied_at_limit=S.CLOSED,  # with the secretariat's note
        ),
        A.FEEDBACK_TIMEOUT: S.CLOSED,  # recorded as 基本满意, noted
    },
    S.REHANDLING: {A.REPLY: S.REPLIED},
    S.REJECTED: {},
    S.WITHDRAWN: {},
    S.CLOSED: {},
}

TERMINAL: frozenset[MotionState] = frozenset({S.REJECTED, S.WITHDRAWN, S.CLOSED})
REASON_REQUIRED: frozenset[MotionAction] = frozenset(
    {A.RETURN_FOR_REVISION, A.REJECT, A.UNIT_RETURN, A.EXTEND}
)
OVERDUE_STATES: frozenset[MotionState] = frozenset(
    {S.ASSIGNED, S.RECEIVED, S.HANDLING, S.REHANDLING}
)


def _blocked_by_facts(action: MotionAction, facts: MotionFacts) -> str | None:
    """The code of the fact that forbids the move now, if one does."""
    if action is A.UNIT_RETURN and not facts.within_return_window:
        return "return_window_passed"
    if action is A.EXTEND and not facts.within_extension_cap:
        return "extension_cap_passed"
    return None


def allowed_actions(
    state: MotionState, facts: MotionFacts = MotionFacts()
) -> tuple[MotionAction, ...]:
    """The actions the table allows from `state`, less those the facts rule out (window, cap)."""
    return tuple(
        action for action in TRANSITIONS[state] if _blocked_by_facts(action, facts) is None
    )


def next_state(
    state: MotionState, action: MotionAction, facts: MotionFacts = MotionFacts()
) -> MotionState:
    """The state after `action`, or a DomainError saying why the move is refused."""
    target = TRANSITIONS[state].get(action)
    if target is None:
        raise DomainError(
            "transition_not_allowed",
            state=STATE_NAMES[state],
            action=ACTION_NAMES[action],
            allowed="、".join(ACTION_NAMES[a] for a in TRANSITIONS[state]) or "无",
        )
    if action in REASON_REQUIRED and not (facts.reason and facts.reason.strip()):
        raise DomainError("reason_required", field="reason", action=ACTION_NAMES[action])
    if action is A.MERGE and not facts.has_lead:
        raise DomainError("lead_required", field="lead")
    blocked = _blocked_by_facts(action, facts)
    if blocked is not None:
        raise DomainError(blocked)
    if isinstance(target, ByRating):
        return target.target(facts)
    return target


def is_overdue(state: MotionState, deadline: date | None, today: date) -> bool:
    """Overdue: waiting on the unit (assigned, received, handling, rehandling) past its deadline."""
    return state in OVERDUE_STATES and deadline is not None and today > deadline


# 沟通 with the proposer belongs to handling: from 立案 (or 并案) until the proposer's rating closes
# the motion; before that nobody handles it, after 办结 a call changes nothing.
CONTACT_STATES = frozenset(
    {
        MotionState.ACCEPTED,
        MotionState.MERGED,
        MotionState.ASSIGNED,
        MotionState.UNIT_RETURNED,
        MotionState.RECEIVED,
        MotionState.HANDLING,
        MotionState.REPLIED,
        MotionState.REHANDLING,
    }
)


# The clerk may correct a motion's text while it is with the secretariat for review or back with
# the proposer for revision; after 立案 the text is what the unit answers.
EDITABLE_STATES = frozenset({MotionState.UNDER_REVIEW, MotionState.REVISING})
