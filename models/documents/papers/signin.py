"""签到表: the members and the 列席 apart, each a table with an empty column to sign in.

The engine has no row-height setting; the tables use 三号 (16 pt) cells, which gives rows of about
9.5 mm — room for a signature. A line recorded as 请假 is marked so in its 签到 cell.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, time

from models.documents.layout import heading_number
from models.documents.paper import Block, Heading, Paper, Paragraph, Table
from models.documents.papers.minutes import when_text

HEADERS_MEMBERS = ("序号", "姓名", "职务", "签到")
HEADERS_ATTENDING = ("序号", "姓名", "单位及职务", "签到")
WIDTHS = (0.1, 0.2, 0.46, 0.24)
CELL_SIZE = 16.0
ON_LEAVE = "请假"


@dataclass(frozen=True)
class SigninLine:
    name: str
    post: str = ""
    member: bool = True
    on_leave: bool = False  # recorded as 请假 before the sheet was printed


@dataclass(frozen=True)
class SigninData:
    organisation: str
    meeting: str
    meeting_date: date
    start: time | None = None
    place: str | None = None
    lines: tuple[SigninLine, ...] = ()


def signin_title(data: SigninData) -> str:
    return f"{data.organisation}{data.meeting}签到表"


def _table(headers: tuple[str, ...], lines: Sequence[SigninLine]) -> Table:
    rows = tuple(
        (str(n), line.name, line.post, ON_LEAVE if line.on_leave else "")
        for n, line in enumerate(lines, start=1)
    )
    return Table(headers=headers, rows=rows, widths=WIDTHS, font_size=CELL_SIZE)


def signin_paper(data: SigninData) -> Paper:
    where = f"　地点：{data.place}" if data.place else ""
    blocks: list[Block] = [
        Paragraph(f"时间：{when_text(data.meeting_date, data.start)}{where}", indent_chars=0)
    ]
    members = [line for line in data.lines if line.member]
    attending = [line for line in data.lines if not line.member]
    number = 0
    for heading, headers, lines in (
        ("成员", HEADERS_MEMBERS, members),
        ("列席", HEADERS_ATTENDING, attending),
    ):
        if not lines:
            continue
        number += 1
        blocks.append(Heading(1, f"{heading_number(1, number)}{heading}（{len(lines)}人）"))
        blocks.append(_table(headers, lines))
    if number == 0:
        blocks.append(Paragraph("（尚无参会人员。）"))
    return Paper(title=signin_title(data), blocks=tuple(blocks))
