"""提案办理情况汇总表: one line per numbered motion, then the figures (DOMAIN §4) by 承办单位, by
类别 and by 状态 — each table with its 合计 line.

Landscape. Built from plain data: the service reads the motions and the statistics; rates come
in as the strings to print ("66.7%", "—").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from models.documents.paper import Block, Heading, Paper, Paragraph, Table
from models.domain.dates import chinese_date

MOTION_HEADERS = (
    "编号",
    "提案标题",
    "提案人",
    "主办单位",
    "类别",
    "状态",
    "答复类别",
    "办理态度",
    "办理结果",
    "逾期",
    "沟通",
)
FIGURE_HEADERS = (
    "承办单位",
    "件数",
    "立案数",
    "已答复",
    "答复率",
    "按时答复率",
    "沟通率",
    "答复类别构成",
    "办理态度满意率",
    "办理结果满意率",
)


@dataclass(frozen=True)
class SummaryLine:
    number: str
    title: str
    proposer: str
    unit: str
    category: str
    state: str  # 已答复
    reply_class: str
    attitude: str
    result: str
    overdue: bool
    contacted: bool


@dataclass(frozen=True)
class FigureLine:
    unit: str  # 合计 for the overall line
    numbered: int
    replied: int
    reply_rate: str
    on_time_rate: str
    contact_rate: str
    class_shares: str  # A 50.0%、B 50.0%
    attitude_rate: str
    result_rate: str
    total: int = 0  # every motion of the group, numbered or not


@dataclass(frozen=True)
class MotionSummaryData:
    organisation: str
    term_name: str  # 第八届主席团
    lines: tuple[SummaryLine, ...]
    figures: tuple[FigureLine, ...]
    on: date
    timeouts: int = 0  # feedback timeouts counted as 基本满意
    by_category: tuple[FigureLine, ...] = ()  # with a 合计 line, like `figures`
    by_state: tuple[FigureLine, ...] = ()


def summary_title(data: MotionSummaryData) -> str:
    return f"{data.organisation}{data.term_name}委员提案办理情况汇总表"


def motion_table(data: MotionSummaryData) -> Table:
    rows = tuple(
        (
            line.number,
            line.title,
            line.proposer,
            line.unit,
            line.category,
            line.state,
            line.reply_class,
            line.attitude,
            line.result,
            "是" if line.overdue else "",
            "是" if line.contacted else "",
        )
        for line in data.lines
    )
    widths = (0.07, 0.25, 0.07, 0.11, 0.08, 0.08, 0.06, 0.08, 0.08, 0.05, 0.05)
    return Table(headers=MOTION_HEADERS, rows=rows, widths=widths, font_size=10.5)


def figure_table(figures: tuple[FigureLine, ...], group: str = "承办单位") -> Table:
    """The figures of one grouping; `group` heads the first column (承办单位, 类别, 状态)."""
    rows = tuple(
        (
            f.unit,
            str(f.total),
            str(f.numbered),
            str(f.replied),
            f.reply_rate,
            f.on_time_rate,
            f.contact_rate,
            f.class_shares,
            f.attitude_rate,
            f.result_rate,
        )
        for f in figures
    )
    widths = (0.12, 0.055, 0.065, 0.065, 0.08, 0.1, 0.08, 0.215, 0.11, 0.11)
    headers = (group, *FIGURE_HEADERS[1:])
    return Table(headers=headers, rows=rows, widths=widths, font_size=10.5)


def motion_summary_paper(data: MotionSummaryData) -> Paper:
    blocks: list[Block] = [
        Paragraph(f"统计日期：{chinese_date(data.on)}", indent_chars=0),
        Heading(1, "一、提案办理情况"),
        motion_table(data),
        Heading(1, "二、按承办单位统计"),
        figure_table(data.figures),
    ]
    if data.by_category:
        blocks += [Heading(1, "三、按类别统计"), figure_table(data.by_category, "类别")]
    if data.by_state:
        number = "四" if data.by_category else "三"
        blocks += [Heading(1, f"{number}、按状态统计"), figure_table(data.by_state, "状态")]
    note = (
        "件数含未立案的提案；答复率＝已答复（含办结）÷立案数；按时答复率、沟通率以已答复为分母；"
        "满意率＝（满意＋基本满意）÷已评价。"
    )
    if data.timeouts:
        note += f"其中{data.timeouts}件逾期未反馈，按基本满意计。"
    blocks.append(Paragraph(note))
    return Paper(title=summary_title(data), blocks=tuple(blocks), landscape=True)
