"""Reads of 三重一大 matters: the register, one record, and what each form starts from."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from models.domain.deadlines import is_due_soon
from models.domain.decision_rules import DecisionRules
from models.domain.errors import DomainError
from models.domain.major_decision import DecisionState
from models.domain.meeting_vocabulary import MeetingStatus
from models.domain.vocabulary import BodyKind
from models.entities import (
    AgendaItem,
    DecisionAttachment,
    DecisionDiscussion,
    DecisionFollowUp,
    MajorDecision,
)
from models.services.common.clock import today_local
from models.services.decisions._core import (
    agenda_meeting,
    decision_rules_in_force,
    load_decision,
    whole_decision,
)
from models.services.decisions._roster import roster_of
from models.services.decisions._rows import decision_row, detail_of
from models.services.decisions.contracts import (
    AttachmentFile,
    DecisionDetail,
    DecisionRow,
    DiscussionRoster,
    DiscussionWorkbench,
    MeetingChoice,
)
from models.services.meetings.queries import list_meetings
from models.services.motions._rules import rules_and_calendar as motion_rules_and_calendar
from models.store.unit_of_work import Database


def decision_rules(db: Database) -> DecisionRules:
    """The [decisions] rules this database records (defaults when none)."""
    return decision_rules_in_force(db)


def _listed() -> tuple[Any, ...]:
    return (
        selectinload(MajorDecision.body),
        selectinload(MajorDecision.steps),
        selectinload(MajorDecision.agenda_item).selectinload(AgendaItem.meeting),
        selectinload(MajorDecision.discussions).selectinload(DecisionDiscussion.meeting),
        selectinload(MajorDecision.reported_meeting),
    )


def list_decisions(db: Database, *, year: int | None = None) -> list[DecisionRow]:
    """The register: newest year first, then in the order they were registered."""
    rules = decision_rules_in_force(db)
    with db.session_factory() as session:
        query = select(MajorDecision).options(*_listed())
        if year is not None:
            query = query.where(MajorDecision.year == year)
        decisions = session.scalars(
            query.order_by(MajorDecision.year.desc(), MajorDecision.id)
        ).all()
        return [decision_row(d, rules) for d in decisions]


def get_decision(db: Database, *, decision_id: int) -> DecisionDetail:
    rules = decision_rules_in_force(db)
    with db.session_factory() as session:
        return detail_of(whole_decision(session, decision_id), rules)


def discussion_roster(db: Database, *, decision_id: int) -> DiscussionRoster:
    """The members of the deciding body on the date of the meeting the matter is on."""
    with db.session_factory() as session:
        decision = load_decision(session, decision_id)
        return roster_of(session, agenda_meeting(decision))


def discussion_workbench(db: Database, *, decision_id: int) -> DiscussionWorkbench:
    """What the discussion form starts from: the roster and the rules it checks by."""
    return DiscussionWorkbench(
        roster=discussion_roster(db, decision_id=decision_id), rules=decision_rules_in_force(db)
    )


def agenda_meetings(db: Database, *, body: BodyKind, after: date) -> list[MeetingChoice]:
    """The body's planned meetings later than `after`: where a matter may be put in advance."""
    return [
        MeetingChoice(m.id, m.meeting_date, m.title)
        for m in list_meetings(db, body=body)
        if m.status is MeetingStatus.PLANNED and m.meeting_date > after
    ]


def report_meetings(db: Database, *, body: BodyKind, since: date | None) -> list[MeetingChoice]:
    """The body's meetings on or after the emergency decision, held or planned."""
    return [
        MeetingChoice(m.id, m.meeting_date, m.title)
        for m in list_meetings(db, body=body)
        if m.status is not MeetingStatus.CANCELLED and (since is None or m.meeting_date >= since)
    ]


def attachment_content(db: Database, *, attachment_id: int) -> AttachmentFile:
    """The original name and the bytes, checked against the stored SHA-256."""
    with db.session_factory() as session:
        row = session.execute(
            select(
                DecisionAttachment.filename, DecisionAttachment.sha256, DecisionAttachment.content
            ).where(DecisionAttachment.id == attachment_id)
        ).first()
        if row is None:
            raise DomainError("decision_attachment_not_found", attachment_id=attachment_id)
        filename, sha256, content = row
    if hashlib.sha256(content).hexdigest() != sha256:
        raise DomainError("decision_attachment_damaged", filename=filename)
    return AttachmentFile(filename, content)


# ---------------------------------------------------------------- follow-ups past their due date


@dataclass(frozen=True)
class FollowUpDue:
    """Open follow-ups (逾期跟进) of decisions not yet 已完成: past their due date, and due soon
    (the motions' figure: within the rules' working days on the database's calendar)."""

    overdue: int
    due_soon: int
    overdue_decisions: frozenset[int] = frozenset()
    due_soon_decisions: frozenset[int] = frozenset()


def follow_up_due(db: Database, *, today: date | None = None) -> FollowUpDue:
    """Count the open follow-ups with a due date that is past or near, and name their decisions."""
    rules, calendar = motion_rules_and_calendar(db)
    day = today or today_local()
    with db.session_factory() as session:
        rows = session.execute(
            select(DecisionFollowUp.decision_id, DecisionFollowUp.due_on)
            .join(MajorDecision, MajorDecision.id == DecisionFollowUp.decision_id)
            .where(
                DecisionFollowUp.done_on.is_(None),
                DecisionFollowUp.due_on.is_not(None),
                MajorDecision.state != DecisionState.DONE,
            )
        ).all()
    dated = [(d, due) for d, due in rows if due is not None]
    overdue = [d for d, due in dated if due < day]
    soon = [d for d, due in dated if is_due_soon(due, day, rules, calendar)]
    return FollowUpDue(len(overdue), len(soon), frozenset(overdue), frozenset(soon))
