"""Saving the meeting editor: every changed part in one unit of work, all of it or nothing."""

from __future__ import annotations

from datetime import date, time

import pytest

from models.domain.errors import DomainError
from models.domain.meeting_vocabulary import AttendanceStatus, MeetingStatus, MinutesStatus
from models.domain.vocabulary import BodyKind
from models.entities import ChangeLog
from models.services.meetings.commands.minutes import finalise_minutes
from models.services.meetings.commands.planning import plan_meeting, set_meeting_status
from models.services.meetings.commands.saving import create_meeting, save_meeting
from models.services.meetings.contracts import AgendaItemDraft, MeetingDraft, MinutesSection
from models.services.meetings.queries import get_meeting, prefill_attendance

from ._support import count
from .test_meetings_setup import Federation, build_federation, marked

DAY = date(2025, 3, 6)


@pytest.fixture
def fed(db) -> Federation:
    return build_federation(db)


def _meeting(db) -> int:
    return plan_meeting(
        db, user="clerk", body=BodyKind.EXECUTIVE_COUNCIL, draft=MeetingDraft(DAY)
    ).id


def _version(db, meeting_id: int) -> int:
    return get_meeting(db, meeting_id=meeting_id).meeting.version


def test_every_part_is_saved_in_one_unit_of_work(db, fed):
    meeting = _meeting(db)
    detail = save_meeting(
        db,
        user="clerk",
        meeting_id=meeting,
        expected_version=_version(db, meeting),
        status="held",
        header=MeetingDraft(DAY, time(9, 30), "区残联三楼会议室"),
        agenda=[AgendaItemDraft("其他", "审议工作安排")],
        attendance=marked(prefill_attendance(db, meeting_id=meeting)),
    )
    assert detail.meeting.status is MeetingStatus.HELD
    assert (detail.meeting.place, detail.meeting.start_time) == ("区残联三楼会议室", time(9, 30))
    assert [i.title for i in detail.agenda] == ["审议工作安排"]
    assert detail.quorum is not None and detail.quorum.is_met
    assert detail == get_meeting(db, meeting_id=meeting)
    # Minutes name the items the agenda part just saved.
    item = detail.agenda[0].id
    written = save_meeting(
        db,
        user="clerk",
        meeting_id=meeting,
        expected_version=detail.meeting.version,
        minutes=[MinutesSection(item, "会议审议了工作安排。", "同意。")],
    )
    assert written.minutes is not None and written.minutes.status is MinutesStatus.DRAFT
    assert written.agenda[0].decision == "同意。"


def test_a_refused_attendance_part_leaves_the_header_and_agenda_unchanged(db, fed):
    meeting = _meeting(db)
    before = get_meeting(db, meeting_id=meeting)
    logged = count(db, ChangeLog)
    # 甲 on leave without a reason: the attendance part is refused, after header and agenda.
    lines = marked(
        prefill_attendance(db, meeting_id=meeting), 甲理事长={"status": AttendanceStatus.LEAVE}
    )
    with pytest.raises(DomainError) as caught:
        save_meeting(
            db,
            user="clerk",
            meeting_id=meeting,
            expected_version=before.meeting.version,
            status="held",
            header=MeetingDraft(DAY, time(14, 0), "区会议中心"),
            agenda=[AgendaItemDraft("其他", "审议工作安排")],
            attendance=lines,
        )
    assert caught.value.code == "attendance_leave_reason"
    assert caught.value.field == "attendance[0].leave_reason"
    assert get_meeting(db, meeting_id=meeting) == before, "nothing half-written"
    assert count(db, ChangeLog) == logged


def test_a_stale_version_saves_nothing(db, fed):
    meeting = _meeting(db)
    version = _version(db, meeting)
    save_meeting(
        db,
        user="clerk",
        meeting_id=meeting,
        expected_version=version,
        header=MeetingDraft(DAY, place="区会议中心"),
    )
    with pytest.raises(DomainError) as caught:
        save_meeting(
            db,
            user="other",
            meeting_id=meeting,
            expected_version=version,
            agenda=[AgendaItemDraft("其他", "审议工作安排")],
        )
    assert caught.value.code == "stale_record"
    assert get_meeting(db, meeting_id=meeting).agenda == ()


def test_reopening_comes_first_and_cancelling_last(db, fed):
    meeting = _meeting(db)
    row = set_meeting_status(
        db,
        user="clerk",
        meeting_id=meeting,
        expected_version=_version(db, meeting),
        status="cancelled",
    )
    # A cancelled meeting takes edits once it is planned again, in the same save.
    detail = save_meeting(
        db,
        user="clerk",
        meeting_id=meeting,
        expected_version=row.version,
        status="planned",
        header=MeetingDraft(DAY, place="区残联三楼会议室"),
    )
    assert (detail.meeting.status, detail.meeting.place) == (
        MeetingStatus.PLANNED,
        "区残联三楼会议室",
    )
    # Cancelling with an edit: the edit is made, then the meeting is cancelled.
    detail = save_meeting(
        db,
        user="clerk",
        meeting_id=meeting,
        expected_version=detail.meeting.version,
        status="cancelled",
        agenda=[AgendaItemDraft("其他", "审议工作安排")],
    )
    assert detail.meeting.status is MeetingStatus.CANCELLED
    assert [i.title for i in detail.agenda] == ["审议工作安排"]


def test_final_minutes_are_amended_only_with_a_reason_and_all_parts_roll_back(db, fed):
    meeting = _meeting(db)
    detail = save_meeting(
        db,
        user="clerk",
        meeting_id=meeting,
        expected_version=_version(db, meeting),
        status="held",
        agenda=[AgendaItemDraft("其他", "审议工作安排")],
        attendance=marked(prefill_attendance(db, meeting_id=meeting)),
    )
    item = detail.agenda[0].id
    detail = save_meeting(
        db,
        user="clerk",
        meeting_id=meeting,
        expected_version=detail.meeting.version,
        minutes=[MinutesSection(item, "审议了工作安排。", "同意。")],
    )
    final = finalise_minutes(
        db, user="clerk", meeting_id=meeting, expected_version=detail.meeting.version
    )
    changes = dict(
        header=MeetingDraft(DAY, place="区会议中心"),
        minutes=[MinutesSection(item, "审议了工作安排。", "同意，抓紧落实。")],
    )
    with pytest.raises(DomainError) as caught:
        save_meeting(
            db, user="clerk", meeting_id=meeting, expected_version=final.meeting.version, **changes
        )
    assert caught.value.code == "minutes_final"
    assert get_meeting(db, meeting_id=meeting) == final
    amended = save_meeting(
        db,
        user="clerk",
        meeting_id=meeting,
        expected_version=final.meeting.version,
        reason="经主持人核对",
        **changes,
    )
    assert amended.meeting.place == "区会议中心"
    assert amended.agenda[0].decision == "同意，抓紧落实。"
    assert amended.minutes is not None
    assert {a.reason for a in amended.minutes.amendments} == {"经主持人核对"}
    assert len(amended.minutes.amendments) == 2  # the header and the item's decision


def test_a_new_meeting_is_planned_with_its_agenda_or_not_at_all(db, fed):
    detail = create_meeting(
        db,
        user="clerk",
        body=BodyKind.EXECUTIVE_COUNCIL,
        header=MeetingDraft(DAY, place="区残联三楼会议室"),
        agenda=[AgendaItemDraft("其他", "审议工作安排")],
    )
    assert detail.meeting.title == "第七届执行理事会第一次会议"
    assert [i.title for i in detail.agenda] == ["审议工作安排"]
    assert detail == get_meeting(db, meeting_id=detail.meeting.id)
    with pytest.raises(DomainError) as caught:
        create_meeting(
            db,
            user="clerk",
            body=BodyKind.EXECUTIVE_COUNCIL,
            header=MeetingDraft(DAY),
            agenda=[AgendaItemDraft("其他", "")],
        )
    assert caught.value.code == "agenda_title_blank"
    again = create_meeting(
        db, user="clerk", body=BodyKind.EXECUTIVE_COUNCIL, header=MeetingDraft(DAY)
    )
    assert again.meeting.number == 2, "the refused meeting took no number"
