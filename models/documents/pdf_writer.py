"""The paper as PDF: text drawn on the 28 × 22 grid with embedded fonts, tables by reportlab."""

from __future__ import annotations

import math
import zlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from reportlab.pdfbase import pdfdoc
from reportlab.pdfgen.canvas import Canvas

from models.documents.chart_layout import Box, ChartLayout, Label, Stroke, layout_chart
from models.documents.fonts import FontSet, Role, glyph_warnings, load_fonts
from models.documents.layout import (
    BODY_SIZE,
    CHAR_PITCH,
    LINE_PITCH,
    PAGE_NUMBER_GAP,
    PAGE_NUMBER_SIZE,
    TITLE_SIZE,
    break_lines,
    geometry,
    hangs,
)
from models.documents.paper import (
    Block,
    Chart,
    Heading,
    LabelledLine,
    Paper,
    Paragraph,
    Spacer,
    Table,
    prepared,
    texts,
)
from models.domain.dates import chinese_date
from models.domain.errors import Problem


class _Flate(pdfdoc.PDFStreamFilterZCompress):  # type: ignore[misc]
    """Flate at level 3 instead of zlib's default 6: half the time for the page streams and
    font subsets, files about 3 % larger; the same pages."""

    def encode(self, text: Any) -> bytes:
        return zlib.compress(text.encode("utf8") if isinstance(text, str) else text, 3)


# reportlab looks the filter up at each use; our engine is the only PDF writer in the process.
pdfdoc.PDFZCompress = _Flate()

ASCENT = 0.88  # the Fandol faces' ascender as a fraction of the em (880/1000)
HEADING_ROLES: dict[int, Role] = {1: "hei", 2: "kai", 3: "fang", 4: "fang"}


class _Pages:
    """A canvas that hands out grid lines and numbers each page as it is finished."""

    def __init__(
        self, path: Path, paper: Paper, fonts: FontSet, canvas: Canvas | None = None
    ) -> None:
        self.geo = geometry(paper.landscape)
        self.shared = canvas is not None
        if canvas is None:
            # reportlab's default initial font is a non-embedded Helvetica; never let it in.
            canvas = Canvas(
                str(path),
                pagesize=(self.geo.page_width, self.geo.page_height),
                initialFontName=fonts.font_name("fang"),
            )
            canvas.setTitle(paper.title)
        else:  # the next paper of one combined file starts on a page of its own size
            canvas.setPageSize((self.geo.page_width, self.geo.page_height))
        self.canvas = canvas
        self.canvas.setCreator("议事 Yishi")
        self.fonts = fonts
        self.numbered_first = paper.first_page_numbered
        self.page = 1
        self.line = 0  # the next free grid line on this page

    # -- the grid --------------------------------------------------------------------------------

    def line_top(self, line: int) -> float:
        return self.geo.page_height - self.geo.top - line * LINE_PITCH

    def take_line(self) -> float:
        """The top of the next free grid line, starting a page when this one is full."""
        if self.line >= self.geo.lines_per_page:
            self.new_page()
        top = self.line_top(self.line)
        self.line += 1
        return top

    def skip(self, lines: int) -> None:
        for _ in range(lines):
            at_head = self.line == 0 and self.page > 1
            if at_head or self.line >= self.geo.lines_per_page:
                return  # no blank lines at the head of a page
            self.take_line()

    def keep(self, lines: int) -> None:
        """Start a page unless `lines` more grid lines fit on this one."""
        if self.line + lines > self.geo.lines_per_page:
            self.new_page()

    def new_page(self) -> None:
        self._page_number()
        self.canvas.showPage()
        self.page += 1
        self.line = 0

    def finish(self) -> None:
        self._page_number()
        if self.shared:
            self.canvas.showPage()
        else:
            self.canvas.save()

    def _page_number(self) -> None:
        if self.page == 1 and not self.numbered_first:
            return
        name = self.fonts.font_name("song")
        parts = ("—", str(self.page), "—")
        # Half-width gaps as in 宋体 (Fandol's space is narrower), placed rather than drawn as
        # spaces: pdftotext then reads "— 1 —" like the DOCX's footer.
        gap = PAGE_NUMBER_SIZE / 2
        widths = [self.canvas.stringWidth(part, name, PAGE_NUMBER_SIZE) for part in parts]
        width = sum(widths) + 2 * gap
        # 7 mm from the foot of the text area to the top of the figures; one character in.
        y = self.geo.bottom - PAGE_NUMBER_GAP - ASCENT * PAGE_NUMBER_SIZE
        if self.page % 2:
            x = self.geo.page_width - self.geo.right - PAGE_NUMBER_SIZE - width
        else:
            x = self.geo.left + PAGE_NUMBER_SIZE
        for part, part_width in zip(parts, widths, strict=True):
            self.text(x, y, part, name, PAGE_NUMBER_SIZE, 0.0)
            x += part_width + gap

    def text(self, x: float, y: float, run: str, font: str, size: float, space: float) -> None:
        """Draw one run with its character spacing always stated: PDF keeps Tc from earlier text
        objects, and canvas.drawString only writes it when it is not zero."""
        obj = self.canvas.beginText(x, y)
        obj.setFont(font, size)
        obj.setCharSpace(space)
        obj.textOut(run)
        self.canvas.drawText(obj)

    # -- text ------------------------------------------------------------------------------------

    def draw_line(
        self,
        text: str,
        role: Role,
        *,
        size: float = BODY_SIZE,
        pitch: float = CHAR_PITCH,
        indent: float = 0.0,
        cap: float,
        align: str = "left",
        justify: bool = False,
    ) -> None:
        """One line on the next grid line: `indent` and `cap` in cells of `pitch` from the left
        edge; `justify` spreads a short line to `cap`, leaving a hung mark past the edge."""
        top = self.take_line()
        baseline = top - (LINE_PITCH - size) / 2 - ASCENT * size
        tracking = pitch - size
        width_of = self.fonts.cells(role, size, pitch)
        hung = hangs(text, cap, width_of)
        body = text[:-1] if hung else text
        used = sum(width_of(c) for c in body)
        extra = 0.0
        if justify and len(body) > 1 and used < cap:
            extra = (cap - used) * pitch / (len(body) - 1)
        elif align == "center":
            indent += (cap - used) / 2
        elif align == "right":
            indent += cap - used
        x = self.geo.left + indent * pitch
        for name, run in self.fonts.runs(text, role):
            self.text(x, baseline, run, name, size, tracking + extra)
            x += sum(self.fonts.advance(c, role, size) + tracking + extra for c in run)

    def paragraph(self, text: str, role: Role, *, indent: int = 2) -> None:
        """Text broken into grid lines, the first indented `indent` cells, all but the last
        justified (两端对齐)."""
        cap = self.geo.chars_per_line
        width_of = self.fonts.cells(role, BODY_SIZE, CHAR_PITCH)
        lines = break_lines(text, cap, width_of, first_line=cap - indent)
        for i, line in enumerate(lines):
            shift = indent if i == 0 else 0
            self.draw_line(line, role, indent=shift, cap=cap - shift, justify=i < len(lines) - 1)

    def labelled(self, label: str, text: str, label_role: Role, *, names: bool = False) -> None:
        """出席：王一、李二 — wrapped lines start under the first name, not under the label."""
        cap = self.geo.chars_per_line
        label_cells = sum(self.fonts.cells(label_role, BODY_SIZE, CHAR_PITCH)(c) for c in label)
        width_of = self.fonts.cells("fang", BODY_SIZE, CHAR_PITCH)
        lines = break_lines(text, cap - label_cells, width_of, names=names) or [""]
        for i, line in enumerate(lines):
            if i == 0:
                # the label takes the line; the names go on the same grid line after it
                self.draw_line(label, label_role, cap=label_cells)
                self.line -= 1
            self.draw_line(line, "fang", indent=label_cells, cap=cap - label_cells)

    def title(self, text: str) -> None:
        cap = self.geo.text_width / TITLE_SIZE
        width_of = self.fonts.cells("title", TITLE_SIZE, TITLE_SIZE)
        for line in break_lines(text, cap, width_of):
            self.draw_line(
                line, "title", size=TITLE_SIZE, pitch=TITLE_SIZE, cap=cap, align="center"
            )

    def measure(self, text: str, role: Role, size: float) -> float:
        return sum(self.fonts.advance(c, role, size) for c in text)

    def chart_layout(self, chart: Chart) -> tuple[ChartLayout, int]:
        """The chart laid out across the text area, and the grid lines it takes."""
        layout = layout_chart(
            chart, self.geo.text_width, self.measure, max_height=self.geo.text_height - LINE_PITCH
        )
        return layout, math.ceil(layout.height / LINE_PITCH - 1e-6)

    def chart(self, chart: Chart) -> None:
        """The chart as vector graphics (its text as text, in the embedded faces), kept on one
        page and put back onto the grid after it."""
        layout, lines = self.chart_layout(chart)
        self.keep(lines)
        top = self.line_top(self.line)
        left = self.geo.left
        c = self.canvas
        c.saveState()
        for shape in layout.shapes:
            if isinstance(shape, Box):
                c.setFillColorRGB(*shape.fill)
                c.rect(
                    left + shape.x,
                    top - shape.y - shape.height,
                    shape.width,
                    shape.height,
                    stroke=0,
                    fill=1,
                )
            elif isinstance(shape, Stroke):
                c.setStrokeColorRGB(*shape.colour)
                c.setLineWidth(shape.width)
                c.setDash([3, 2] if shape.dashed else [])
                c.line(left + shape.x1, top - shape.y1, left + shape.x2, top - shape.y2)
            elif isinstance(shape, Label):
                c.setFillColorRGB(*shape.colour)
                width = self.measure(shape.text, shape.role, shape.size)
                x = left + shape.x - {"start": 0.0, "middle": width / 2, "end": width}[shape.anchor]
                for name, run in self.fonts.runs(shape.text, shape.role):
                    self.text(x, top - shape.y, run, name, shape.size, 0.0)
                    x += self.measure(run, shape.role, shape.size)
        c.restoreState()
        self.line = min(self.line + lines, self.geo.lines_per_page)

    def table(self, table: Table) -> None:
        # reportlab's platypus (~0.1 s to import) only for a paper that has a table
        from models.documents.pdf_table import build_table

        flowable = build_table(table, self.geo.text_width, self.fonts)
        while flowable is not None:
            if self.line >= self.geo.lines_per_page:
                self.new_page()
            top = self.line_top(self.line)
            room = top - self.geo.bottom
            _, height = flowable.wrapOn(self.canvas, self.geo.text_width, room)
            if height <= room:
                flowable.drawOn(self.canvas, self.geo.left, top - height)
                self.line += math.ceil(height / LINE_PITCH - 1e-6)  # back onto the grid
                return
            parts = flowable.split(self.geo.text_width, room)
            if len(parts) < 2:
                if self.line == 0:  # a single row taller than a page: draw it and go on
                    flowable.drawOn(self.canvas, self.geo.left, top - height)
                    self.line = self.geo.lines_per_page
                    return
                self.new_page()
                continue
            first, flowable = parts[0], parts[1]
            _, height = first.wrapOn(self.canvas, self.geo.text_width, room)
            first.drawOn(self.canvas, self.geo.left, top - height)
            self.new_page()


def _signature(pages: _Pages, org: str | None, day: str) -> None:
    """成文日期 right-aligned four characters in, the organisation centred over it."""
    cap = pages.geo.chars_per_line
    width_of = pages.fonts.cells("fang", BODY_SIZE, CHAR_PITCH)
    date_cells = sum(width_of(c) for c in day)
    date_start = cap - 4 - date_cells
    pages.keep(2 if org else 1)
    if org:
        org_cells = sum(width_of(c) for c in org)
        start = min(date_start + (date_cells - org_cells) / 2, cap - 2 - org_cells)
        pages.draw_line(org, "fang", indent=max(start, 0), cap=cap)
    pages.draw_line(day, "fang", indent=date_start, cap=cap)


def write_pdf(paper: Paper, path: Path | str, *, fonts_dir: Path | str) -> list[Problem]:
    """Write the paper; the warnings name text (usually a person) that has an undrawable character."""
    paper = prepared(paper)
    fonts = load_fonts(fonts_dir)
    _draw(_Pages(Path(path), paper, fonts), paper)
    return glyph_warnings(texts(paper), fonts)


def write_pdfs(
    papers: Sequence[Paper], path: Path | str, *, title: str, fonts_dir: Path | str
) -> list[list[Problem]]:
    """Several papers in one file (a batch for the printer): each starts on a new page and keeps
    its own page numbers (a letter's first page unnumbered); the warnings paper by paper."""
    fonts = load_fonts(fonts_dir)
    geo = geometry(False)
    canvas = Canvas(
        str(path),
        pagesize=(geo.page_width, geo.page_height),
        initialFontName=fonts.font_name("fang"),
    )
    canvas.setTitle(title)
    canvas.setCreator("议事 Yishi")
    warnings = []
    for paper in papers:
        paper = prepared(paper)
        _draw(_Pages(Path(path), paper, fonts, canvas), paper)
        warnings.append(glyph_warnings(texts(paper), fonts))
    canvas.save()
    return warnings


def _kept_lines(pages: _Pages, block: Paragraph, blocks: tuple[Block, ...], index: int) -> int:
    """The paragraph's grid lines and, when a table follows, about three of the table's."""
    cap = pages.geo.chars_per_line
    width_of = pages.fonts.cells("fang", BODY_SIZE, CHAR_PITCH)
    lines = len(break_lines(block.text, cap, width_of, first_line=cap - block.indent_chars))
    after = blocks[index + 1] if index + 1 < len(blocks) else None
    return lines + (3 if isinstance(after, Table) else 1 if after is not None else 0)


def _draw(pages: _Pages, paper: Paper) -> None:
    pages.title(paper.title)
    if paper.doc_number:
        cap = pages.geo.chars_per_line
        pages.draw_line(paper.doc_number, "fang", cap=cap, align="center")
    pages.skip(1)
    if paper.addressee:
        pages.paragraph(paper.addressee, "fang", indent=0)
    for index, block in enumerate(paper.blocks):
        following = paper.blocks[index + 1] if index + 1 < len(paper.blocks) else None
        if isinstance(block, Heading):
            # A heading never ends a page alone; before a table it keeps the header row and
            # the first rows with it (about three grid lines).
            if isinstance(following, Chart):
                pages.keep(1 + pages.chart_layout(following)[1])
            elif isinstance(following, Paragraph) and following.keep_with_next:
                pages.keep(1 + _kept_lines(pages, following, paper.blocks, index + 1))
            else:
                pages.keep(4 if isinstance(following, Table) else 2)
            pages.paragraph(block.text, HEADING_ROLES[block.level])
        elif isinstance(block, Paragraph):
            if block.keep_with_next:
                pages.keep(_kept_lines(pages, block, paper.blocks, index))
            pages.paragraph(block.text, "fang", indent=block.indent_chars)
        elif isinstance(block, LabelledLine):
            pages.labelled(block.label, block.text, "hei", names=block.names)
        elif isinstance(block, Table):
            pages.table(block)
        elif isinstance(block, Chart):
            pages.chart(block)
        elif isinstance(block, Spacer):
            pages.skip(block.lines)
    signing = paper.signing()
    if signing is not None:
        pages.skip(1)
        _signature(pages, signing[0], chinese_date(signing[1]))
    if paper.copy_to:
        pages.skip(1)
        pages.labelled("抄送：", paper.copy_to, "fang")
    pages.finish()
