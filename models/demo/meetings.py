"""The demo's meetings: each body's recent meetings with agenda, attendance and final minutes.

Entered through the meeting services after the people and memberships, from a generator of its
own (so the federation drawn before stays the same), each step on the day a clerk would take it. Earlier meetings of a term are taken as never
entered, so the council's meetings start at 第九次. The attendance is the roster on the meeting
date, as the grid proposes it; the association heads vary: mostly 列席, one 委托代为列席, one 缺席.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import date, time, timedelta

from models.demo.clock import DemoClock
from models.demo.lookups import elected, term_id
from models.demo.plan import SEED
from models.domain.meeting_vocabulary import (
    AgendaKind,
    AttendanceRole,
    AttendanceStatus,
    MeetingStatus,
)
from models.domain.vocabulary import Association, BodyKind, Position
from models.services.meetings.commands.agenda import set_agenda
from models.services.meetings.commands.attendance import record_attendance
from models.services.meetings.commands.minutes import amend_minutes, finalise_minutes, write_minutes
from models.services.meetings.commands.planning import plan_meeting, set_meeting_status
from models.services.meetings.contracts import (
    AgendaItemDraft,
    AttendanceDraft,
    MeetingDetail,
    MeetingDraft,
    MinutesSection,
)
from models.services.meetings.queries import get_meeting, prefill_attendance
from models.store.unit_of_work import Database

MEETINGS_SEED = SEED + 2026
RECORDER = "赵晓雯"  # the secretariat's clerk, not in the person registry
LEAVE_REASONS = ("出差", "因病请假", "参加区人大常委会会议", "外出学习", "家中有事")

W, B, M, P, X = (
    AgendaKind.WORK_REPORT,
    AgendaKind.BUDGET,
    AgendaKind.MOTION,
    AgendaKind.MAJOR_MATTER,
    AgendaKind.OTHER,
)


@dataclass(frozen=True)
class DemoMeeting:
    body: BodyKind
    term: int | None
    ordinal: int
    day: date
    at: time
    place: str
    status: MeetingStatus
    agenda: tuple[tuple[AgendaKind, str, str, str], ...]  # kind, title, summary, decision
    on_leave: int = 1
    absent: int = 0
    # association → 列席 (default), "缺席", or "代" (a vice-chair came in the head's place)
    heads: tuple[tuple[Association, str], ...] = ()
    guests: tuple[tuple[str, str, str], ...] = ()  # 列席 guests: name, organisation, post


_HALL = "区残联三楼会议室"
MEETINGS: tuple[DemoMeeting, ...] = (
    DemoMeeting(
        BodyKind.CONGRESS, 7, 1, date(2021, 6, 18), time(9, 0), "区会议中心礼堂",
        MeetingStatus.HELD,
        (
            (W, "审议区残联第六届执行理事会工作报告", "代表们分组审议了工作报告，认为五年来各项工作成效明显。", "会议批准第六届执行理事会工作报告。"),
            (B, "审查区残联第六届执行理事会财务工作报告", "会议听取了财务工作报告，代表们对经费使用情况进行了审查。", "会议批准财务工作报告。"),
            (X, "选举区残联第七届主席团", "会议按照选举办法进行了无记名投票。", "选举产生区残联第七届主席团。"),
        ),
        on_leave=6,
        absent=1,
    ),
    DemoMeeting(
        BodyKind.PRESIDIUM, 7, 6, date(2025, 4, 10), time(14, 30), _HALL, MeetingStatus.HELD,
        (
            (W, "听取区残联执行理事会2024年工作情况报告", "委员们听取了报告，建议进一步加强基层残疾人专职委员队伍建设。", "会议同意执行理事会2024年工作情况报告。"),
            (M, "2024年度主席团委员提案办理情况", "会议听取了提案办理情况通报，全部提案均已书面答复。", "会议要求对基本满意的提案继续跟踪办理。"),
        ),
    ),
    DemoMeeting(
        BodyKind.PRESIDIUM, 7, 7, date(2026, 3, 19), time(14, 30), _HALL, MeetingStatus.HELD,
        (
            (X, "关于召开区残联第八次代表大会的决定", "会议讨论了代表大会的召开时间、代表名额和产生办法。", "会议决定于2026年12月召开区残联第八次代表大会。"),
            (M, "2025年度主席团委员提案办理情况", "会议听取了提案办理情况通报。", "会议同意提案办理情况通报。"),
        ),
        on_leave=2,
    ),
    DemoMeeting(
        BodyKind.PRESIDIUM, 7, 8, date(2026, 12, 8), time(14, 30), _HALL, MeetingStatus.PLANNED,
        ((X, "审议区残联第八次代表大会代表资格审查报告", "", ""),),
    ),
    DemoMeeting(
        BodyKind.EXECUTIVE_COUNCIL, 7, 9, date(2025, 3, 6), time(9, 30), _HALL, MeetingStatus.HELD,
        (
            (W, "审议区残联执行理事会2024年工作报告", "会议逐项审议了工作报告。", "会议通过执行理事会2024年工作报告，提请主席团会议审议。"),
            (B, "2024年度预算执行情况", "财务科报告了2024年度预算执行情况，全年预算执行率96.2%。", "会议同意预算执行情况报告。"),
            (P, "区残疾人职业康复中心康复设备采购（大额度资金使用）", "会议听取了采购方案、专家论证意见和法律顾问审查意见。", "会议同意采购方案，按政府采购程序实施。"),
        ),
        heads=((Association.INTELLECTUAL, "代"),),
        guests=(("郝立新", "区财政局", "社会保障科科长"),),
    ),
    DemoMeeting(
        BodyKind.EXECUTIVE_COUNCIL, 7, 10, date(2025, 9, 11), time(9, 30), _HALL, MeetingStatus.HELD,
        (
            (B, "2025年上半年预算执行情况", "财务科报告了上半年预算执行情况，执行率为48.5%。", "会议要求加快残疾人辅助器具适配项目的支出进度。"),
            (M, "主席团委员提案办理进展情况", "会议听取了提案承办单位的办理进展。", "会议要求各承办科室按期答复。"),
        ),
        on_leave=2,
    ),
    DemoMeeting(
        BodyKind.EXECUTIVE_COUNCIL, 7, 11, date(2026, 3, 5), time(9, 30), _HALL, MeetingStatus.HELD,
        (
            (W, "审议区残联执行理事会2025年工作报告", "会议审议了工作报告。", "会议通过执行理事会2025年工作报告。"),
            (P, "温馨家园改造提升项目安排（重大项目安排）", "会议听取了项目方案和社会稳定风险评估报告，残疾人代表参与了论证。", "会议同意项目安排，分两年实施。"),
        ),
        heads=((Association.PSYCHOSOCIAL, "缺席"),),
    ),
    DemoMeeting(
        BodyKind.EXECUTIVE_COUNCIL, 7, 12, date(2026, 7, 9), time(9, 30), _HALL, MeetingStatus.HELD,
        (
            (B, "2026年上半年预算执行情况", "财务科报告了上半年预算执行情况。", "会议同意预算执行情况报告。"),
            (X, "区残联第八次代表大会筹备工作方案", "会议讨论了筹备工作方案和分工。", "会议原则通过筹备工作方案。"),
        ),
    ),
    DemoMeeting(
        BodyKind.PARTY_GROUP, None, 1, date(2026, 1, 15), time(9, 0), "区残联党组会议室",
        MeetingStatus.HELD,
        (
            (X, "传达学习区委全会精神", "会议传达学习了区委全会精神。", "会议要求结合残疾人工作抓好贯彻落实。"),
            (B, "区残联2026年部门预算安排", "会议研究了2026年部门预算安排。", "会议同意2026年部门预算安排。"),
        ),
        on_leave=0,
    ),
    DemoMeeting(
        BodyKind.PARTY_GROUP, None, 2, date(2026, 4, 16), time(9, 0), "区残联党组会议室",
        MeetingStatus.HELD,
        (
            (P, "区残联机关中层干部任免（重要干部任免）", "会议听取了动议、民主推荐、考察和酝酿情况的汇报。", "会议同意任免事项，按规定进行任前公示。"),
        ),
    ),
    DemoMeeting(
        BodyKind.PARTY_GROUP, None, 3, date(2026, 9, 10), time(9, 0), "区残联党组会议室",
        MeetingStatus.HELD,
        (
            (P, "区残疾人辅助器具服务中心运营经费（大额度资金使用）", "会议听取了经费测算、专家论证和法律顾问审查意见。", "会议同意运营经费安排。"),
            (X, "区残联第八次代表大会人事安排建议", "会议研究了代表大会的人事安排建议。", "会议同意报区委组织部审核。"),
        ),
        on_leave=0,
    ),
)  # fmt: skip

# The amended minutes: which meeting, which item, the corrected decision and why.
AMENDED = ((BodyKind.EXECUTIVE_COUNCIL, 10), 0)
AMENDED_DECISION = "会议要求加快残疾人辅助器具适配和居家托养服务项目的支出进度。"
AMENDED_REASON = "原纪要漏记居家托养服务项目，经会议主持人核对后补正"
HOSTS = {
    BodyKind.CONGRESS: Position.CHAIR,  # the presidium's chair presides over the congress
    BodyKind.PRESIDIUM: Position.CHAIR,
    BodyKind.EXECUTIVE_COUNCIL: Position.COUNCIL_CHAIR,
    BodyKind.PARTY_GROUP: Position.PARTY_SECRETARY,
}
# The clerk planned a meeting two weeks ahead, and finalised its minutes a week after it at noon.
PLANNED_AHEAD = timedelta(days=14)
_NOON = time(12, 0)


def write_demo_meetings(db: Database, clock: DemoClock, *, user: str) -> int:
    """Plan, hold and minute the demo's meetings, as a clerk would; returns how many."""
    r = random.Random(MEETINGS_SEED)
    for spec in MEETINGS:
        clock.at(spec.day - PLANNED_AHEAD)
        meeting_id = _plan(db, spec, user=user)
        if spec.status is not MeetingStatus.HELD:
            continue
        clock.at(spec.day, spec.at)
        version = _attendance(db, meeting_id, spec, r, user=user)
        version = set_meeting_status(
            db, user=user, meeting_id=meeting_id, expected_version=version, status="held"
        ).version
        clock.at(spec.day + timedelta(days=7), _NOON)
        _minutes(db, clock, meeting_id, version, spec, user=user)
    return len(MEETINGS)


def _plan(db: Database, spec: DemoMeeting, *, user: str) -> int:
    """The meeting planned with its host and agenda; returns its id."""
    host_kind = BodyKind.PRESIDIUM if spec.body is BodyKind.CONGRESS else spec.body
    position = HOSTS[spec.body].value
    host = next(
        e.person_id
        for e in elected(db, term_id(db, host_kind, None, spec.term))
        if e.position == position
    )
    draft = MeetingDraft(spec.day, spec.at, spec.place, host, recorder_name=RECORDER)
    meeting = plan_meeting(
        db, user=user, body=spec.body, term=spec.term, draft=draft, number=spec.ordinal
    )
    items = [AgendaItemDraft(kind.value, title) for kind, title, _, _ in spec.agenda]
    set_agenda(db, user=user, meeting_id=meeting.id, expected_version=meeting.version, items=items)
    return meeting.id


def _attendance(
    db: Database, meeting_id: int, spec: DemoMeeting, r: random.Random, *, user: str
) -> int:
    """The grid as proposed, with some members away; returns the meeting's new version."""
    proposed = prefill_attendance(db, meeting_id=meeting_id)
    host_id = get_meeting(db, meeting_id=meeting_id).meeting.host_person_id
    members = [row for row in proposed if row.role is AttendanceRole.MEMBER]
    # The host and the association seats stay as proposed; others may be away.
    away = [row for row in members if row.person_id != host_id]
    picked = r.sample(away, spec.on_leave + spec.absent)
    on_leave = {row.person_id for row in picked[: spec.on_leave]}
    absent = {row.person_id for row in picked[spec.on_leave :]}
    heads = dict(spec.heads)
    leave, gone = AttendanceStatus.LEAVE.value, AttendanceStatus.ABSENT.value
    lines = []
    for row in proposed:
        line = row.as_draft()
        if row.person_id in on_leave:
            line = replace(line, status=leave, leave_reason=r.choice(LEAVE_REASONS))
        elif row.person_id in absent:
            line = replace(line, status=gone)
        mark = heads.get(row.association) if row.association is not None else None
        if mark == "缺席":
            line = replace(line, status=gone)
        elif mark == "代":
            assert row.association is not None
            line = replace(
                line,
                status=leave,
                leave_reason="外出参加市级协会培训",
                substitute_name=f"{_vice_chair(db, row.association)}（副主席）",
            )
        lines.append(line)
    for name, organisation, post in spec.guests:
        lines.append(
            AttendanceDraft(
                role=AttendanceRole.ATTENDEE.value,
                status=AttendanceStatus.ATTENDING.value,
                guest_name=name,
                guest_organisation=organisation,
                guest_post=post,
            )
        )
    detail = record_attendance(
        db, user=user, meeting_id=meeting_id, expected_version=None, lines=lines
    )
    return detail.meeting.version


def _vice_chair(db: Database, association: Association) -> str:
    """The association's first vice-chair, who comes in the head's place."""
    term = term_id(db, BodyKind.ASSOCIATION, association)
    vice_chair = Position.ASSOCIATION_VICE_CHAIR.value
    return next(e.name for e in elected(db, term) if e.position == vice_chair)


def _minutes(
    db: Database, clock: DemoClock, meeting_id: int, version: int, spec: DemoMeeting, *, user: str
) -> None:
    """Every item's summary and decision, then 定稿; one set amended three weeks later."""
    detail = _sections(db, meeting_id, version, spec, user=user)
    detail = finalise_minutes(
        db, user=user, meeting_id=meeting_id, expected_version=detail.meeting.version
    )
    if AMENDED[0] != (spec.body, spec.ordinal):
        return
    clock.at(spec.day + timedelta(days=27), _NOON)
    item = detail.agenda[AMENDED[1]]
    amend_minutes(
        db,
        user=user,
        meeting_id=meeting_id,
        expected_version=detail.meeting.version,
        sections=[MinutesSection(item.id, item.summary, AMENDED_DECISION)],
        reason=AMENDED_REASON,
    )


def _sections(
    db: Database, meeting_id: int, version: int, spec: DemoMeeting, *, user: str
) -> MeetingDetail:
    agenda = get_meeting(db, meeting_id=meeting_id).agenda
    sections = [
        MinutesSection(item.id, summary or None, decision or None)
        for item, (_kind, _title, summary, decision) in zip(agenda, spec.agenda, strict=True)
    ]
    return write_minutes(
        db, user=user, meeting_id=meeting_id, expected_version=version, sections=sections
    )
