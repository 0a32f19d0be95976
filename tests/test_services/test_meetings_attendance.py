"""Attendance: the grid proposed from the roster on the meeting date, recorded in one go, the quorum,
and the specialized associations' yearly report."""

from __future__ import annotations

from datetime import date

import pytest

from models.domain.errors import DomainError
from models.domain.meeting_vocabulary import AttendanceRole, AttendanceStatus, HeadPresence
from models.domain.messages import message
from models.domain.vocabulary import Association, BodyKind
from models.entities import Attendance, ChangeLog
from models.services.common.settings import record_rules
from models.services.meetings.commands.attendance import record_attendance
from models.services.meetings.commands.planning import plan_meeting, set_meeting_status
from models.services.meetings.contracts import AttendanceDraft, MeetingDraft
from models.services.meetings.queries import (
    association_attendance_report,
    get_meeting,
    meeting_quorum,
    prefill_attendance,
)

from ._support import count, last_log_id, log_since
from .test_meetings_setup import Federation, build_federation, marked


@pytest.fixture
def fed(db) -> Federation:
    return build_federation(db)


def _meeting(db, body: BodyKind, day: date, *, held: bool = True) -> int:
    row = plan_meeting(db, user="clerk", body=body, draft=MeetingDraft(day))
    if held:
        row = set_meeting_status(
            db, user="clerk", meeting_id=row.id, expected_version=row.version, status="held"
        )
    return row.id


def _version(db, meeting_id: int) -> int:
    return get_meeting(db, meeting_id=meeting_id).meeting.version


def _record(db, meeting_id: int, lines, **extra):
    return record_attendance(
        db,
        user="clerk",
        meeting_id=meeting_id,
        expected_version=_version(db, meeting_id),
        lines=lines,
        **extra,
    )


def _refused(db, meeting_id: int, lines) -> DomainError:
    before = (count(db, Attendance), count(db, ChangeLog))
    with pytest.raises(DomainError) as caught:
        _record(db, meeting_id, lines)
    assert (count(db, Attendance), count(db, ChangeLog)) == before
    return caught.value


# --- the proposed grid --------------------------------------------------------------------------


def test_prefill_takes_the_roster_on_the_meeting_date(db, fed):
    spring = _meeting(db, BodyKind.EXECUTIVE_COUNCIL, date(2025, 3, 6))
    autumn = _meeting(db, BodyKind.EXECUTIVE_COUNCIL, date(2025, 9, 11))
    members = {
        meeting: [
            r.name for r in prefill_attendance(db, meeting_id=meeting) if r.role.value == "member"
        ]
        for meeting in (spring, autumn)
    }
    # Leaders first, then by pinyin (丁 ding, 庚 geng, 戊 wu).
    assert members[spring] == ["甲理事长", "乙副理事长", "丙理事", "丁理事", "庚理事", "戊理事"]
    assert "辛理事" not in members[spring], "not yet a member"
    assert "庚理事" not in members[autumn], "left on 2025-06-30"
    assert "辛理事" in members[autumn]
    # The last day counts as out: a member whose end date is the meeting date is not expected.
    on_the_day = _meeting(db, BodyKind.EXECUTIVE_COUNCIL, date(2025, 6, 30))
    assert "庚理事" not in [r.name for r in prefill_attendance(db, meeting_id=on_the_day)]


def test_prefill_proposes_association_heads_at_council_meetings(db, fed):
    meeting = _meeting(db, BodyKind.EXECUTIVE_COUNCIL, date(2025, 3, 6))
    rows = prefill_attendance(db, meeting_id=meeting)
    assert all(r.id is None for r in rows)
    by_seat = {r.association: r for r in rows if r.association is not None}
    assert set(by_seat) == set(Association)
    blind = by_seat[Association.BLIND]
    # The blind association's head sits on the council: counted as a member, noting which.
    assert (blind.name, blind.role, blind.status) == (
        "丙理事",
        AttendanceRole.MEMBER,
        AttendanceStatus.PRESENT,
    )
    assert blind.post == "理事（盲人协会主席）"
    others = [by_seat[a] for a in Association if a is not Association.BLIND]
    assert {(r.role, r.status) for r in others} == {
        (AttendanceRole.ATTENDEE, AttendanceStatus.ATTENDING)
    }
    assert by_seat[Association.DEAF].name == "聋协老主席"
    assert by_seat[Association.DEAF].post == "聋人协会主席"
    # Members first, attendees after them.
    roles = [r.role for r in rows]
    assert roles == sorted(roles, key=lambda role: role is AttendanceRole.ATTENDEE)

    later = _meeting(db, BodyKind.EXECUTIVE_COUNCIL, date(2026, 3, 5))
    heads = {
        r.association: r.name for r in prefill_attendance(db, meeting_id=later) if r.association
    }
    assert heads[Association.DEAF] == "聋协新主席"


def test_prefill_elsewhere_has_no_association_heads_and_writes_nothing(db, fed):
    party = _meeting(db, BodyKind.PARTY_GROUP, date(2026, 1, 15))
    logged = count(db, ChangeLog)
    rows = prefill_attendance(db, meeting_id=party)
    assert [(r.name, r.post) for r in rows] == [
        ("甲理事长", "党组书记"),
        ("党组成员丑", "党组成员"),  # dang before yi
        ("乙副理事长", "党组成员"),
    ]
    assert count(db, ChangeLog) == logged
    assert get_meeting(db, meeting_id=party).attendance == ()


# --- recording ----------------------------------------------------------------------------------


def test_record_all_present_then_a_few_changes_in_one_transaction(db, fed):
    meeting = _meeting(db, BodyKind.EXECUTIVE_COUNCIL, date(2025, 3, 6))
    rows = prefill_attendance(db, meeting_id=meeting)
    since = last_log_id(db)
    detail = _record(
        db,
        meeting,
        [
            *marked(
                rows,
                丁理事={"status": "请假", "leave_reason": "出差"},
                戊理事={"status": "缺席"},
                智协主席={
                    "status": "请假",
                    "leave_reason": "外出培训",
                    "substitute_name": "智协副主席",
                },
            ),
            AttendanceDraft(
                role="attendee",
                status="列席",
                guest_name="郝立新",
                guest_organisation="区财政局",
                guest_post="社保科科长",
            ),
        ],
    )
    lines = {r.name: r for r in detail.attendance}
    assert len(lines) == len(rows) + 1
    assert (lines["丁理事"].status, lines["丁理事"].leave_reason) == (
        AttendanceStatus.LEAVE,
        "出差",
    )
    assert lines["戊理事"].status is AttendanceStatus.ABSENT
    assert lines["智协主席"].substitute_name == "智协副主席"
    assert (lines["郝立新"].is_guest, lines["郝立新"].post) == (True, "区财政局社保科科长")
    # 6 members, 2 away; the 列席 heads and the guest never count.
    quorum = detail.quorum
    assert (quorum.expected, quorum.present, quorum.required, quorum.is_met) == (6, 4, 4, True)
    assert quorum.message == "应到6人，实到4人，超过半数，符合开会要求"
    assert detail.meeting.version == _version(db, meeting)
    logged = log_since(db, since)
    inserts = [r for r in logged if r.entity == "attendance" and r.action == "insert"]
    assert len(inserts) == len(rows) + 1
    assert {r.user_login for r in logged} == {"clerk"}
    assert len({r.at for r in logged}) == 1, "one unit of work"


def test_recording_again_updates_lines_in_place(db, fed):
    meeting = _meeting(db, BodyKind.EXECUTIVE_COUNCIL, date(2025, 3, 6))
    first = _record(db, meeting, marked(prefill_attendance(db, meeting_id=meeting)))
    ids = {r.name: r.id for r in first.attendance}
    since = last_log_id(db)
    again = _record(
        db, meeting, marked(first.attendance, 乙副理事长={"status": "请假", "leave_reason": "因病"})
    )
    assert {r.name: r.id for r in again.attendance} == ids
    changes = [r for r in log_since(db, since) if r.entity == "attendance"]
    assert [(r.action, r.entity_id, r.before, r.after) for r in changes] == [
        (
            "update",
            str(ids["乙副理事长"]),
            {"status": "出席", "leave_reason": None},
            {"status": "请假", "leave_reason": "因病"},
        )
    ]
    assert again.quorum.present == first.quorum.present - 1


def test_exactly_half_present_is_not_a_quorum_and_leave_stays_expected(db, fed):
    meeting = _meeting(db, BodyKind.EXECUTIVE_COUNCIL, date(2025, 3, 6))
    rows = prefill_attendance(db, meeting_id=meeting)
    away = {"status": "请假", "leave_reason": "出差"}
    detail = _record(db, meeting, marked(rows, 甲理事长=away, 乙副理事长=away, 丙理事=away))
    assert (detail.quorum.expected, detail.quorum.present, detail.quorum.is_met) == (6, 3, False)
    assert detail.quorum.message == "应到6人，实到3人，未超过半数（至少需4人），不符合开会要求"
    assert meeting_quorum(db, meeting_id=meeting) == detail.quorum


def test_the_quorum_rule_comes_from_the_rules_in_force_per_body(db, fed):
    record_rules(
        db,
        user="setup",
        rules_id="test",
        content='[meetings]\nquorum = { op = ">", fraction = "1/2" }\n'
        '[meetings.quorum_by_body]\ncouncil = { op = ">=", fraction = "1/2" }\n',
    )
    meeting = _meeting(db, BodyKind.EXECUTIVE_COUNCIL, date(2025, 3, 6))
    away = {"status": "缺席"}
    detail = _record(
        db,
        meeting,
        marked(
            prefill_attendance(db, meeting_id=meeting), 甲理事长=away, 乙副理事长=away, 丙理事=away
        ),
    )
    assert (detail.quorum.present, detail.quorum.is_met) == (3, True)
    assert detail.quorum.message == "应到6人，实到3人，达到半数，符合开会要求"


def test_no_quorum_line_before_attendance_is_recorded(db, fed):
    meeting = _meeting(db, BodyKind.PARTY_GROUP, date(2026, 1, 15))
    assert get_meeting(db, meeting_id=meeting).quorum is None


def _proposed(db, meeting):
    return marked(prefill_attendance(db, meeting_id=meeting))


@pytest.mark.parametrize(
    ("change", "code", "field"),
    [
        ({"status": "请假"}, "attendance_leave_reason", "attendance[3].leave_reason"),
        ({"status": "列席"}, "attendance_status_invalid", "attendance[3].status"),
        ({"status": "迟到"}, "value_invalid", "attendance_status"),
        ({"substitute_name": "某某"}, "attendance_substitute_needs_leave", "attendance[3].status"),
    ],
)
def test_a_wrong_line_is_refused_by_its_field_and_nothing_is_written(db, fed, change, code, field):
    meeting = _meeting(db, BodyKind.EXECUTIVE_COUNCIL, date(2025, 3, 6))
    lines = _proposed(db, meeting)
    lines[3] = AttendanceDraft(**{**lines[3].__dict__, **change})
    refused = _refused(db, meeting, lines)
    assert (refused.code, refused.field) == (code, field)
    assert "丁理事" in message(refused.code, refused.params) or code == "value_invalid"


def test_every_member_on_the_day_must_be_on_the_grid(db, fed):
    meeting = _meeting(db, BodyKind.EXECUTIVE_COUNCIL, date(2025, 3, 6))
    lines = [line for line in _proposed(db, meeting) if line.person_id != fed.id("丁理事")]
    refused = _refused(db, meeting, lines)
    assert (refused.code, refused.params["names"]) == ("attendance_member_missing", "丁理事")
    # …and listing a member as 列席 leaves them out of 应到, which is refused the same way.
    lines = _proposed(db, meeting)
    lines[3] = AttendanceDraft(**{**lines[3].__dict__, "role": "attendee", "status": "列席"})
    assert _refused(db, meeting, lines).code == "attendance_member_missing"


def test_only_members_on_the_day_count_as_members(db, fed):
    meeting = _meeting(db, BodyKind.EXECUTIVE_COUNCIL, date(2025, 9, 11))
    lines = [*_proposed(db, meeting), AttendanceDraft(person_id=fed.id("庚理事"))]
    refused = _refused(db, meeting, lines)
    assert (refused.code, refused.field) == (
        "attendance_not_member",
        f"attendance[{len(lines) - 1}].role",
    )
    assert "庚理事" in message(refused.code, refused.params)
    # As 列席 the former member is welcome, and still not counted.
    lines[-1] = AttendanceDraft(person_id=fed.id("庚理事"), role="attendee", status="列席")
    detail = _record(db, meeting, lines)
    assert detail.quorum.expected == 6


def test_guests_are_attendees_with_name_organisation_and_post(db, fed):
    meeting = _meeting(db, BodyKind.PARTY_GROUP, date(2026, 1, 15))
    base = _proposed(db, meeting)
    incomplete = _refused(
        db, meeting, [*base, AttendanceDraft(role="attendee", status="列席", guest_name="郝立新")]
    )
    assert (incomplete.code, incomplete.field) == (
        "attendance_guest_incomplete",
        "attendance[3].guest_name",
    )
    guest = dict(guest_name="郝立新", guest_organisation="区财政局", guest_post="科长")
    as_member = _refused(db, meeting, [*base, AttendanceDraft(status="出席", **guest)])
    assert as_member.code == "attendance_guest_not_member"
    seat = _refused(
        db,
        meeting,
        [*base, AttendanceDraft(role="attendee", status="列席", association="deaf", **guest)],
    )
    assert seat.code == "attendance_association_not_council"
    twice = _refused(db, meeting, [*base, base[0]])
    assert (twice.code, twice.params["name"]) == ("attendance_duplicate", "甲理事长")


# --- the associations' report -------------------------------------------------------------------


def test_association_report_counts_each_way_of_attending(db, fed):
    """2025: three held council meetings (one without attendance), one planned, one in 2026."""
    first = _meeting(db, BodyKind.EXECUTIVE_COUNCIL, date(2025, 3, 6))
    _record(db, first, _proposed(db, first))
    second = _meeting(db, BodyKind.EXECUTIVE_COUNCIL, date(2025, 9, 11))
    _record(
        db,
        second,
        marked(
            prefill_attendance(db, meeting_id=second),
            丙理事={"status": "请假", "leave_reason": "出差"},
            智协主席={"status": "请假", "leave_reason": "培训", "substitute_name": "智协副主席"},
            精协主席={"status": "缺席"},
        ),
    )
    _meeting(db, BodyKind.EXECUTIVE_COUNCIL, date(2025, 11, 6))  # held, attendance not entered
    _meeting(db, BodyKind.EXECUTIVE_COUNCIL, date(2025, 12, 4), held=False)
    next_year = _meeting(db, BodyKind.EXECUTIVE_COUNCIL, date(2026, 3, 5))
    _record(db, next_year, _proposed(db, next_year))
    party = _meeting(db, BodyKind.PARTY_GROUP, date(2025, 5, 1))
    _record(db, party, _proposed(db, party))

    report = association_attendance_report(db, year=2025)
    assert [m.meeting_date for m in report.meetings] == [
        date(2025, 3, 6),
        date(2025, 9, 11),
        date(2025, 11, 6),
    ]
    figures = {
        r.association: (
            r.meetings_held,
            r.as_attendee,
            r.as_member,
            r.by_substitute,
            r.not_attended,
            r.not_recorded,
        )
        for r in report.rows
    }
    assert figures == {
        Association.BLIND: (3, 0, 1, 0, 1, 1),
        Association.DEAF: (3, 2, 0, 0, 0, 1),
        Association.PHYSICAL: (3, 2, 0, 0, 0, 1),
        Association.INTELLECTUAL: (3, 1, 0, 1, 0, 1),
        Association.PSYCHOSOCIAL: (3, 1, 0, 0, 1, 1),
    }
    intellectual = next(r for r in report.rows if r.association is Association.INTELLECTUAL)
    assert intellectual.name == "智力残疾人及亲友协会"
    assert [(m.presence, m.name) for m in intellectual.marks] == [
        (HeadPresence.AS_ATTENDEE, "智协主席"),
        (HeadPresence.BY_SUBSTITUTE, "智协副主席"),
        (None, None),
    ]
    blind = next(r for r in report.rows if r.association is Association.BLIND)
    assert blind.marks[0].presence is HeadPresence.AS_MEMBER
    assert association_attendance_report(db, year=2024).meetings == ()
    assert {r.meetings_held for r in association_attendance_report(db, year=2026).rows} == {1}
