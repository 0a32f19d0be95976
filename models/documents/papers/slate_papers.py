"""代表名单 (a slate by electoral unit) and 代表构成情况统计表 (its composition), landscape."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from models.documents.layout import heading_number
from models.documents.paper import Block, Heading, Paper, Paragraph, Table
from models.domain.composition_table import CompositionTable, percent
from models.domain.dates import chinese_date
from models.domain.slate import SlateRecord

OTHERS = "特邀及其他"
UNIT_COLUMNS = (
    "残疾人及亲友",
    "女性",
    "少数民族",
    "中共党员（含预备党员）",
    "农村",
    "自强模范或基层一线",
)


def _category(record: SlateRecord) -> str:
    if record.category is not None:
        if record.multi_components:
            return f"多重（{'、'.join(c.value for c in record.multi_components)}）"
        return record.category.value
    if record.relative_categories:
        return f"亲友（{'、'.join(c.value for c in record.relative_categories)}）"
    return "亲友" if record.is_relative else ""


def slate_list_paper(
    title: str,
    people: Sequence[SlateRecord],
    *,
    units: Sequence[str] = (),
    on: date,
    public: bool = False,
    identifiers_whole: bool = False,
) -> Paper:
    """One section per electoral unit in `units` order, then 特邀 and anyone without a unit."""
    groups: dict[str, list[SlateRecord]] = {unit: [] for unit in units}
    for person in people:
        groups.setdefault(person.electoral_unit or OTHERS, []).append(person)
    blocks: list[Block] = [Paragraph(f"共 {len(people)} 名，按选举单位排列。", indent_chars=2)]
    number = 0
    for unit, members in groups.items():
        if not members:
            continue
        number += 1
        blocks.append(Heading(1, f"{heading_number(1, number)}{unit}（{len(members)}名）"))
        rows = tuple(
            (
                str(index),
                p.name,
                p.gender.value if p.gender else "",
                p.ethnicity or "",
                f"{p.birth_date.year}.{p.birth_date.month:02d}" if p.birth_date else "",
                p.work_unit_and_post or "",
                _category(p),
                p.id_number or "",
            )
            for index, p in enumerate(members, start=1)
        )
        blocks.append(
            Table(
                headers=(
                    "序号",
                    "姓名",
                    "性别",
                    "民族",
                    "出生年月",
                    "工作单位及职务",
                    "残疾类别",
                    "身份证号",
                ),
                rows=rows,
                widths=(0.5, 1.0, 0.5, 0.7, 0.9, 2.6, 1.4, 2.4),
                id_columns=(7,),
                font_size=12,
            )
        )
    return Paper(
        title=title,
        blocks=tuple(blocks),
        date=on,
        landscape=True,
        public=public,
        identifiers_whole=identifiers_whole,
    )


def composition_paper(title: str, table: CompositionTable) -> Paper:
    """Counts and shares overall, then the main figures per electoral unit."""
    overall = Table(
        headers=("项目", "人数", "占比"),
        rows=tuple(
            (line.label.strip(), str(line.count), percent(line.share)) for line in table.lines
        ),
        widths=(3, 1, 1),
    )
    wanted = [i for i, line in enumerate(table.lines) if line.label.strip() in UNIT_COLUMNS]
    per_unit = Table(
        headers=("选举单位", "人数", *(table.lines[i].label.strip() for i in wanted)),
        rows=tuple(
            (unit, str(total), *(str(counts[i]) for i in wanted))
            for unit, total, counts in table.by_unit
        ),
        widths=(1.6, 0.8, *([1.2] * len(wanted))),
        font_size=12,
    )
    return Paper(
        title=title,
        blocks=(
            Paragraph(
                f"共 {table.total} 名。年龄按{chinese_date(table.on)}计算；"
                "少数民族指汉族以外的民族；中共党员含预备党员。"
            ),
            Heading(1, "一、总体构成"),
            overall,
            Heading(1, "二、各选举单位构成"),
            per_unit,
        ),
        date=table.on,
        landscape=True,
    )
