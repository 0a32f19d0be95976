"""The demo's meetings: each body's, with agenda, attendance on the roster of the day, final minutes
(one amended) and the association heads' varied attendance; the same on every build."""

from __future__ import annotations

from collections import Counter

import pytest

from models.demo.builder import build_demo
from models.domain.meeting_vocabulary import (
    AgendaKind,
    AttendanceRole,
    AttendanceStatus,
    MeetingStatus,
    MinutesStatus,
)
from models.domain.vocabulary import Association, BodyKind
from models.services.meetings.queries import (
    association_attendance_report,
    get_meeting,
    list_meetings,
    prefill_attendance,
)


@pytest.fixture
def demo(demo_db):
    """The session's demo (tests/conftest.py), every change rolled back after the test."""
    return demo_db


def _details(db):
    return [get_meeting(db, meeting_id=m.id) for m in list_meetings(db)]


def test_each_body_has_its_meetings(demo):
    meetings = list_meetings(demo)
    by_body = Counter((m.body, m.term, m.year if m.term is None else None) for m in meetings)
    assert by_body == {
        (BodyKind.CONGRESS, 7, None): 1,
        (BodyKind.PRESIDIUM, 7, None): 3,
        (BodyKind.EXECUTIVE_COUNCIL, 7, None): 6,  # two for the 三重一大 matters
        (BodyKind.PARTY_GROUP, None, 2026): 4,
    }
    council = [m for m in meetings if m.body is BodyKind.EXECUTIVE_COUNCIL]
    assert {m.year for m in council} == {2025, 2026}
    assert [m.title for m in meetings if m.body is BodyKind.PARTY_GROUP] == [
        "2026年第1次党组会议",
        "2026年第2次党组会议",
        "2026年第3次党组会议",
        "2026年第4次党组会议",
    ]
    assert any(m.status is MeetingStatus.PLANNED for m in meetings)
    assert all(m.host_name and m.recorder_name and m.start_time for m in meetings)


def test_held_meetings_have_final_minutes_one_of_them_amended(demo):
    details = _details(demo)
    for d in details:
        if d.meeting.status is MeetingStatus.HELD:
            assert d.minutes is not None and d.minutes.status is MinutesStatus.FINAL, (
                d.meeting.title
            )
            assert d.minutes.finalised_by == "demo-clerk"
            assert all(i.summary and i.decision for i in d.agenda)
            assert d.quorum is not None and d.quorum.is_met
        else:
            assert d.minutes is None and d.attendance == ()
    amended = [d for d in details if d.minutes and d.minutes.amendments]
    assert len(amended) == 1
    (amendment,) = amended[0].minutes.amendments
    assert amendment.reason and amendment.before != amendment.after
    assert amendment.after in {i.decision for i in amended[0].agenda}
    kinds = {i.kind for d in details for i in d.agenda}
    assert {AgendaKind.MAJOR_MATTER, AgendaKind.WORK_REPORT, AgendaKind.BUDGET} <= kinds


def test_attendance_is_the_roster_of_the_day_with_leave_reasons_and_one_absence(demo):
    details = [d for d in _details(demo) if d.meeting.status is MeetingStatus.HELD]
    member_lines = [a for d in details for a in d.attendance if a.role is AttendanceRole.MEMBER]
    statuses = Counter(a.status for a in member_lines)
    assert statuses[AttendanceStatus.LEAVE] >= 3
    assert statuses[AttendanceStatus.ABSENT] == 1
    assert all(a.leave_reason for a in member_lines if a.status is AttendanceStatus.LEAVE)
    for d in details:
        proposed = prefill_attendance(demo, meeting_id=d.meeting.id)
        members = [a.person_id for a in d.attendance if a.role is AttendanceRole.MEMBER]
        assert members == [a.person_id for a in proposed if a.role is AttendanceRole.MEMBER]
    guests = [a for d in details for a in d.attendance if a.is_guest]
    assert guests and all(
        g.role is AttendanceRole.ATTENDEE and g.guest_organisation for g in guests
    )


def test_association_heads_attendance_varies(demo):
    figures = {
        year: {
            r.association: (
                r.meetings_held,
                r.as_attendee,
                r.as_member,
                r.by_substitute,
                r.not_attended,
            )
            for r in association_attendance_report(demo, year=year).rows
        }
        for year in (2025, 2026)
    }
    assert figures[2025][Association.INTELLECTUAL] == (2, 1, 0, 1, 0)
    assert figures[2025][Association.BLIND] == (2, 2, 0, 0, 0)
    assert figures[2026][Association.PSYCHOSOCIAL] == (3, 2, 0, 0, 1)
    assert figures[2026][Association.DEAF] == (3, 3, 0, 0, 0)


def test_the_demo_meetings_are_the_same_on_every_build(demo, fresh, backend):
    if backend != "sqlite":
        pytest.skip("one comparison is enough")
    again = fresh.database("sqlite")
    build_demo(again, user="demo-clerk")

    def signature(db):
        return [
            (
                d.meeting.title,
                d.meeting.meeting_date,
                tuple((a.name, a.status, a.leave_reason, a.substitute_name) for a in d.attendance),
                tuple((i.title, i.decision) for i in d.agenda),
            )
            for d in _details(db)
        ]

    assert signature(again) == signature(demo)
