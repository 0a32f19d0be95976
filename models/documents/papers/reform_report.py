"""年度改革方案落实情况报告: one section per part of the reform plan, each rule's result with its
figure and requirement, the lists of what falls short, and charts (DOMAIN §3, §7).

Built from plain data: the service turns the checks' results into the words printed here
(达标 / 未达标 / 提醒), figures and requirements as strings. Rule ids never reach the paper.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from models.documents.layout import chinese_numeral
from models.documents.paper import Block, Chart, Heading, Paper, Paragraph, Signature, Table

PartKey = Literal[
    "congress",
    "council",
    "contact",
    "grassroots",
    "homes",
    "motions",
    "decisions",
    "associations",
]
# The parts of the plan in the order the report takes them.
PARTS: tuple[tuple[PartKey, str], ...] = (
    ("congress", "代表大会和主席团构成"),
    ("council", "执行理事会与干部队伍"),
    ("contact", "联系点制度"),
    ("grassroots", "基层组织"),
    ("homes", "温馨家园"),
    ("motions", "提案办理"),
    ("decisions", "三重一大"),
    ("associations", "专门协会"),
)
Status = Literal["pass", "fail", "warn", "skipped"]
STATUS_WORDS: dict[str, str] = {
    "pass": "达标",
    "fail": "未达标",
    "warn": "提醒",
    "skipped": "未检查",
}
RESULT_HEADERS = ("检查项目", "结果", "实际情况", "要求", "说明")
RESULT_WIDTHS = (0.24, 0.14, 0.16, 0.15, 0.31)  # LibreOffice needs 0.14 for 未达标 on one line
TABLE_SIZE = 12.0  # 小四
NOTHING = "本年度没有可供检查的记录。"


@dataclass(frozen=True)
class RuleResult:
    """One rule's result as printed: `name` says what the plan asks, in words."""

    name: str
    status: Status
    figure: str = "—"
    required: str = "—"
    message: str = ""


@dataclass(frozen=True)
class Shortfall:
    """A list of what makes a rule fail: the members without a contact point, the streets without
    a 示范温馨家园 …"""

    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...] | None = None


@dataclass(frozen=True)
class ReportPart:
    key: PartKey
    results: tuple[RuleResult, ...] = ()
    shortfalls: tuple[Shortfall, ...] = ()
    charts: tuple[Chart, ...] = ()
    remarks: tuple[str, ...] = ()  # paragraphs before the results (e.g. the term checked)


@dataclass(frozen=True)
class ReformReportData:
    organisation: str
    year: int
    on: date
    parts: tuple[ReportPart, ...]
    plan: str = "改革方案"  # the rules file's title, printed in 《》


def report_title(organisation: str, year: int) -> str:
    return f"{organisation}{year}年改革方案落实情况报告"


def _counts(results: tuple[RuleResult, ...] | list[RuleResult]) -> str:
    n = {status: sum(1 for r in results if r.status == status) for status in STATUS_WORDS}
    text = f"共检查{len(results)}项：达标{n['pass']}项，未达标{n['fail']}项，提醒{n['warn']}项"
    if n["skipped"]:
        text += f"，未检查{n['skipped']}项"
    return text + "。"


def results_table(results: tuple[RuleResult, ...]) -> Table:
    rows = tuple((r.name, STATUS_WORDS[r.status], r.figure, r.required, r.message) for r in results)
    return Table(RESULT_HEADERS, rows, widths=RESULT_WIDTHS, font_size=TABLE_SIZE)


def _part_blocks(number: int, title: str, part: ReportPart | None) -> list[Block]:
    blocks: list[Block] = [Heading(1, f"{chinese_numeral(number)}、{title}")]
    if part is None or not (part.results or part.remarks or part.charts or part.shortfalls):
        return [*blocks, Paragraph(NOTHING)]
    blocks += [Paragraph(text) for text in part.remarks]
    if part.results:
        checked = tuple(r for r in part.results if r.status != "skipped")
        blocks.append(Paragraph(_counts(part.results), keep_with_next=bool(checked)))
        if checked:
            blocks.append(results_table(checked))
        skipped = [r.name for r in part.results if r.status == "skipped"]
        if skipped:
            blocks.append(
                Paragraph(f"以下项目缺少比较或统计所需的数据，未检查：{'；'.join(skipped)}。")
            )
    blocks += part.charts
    for n, short in enumerate(part.shortfalls, start=1):
        blocks.append(Heading(2, f"（{chinese_numeral(n)}）{short.title}"))
        if short.rows:
            blocks.append(
                Table(short.headers, short.rows, widths=short.widths, font_size=TABLE_SIZE)
            )
        else:
            blocks.append(Paragraph("无。"))
    return blocks


def reform_report_paper(data: ReformReportData) -> Paper:
    by_key = {part.key: part for part in data.parts}
    every = [r for part in data.parts for r in part.results]
    plan = data.plan if data.plan.startswith("《") else f"《{data.plan}》"
    blocks: list[Block] = [
        Paragraph(
            f"根据{plan}，对照方案各项要求，现将{data.year}年落实情况报告如下。{_counts(every)}"
        )
    ]
    for number, (key, title) in enumerate(PARTS, start=1):
        blocks += _part_blocks(number, title, by_key.get(key))
    return Paper(
        title=report_title(data.organisation, data.year),
        blocks=tuple(blocks),
        signature=Signature(data.organisation, data.on),
    )
