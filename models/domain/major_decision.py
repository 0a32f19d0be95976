"""三重一大 decisions (DOMAIN §5): the state table and the gates a decision passes, as pure rules.

Every gate is a function of plain facts so that the service, the GUI's checklist and the tests
share one answer: which steps are missing, whether the quorum holds after recusal, who must
speak last, what the positions decide, whether a 复议 passes. Nothing here reads a clock or a
database.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from models.domain.decision_rules import (
    DECIDING_BODIES,
    DecisionCategory,
    DecisionRules,
    StepTiming,
)
from models.domain.errors import DomainError
from models.domain.quorum import QuorumRule, required_present
from models.domain.vocabulary import BodyKind


class DecisionState(StrEnum):
    DRAFT = "draft"
    READY = "ready"
    DECIDED = "decided"
    DEFERRED = "deferred"
    IMPLEMENTING = "implementing"
    DONE = "done"
    EMERGENCY = "emergency"
    REPORTED = "reported"


STATE_NAMES: dict[DecisionState, str] = {
    DecisionState.DRAFT: "准备中",
    DecisionState.READY: "待议",
    DecisionState.DECIDED: "已决定",
    DecisionState.DEFERRED: "暂缓表决",
    DecisionState.IMPLEMENTING: "执行中",
    DecisionState.DONE: "已完成",
    DecisionState.EMERGENCY: "紧急处置",
    DecisionState.REPORTED: "已报告",
}


class DecisionResult(StrEnum):
    PASSED = "通过"
    FAILED = "未通过"
    DEFERRED = "暂缓表决"


class Stance(StrEnum):
    AGREE = "同意"
    DISAGREE = "不同意"
    DEFER = "缓议"


class ItemPresence(StrEnum):
    """A member's presence for the one agenda item, which may differ from the meeting's."""

    PRESENT = "出席"
    ABSENT = "缺席"
    RECUSED = "回避"


class DecisionAction(StrEnum):
    PUT_ON_AGENDA = "put_on_agenda"
    DECIDE = "decide"  # the discussion's result: 通过 or 未通过
    DEFER = "defer"  # 暂缓表决, entered by the clerk
    REOPEN = "reopen"  # 复议 agreed: back to 待议 for a new discussion
    START_FOLLOW_UP = "start_follow_up"
    COMPLETE = "complete"
    REPORT = "report"  # an emergency decision reported to the next meeting


ACTION_NAMES: dict[DecisionAction, str] = {
    DecisionAction.PUT_ON_AGENDA: "列入议程",
    DecisionAction.DECIDE: "集体讨论决定",
    DecisionAction.DEFER: "暂缓表决",
    DecisionAction.REOPEN: "复议",
    DecisionAction.START_FOLLOW_UP: "开始执行",
    DecisionAction.COMPLETE: "执行完成",
    DecisionAction.REPORT: "报告紧急处置",
}

# The DOMAIN §5 state line as data. DECIDE lands in DECIDED whatever the result; only a 通过
# may go on to be carried out, which `next_state` checks from the facts.
TRANSITIONS: Mapping[DecisionState, Mapping[DecisionAction, DecisionState]] = {
    DecisionState.DRAFT: {DecisionAction.PUT_ON_AGENDA: DecisionState.READY},
    DecisionState.READY: {
        DecisionAction.DECIDE: DecisionState.DECIDED,
        DecisionAction.DEFER: DecisionState.DEFERRED,
    },
    DecisionState.DEFERRED: {DecisionAction.PUT_ON_AGENDA: DecisionState.READY},
    DecisionState.DECIDED: {
        DecisionAction.START_FOLLOW_UP: DecisionState.IMPLEMENTING,
        DecisionAction.REOPEN: DecisionState.READY,
    },
    DecisionState.IMPLEMENTING: {DecisionAction.COMPLETE: DecisionState.DONE},
    DecisionState.EMERGENCY: {DecisionAction.REPORT: DecisionState.REPORTED},
    DecisionState.DONE: {},
    DecisionState.REPORTED: {},
}


@dataclass(frozen=True, slots=True)
class DecisionFacts:
    result: DecisionResult | None = None  # of the latest discussion
    gates_missing: tuple[str, ...] = ()  # before-steps neither done nor not applicable
    after_missing: tuple[str, ...] = ()  # after-steps still open (任前公示)
    follow_ups_open: int = 0


def next_state(
    state: DecisionState, action: DecisionAction, facts: DecisionFacts = DecisionFacts()
) -> DecisionState:
    target = TRANSITIONS[state].get(action)
    if target is None:
        raise DomainError(
            "decision_action_not_allowed",
            action=ACTION_NAMES[action],
            state=STATE_NAMES[state],
        )
    if action is DecisionAction.PUT_ON_AGENDA and facts.gates_missing:
        raise DomainError("decision_steps_missing", steps="、".join(facts.gates_missing))
    if action is DecisionAction.START_FOLLOW_UP and facts.result is not DecisionResult.PASSED:
        raise DomainError("decision_not_passed")
    if action is DecisionAction.COMPLETE:
        if facts.after_missing:
            raise DomainError("decision_after_steps_missing", steps="、".join(facts.after_missing))
        if facts.follow_ups_open:
            raise DomainError("decision_follow_ups_open", count=facts.follow_ups_open)
    return target


def allowed_actions(state: DecisionState) -> tuple[DecisionAction, ...]:
    return tuple(TRANSITIONS[state])


def amount_words(yuan: int | None) -> str | None:
    """1860000 → 186万元; 123456 → 12.3456万元; under 1万 in 元."""
    if yuan is None:
        return None
    if yuan < 10_000:
        return f"{yuan}元"
    text = f"{Decimal(yuan) / Decimal(10_000):f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return f"{text}万元"


def check_deciding_body(category: DecisionCategory, body: BodyKind) -> None:
    """重要干部任免 only by the 党组; the other matters by the council or the 党组."""
    if body not in DECIDING_BODIES[category]:
        raise DomainError(
            "decision_body_not_allowed",
            category=category.value,
            bodies="、".join(_BODY_NAMES[b] for b in DECIDING_BODIES[category]),
        )


_BODY_NAMES = {BodyKind.EXECUTIVE_COUNCIL: "执行理事会", BodyKind.PARTY_GROUP: "党组"}


def deciding_body_name(body: BodyKind) -> str:
    return _BODY_NAMES.get(body, body.value)


# ---------------------------------------------------------------- steps


@dataclass(frozen=True, slots=True)
class StepGaps:
    gates: tuple[str, ...]  # before-steps that block the discussion
    recommended: tuple[str, ...]  # recommended before-steps missing: a warning
    after: tuple[str, ...]  # after-steps open (meaningful once passed)

    @property
    def missing(self) -> tuple[str, ...]:
        return self.gates + self.recommended + self.after


def step_gaps(
    rules: DecisionRules, category: DecisionCategory, settled: Collection[str]
) -> StepGaps:
    """`settled`: step kinds recorded as done or marked not applicable with a reason."""

    def open_steps(timing: StepTiming, required: bool) -> tuple[str, ...]:
        return tuple(
            s.kind
            for s in rules.steps_of(category)
            if s.timing is timing and s.required is required and s.kind not in settled
        )

    return StepGaps(
        gates=open_steps(StepTiming.BEFORE, True),
        recommended=open_steps(StepTiming.BEFORE, False),
        after=open_steps(StepTiming.AFTER, True),
    )


# ---------------------------------------------------------------- the discussion


@dataclass(frozen=True, slots=True)
class ItemCount:
    """应到 before and after recusal, 实到, and whether the quorum holds (DOMAIN §5)."""

    members: int  # 应到 before recusal
    recused: int
    present: int
    required: int  # the fewest present that meets the quorum
    is_met: bool

    @property
    def expected(self) -> int:  # 应到 after recusal: the base of quorum and pass threshold
        return self.members - self.recused

    @property
    def words(self) -> str:
        return attendance_words(self.members, self.recused, self.present)


def attendance_words(members: int, recused: int, present: int) -> str:
    """应到7人，回避1人，按6人计，实到5人 — the sentence the record prints."""
    if recused:
        return f"应到{members}人，回避{recused}人，按{members - recused}人计，实到{present}人"
    return f"应到{members}人，实到{present}人"


def item_count(members: int, recused: int, present: int, rule: QuorumRule) -> ItemCount:
    if not 0 <= recused <= members or not 0 <= present <= members - recused:
        raise ValueError(f"counts out of range: {members=} {recused=} {present=}")
    expected = members - recused
    required = required_present(expected, rule)
    return ItemCount(members, recused, present, required, expected > 0 and present >= required)


def expected_last_speaker(
    leader_id: int | None, presiding_id: int | None, present: Collection[int]
) -> int | None:
    """末位表态: the principal leader when present; else the presiding member (DOMAIN §5)."""
    if leader_id is not None and leader_id in present:
        return leader_id
    if presiding_id is not None and presiding_id in present:
        return presiding_id
    return None


@dataclass(frozen=True, slots=True)
class Tally:
    agree: int
    disagree: int
    defer: int
    required: int  # the fewest 同意 that pass: more than half of 应到 after recusal
    result: DecisionResult


def tally(stances: Sequence[Stance], expected: int, rule: QuorumRule) -> Tally:
    """通过 when 同意 reaches the pass rule over 应到 after recusal; 未通过 otherwise."""
    agree = sum(1 for s in stances if s is Stance.AGREE)
    disagree = sum(1 for s in stances if s is Stance.DISAGREE)
    defer = sum(1 for s in stances if s is Stance.DEFER)
    required = required_present(expected, rule)
    passed = expected > 0 and agree >= required
    result = DecisionResult.PASSED if passed else DecisionResult.FAILED
    return Tally(agree, disagree, defer, required, result)


@dataclass(frozen=True, slots=True)
class SpokenPosition:
    person_id: int
    name: str
    stance: Stance


def check_positions(
    positions: Sequence[SpokenPosition],
    *,
    present: Collection[int],
    last_speaker: int | None,
    last_speaker_name: str | None,
) -> None:
    """Every present member states one position, nobody else (no proxy votes), leader last."""
    seen: set[int] = set()
    for p in positions:
        if p.person_id not in present:
            raise DomainError("decision_position_not_present", name=p.name)
        if p.person_id in seen:
            raise DomainError("decision_position_twice", name=p.name)
        seen.add(p.person_id)
    missing = set(present) - seen
    if missing:
        raise DomainError("decision_positions_missing", count=len(missing))
    if last_speaker is not None and positions and positions[-1].person_id != last_speaker:
        raise DomainError("decision_leader_not_last", name=last_speaker_name or "")


def reopen_passes(agree: int, members: int, rule: QuorumRule) -> bool:
    """复议 needs more than half of the members (not of those present) to agree."""
    if not 0 <= agree <= members:
        raise ValueError(f"agree {agree} outside 0..{members}")
    return members > 0 and agree >= required_present(members, rule)
