"""Who may take part in a matter's discussion: the body's members on the meeting date."""

from __future__ import annotations

from sqlalchemy.orm import Session

from models.domain.major_decision import ItemPresence
from models.domain.meeting_vocabulary import AttendanceStatus
from models.domain.vocabulary import Position
from models.entities import Meeting
from models.services.decisions.contracts import DiscussionRoster, RosterLine
from models.services.meetings.content import members_on

LEADER_POSTS = (Position.PARTY_SECRETARY, Position.COUNCIL_CHAIR)


def roster_of(session: Session, meeting: Meeting) -> DiscussionRoster:
    """Presence proposed from the meeting's attendance; the principal leader and host named."""
    marked = {
        a.person_id: a.status
        for a in meeting.attendance
        if a.person_id is not None and a.status is not AttendanceStatus.ATTENDING
    }
    members = members_on(session, meeting)
    lines = tuple(
        RosterLine(
            person.id,
            person.name,
            post.value,
            ItemPresence.PRESENT
            if marked.get(person.id, AttendanceStatus.PRESENT) is AttendanceStatus.PRESENT
            else ItemPresence.ABSENT,
        )
        for person, post in members
    )
    leader = next((p.id for p, post in members if post in LEADER_POSTS), None)
    return DiscussionRoster(meeting.id, meeting.meeting_date, lines, leader, meeting.host_person_id)
