"""One description of a paper (minutes, letter, list, table) that both writers lay out."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Literal

from models.domain.identity import mask_identifier

FontPreset = Literal["government", "stock"]


@dataclass(frozen=True)
class Heading:
    """Level 1 一、 (黑体), 2 （一） (楷体), 3 1. and 4 （1） (仿宋); the text carries its number."""

    level: int
    text: str

    def __post_init__(self) -> None:
        if self.level not in (1, 2, 3, 4):
            raise ValueError(f"heading level must be 1–4, not {self.level}")


@dataclass(frozen=True)
class Paragraph:
    """`keep_with_next`: never the last thing on a page — it goes over with what follows (the
    header row and first rows of a table)."""

    text: str
    indent_chars: int = 2
    keep_with_next: bool = False


@dataclass(frozen=True)
class LabelledLine:
    """出席：/请假：/列席： — the label in 黑体, wrapped lines aligned after the colon; with
    `names` the text is a list of names, none of them split across two lines."""

    label: str
    text: str
    names: bool = False


@dataclass(frozen=True)
class Table:
    """`widths` are fractions of the text width (None: equal); `id_columns` hold ID or
    certificate numbers, masked unless asked for whole and dropped from public papers."""

    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...] | None = None
    repeat_header: bool = True
    id_columns: tuple[int, ...] = ()
    font_size: float = 14.0

    def __post_init__(self) -> None:
        n = len(self.headers)
        if any(len(row) != n for row in self.rows):
            raise ValueError("every table row needs one cell per header")
        if self.widths is not None and len(self.widths) != n:
            raise ValueError("one width per column")

    def column_widths(self) -> tuple[float, ...]:
        """Fractions that add up to 1."""
        widths = self.widths or (1.0,) * len(self.headers)
        total = sum(widths)
        return tuple(w / total for w in widths)


@dataclass(frozen=True)
class Signature:
    org: str
    date: dt.date


@dataclass(frozen=True)
class Spacer:
    lines: int = 1


@dataclass(frozen=True)
class Bar:
    """One bar of a chart: `figure` is printed after it (the value when empty); `target` is this
    bar's own requirement, drawn as a tick across it."""

    label: str
    value: float
    figure: str = ""
    target: float | None = None


@dataclass(frozen=True)
class Chart:
    """A horizontal bar chart, one description for both writers: vector graphics in the PDF, a
    picture in the DOCX, as wide as the text area. `target` is one requirement for every bar (a
    dashed line across them, named by `target_label`); a bar short of its requirement is drawn in
    the warning colour. `note` is the figure text under the chart."""

    title: str
    bars: tuple[Bar, ...]
    target: float | None = None
    target_label: str = ""
    unit: str = ""
    note: str = ""

    def __post_init__(self) -> None:
        if not self.bars:
            raise ValueError("a chart needs at least one bar")
        if any(b.value < 0 or (b.target is not None and b.target < 0) for b in self.bars):
            raise ValueError("bars and targets are not negative")

    def requirement(self, bar: Bar) -> float | None:
        return bar.target if bar.target is not None else self.target

    def short(self, bar: Bar) -> bool:
        """Whether the bar falls short of its requirement."""
        required = self.requirement(bar)
        return required is not None and bar.value < required

    def texts(self) -> list[str]:
        out = [self.title, self.target_label, self.unit, self.note]
        for bar in self.bars:
            out += [bar.label, bar.figure]
        return [t for t in out if t]


Block = Heading | Paragraph | LabelledLine | Table | Spacer | Chart


@dataclass(frozen=True)
class Paper:
    """`first_page_numbered=False` is the 信函 format; `public` papers (公示) carry no ID or
    certificate numbers at all; otherwise they are masked unless `identifiers_whole`."""

    title: str
    blocks: tuple[Block, ...] = ()
    doc_number: str | None = None
    addressee: str | None = None
    signature: Signature | None = None
    date: dt.date | None = None
    copy_to: str | None = None
    landscape: bool = False
    first_page_numbered: bool = True
    font_preset: FontPreset = "government"
    public: bool = False
    identifiers_whole: bool = False

    def signing(self) -> tuple[str | None, dt.date] | None:
        """(organisation or None, date) for the foot of the paper, or None when it has neither."""
        if self.signature is not None:
            return self.signature.org, self.signature.date
        return (None, self.date) if self.date is not None else None


def _prepared_table(table: Table, *, public: bool, whole: bool) -> Table:
    if not table.id_columns:
        return table
    if public:
        keep = [i for i in range(len(table.headers)) if i not in table.id_columns]
        widths = table.column_widths()
        return replace(
            table,
            headers=tuple(table.headers[i] for i in keep),
            rows=tuple(tuple(row[i] for i in keep) for row in table.rows),
            widths=tuple(widths[i] for i in keep),
            id_columns=(),
        )
    if whole:
        return table
    rows = tuple(
        tuple(
            (mask_identifier(cell) or "") if i in table.id_columns and cell else cell
            for i, cell in enumerate(row)
        )
        for row in table.rows
    )
    return replace(table, rows=rows)


def prepared(paper: Paper) -> Paper:
    """The paper as printed: identifiers masked or dropped (DOMAIN §7). Both writers call this."""
    blocks = tuple(
        _prepared_table(b, public=paper.public, whole=paper.identifiers_whole)
        if isinstance(b, Table)
        else b
        for b in paper.blocks
    )
    return replace(paper, blocks=blocks)


def texts(paper: Paper) -> list[str]:
    """Every piece of text the paper prints, table cells one by one (a cell is often a name)."""
    out = [paper.title, paper.doc_number or "", paper.addressee or "", paper.copy_to or ""]
    if paper.signature is not None:
        out.append(paper.signature.org)
    for block in paper.blocks:
        if isinstance(block, Heading | Paragraph):
            out.append(block.text)
        elif isinstance(block, LabelledLine):
            out += [block.label, block.text]
        elif isinstance(block, Table):
            out += block.headers
            out += [cell for row in block.rows for cell in row]
        elif isinstance(block, Chart):
            out += block.texts()
    return [t for t in out if t]
