"""提案表: one motion as it was submitted (number, title, proposer and co-signers, category,
案由 / 理由 / 办法和建议, date), or the blank form members fill by hand at a session.

Built from plain data (the service reads the motion). A text not stored separately is given as
None and prints as （无）, so nothing is put under the wrong heading.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from models.documents.paper import Block, Heading, Paper, Paragraph, Spacer, Table
from models.domain.dates import chinese_date

# The three texts of a motion, in the order a form asks for them.
TEXT_HEADINGS = ("案由", "理由", "办法和建议")
# Grid lines of room a blank form leaves for each hand-written text (and for the title).
BLANK_TEXT_LINES = (3, 4, 4)
BLANK_TITLE_LINES = 1
# An empty box row keeps a full line of height in both writers (a zero-width space).
_ROOM = "\u200b"


@dataclass(frozen=True)
class MotionFormData:
    organisation: str  # 门头沟区残疾人联合会
    term_name: str  # 第八届主席团
    motion_number: str | None = None
    title: str = ""
    proposer: str = ""
    co_signers: tuple[str, ...] = ()
    category: str | None = None
    cause: str | None = None  # 案由
    reasons: str | None = None  # 理由
    proposals: str | None = None  # 办法和建议
    submitted_on: date | None = None


def _box(label: str, lines: int) -> tuple[tuple[str, str], ...]:
    """A labelled box `lines` grid rows high: ruled rows to write on by hand."""
    return ((label, _ROOM), *(("", _ROOM) for _ in range(lines - 1)))


def _facts(data: MotionFormData) -> tuple[tuple[str, str], ...]:
    return (
        ("届次", data.term_name),
        ("提案编号", data.motion_number or "（未编号）"),
        ("提案标题", data.title),
        ("提案人", data.proposer),
        ("附议人", "、".join(data.co_signers) or "无"),
        ("类别", data.category or "—"),
        ("提交日期", chinese_date(data.submitted_on) if data.submitted_on else "—"),
    )


def motion_form_paper(data: MotionFormData) -> Paper:
    """The filled form: a table of the facts, then the three texts under their headings."""
    blocks: list[Block] = [
        Table(headers=("项目", "内容"), rows=_facts(data), widths=(0.24, 0.76)),
        Spacer(),
    ]
    texts = (data.cause, data.reasons, data.proposals)
    for number, heading, text in zip("一二三", TEXT_HEADINGS, texts, strict=True):
        blocks.append(Heading(1, f"{number}、{heading}"))
        blocks.append(Paragraph(text.strip() if text and text.strip() else "（无）"))
    return Paper(
        title=f"{data.organisation}提案表",
        blocks=tuple(blocks),
        date=data.submitted_on,
    )


def blank_motion_form_paper(organisation: str, term_name: str) -> Paper:
    """The blank form: every box empty, ruled rows with room to write by hand, the proposer's
    and co-signers' signatures at the foot."""
    rows: tuple[tuple[str, str], ...] = (
        ("届次", term_name),
        ("提案编号", "（由秘书处填写）"),
        *_box("提案标题", BLANK_TITLE_LINES),
        ("提案人", _ROOM),
        *_box("附议人", 2),
        ("类别", _ROOM),
        *(
            row
            for heading, lines in zip(TEXT_HEADINGS, BLANK_TEXT_LINES, strict=True)
            for row in _box(heading, lines)
        ),
        ("提交日期", "年　　月　　日"),
    )
    blocks: list[Block] = [
        Table(headers=("项目", "内容"), rows=rows, widths=(0.24, 0.76)),
        Spacer(),
        Paragraph("提案人签名：　　　　　　附议人签名：", indent_chars=0),
        Paragraph("一事一案；篇幅不够可另附页。请于会议期间交大会秘书处。", indent_chars=0),
    ]
    return Paper(title=f"{organisation}提案表", blocks=tuple(blocks))


__all__ = [
    "BLANK_TEXT_LINES",
    "TEXT_HEADINGS",
    "MotionFormData",
    "blank_motion_form_paper",
    "motion_form_paper",
]
