"""专门协会列席情况统计表: per association, how the year's executive-council meetings were attended.

Two landscape tables: the counts per association (meetings held; the head as 列席; the head as a
council member; by a substitute; not attended; not recorded), then each meeting with each
association's presence and who came. A meeting whose attendance nobody entered is counted apart
(未录入), never as an absence (DOMAIN §6).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from models.documents.paper import Block, Heading, Paper, Paragraph, Table
from models.domain.dates import chinese_date
from models.domain.meeting_vocabulary import HeadPresence
from models.domain.motion_statistics import rate_with_counts

NOT_RECORDED = "未录入"
# Short words for the per-meeting table, where five associations share one line; the name of
# who came follows after a space, where the cell breaks when it is too narrow.
PRESENCE_WORDS: dict[HeadPresence, str] = {
    HeadPresence.AS_ATTENDEE: "列席",
    HeadPresence.AS_MEMBER: "理事出席",
    HeadPresence.BY_SUBSTITUTE: "委托代列席",
    HeadPresence.NOT_ATTENDED: "未参加",
}
SHORT_NAMES = {
    "盲人协会": "盲协",
    "聋人协会": "聋协",
    "肢残人协会": "肢协",
    "智力残疾人及亲友协会": "智协",
    "精神残疾人及亲友协会": "精协",
}


@dataclass(frozen=True)
class Mark:
    """How one association was present at one meeting; presence None: attendance not recorded."""

    presence: HeadPresence | None
    name: str | None = None  # the head, or the substitute who came


@dataclass(frozen=True)
class AssociationYear:
    name: str  # 盲人协会
    marks: tuple[Mark, ...]  # one per meeting, in the meetings' order


@dataclass(frozen=True)
class CouncilMeeting:
    title: str  # 第七届执行理事会第十次会议
    day: date


@dataclass(frozen=True)
class AssociationAttendanceData:
    organisation: str
    year: int
    meetings: tuple[CouncilMeeting, ...]
    associations: tuple[AssociationYear, ...]
    on: date | None = None  # the day the table was drawn up


def association_attendance_title(data: AssociationAttendanceData) -> str:
    return f"{data.organisation}{data.year}年专门协会列席执行理事会会议情况统计表"


def _count(marks: Sequence[Mark], presence: HeadPresence | None) -> str:
    return str(sum(1 for m in marks if m.presence is presence))


def attendance_rate(marks: Sequence[Mark]) -> str:
    """出席率 "75.0%（3/4）": present in any way ÷ meetings whose attendance is recorded."""
    recorded = [m for m in marks if m.presence is not None]
    attended = sum(1 for m in recorded if m.presence is not HeadPresence.NOT_ATTENDED)
    return rate_with_counts(attended, len(recorded))


def _cell(mark: Mark) -> str:
    if mark.presence is None:
        return NOT_RECORDED
    word = PRESENCE_WORDS[mark.presence]
    # 余金山（副主席） is shown as 余金山: the cell holds six characters a line.
    name = (mark.name or "").split("（")[0].strip()
    return f"{word} {name}" if name else word


def association_attendance_paper(data: AssociationAttendanceData) -> Paper:
    held = len(data.meetings)
    totals = Table(
        headers=(
            "专门协会",
            "召开会议",
            "主席列席",
            "主席以理事身份出席",
            "委托代为列席",
            "未参加",
            "未录入",
            "出席率",
        ),
        rows=tuple(
            (
                a.name,
                str(held),
                _count(a.marks, HeadPresence.AS_ATTENDEE),
                _count(a.marks, HeadPresence.AS_MEMBER),
                _count(a.marks, HeadPresence.BY_SUBSTITUTE),
                _count(a.marks, HeadPresence.NOT_ATTENDED),
                _count(a.marks, None),
                attendance_rate(a.marks),
            )
            for a in data.associations
        ),
        widths=(3.2, 0.9, 0.9, 1.4, 1.1, 0.9, 0.9, 2.0),
    )
    blocks: list[Block] = [
        Paragraph(
            f"{data.year}年共召开执行理事会会议{held}次。“主席以理事身份出席”指协会主席本人是"
            "执行理事会成员并出席会议；“未录入”指该次会议尚未录入出席情况，不计为未参加。"
            "出席率＝（主席列席＋主席以理事身份出席＋委托代为列席）÷已录入出席情况的会议次数。"
            "各次会议表中，“列席”“理事出席”后为主席姓名，“委托代列席”后为受委托人。"
        ),
        Heading(1, "一、各专门协会列席情况"),
        totals,
    ]
    if data.meetings:
        per_meeting = Table(
            headers=(
                "会议",
                "日期",
                *(SHORT_NAMES.get(a.name, a.name) for a in data.associations),
            ),
            rows=tuple(
                (
                    meeting.title,
                    chinese_date(meeting.day),
                    *(_cell(a.marks[i]) for a in data.associations),
                )
                for i, meeting in enumerate(data.meetings)
            ),
            widths=(2.4, 1.7, *([1.5] * len(data.associations))),
            font_size=12,
        )
        blocks += [Heading(1, "二、各次会议列席情况"), per_meeting]
    return Paper(
        title=association_attendance_title(data),
        blocks=tuple(blocks),
        date=data.on,
        landscape=True,
    )
