"""The collective discussion of a 三重一大 matter: on a meeting's agenda in advance, the item's own
attendance with recusals, each member's position in speaking order, the result, and 复议."""

from __future__ import annotations

from datetime import date

from models.domain.errors import DomainError
from models.domain.major_decision import (
    DecisionAction,
    DecisionResult,
    DecisionState,
    ItemPresence,
    SpokenPosition,
    Stance,
    check_positions,
    expected_last_speaker,
    item_count,
    reopen_passes,
    tally,
)
from models.domain.meeting_vocabulary import AgendaKind, MeetingStatus
from models.domain.quorum import fraction_words
from models.entities import (
    AgendaItem,
    DecisionDiscussion,
    DecisionParticipant,
    DecisionPosition,
    DecisionReopening,
)
from models.entities.base import utcnow
from models.services.common.access import guarded
from models.services.common.choices import choice
from models.services.decisions._core import (
    agenda_meeting,
    check_meeting_of_body,
    decision_rules_in_force,
    detail,
    editing_decision,
    log_change,
    move_decision,
)
from models.services.decisions._roster import roster_of
from models.services.decisions.contracts import DecisionDetail, DiscussionDraft, RosterLine
from models.services.meetings.content import changing_content, load_meeting
from models.store.unit_of_work import Database

_LABELS = {"presence": "出席情况", "stance": "表态"}


@guarded("decisions.edit")
def put_on_agenda(
    db: Database,
    *,
    user: str,
    decision_id: int,
    expected_version: int | None,
    meeting_id: int,
    placed_on: date,
) -> DecisionDetail:
    """列入议程: a planned meeting of the deciding body, later than today (no 临时动议); every
    before-step done or not applicable. Adds the item to the meeting's agenda."""
    rules = decision_rules_in_force(db)
    with editing_decision(db, user, decision_id, expected_version) as (uow, decision):
        session = uow.session
        meeting = load_meeting(session, meeting_id)
        check_meeting_of_body(decision, meeting)
        if meeting.status is not MeetingStatus.PLANNED:
            raise DomainError("decision_meeting_done", field="meeting")
        if meeting.meeting_date <= placed_on:
            raise DomainError(
                "decision_not_in_advance",
                field="meeting",
                meeting_date=meeting.meeting_date.isoformat(),
            )
        state = DecisionState(decision.state)
        if state is DecisionState.READY and decision.agenda_item is None:
            # Back to 待议 after 复议: only the new agenda place is missing.
            log_change(session, decision, "link_agenda", state, state)
        else:
            move_decision(session, decision, DecisionAction.PUT_ON_AGENDA, rules)
        item = AgendaItem(
            kind=AgendaKind.MAJOR_MATTER, title=decision.title, position=len(meeting.agenda) + 1
        )
        changing_content(session, meeting, reason=None, apply=lambda: meeting.agenda.append(item))
        decision.agenda_item = item
        decision.placed_on_agenda_on = placed_on
        result = detail(session, decision, rules)
    return result


@guarded("decisions.edit")
def record_discussion(
    db: Database,
    *,
    user: str,
    decision_id: int,
    expected_version: int | None,
    draft: DiscussionDraft,
) -> DecisionDetail:
    """集体讨论决定 at the agenda's meeting: quorum after recusal, every present member's position,
    the principal leader last, 通过 on more than half of 应到 — or 暂缓表决 when the meeting defers."""
    rules = decision_rules_in_force(db)
    with editing_decision(db, user, decision_id, expected_version) as (uow, decision):
        session = uow.session
        if DecisionState(decision.state) is not DecisionState.READY:
            move_decision(session, decision, DecisionAction.DECIDE, rules)  # raises the refusal
        meeting = agenda_meeting(decision)
        roster = {line.person_id: line for line in roster_of(session, meeting).lines}
        presence = _presences(draft, roster)
        recused = [p for p, (state, _) in presence.items() if state is ItemPresence.RECUSED]
        present = {p for p, (state, _) in presence.items() if state is ItemPresence.PRESENT}
        count = item_count(len(roster), len(recused), len(present), rules.quorum)
        spoken = [
            SpokenPosition(
                p.person_id,
                roster[p.person_id].name if p.person_id in roster else str(p.person_id),
                _stance(p.stance),
            )
            for p in draft.positions
        ]
        if draft.deferred:
            for p in spoken:  # even a deferral takes positions only from those present
                if p.person_id not in present:
                    raise DomainError("decision_position_not_present", name=p.name)
            outcome = tally([p.stance for p in spoken], count.expected, rules.pass_rule)
            result = DecisionResult.DEFERRED
        else:
            if not count.is_met:
                raise DomainError(
                    "decision_quorum_not_met",
                    field="participants",
                    words=count.words,
                    share=("达到" if rules.quorum.op == ">=" else "超过")
                    + fraction_words(rules.quorum.fraction),
                    required=count.required,
                )
            last = expected_last_speaker(draft.leader_id, draft.presiding_id, present)
            check_positions(
                spoken,
                present=present,
                last_speaker=last,
                last_speaker_name=roster[last].name if last in roster else None,
            )
            outcome = tally([p.stance for p in spoken], count.expected, rules.pass_rule)
            result = outcome.result
        discussion = DecisionDiscussion(
            decision=decision,
            round=len(decision.discussions) + 1,
            meeting=meeting,
            agenda_item=decision.agenda_item,
            presiding_person_id=draft.presiding_id,
            leader_person_id=draft.leader_id,
            members=count.members,
            recused=count.recused,
            present=count.present,
            agree=outcome.agree,
            disagree=outcome.disagree,
            defer=outcome.defer,
            result=result.value,
            note=(draft.note or "").strip() or None,
            recorded_at=session.info.get("now", utcnow)(),
            recorded_by=user,
        )
        discussion.participants = [
            DecisionParticipant(person_id=pid, presence=state.value, recusal_reason=reason)
            for pid, (state, reason) in presence.items()
        ]
        discussion.positions = [
            DecisionPosition(
                person_id=p.person_id,
                speaking_order=order,
                stance=_stance(p.stance).value,
                remarks=(p.remarks or "").strip() or None,
                reserved_opinion=p.reserved_opinion,
            )
            for order, p in enumerate(draft.positions, start=1)
        ]
        session.add(discussion)
        action = DecisionAction.DEFER if draft.deferred else DecisionAction.DECIDE
        decision.result = None if draft.deferred else result.value
        move_decision(session, decision, action, rules, reason=result.value)
        # The item is spent: a deferred or reopened matter goes on a later agenda.
        decision.agenda_item = None
        result_detail = detail(session, decision, rules)
    return result_detail


def _stance(value: str) -> Stance:
    stance = choice(Stance, value, "stance", _LABELS)
    if stance is None:
        raise DomainError("motion_field_required", field="positions", label="表态")
    return stance


def _presences(
    draft: DiscussionDraft, roster: dict[int, RosterLine]
) -> dict[int, tuple[ItemPresence, str | None]]:
    """Every member of the body on the meeting date, 缺席 unless the draft says otherwise."""
    given: dict[int, tuple[ItemPresence, str | None]] = {}
    for line in draft.participants:
        if line.person_id not in roster:
            raise DomainError(
                "decision_participant_unknown", field="participants", name=str(line.person_id)
            )
        presence = choice(ItemPresence, line.presence, "presence", _LABELS) or ItemPresence.ABSENT
        reason = (line.recusal_reason or "").strip() or None
        if presence is ItemPresence.RECUSED and reason is None:
            raise DomainError(
                "decision_recusal_reason", field="participants", name=roster[line.person_id].name
            )
        given[line.person_id] = (presence, reason if presence is ItemPresence.RECUSED else None)
    return {pid: given.get(pid, (ItemPresence.ABSENT, None)) for pid in roster}


@guarded("decisions.edit")
def reopen_decision(
    db: Database,
    *,
    user: str,
    decision_id: int,
    expected_version: int | None,
    requested_by: str,
    requested_on: date,
    agree: int,
    reason: str | None = None,
) -> DecisionDetail:
    """复议: recorded either way; agreed by more than half of the members, the matter is 待议 again
    and goes on a later agenda for a new discussion."""
    rules = decision_rules_in_force(db)
    with editing_decision(db, user, decision_id, expected_version) as (uow, decision):
        session = uow.session
        if DecisionState(decision.state) is not DecisionState.DECIDED:
            move_decision(session, decision, DecisionAction.REOPEN, rules)  # raises the refusal
        who = (requested_by or "").strip()
        if not who:
            raise DomainError("motion_field_required", field="requested_by", label="复议提议人")
        members = decision.discussions[-1].members
        if not 0 <= agree <= members:
            raise DomainError("decision_reopen_counts", field="agree", agree=agree, members=members)
        passed = reopen_passes(agree, members, rules.reopen_rule)
        session.add(
            DecisionReopening(
                decision_id=decision.id,
                requested_by=who[:64],
                requested_on=requested_on,
                agree=agree,
                members=members,
                passed=passed,
                reason=(reason or "").strip() or None,
                recorded_by=user,
            )
        )
        if passed:
            move_decision(session, decision, DecisionAction.REOPEN, rules, reason=reason)
            decision.result = None
        result = detail(session, decision, rules)
    return result
