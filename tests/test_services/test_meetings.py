"""Planning meetings: numbering within a term or a year, titles, listing, the agenda, the status."""

from __future__ import annotations

import dataclasses
from datetime import date, time

import pytest

from models.domain.errors import DomainError
from models.domain.meeting_vocabulary import AgendaKind, MeetingStatus
from models.domain.messages import message
from models.domain.vocabulary import BodyKind
from models.entities import AgendaItem, ChangeLog, Meeting
from models.services.meetings.commands.agenda import set_agenda
from models.services.meetings.commands.planning import (
    plan_meeting,
    set_meeting_status,
    update_meeting,
)
from models.services.meetings.contracts import AgendaItemDraft, MeetingDraft
from models.services.meetings.queries import get_meeting, list_meetings

from ._support import count, last_log_id, log_since, user_id_of
from .test_meetings_setup import Federation, build_federation


@pytest.fixture
def fed(db) -> Federation:
    return build_federation(db)


def council(db, day: date, **extra) -> int:
    return plan_meeting(
        db, user="clerk", body=BodyKind.EXECUTIVE_COUNCIL, draft=MeetingDraft(day), **extra
    ).id


def _refused(db, call, *args, **kwargs) -> DomainError:
    meetings, logged = count(db, Meeting), count(db, ChangeLog)
    with pytest.raises(DomainError) as caught:
        call(*args, **kwargs)
    assert (count(db, Meeting), count(db, ChangeLog)) == (meetings, logged), (
        "refusals write nothing"
    )
    return caught.value


def test_meetings_are_numbered_within_the_term_and_titled(db, fed):
    first = plan_meeting(
        db,
        user="clerk",
        body=BodyKind.EXECUTIVE_COUNCIL,
        draft=MeetingDraft(date(2025, 3, 6), start_time=time(9, 30), place="三楼会议室"),
    )
    second = plan_meeting(
        db,
        user="clerk",
        body=BodyKind.EXECUTIVE_COUNCIL,
        term=7,
        draft=MeetingDraft(date(2025, 9, 11)),
    )
    assert (first.number, second.number) == (1, 2)
    assert (first.term, first.year, first.status) == (7, 2025, MeetingStatus.PLANNED)
    assert first.title == "第七届执行理事会第一次会议"
    assert second.title == "第七届执行理事会第二次会议"
    assert first.minutes_title == "第七届执行理事会第一次会议纪要"
    assert first.start_time == time(9, 30)
    assert first.starts_at.isoformat() == "2025-03-06T09:30:00+08:00"
    again = get_meeting(db, meeting_id=first.id).meeting
    assert (again.start_time, again.starts_at) == (time(9, 30), first.starts_at)


def test_party_group_meetings_are_numbered_by_year(db, fed):
    def party(day: date) -> str:
        row = plan_meeting(db, user="clerk", body=BodyKind.PARTY_GROUP, draft=MeetingDraft(day))
        return row.title

    assert party(date(2025, 11, 20)) == "2025年第1次党组会议"
    assert party(date(2026, 1, 15)) == "2026年第1次党组会议"
    assert party(date(2026, 3, 12)) == "2026年第2次党组会议"
    assert party(date(2025, 12, 18)) == "2025年第2次党组会议"
    rows = list_meetings(db, body=BodyKind.PARTY_GROUP)
    assert [(m.year, m.number, m.term) for m in rows] == [
        (2025, 1, None),
        (2025, 2, None),
        (2026, 1, None),
        (2026, 2, None),
    ]


def test_a_given_number_is_kept_and_numbering_goes_on_after_it(db, fed):
    # A clerk starting mid-term enters the 9th meeting without the eight before it.
    ninth = council(db, date(2025, 3, 6), number=9)
    assert get_meeting(db, meeting_id=ninth).meeting.title == "第七届执行理事会第九次会议"
    assert get_meeting(db, meeting_id=council(db, date(2025, 9, 11))).meeting.number == 10
    refused = _refused(db, council, db, date(2025, 10, 1), number=9)
    assert (refused.code, refused.field) == ("meeting_number_taken", "number")
    assert "第七届执行理事会第九次会议" in message(refused.code, refused.params)
    assert _refused(db, council, db, date(2025, 10, 1), number=0).code == "meeting_number_invalid"


def test_a_cancelled_meeting_keeps_its_number(db, fed):
    first = council(db, date(2025, 3, 6))
    second = council(db, date(2025, 4, 6))
    version = get_meeting(db, meeting_id=second).meeting.version
    cancelled = set_meeting_status(
        db, user="clerk", meeting_id=second, expected_version=version, status="cancelled"
    )
    assert cancelled.status is MeetingStatus.CANCELLED
    third = get_meeting(db, meeting_id=council(db, date(2025, 5, 6))).meeting
    assert third.number == 3
    assert [m.id for m in list_meetings(db, body=BodyKind.EXECUTIVE_COUNCIL, term=7)][:2] == [
        first,
        second,
    ]


@pytest.mark.parametrize(
    ("kwargs", "code", "field"),
    [
        ({"body": BodyKind.ASSOCIATION}, "meetings_not_for_body", "body"),
        ({"body": BodyKind.PARTY_GROUP, "term": 1}, "term_for_party_group", "term"),
        ({"body": BodyKind.EXECUTIVE_COUNCIL, "term": 8}, "term_not_found", "term"),
        ({"body": BodyKind.PRESIDIUM}, "no_current_term", "term"),
    ],
)
def test_meetings_only_of_the_four_bodies_and_existing_terms(db, fed, kwargs, code, field):
    refused = _refused(
        db, plan_meeting, db, user="clerk", draft=MeetingDraft(date(2025, 3, 6)), **kwargs
    )
    assert (refused.code, refused.field) == (code, field)


def test_a_meeting_before_its_term_began_is_refused(db, fed):
    refused = _refused(db, council, db, date(2021, 6, 17))
    assert (refused.code, refused.field) == ("meeting_outside_term", "meeting_date")
    assert "2021-06-18" in message(refused.code, refused.params)


def test_host_and_recorder_are_registered_people_or_a_recorder_by_name(db, fed):
    row = plan_meeting(
        db,
        user="clerk",
        body=BodyKind.EXECUTIVE_COUNCIL,
        draft=MeetingDraft(
            date(2025, 3, 6), host_person_id=fed.id("甲理事长"), recorder_name="  赵晓雯 "
        ),
    )
    assert (row.host_name, row.recorder_name, row.recorder_person_id) == (
        "甲理事长",
        "赵晓雯",
        None,
    )
    refused = _refused(
        db,
        plan_meeting,
        db,
        user="clerk",
        body=BodyKind.EXECUTIVE_COUNCIL,
        draft=MeetingDraft(date(2025, 3, 7), host_person_id=999_999),
    )
    assert (refused.code, refused.field) == ("person_not_found", "host")
    both = _refused(
        db,
        plan_meeting,
        db,
        user="clerk",
        body=BodyKind.EXECUTIVE_COUNCIL,
        draft=MeetingDraft(
            date(2025, 3, 7), recorder_person_id=fed.id("丁理事"), recorder_name="赵晓雯"
        ),
    )
    assert (both.code, both.field) == ("meeting_recorder_twice", "recorder")


def test_list_is_chronological_filtered_and_frozen(db, fed):
    later = council(db, date(2025, 9, 11))
    party = plan_meeting(
        db, user="clerk", body=BodyKind.PARTY_GROUP, draft=MeetingDraft(date(2025, 5, 1))
    ).id
    earlier = council(db, date(2025, 3, 6), number=5)
    assert [m.id for m in list_meetings(db)] == [earlier, party, later]
    assert [m.id for m in list_meetings(db, body=BodyKind.EXECUTIVE_COUNCIL)] == [earlier, later]
    assert [m.id for m in list_meetings(db, year=2025, body=BodyKind.PARTY_GROUP)] == [party]
    assert list_meetings(db, year=2024) == []
    row = list_meetings(db)[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        row.number = 2  # type: ignore[misc]
    refused = _refused(db, list_meetings, db, body=BodyKind.ASSOCIATION)
    assert refused.code == "meetings_not_for_body"


def test_update_refuses_a_stale_copy_and_moving_a_party_meeting_to_another_year(db, fed):
    meeting = council(db, date(2025, 3, 6))
    version = get_meeting(db, meeting_id=meeting).meeting.version
    moved = update_meeting(
        db,
        user="clerk",
        meeting_id=meeting,
        expected_version=version,
        draft=MeetingDraft(date(2025, 3, 7), place="二楼会议室"),
    )
    assert (moved.meeting_date, moved.place, moved.version) == (
        date(2025, 3, 7),
        "二楼会议室",
        version + 1,
    )
    stale = _refused(
        db,
        update_meeting,
        db,
        user="other",
        meeting_id=meeting,
        expected_version=version,
        draft=MeetingDraft(date(2025, 3, 8)),
    )
    assert stale.code == "stale_record"
    assert stale.params["changed_by"] == "clerk"

    party = plan_meeting(
        db, user="clerk", body=BodyKind.PARTY_GROUP, draft=MeetingDraft(date(2025, 12, 30))
    )
    refused = _refused(
        db,
        update_meeting,
        db,
        user="clerk",
        meeting_id=party.id,
        expected_version=party.version,
        draft=MeetingDraft(date(2026, 1, 2)),
    )
    assert (refused.code, refused.field) == ("meeting_year_changed", "meeting_date")


def test_status_moves_by_the_table(db, fed):
    meeting = council(db, date(2025, 3, 6))
    row = get_meeting(db, meeting_id=meeting).meeting
    held = set_meeting_status(
        db, user="clerk", meeting_id=meeting, expected_version=row.version, status="held"
    )
    assert held.status is MeetingStatus.HELD
    refused = _refused(
        db,
        set_meeting_status,
        db,
        user="clerk",
        meeting_id=meeting,
        expected_version=held.version,
        status="cancelled",
    )
    assert (refused.code, refused.field) == ("meeting_status_change", "status")
    assert "已召开" in message(refused.code, refused.params)
    wrong = _refused(
        db,
        set_meeting_status,
        db,
        user="clerk",
        meeting_id=meeting,
        expected_version=held.version,
        status="postponed",
    )
    assert (wrong.code, wrong.field) == ("value_invalid", "status")


def test_agenda_keeps_items_by_id_in_the_new_order(db, fed):
    meeting = council(db, date(2025, 3, 6))
    version = get_meeting(db, meeting_id=meeting).meeting.version
    detail = set_agenda(
        db,
        user="clerk",
        meeting_id=meeting,
        expected_version=version,
        items=[
            AgendaItemDraft(kind="审议执行理事会工作报告", title="审议2024年工作报告"),
            AgendaItemDraft(kind=AgendaKind.BUDGET, title="2024年度预算执行情况"),
            AgendaItemDraft(kind="三重一大事项", title="康复设备采购"),
        ],
    )
    report, _budget, major = detail.agenda
    assert [i.position for i in detail.agenda] == [1, 2, 3]
    assert major.kind is AgendaKind.MAJOR_MATTER
    reordered = set_agenda(
        db,
        user="clerk",
        meeting_id=meeting,
        expected_version=detail.meeting.version,
        items=[
            AgendaItemDraft(
                kind="三重一大事项", title="康复设备采购（大额度资金使用）", id=major.id
            ),
            AgendaItemDraft(
                kind="审议执行理事会工作报告", title="审议2024年工作报告", id=report.id
            ),
        ],
    )
    assert [(i.id, i.position) for i in reordered.agenda] == [(major.id, 1), (report.id, 2)]
    assert reordered.agenda[0].title == "康复设备采购（大额度资金使用）"
    assert count(db, AgendaItem) == 2

    blank = _refused(
        db,
        set_agenda,
        db,
        user="clerk",
        meeting_id=meeting,
        expected_version=reordered.meeting.version,
        items=[
            AgendaItemDraft(kind="其他", title="有标题"),
            AgendaItemDraft(kind="其他", title=" "),
        ],
    )
    assert (blank.code, blank.field) == ("agenda_title_blank", "agenda[1].title")
    kind = _refused(
        db,
        set_agenda,
        db,
        user="clerk",
        meeting_id=meeting,
        expected_version=reordered.meeting.version,
        items=[AgendaItemDraft(kind="临时动议", title="不在议程上的事")],
    )
    assert (kind.code, kind.field) == ("value_invalid", "kind")
    assert "三重一大事项" in message(kind.code, kind.params)


def test_a_cancelled_meeting_takes_no_agenda(db, fed):
    meeting = council(db, date(2025, 3, 6))
    version = get_meeting(db, meeting_id=meeting).meeting.version
    row = set_meeting_status(
        db, user="clerk", meeting_id=meeting, expected_version=version, status="cancelled"
    )
    refused = _refused(
        db,
        set_agenda,
        db,
        user="clerk",
        meeting_id=meeting,
        expected_version=row.version,
        items=[AgendaItemDraft(kind="其他", title="议题")],
    )
    assert refused.code == "meeting_cancelled"


def test_every_change_is_logged_with_the_clerk(db, fed):
    since = last_log_id(db)
    meeting = plan_meeting(
        db, user="carol", body=BodyKind.EXECUTIVE_COUNCIL, draft=MeetingDraft(date(2025, 3, 6))
    )
    detail = set_agenda(
        db,
        user="carol",
        meeting_id=meeting.id,
        expected_version=meeting.version,
        items=[AgendaItemDraft(kind="其他", title="议题一")],
    )
    set_meeting_status(
        db,
        user="dave",
        meeting_id=meeting.id,
        expected_version=detail.meeting.version,
        status="held",
    )
    rows = log_since(db, since)
    seen = {(r.entity, r.action, r.user_login) for r in rows}
    assert ("meeting", "insert", "carol") in seen
    assert ("agenda_item", "insert", "carol") in seen
    assert ("meeting", "update", "dave") in seen
    status = next(r for r in rows if r.entity == "meeting" and r.action == "update")
    assert (status.before, status.after) == ({"status": "planned"}, {"status": "held"})
    assert all(r.user_id == user_id_of(db, r.user_login) for r in rows if r.entity != "app_user")
