"""三重一大事项年度台账: one line per decision of the year, landscape (DOMAIN §5, §7).

Built from plain data (the service reads the year's decisions). The same paper is the .xlsx
through models.documents.xlsx_summary.write_xlsx: its one table becomes the sheet.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from models.documents.paper import Block, Paper, Paragraph, Table
from models.domain.dates import chinese_date

REGISTER_HEADERS = (
    "序号",
    "事项名称",
    "类别",
    "金额",
    "决策机构",
    "会议及日期",
    "应到/回避/实到",
    "表决结果",
    "状态",
    "执行情况",
)
BLANK = "—"


@dataclass(frozen=True)
class RegisterLine:
    """A decision as the year's register shows it: its latest discussion, if any."""

    title: str
    category: str
    deciding_body: str
    state: str  # 待议, 执行中, 紧急处置 …
    amount_text: str | None = None  # 150万元
    meeting: str | None = None  # 第八届执行理事会第3次会议
    meeting_date: date | None = None
    expected: int | None = None  # 应到 before recusal
    recused: int | None = None
    present: int | None = None
    result: str | None = None  # 通过 | 未通过 | 暂缓表决
    follow_up: str = ""  # 执行中：已完成1项，共2项


@dataclass(frozen=True)
class DecisionRegisterData:
    year: int
    lines: tuple[RegisterLine, ...]
    printed_on: date


def register_title(year: int) -> str:
    return f"{year}年三重一大事项台账"


def _meeting(line: RegisterLine) -> str:
    if line.meeting is None:
        return BLANK
    return (
        f"{line.meeting}（{chinese_date(line.meeting_date)}）"
        if line.meeting_date
        else line.meeting
    )


def _counts(line: RegisterLine) -> str:
    if line.expected is None:
        return BLANK
    return (
        f"{line.expected}/{line.recused or 0}/{line.present if line.present is not None else BLANK}"
    )


def register_table(data: DecisionRegisterData) -> Table:
    rows = tuple(
        (
            str(n),
            line.title,
            line.category,
            line.amount_text or BLANK,
            line.deciding_body,
            _meeting(line),
            _counts(line),
            line.result or BLANK,
            line.state,
            line.follow_up or BLANK,
        )
        for n, line in enumerate(data.lines, start=1)
    )
    widths = (0.05, 0.18, 0.09, 0.07, 0.08, 0.17, 0.1, 0.08, 0.08, 0.1)
    return Table(headers=REGISTER_HEADERS, rows=rows, widths=widths, font_size=10.5)


def decision_register_paper(data: DecisionRegisterData) -> Paper:
    blocks: list[Block] = [register_table(data)]
    if data.lines:
        blocks.append(Paragraph(f"本年度共{len(data.lines)}项。应到为回避前人数。"))
    else:
        blocks.append(Paragraph("本年度无三重一大事项。"))
    return Paper(
        title=register_title(data.year), blocks=tuple(blocks), landscape=True, date=data.printed_on
    )
