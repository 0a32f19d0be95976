"""The closed vocabularies of meetings (DOMAIN §6), and the titles a meeting and its minutes carry."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from enum import StrEnum

from models.domain.vocabulary import BodyKind, body_display_name, chinese_ordinal

# Beijing time, without daylight saving since 1991: meetings are held and minuted in it.
FEDERATION_TZ = timezone(timedelta(hours=8), "北京时间")


def local_start(day: date, at: time | None) -> datetime | None:
    """The opening instant of a meeting on `day` at the local time `at`."""
    return None if at is None else datetime.combine(day, at, tzinfo=FEDERATION_TZ)


def local_time(starts_at: datetime | None) -> time | None:
    return None if starts_at is None else starts_at.astimezone(FEDERATION_TZ).time()


class MeetingStatus(StrEnum):
    PLANNED = "planned"
    HELD = "held"
    CANCELLED = "cancelled"


class AgendaKind(StrEnum):
    WORK_REPORT = "审议执行理事会工作报告"
    BUDGET = "预算执行情况监督"
    MOTION = "提案"
    MAJOR_MATTER = "三重一大事项"
    OTHER = "其他"


class AttendanceRole(StrEnum):
    """A member counts towards the quorum; an attendee (列席) never does."""

    MEMBER = "member"
    ATTENDEE = "attendee"


class AttendanceStatus(StrEnum):
    PRESENT = "出席"
    LEAVE = "请假"
    ABSENT = "缺席"
    ATTENDING = "列席"


class MinutesStatus(StrEnum):
    DRAFT = "draft"
    FINAL = "final"


class HeadPresence(StrEnum):
    """How a specialized association was present at one executive-council meeting."""

    AS_ATTENDEE = "head_attendee"
    AS_MEMBER = "head_member"
    BY_SUBSTITUTE = "substitute"
    NOT_ATTENDED = "not_attended"


MEETING_STATUS_NAMES: dict[MeetingStatus, str] = {
    MeetingStatus.PLANNED: "筹备中",
    MeetingStatus.HELD: "已召开",
    MeetingStatus.CANCELLED: "已取消",
}

MINUTES_STATUS_NAMES: dict[MinutesStatus, str] = {
    MinutesStatus.DRAFT: "草稿",
    MinutesStatus.FINAL: "已定稿",
}

HEAD_PRESENCE_NAMES: dict[HeadPresence, str] = {
    HeadPresence.AS_ATTENDEE: "主席列席",
    HeadPresence.AS_MEMBER: "主席以理事身份出席",
    HeadPresence.BY_SUBSTITUTE: "委托代为列席",
    HeadPresence.NOT_ATTENDED: "未参加",
}

# What each role may be marked: members 出席/请假/缺席; invited non-members 列席, or did not come.
STATUSES_OF_ROLE: dict[AttendanceRole, tuple[AttendanceStatus, ...]] = {
    AttendanceRole.MEMBER: (
        AttendanceStatus.PRESENT,
        AttendanceStatus.LEAVE,
        AttendanceStatus.ABSENT,
    ),
    AttendanceRole.ATTENDEE: (
        AttendanceStatus.ATTENDING,
        AttendanceStatus.LEAVE,
        AttendanceStatus.ABSENT,
    ),
}

# A held meeting goes back to planned only while its minutes are a draft (the service checks that).
MEETING_TRANSITIONS: dict[MeetingStatus, frozenset[MeetingStatus]] = {
    MeetingStatus.PLANNED: frozenset({MeetingStatus.HELD, MeetingStatus.CANCELLED}),
    MeetingStatus.HELD: frozenset({MeetingStatus.PLANNED}),
    MeetingStatus.CANCELLED: frozenset({MeetingStatus.PLANNED}),
}

MEETING_BODIES = (
    BodyKind.CONGRESS,
    BodyKind.PRESIDIUM,
    BodyKind.EXECUTIVE_COUNCIL,
    BodyKind.PARTY_GROUP,
)


def meeting_title(kind: BodyKind, *, term: int | None, year: int, number: int) -> str:
    """第八届执行理事会第三次会议, 第七次代表大会第一次会议, 2026年第3次党组会议."""
    if kind is BodyKind.PARTY_GROUP:
        return f"{year}年第{number}次党组会议"
    name = body_display_name(kind)
    if term is None:  # a termed body's meeting always has its term; shown plainly if not
        return f"{name}第{chinese_ordinal(number)}次会议"
    if kind is BodyKind.CONGRESS:
        return f"第{chinese_ordinal(term)}次代表大会第{chinese_ordinal(number)}次会议"
    return f"第{chinese_ordinal(term)}届{name}第{chinese_ordinal(number)}次会议"


def minutes_title(meeting: str) -> str:
    return f"{meeting}纪要"


def series_name(kind: BodyKind, *, term: int | None, year: int) -> str:
    """The run a meeting is numbered in: 第八届执行理事会, 2026年党组会议."""
    if kind is BodyKind.PARTY_GROUP:
        return f"{year}年党组会议"
    if kind is BodyKind.CONGRESS and term is not None:
        return f"第{chinese_ordinal(term)}次代表大会"
    prefix = "" if term is None else f"第{chinese_ordinal(term)}届"
    return f"{prefix}{body_display_name(kind)}"
