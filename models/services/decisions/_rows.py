"""Reading a decision's entities into its contracts: the register line and the whole record."""

from __future__ import annotations

from models.domain.decision_rules import TIMING_NAMES, DecisionCategory, DecisionRules, StepTiming
from models.domain.major_decision import (
    ACTION_NAMES,
    STATE_NAMES,
    DecisionAction,
    DecisionResult,
    DecisionState,
    StepGaps,
    allowed_actions,
    attendance_words,
    deciding_body_name,
    step_gaps,
)
from models.entities import DecisionDiscussion, DecisionStep, MajorDecision
from models.services.decisions.contracts import (
    AttachmentRow,
    DecisionDetail,
    DecisionRow,
    DiscussionRow,
    FollowUpRow,
    HistoryRow,
    ParticipantRow,
    PositionRow,
    ReopeningRow,
    StepRow,
)
from models.services.meetings.content import title_of

EMERGENCY_STATES = (DecisionState.EMERGENCY, DecisionState.REPORTED)
# Moves outside the state table that still belong in the history.
OTHER_ACTIONS = {"create": "登记事项", "emergency": "紧急处置", "link_agenda": "列入议程"}


def settled_kinds(decision: MajorDecision) -> set[str]:
    return {s.kind for s in decision.steps if s.done_on is not None or s.not_applicable}


def gaps_of(decision: MajorDecision, rules: DecisionRules) -> StepGaps:
    return step_gaps(rules, DecisionCategory(decision.category), settled_kinds(decision))


def state_words(state: DecisionState, result: DecisionResult | None) -> str:
    """已决定 reads as its result: 通过 / 未通过."""
    if state is DecisionState.DECIDED and result is not None:
        return result.value
    return STATE_NAMES[state]


def action_name(action: str) -> str:
    try:
        return ACTION_NAMES[DecisionAction(action)]
    except ValueError:
        return OTHER_ACTIONS.get(action, action)


def decision_row(decision: MajorDecision, rules: DecisionRules) -> DecisionRow:
    gaps = gaps_of(decision, rules)
    result = DecisionResult(decision.result) if decision.result else None
    latest = decision.discussions[-1] if decision.discussions else None
    meeting = (
        decision.agenda_item.meeting
        if decision.agenda_item is not None
        else latest.meeting
        if latest is not None
        else decision.reported_meeting
    )
    state = DecisionState(decision.state)
    missing = gaps.gates + (gaps.after if result is DecisionResult.PASSED else ())
    if state in EMERGENCY_STATES:  # decided by one person: no procedure was due before it
        missing, gaps = (), StepGaps((), (), ())
    return DecisionRow(
        id=decision.id,
        version=decision.version,
        year=decision.year,
        title=decision.title,
        category=DecisionCategory(decision.category),
        amount_yuan=decision.amount_yuan,
        body=decision.body.kind,
        body_name=deciding_body_name(decision.body.kind),
        state=state,
        state_name=state_words(state, result),
        result=result,
        missing_steps=missing,
        warnings=gaps.recommended,
        meeting=title_of(meeting) if meeting is not None else None,
        meeting_date=meeting.meeting_date if meeting is not None else None,
        attendance=attendance_words(latest.members, latest.recused, latest.present)
        if latest is not None
        else None,
    )


def discussion_row(d: DecisionDiscussion) -> DiscussionRow:
    return DiscussionRow(
        round=d.round,
        meeting_id=d.meeting_id,
        meeting=title_of(d.meeting),
        meeting_date=d.meeting.meeting_date,
        agenda_item=d.agenda_item.title,
        presiding=d.presiding.name if d.presiding else None,
        leader=d.leader.name if d.leader else None,
        members=d.members,
        recused=d.recused,
        present=d.present,
        attendance=attendance_words(d.members, d.recused, d.present),
        agree=d.agree,
        disagree=d.disagree,
        defer=d.defer,
        result=DecisionResult(d.result),
        note=d.note,
        participants=tuple(
            ParticipantRow(p.person_id, p.person.name, p.presence, p.recusal_reason)
            for p in d.participants
        ),
        positions=tuple(
            PositionRow(
                p.speaking_order,
                p.person_id,
                p.person.name,
                p.stance,
                p.remarks,
                p.reserved_opinion,
            )
            for p in d.positions
        ),
    )


def _step_row(kind: str, timing: StepTiming, required: bool, step: DecisionStep | None) -> StepRow:
    return StepRow(
        kind=kind,
        timing=timing,
        timing_name=TIMING_NAMES[timing],
        required=required,
        recorded=step is not None,
        done_on=step.done_on if step else None,
        participants=step.participants if step else None,
        summary=step.summary if step else None,
        not_applicable=step.not_applicable if step else False,
        na_reason=step.na_reason if step else None,
        na_accepted_by=step.na_accepted_by if step else None,
        attachments=tuple(
            AttachmentRow(a.id, a.filename, a.sha256, a.size, a.added_at, a.added_by)
            for a in (step.attachments if step else ())
        ),
    )


def detail_of(decision: MajorDecision, rules: DecisionRules) -> DecisionDetail:
    recorded = {s.kind: s for s in decision.steps}
    specs = rules.steps_of(DecisionCategory(decision.category))
    return DecisionDetail(
        row=decision_row(decision, rules),
        background=decision.background,
        steps=tuple(_step_row(s.kind, s.timing, s.required, recorded.get(s.kind)) for s in specs),
        discussions=tuple(discussion_row(d) for d in decision.discussions),
        reopenings=tuple(
            ReopeningRow(r.requested_by, r.requested_on, r.agree, r.members, r.passed, r.reason)
            for r in decision.reopenings
        ),
        follow_ups=tuple(
            FollowUpRow(f.id, f.task, f.owner, f.due_on, f.progress, f.done_on)
            for f in decision.follow_ups
        ),
        history=tuple(
            HistoryRow(
                c.at,
                c.by,
                action_name(c.action),
                STATE_NAMES[DecisionState(c.from_state)] if c.from_state else None,
                STATE_NAMES[DecisionState(c.to_state)],
                c.reason,
            )
            for c in decision.changes
        ),
        agenda_meeting_id=decision.agenda_item.meeting_id if decision.agenda_item else None,
        placed_on_agenda_on=decision.placed_on_agenda_on,
        emergency_by=decision.emergency_by,
        emergency_on=decision.emergency_on,
        emergency_reason=decision.emergency_reason,
        completed_on=decision.completed_on,
        allowed=allowed_actions(DecisionState(decision.state)),
    )
