"""Minutes: draft → final; final locks the meeting, and a later change is an amendment with a reason."""

from __future__ import annotations

from datetime import date

import pytest

from models.domain.errors import DomainError
from models.domain.meeting_vocabulary import MinutesStatus
from models.domain.messages import message
from models.domain.vocabulary import BodyKind
from models.entities import ChangeLog, MinutesAmendment
from models.services.meetings.commands.agenda import set_agenda
from models.services.meetings.commands.attendance import record_attendance
from models.services.meetings.commands.minutes import amend_minutes, finalise_minutes, write_minutes
from models.services.meetings.commands.planning import (
    plan_meeting,
    set_meeting_status,
    update_meeting,
)
from models.services.meetings.contracts import AgendaItemDraft, MeetingDraft, MinutesSection
from models.services.meetings.queries import get_meeting, prefill_attendance

from ._support import count, last_log_id, log_since
from .test_meetings_setup import build_federation, marked

DAY = date(2026, 1, 15)


@pytest.fixture
def meeting(db) -> int:
    """A held party-group meeting with two agenda items and its attendance."""
    build_federation(db)
    row = plan_meeting(db, user="clerk", body=BodyKind.PARTY_GROUP, draft=MeetingDraft(DAY))
    set_agenda(
        db,
        user="clerk",
        meeting_id=row.id,
        expected_version=row.version,
        items=[
            AgendaItemDraft(kind="三重一大事项", title="机关中层干部任免"),
            AgendaItemDraft(kind="预算执行情况监督", title="2025年预算执行情况"),
        ],
    )
    record_attendance(
        db,
        user="clerk",
        meeting_id=row.id,
        expected_version=_version(db, row.id),
        lines=marked(prefill_attendance(db, meeting_id=row.id)),
    )
    return row.id


def _version(db, meeting_id: int) -> int:
    return get_meeting(db, meeting_id=meeting_id).meeting.version


def _sections(db, meeting_id: int, *texts: tuple[str, str]) -> list[MinutesSection]:
    items = get_meeting(db, meeting_id=meeting_id).agenda
    return [
        MinutesSection(item.id, summary, decision)
        for item, (summary, decision) in zip(items, texts, strict=False)
    ]


def _write(db, meeting_id: int, *texts: tuple[str, str]):
    return write_minutes(
        db,
        user="clerk",
        meeting_id=meeting_id,
        expected_version=_version(db, meeting_id),
        sections=_sections(db, meeting_id, *texts),
    )


def _held(db, meeting_id: int) -> None:
    set_meeting_status(
        db,
        user="clerk",
        meeting_id=meeting_id,
        expected_version=_version(db, meeting_id),
        status="held",
    )


def _final(db, meeting_id: int):
    _write(
        db,
        meeting_id,
        ("听取了干部考察情况汇报。", "同意任免。"),
        ("听取了预算执行情况。", "同意。"),
    )
    _held(db, meeting_id)
    return finalise_minutes(
        db, user="fin", meeting_id=meeting_id, expected_version=_version(db, meeting_id)
    )


def _refused(db, call, **kwargs) -> DomainError:
    before = (count(db, ChangeLog), count(db, MinutesAmendment))
    with pytest.raises(DomainError) as caught:
        call(db, **kwargs)
    assert (count(db, ChangeLog), count(db, MinutesAmendment)) == before
    return caught.value


def test_draft_minutes_are_written_per_agenda_item_and_rewritten_freely(db, meeting):
    detail = _write(db, meeting, ("会议听取了汇报。", ""), ("", "同意。"))
    assert detail.minutes.status is MinutesStatus.DRAFT
    assert [(i.summary, i.decision) for i in detail.agenda] == [
        ("会议听取了汇报。", None),
        (None, "同意。"),
    ]
    again = _write(db, meeting, ("会议听取了考察情况汇报。", "同意任免。"), ("", "同意。"))
    assert again.agenda[0].decision == "同意任免。"
    assert again.minutes.amendments == ()
    assert again.meeting.title == "2026年第1次党组会议"
    assert again.meeting.minutes_title == "2026年第1次党组会议纪要"


def test_finalising_needs_a_held_meeting_attendance_and_every_section(db, meeting):
    _write(db, meeting, ("听取了汇报。", ""))
    planned = _refused(
        db, finalise_minutes, user="clerk", meeting_id=meeting, expected_version=None
    )
    assert (planned.code, planned.field) == ("minutes_not_held", "status")
    _held(db, meeting)
    empty = _refused(db, finalise_minutes, user="clerk", meeting_id=meeting, expected_version=None)
    assert (empty.code, empty.field) == ("minutes_section_empty", "agenda[1]")
    assert "2025年预算执行情况" in message(empty.code, empty.params)

    bare = plan_meeting(
        db, user="clerk", body=BodyKind.PARTY_GROUP, draft=MeetingDraft(date(2026, 2, 1))
    )
    _held(db, bare.id)
    unrecorded = _refused(
        db, finalise_minutes, user="clerk", meeting_id=bare.id, expected_version=None
    )
    assert unrecorded.code == "minutes_no_attendance"


def test_final_minutes_are_locked_and_say_how_to_amend(db, meeting):
    detail = _final(db, meeting)
    assert detail.minutes.status is MinutesStatus.FINAL
    assert detail.minutes.finalised_by == "fin"
    assert detail.minutes.finalised_at is not None
    assert detail.meeting.minutes_status is MinutesStatus.FINAL

    direct = _refused(
        db,
        write_minutes,
        user="clerk",
        meeting_id=meeting,
        expected_version=detail.meeting.version,
        sections=_sections(db, meeting, ("改写", "改写")),
    )
    assert direct.code == "minutes_final"
    text = message(direct.code, direct.params)
    assert "修正" in text and "原因" in text and "2026年第1次党组会议" in text

    # The meeting's other content is locked too: attendance, agenda, header and status.
    lines = marked(prefill_attendance(db, meeting_id=meeting), 乙副理事长={"status": "缺席"})
    attendance = _refused(
        db, record_attendance, user="clerk", meeting_id=meeting, expected_version=None, lines=lines
    )
    assert (attendance.code, attendance.field) == ("minutes_final", "reason")
    agenda = _refused(
        db,
        set_agenda,
        user="clerk",
        meeting_id=meeting,
        expected_version=None,
        items=[AgendaItemDraft(kind="其他", title="另一议题")],
    )
    assert agenda.code == "minutes_final"
    header = _refused(
        db,
        update_meeting,
        user="clerk",
        meeting_id=meeting,
        expected_version=None,
        draft=MeetingDraft(DAY, place="别处"),
    )
    assert header.code == "minutes_final"
    status = _refused(
        db,
        set_meeting_status,
        user="clerk",
        meeting_id=meeting,
        expected_version=None,
        status="planned",
    )
    assert (status.code, status.field) == ("minutes_final", "status")
    again = _refused(db, finalise_minutes, user="clerk", meeting_id=meeting, expected_version=None)
    assert again.code == "minutes_final"


def test_an_amendment_needs_a_reason_and_keeps_before_and_after(db, meeting):
    final = _final(db, meeting)
    first = final.agenda[0]
    sections = [MinutesSection(first.id, first.summary, "同意任免，按规定任前公示。")]
    no_reason = _refused(
        db,
        amend_minutes,
        user="amy",
        meeting_id=meeting,
        expected_version=final.meeting.version,
        sections=sections,
        reason="  ",
    )
    assert (no_reason.code, no_reason.field) == ("minutes_reason_required", "reason")
    unchanged = _refused(
        db,
        amend_minutes,
        user="amy",
        meeting_id=meeting,
        expected_version=final.meeting.version,
        sections=[MinutesSection(first.id, first.summary, first.decision)],
        reason="核对",
    )
    assert unchanged.code == "minutes_no_change"

    since = last_log_id(db)
    amended = amend_minutes(
        db,
        user="amy",
        meeting_id=meeting,
        expected_version=final.meeting.version,
        sections=sections,
        reason="漏记任前公示要求",
    )
    assert amended.agenda[0].decision == "同意任免，按规定任前公示。"
    assert amended.minutes.status is MinutesStatus.FINAL
    (amendment,) = amended.minutes.amendments
    assert (amendment.part, amendment.before, amendment.after) == (
        "第1项议题“机关中层干部任免”的决定事项",
        "同意任免。",
        "同意任免，按规定任前公示。",
    )
    assert (amendment.amended_by, amendment.reason) == ("amy", "漏记任前公示要求")
    logged = log_since(db, since)
    assert {(r.entity, r.action) for r in logged} >= {
        ("minutes_amendment", "insert"),
        ("agenda_item", "update"),
    }
    assert {r.user_login for r in logged} == {"amy"}

    stale = _refused(
        db,
        amend_minutes,
        user="bob",
        meeting_id=meeting,
        expected_version=final.meeting.version,
        sections=sections,
        reason="再改",
    )
    assert stale.code == "stale_record"


def test_attendance_after_final_is_an_amendment_and_the_history_grows(db, meeting):
    final = _final(db, meeting)
    lines = marked(
        prefill_attendance(db, meeting_id=meeting),
        乙副理事长={"status": "请假", "leave_reason": "出差"},
    )
    detail = record_attendance(
        db,
        user="amy",
        meeting_id=meeting,
        expected_version=final.meeting.version,
        lines=lines,
        reason="乙副理事长实为请假，原记录有误",
    )
    (amendment,) = detail.minutes.amendments
    assert amendment.part == "出席情况"
    assert amendment.before == "出席：甲理事长、党组成员丑、乙副理事长"
    assert amendment.after == "出席：甲理事长、党组成员丑\n请假：乙副理事长（出差）"
    assert detail.quorum.present == 2

    renamed = set_agenda(
        db,
        user="amy",
        meeting_id=meeting,
        expected_version=detail.meeting.version,
        items=[
            AgendaItemDraft(
                kind="三重一大事项",
                title="机关中层干部任免（重要干部任免）",
                id=detail.agenda[0].id,
            ),
            AgendaItemDraft(
                kind="预算执行情况监督", title="2025年预算执行情况", id=detail.agenda[1].id
            ),
        ],
        reason="补全事项类别",
    )
    history = renamed.minutes.amendments
    assert [a.reason for a in history] == ["乙副理事长实为请假，原记录有误"] + ["补全事项类别"] * (
        len(history) - 1
    )
    assert "议题" in [a.part for a in history]
    assert renamed.agenda[0].summary == "听取了干部考察情况汇报。", "a renamed item keeps its text"


def test_amending_a_draft_is_refused_it_is_simply_rewritten(db, meeting):
    _write(db, meeting, ("听取了汇报。", "同意。"))
    refused = _refused(
        db,
        amend_minutes,
        user="amy",
        meeting_id=meeting,
        expected_version=None,
        sections=_sections(db, meeting, ("听取了汇报。", "同意任免。")),
        reason="更正",
    )
    assert refused.code == "minutes_not_final"


def test_finalising_is_logged_with_the_clerk_who_did_it(db, meeting):
    _write(db, meeting, ("听取了汇报。", "同意。"), ("听取了汇报。", "同意。"))
    _held(db, meeting)
    since = last_log_id(db)
    finalise_minutes(db, user="fin", meeting_id=meeting, expected_version=_version(db, meeting))
    (row,) = [r for r in log_since(db, since) if r.entity == "minutes"]
    assert (row.action, row.user_login) == ("update", "fin")
    assert row.after["status"] == "final" and row.after["finalised_by"] == "fin"
