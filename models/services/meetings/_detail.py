"""One meeting read whole (header, agenda, attendance, minutes, quorum), and the rules it is read by."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.domain.errors import DomainError
from models.domain.quorum import MeetingRules, load_quorum_rules
from models.domain.vocabulary import Position
from models.entities import Meeting, Membership
from models.services.common.command import editing
from models.services.common.settings import rules_copy
from models.services.meetings._rows import (
    agenda_item_row,
    attendance_row,
    meeting_row,
    minutes_row,
)
from models.services.meetings.content import load_meeting, roster_term
from models.services.meetings.contracts import MeetingDetail, quorum_of
from models.store.unit_of_work import Database


def meeting_rules_in_force(db: Database) -> MeetingRules:
    """The [meetings] section of the rules recorded in the database; none recorded: the default."""
    copy = rules_copy(db)
    if copy is None:
        return MeetingRules()
    content, rules_id = copy
    return load_quorum_rules(content, rules_id=rules_id)


def detail_of(session: Session, meeting: Meeting, rules: MeetingRules) -> MeetingDetail:
    posts: dict[int, Position] = {}
    term = roster_term(session, meeting)
    if term is not None:
        posts = dict(
            session.execute(
                select(Membership.person_id, Membership.position)
                .where(Membership.term_id == term.id)
                .order_by(Membership.id)
            ).all()
        )
    lines = sorted(meeting.attendance, key=lambda a: a.position)
    attendance = tuple(attendance_row(a, posts) for a in lines)
    return MeetingDetail(
        meeting=meeting_row(meeting),
        agenda=tuple(agenda_item_row(i) for i in sorted(meeting.agenda, key=lambda i: i.position)),
        attendance=attendance,
        minutes=minutes_row(meeting.minutes) if meeting.minutes is not None else None,
        quorum=quorum_of(attendance, rules.quorum_rule(meeting.body.kind)) if attendance else None,
    )


def _missing(meeting_id: int) -> DomainError:
    return DomainError("meeting_not_found", meeting_id=meeting_id)


@contextmanager
def editing_meeting(
    db: Database, user: str, meeting_id: int, expected_version: int | None
) -> Iterator[tuple[Session, Meeting]]:
    """The shared edit preamble, with the meeting loaded whole (agenda, attendance, minutes)."""
    with editing(db, user, Meeting, meeting_id, expected_version, missing=_missing) as (uow, _):
        yield uow.session, load_meeting(uow.session, meeting_id)
