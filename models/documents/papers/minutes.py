"""会议纪要: the header paragraph, one numbered section per agenda item, then 出席 / 请假 / 列席.

Built from plain data (the service reads the meeting and fills these in). Laid out after DOMAIN §7:
after the body come "出席：", "请假：" (with the reason), "缺席：" (members only, when any) and
"列席：" (with the organisation and post; a substitute as 王五（副主席，代李四列席）). Draft minutes say
so in the title; amended final minutes end with 修正记录 — each amendment's day, who, what and why.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, time

from models.documents.layout import heading_number
from models.documents.paper import Block, Heading, LabelledLine, Paper, Paragraph, Spacer
from models.domain.dates import chinese_date
from models.domain.meeting_vocabulary import AttendanceStatus

DRAFT_MARK = "（草稿）"
AMENDMENTS_HEADING = "修正记录"


@dataclass(frozen=True)
class Attendee:
    """One attendance line: a member (出席/请假/缺席) or a non-member (列席, or did not come)."""

    name: str
    status: AttendanceStatus
    member: bool = True
    post: str = ""  # a guest's organisation and post; an association head's 盲人协会主席
    leave_reason: str | None = None
    substitute: str | None = None  # who came in this person's place (委托代为列席)


@dataclass(frozen=True)
class Section:
    """One agenda item: its title, the summary of the discussion and the decision as written."""

    title: str
    summary: str | None = None
    decision: str | None = None


@dataclass(frozen=True)
class Amendment:
    day: date  # local (Beijing) date of the amendment
    by: str
    part: str  # 第1项议题“…”的决定事项
    reason: str
    before: str | None = None
    after: str | None = None


@dataclass(frozen=True)
class MinutesData:
    organisation: str  # 门头沟区残疾人联合会
    meeting: str  # 第七届执行理事会第十次会议
    meeting_date: date
    start: time | None = None  # local time
    place: str | None = None
    host: str | None = None
    recorder: str | None = None
    sections: tuple[Section, ...] = ()
    attendance: tuple[Attendee, ...] = ()
    final: bool = False
    amendments: tuple[Amendment, ...] = ()
    doc_number: str | None = None  # 〔2026〕1号
    quorum: str | None = None  # 应到7人，实到5人，超过半数，符合开会要求


def minutes_title(data: MinutesData) -> str:
    """门头沟区残疾人联合会第七届执行理事会第十次会议纪要, with （草稿） until final."""
    title = f"{data.organisation}{data.meeting}纪要"
    return title if data.final else title + DRAFT_MARK


def when_text(day: date, at: time | None) -> str:
    """2026年3月5日9时30分 (the hour without padding, as the date)."""
    text = chinese_date(day)
    if at is not None:
        text += f"{at.hour}时" + (f"{at.minute}分" if at.minute else "")
    return text


def _opening(data: MinutesData) -> str:
    where = f"在{data.place}" if data.place else ""
    text = f"{when_text(data.meeting_date, data.start)}，{data.meeting}{where}召开。"
    if data.host and data.recorder:
        text += f"会议由{data.host}主持，{data.recorder}记录。"
    elif data.host:
        text += f"会议由{data.host}主持。"
    elif data.recorder:
        text += f"会议由{data.recorder}记录。"
    if data.quorum:
        text += f"会议{data.quorum}。"
    if data.sections:
        text += f"会议研究了{_count(len(data.sections))}项议题，纪要如下："
    return text


_SMALL = "零一两三四五六七八九十"


def _count(n: int) -> str:
    """两项议题, 十项, 12项: counted things as written in prose."""
    return _SMALL[n] if 0 <= n <= 10 else str(n)


def _substitute_text(substitute: str, head: str) -> str:
    """王五（副主席） for 李四 → 王五（副主席，代李四列席）; 王五 → 王五（代李四列席）."""
    if substitute.endswith("）") and "（" in substitute:
        return f"{substitute[:-1]}，代{head}列席）"
    return f"{substitute}（代{head}列席）"


def attendance_lines(attendance: Sequence[Attendee]) -> list[tuple[str, str]]:
    """(label, names) for 出席, 请假, 缺席 and 列席, each only when somebody is on it."""
    present: list[str] = []
    leave: list[str] = []
    absent: list[str] = []
    attending: list[str] = []
    for line in attendance:
        if line.status is AttendanceStatus.PRESENT:
            present.append(line.name)
        elif line.status is AttendanceStatus.ATTENDING:
            attending.append(f"{line.name}（{line.post}）" if line.post else line.name)
        elif line.status is AttendanceStatus.LEAVE:
            reason = (line.leave_reason or "").strip()
            leave.append(f"{line.name}（{reason}）" if reason else line.name)
        elif line.member:  # an invited non-member who did not come is not 缺席
            absent.append(line.name)
        if line.substitute and line.status is not AttendanceStatus.PRESENT:
            attending.append(_substitute_text(line.substitute.strip(), line.name))
    groups = (("出席：", present), ("请假：", leave), ("缺席：", absent), ("列席：", attending))
    return [(label, "、".join(names)) for label, names in groups if names]


def _one_line(text: str | None) -> str:
    """A quoted part on one line, without the full stop the quotation's comma replaces."""
    joined = "；".join(part.strip() for part in (text or "").splitlines() if part.strip())
    return joined.rstrip("。；")


def _amendment_text(number: int, a: Amendment) -> str:
    text = f"{number}. {chinese_date(a.day)}，{a.by}修正{a.part}。"
    before, after = _one_line(a.before), _one_line(a.after)
    if before or after:
        text += f"原为“{before or '（空）'}”，改为“{after or '（空）'}”。"
    return text + f"修正理由：{a.reason.strip().rstrip('。')}。"


def minutes_paper(data: MinutesData) -> Paper:
    blocks: list[Block] = [Paragraph(_opening(data))]
    for number, section in enumerate(data.sections, start=1):
        blocks.append(Heading(1, f"{heading_number(1, number)}{section.title}"))
        written = [t.strip() for t in (section.summary, section.decision) if t and t.strip()]
        blocks += [Paragraph(text) for text in written] or [Paragraph("（本项尚未记录。）")]
    lines = attendance_lines(data.attendance)
    if lines:
        blocks.append(Spacer())
        blocks += [LabelledLine(label, names, names=True) for label, names in lines]
    if data.final and data.amendments:
        blocks.append(Spacer())
        blocks.append(Heading(1, AMENDMENTS_HEADING))
        blocks.append(
            Paragraph(f"本纪要定稿后修正{_count(len(data.amendments))}处，以修正后的内容为准：")
        )
        blocks += [Paragraph(_amendment_text(n, a)) for n, a in enumerate(data.amendments, start=1)]
    return Paper(title=minutes_title(data), blocks=tuple(blocks), doc_number=data.doc_number)
