"""三重一大事项决策记录表: the matter, its required steps, each collective discussion, the follow-up.

Built from plain data (the service reads the decision and fills these in; DOMAIN §5). Portrait,
flowing onto further pages as needed. What the inspectors look for is never left blank: a step
neither done nor waived prints 未完成, a not-applicable step its reason and who accepted it, and
every position with its remarks in speaking order — a 保留意见 in full, marked as such.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from models.documents.layout import heading_number
from models.documents.paper import Block, Heading, LabelledLine, Paper, Paragraph, Table
from models.domain.dates import chinese_date

TITLE = "三重一大事项决策记录表"
BEFORE, AT, AFTER = "讨论前", "会上", "讨论后"
MISSING = "未完成"
EMERGENCY_NOTE = "本事项为紧急处置，由处置人决定，未经决策前必经程序；处置情况向下次会议报告。"
NOT_APPLICABLE = "不适用"
RESERVED_MARK = "（保留意见）"
NONE = "无"
HASH_NOTE = "附件校验码为该文件SHA-256值的前12位，可据以核对存档文件未被改动。"
BLANK = "—"
STEP_HEADERS = ("程序", "时间", "参加人员", "情况摘要或不适用理由", "附件")
POSITION_HEADERS = ("序号", "姓名", "表态", "意见")
FOLLOW_UP_HEADERS = ("序号", "执行事项", "责任人", "完成时限", "进展情况", "完成日期")
FORM_HEADERS = ("项目", "内容")
_FORM_WIDTHS = (0.24, 0.76)
_SMALL = 12.0  # 小四: five-column tables in the portrait 版心
_ENDS = frozenset("。！？；：，、")


class Attachment(NamedTuple):
    name: str  # the original file name
    sha256: str  # the first 12 hex digits of its SHA-256


class Recusal(NamedTuple):
    name: str
    reason: str


class FollowUpLine(NamedTuple):
    owner: str
    due_on: date | None
    progress: str
    done_on: date | None = None
    task: str = ""


@dataclass(frozen=True)
class StepLine:
    """One required step; neither done (done_on) nor not applicable, it is missing."""

    kind: str  # 专家论证, 任前公示 …
    timing: str  # BEFORE | AT | AFTER
    done_on: date | None = None
    participants: str = ""
    summary: str = ""
    not_applicable: bool = False
    na_reason: str | None = None
    na_accepted_by: str | None = None
    attachments: tuple[Attachment, ...] = ()

    @property
    def is_missing(self) -> bool:
        return not self.not_applicable and self.done_on is None


@dataclass(frozen=True)
class PositionLine:
    order: int  # speaking order, from 1
    name: str
    position: str  # 同意 | 不同意 | 缓议
    remarks: str = ""
    reserved_opinion: bool = False  # the remarks are a 保留意见, minuted in full


@dataclass(frozen=True)
class Reopening:
    """复议: who asked for it, when, and how many of the members agreed to reopen."""

    requested_by: str
    requested_on: date
    agree: int
    members: int
    passed: bool


@dataclass(frozen=True)
class DiscussionRecord:
    meeting: str  # 第八届执行理事会第3次会议
    meeting_date: date
    agenda_item: str
    presiding: str
    leader: str  # 党组书记 or 理事长
    expected: int  # 应到 before recusal
    attendance_words: str  # 应到7人，回避1人，按6人计，实到5人 (the domain's words)
    present: int
    recused: tuple[Recusal, ...] = ()
    absent: tuple[str, ...] = ()
    positions: tuple[PositionLine, ...] = ()
    agree: int = 0
    disagree: int = 0
    defer: int = 0
    result: str | None = None  # 通过 | 未通过 | 暂缓表决; None before the vote
    reopenings: tuple[Reopening, ...] = ()
    note: str = ""  # the meeting's word on the item, e.g. why it deferred


@dataclass(frozen=True)
class Emergency:
    """紧急处置: decided by one person, to be reported to the next meeting."""

    decided_by: str
    decided_on: date
    reason: str
    reported_at: str | None = None  # the meeting it was reported to
    reported_on: date | None = None


@dataclass(frozen=True)
class DecisionRecordData:
    title: str  # 事项名称
    category: str  # 重大决策 | 重要干部任免 | 重大项目安排 | 大额度资金使用
    deciding_body: str  # 执行理事会 | 党组
    state: str  # 准备中, 待议, 通过 …
    printed_on: date
    amount_text: str | None = None  # 150万元; None where no amount applies
    background: str = ""
    emergency: Emergency | None = None
    steps: tuple[StepLine, ...] = ()
    discussions: tuple[DiscussionRecord, ...] = ()
    follow_ups: tuple[FollowUpLine, ...] = ()


def _day(day: date | None, missing: str = BLANK) -> str:
    return chinese_date(day) if day is not None else missing


def _text(text: str | None) -> str:
    """Several written lines as one table cell (cells break by width, not at line ends)."""
    out = ""
    for part in (p.strip() for p in (text or "").splitlines()):
        if part:
            out += ("；" if out and out[-1] not in _ENDS else "") + part
    return out


def header_table(data: DecisionRecordData) -> Table:
    rows = (
        ("事项名称", data.title),
        ("事项类别", data.category),
        ("金额", data.amount_text or BLANK),
        ("决策机构", data.deciding_body),
        ("事项背景", _text(data.background) or BLANK),
        ("当前状态", data.state),
    )
    return Table(headers=FORM_HEADERS, rows=rows, widths=_FORM_WIDTHS)


def step_cells(step: StepLine) -> tuple[str, str, str, str, str]:
    # A space, not a mark, between files: a cell may break there without a stray 、 or ；.
    files = " ".join(f"{a.name}（校验码{a.sha256}）" for a in step.attachments) or NONE
    if step.not_applicable:
        reason = _text(step.na_reason) or "未写明理由"
        accepted = f"，{step.na_accepted_by}认可" if step.na_accepted_by else ""
        return (step.kind, NOT_APPLICABLE, BLANK, f"不适用：{reason}{accepted}", files)
    if step.done_on is None:
        return (
            step.kind,
            MISSING,
            step.participants or BLANK,
            _text(step.summary) or MISSING,
            files,
        )
    return (
        step.kind,
        chinese_date(step.done_on),
        step.participants or BLANK,
        _text(step.summary) or BLANK,
        files,
    )


def step_table(steps: Sequence[StepLine]) -> Table:
    return Table(
        headers=STEP_HEADERS,
        rows=tuple(step_cells(s) for s in steps),
        widths=(0.15, 0.21, 0.15, 0.27, 0.22),  # 2026年12月31日 and a hash each on one line
        font_size=_SMALL,
    )


def _step_blocks(steps: Sequence[StepLine]) -> list[Block]:
    blocks: list[Block] = [step_table(steps)]
    if any(s.attachments for s in steps):
        blocks.append(Paragraph(HASH_NOTE))
    return blocks


def _position_cells(line: PositionLine) -> tuple[str, str, str, str]:
    remarks = _text(line.remarks)
    if line.reserved_opinion:
        remarks = RESERVED_MARK + remarks
    return (str(line.order), line.name, line.position, remarks or BLANK)


def position_table(positions: Sequence[PositionLine]) -> Table:
    ordered = sorted(positions, key=lambda p: p.order)
    return Table(
        headers=POSITION_HEADERS,
        rows=tuple(_position_cells(p) for p in ordered),
        widths=(0.1, 0.17, 0.13, 0.6),
        font_size=_SMALL,
    )


def result_words(d: DiscussionRecord) -> str:
    """同意5人，不同意1人，缓议0人，结果：通过 (after the label 表决结果：)."""
    if d.result is None:
        return "尚未表决"
    if not d.positions and not (d.agree or d.disagree or d.defer):
        return d.result  # 暂缓表决 without positions taken: no tally to print
    tally = f"同意{d.agree}人，不同意{d.disagree}人，缓议{d.defer}人"
    return f"{tally}，结果：{d.result}"


def reopening_words(r: Reopening) -> str:
    outcome = "同意复议" if r.passed else "未达成员半数，不予复议"
    return (
        f"{chinese_date(r.requested_on)}，{r.requested_by}提请复议；"
        f"成员{r.members}人，同意复议{r.agree}人，{outcome}。"
    )


def discussion_table(d: DiscussionRecord) -> Table:
    recused = "；".join(f"{r.name}（{_text(r.reason) or '未写明理由'}）" for r in d.recused)
    rows = [
        ("时间", chinese_date(d.meeting_date)),
        ("议题", d.agenda_item),
        ("主持人", d.presiding),
        ("主要负责同志", d.leader),
        ("出席情况", d.attendance_words),
        ("回避", recused or NONE),
        ("未出席", "、".join(d.absent) or NONE),
    ]
    return Table(headers=FORM_HEADERS, rows=tuple(rows), widths=_FORM_WIDTHS)


def _discussion_blocks(number: int, d: DiscussionRecord) -> list[Block]:
    blocks: list[Block] = [
        Heading(2, f"{heading_number(2, number)}{d.meeting}"),
        discussion_table(d),
    ]
    if d.positions:
        blocks += [
            Paragraph("表态情况（按发言顺序）：", indent_chars=0),
            position_table(d.positions),
        ]
    else:
        blocks.append(Paragraph("表态情况：尚未记录。", indent_chars=0))
    blocks.append(LabelledLine("表决结果：", result_words(d)))
    if _text(d.note):
        blocks.append(LabelledLine("备注：", _text(d.note)))
    blocks += [LabelledLine("复议：", reopening_words(r)) for r in d.reopenings]
    return blocks


def follow_up_table(lines: Sequence[FollowUpLine]) -> Table:
    rows = tuple(
        (
            str(n),
            _text(f.task) or BLANK,
            f.owner,
            _day(f.due_on),
            _text(f.progress) or BLANK,
            _day(f.done_on, MISSING),
        )
        for n, f in enumerate(lines, start=1)
    )
    return Table(
        headers=FOLLOW_UP_HEADERS,
        rows=rows,
        widths=(0.07, 0.22, 0.13, 0.17, 0.24, 0.17),
        font_size=_SMALL,
    )


def emergency_table(e: Emergency) -> Table:
    if e.reported_at:
        when = f"（{chinese_date(e.reported_on)}）" if e.reported_on else ""
        reported = f"已向{e.reported_at}{when}报告"
    else:
        reported = "尚未向会议报告"
    rows = (
        ("处置人", e.decided_by),
        ("处置日期", chinese_date(e.decided_on)),
        ("紧急事由", _text(e.reason) or BLANK),
        ("报告情况", reported),
    )
    return Table(headers=FORM_HEADERS, rows=rows, widths=_FORM_WIDTHS)


def _sections(data: DecisionRecordData) -> list[tuple[str, list[Block]]]:
    before = [s for s in data.steps if s.timing == BEFORE]
    at = [s for s in data.steps if s.timing == AT]
    after = [s for s in data.steps if s.timing == AFTER]
    sections: list[tuple[str, list[Block]]] = []
    if data.emergency is not None:
        sections.append(("紧急处置", [emergency_table(data.emergency)]))
    if data.emergency is not None:
        # Decided by one person: no procedure was due before it; only what was done is shown.
        done = [s for s in before if not s.is_missing]
        sections.append(
            (
                "决策前必经程序",
                [Paragraph(EMERGENCY_NOTE), *_step_blocks(done)]
                if done
                else [Paragraph(EMERGENCY_NOTE)],
            )
        )
    else:
        sections.append(
            (
                "决策前必经程序",
                _step_blocks(before) if before else [Paragraph("本事项无决策前必经程序。")],
            )
        )
    discussed: list[Block] = _step_blocks(at) if at else []
    for number, d in enumerate(data.discussions, start=1):
        discussed += _discussion_blocks(number, d)
    sections.append(("集体讨论", discussed or [Paragraph("尚未提交集体讨论。")]))
    if after:
        sections.append(("决策后程序", _step_blocks(after)))
    sections.append(
        (
            "执行情况",
            [follow_up_table(data.follow_ups)]
            if data.follow_ups
            else [Paragraph("尚无执行情况记录。")],
        )
    )
    return sections


def decision_record_paper(data: DecisionRecordData) -> Paper:
    blocks: list[Block] = [header_table(data)]
    for number, (name, body) in enumerate(_sections(data), start=1):
        blocks.append(Heading(1, f"{heading_number(1, number)}{name}"))
        blocks += body
    return Paper(title=TITLE, blocks=tuple(blocks), date=data.printed_on)
