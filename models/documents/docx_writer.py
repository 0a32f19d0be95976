"""The paper as DOCX: GB/T 9704 geometry on a line grid, with the office PC's font names."""

from __future__ import annotations

import copy
import io
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import docx
from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Emu, Pt
from docx.text.paragraph import Paragraph as DocxParagraph
from docx.text.run import Run

from models.documents.chart_png import chart_png
from models.documents.docx_xml import (
    cell_margins,
    exact_lines,
    off_grid,
    outline_level,
    page_field,
    repeat_as_header,
    set_defaults,
    set_line_grid,
    set_run,
)
from models.documents.fonts import FontSet, load_fonts
from models.documents.layout import (
    BODY_SIZE,
    CHAR_SPACING_TWENTIETHS,
    LINE_PITCH,
    PAGE_NUMBER_GAP,
    PAGE_NUMBER_SIZE,
    TABLE_PADDING,
    TITLE_SIZE,
    Geometry,
    break_lines,
    cjk_width,
    geometry,
    is_name_list,
)
from models.documents.paper import (
    Chart,
    FontPreset,
    Heading,
    LabelledLine,
    Paper,
    Paragraph,
    Spacer,
    Table,
    prepared,
)
from models.domain.dates import chinese_date


@dataclass(frozen=True)
class Faces:
    fang: str
    hei: str
    kai: str
    title: str
    song: str
    title_bold: bool = False


# Government PCs add the GB2312 faces and 方正小标宋; stock Windows has only 仿宋/黑体/楷体/宋体,
# where a bold 宋体 is the usual stand-in for 小标宋.
PRESETS: dict[FontPreset, Faces] = {
    "government": Faces("仿宋_GB2312", "黑体", "楷体_GB2312", "方正小标宋简体", "宋体"),
    "stock": Faces("仿宋", "黑体", "楷体", "宋体", "宋体", title_bold=True),
}
# A 16 pt character closed up by 0.25 pt: what one grid cell is in the DOCX.
CELL = BODY_SIZE + CHAR_SPACING_TWENTIETHS / 20


def _pt(points: float) -> Emu:
    return Emu(round(points * 12700))


def _cells(text: str) -> float:
    return sum(cjk_width(c) for c in text)


@lru_cache(maxsize=1)
def _template() -> Document:
    """python-docx's default template, read and parsed once: each paper starts from a copy."""
    return docx.Document()


def read_template() -> None:
    """Parse the template now (say, in a worker waiting for the papers it will write)."""
    _template()


class _Writer:
    def __init__(self, paper: Paper, faces: Faces, fonts: FontSet | None = None) -> None:
        self.paper = paper
        self.faces = faces
        self.fonts = fonts
        self.geo: Geometry = geometry(paper.landscape)
        self.doc: Document = copy.deepcopy(_template())
        set_defaults(self.doc, faces.fang, BODY_SIZE)
        self._section()

    def _section(self) -> None:
        geo, section = self.geo, self.doc.sections[0]
        section.orientation = WD_ORIENT.LANDSCAPE if self.paper.landscape else WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = _pt(geo.page_width), _pt(geo.page_height)
        section.top_margin, section.bottom_margin = _pt(geo.top), _pt(geo.bottom)
        section.left_margin, section.right_margin = _pt(geo.left), _pt(geo.right)
        # The footer's bottom edge sits so that its 14 pt line starts 7 mm below the text area.
        section.footer_distance = _pt(geo.bottom - PAGE_NUMBER_GAP - PAGE_NUMBER_SIZE)
        set_line_grid(section)
        self.doc.settings.odd_and_even_pages_header_footer = True
        odd, even = section.footer, section.even_page_footer
        for footer, align in ((odd, WD_ALIGN_PARAGRAPH.RIGHT), (even, WD_ALIGN_PARAGRAPH.LEFT)):
            footer.is_linked_to_previous = False
            p = footer.paragraphs[0]
            p.alignment = align
            exact_lines(p, round(PAGE_NUMBER_SIZE * 20))
            off_grid(p)
            # one character in from the edge of the text area
            if align == WD_ALIGN_PARAGRAPH.RIGHT:
                p.paragraph_format.right_indent = Pt(PAGE_NUMBER_SIZE)
            else:
                p.paragraph_format.left_indent = Pt(PAGE_NUMBER_SIZE)
            page_field(p, self.faces.song, PAGE_NUMBER_SIZE)
        if not self.paper.first_page_numbered:  # 信函: no number on the first page
            section.different_first_page_header_footer = True
            section.first_page_footer.is_linked_to_previous = False

    # -- paragraphs ------------------------------------------------------------------------------

    def para(self, align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.JUSTIFY) -> DocxParagraph:
        p = self.doc.add_paragraph()
        p.alignment = align
        exact_lines(p)
        return p

    def text(
        self,
        p: DocxParagraph,
        text: str,
        face: str,
        *,
        size: float = BODY_SIZE,
        bold: bool = False,
        spacing: int = CHAR_SPACING_TWENTIETHS,
    ) -> Run:
        run = p.add_run(text)
        set_run(run, face, size, bold=bold, spacing=spacing)
        return run

    def body(self, text: str, face: str, indent: int = 2) -> DocxParagraph:
        p = self.para()
        p.paragraph_format.first_line_indent = Pt(indent * CELL)
        self.text(p, text, face)
        return p

    def labelled(self, label: str, text: str, label_face: str, *, names: bool = False) -> None:
        """出席：names — a hanging indent as wide as the label aligns wrapped names after it."""
        p = self.para(WD_ALIGN_PARAGRAPH.LEFT)
        width = Pt(_cells(label) * CELL)
        p.paragraph_format.left_indent = width
        p.paragraph_format.first_line_indent = -width
        self.text(p, label, label_face)
        if not names:
            self.text(p, text, self.faces.fang)
            return
        # A list of names is broken here, at the separators, with line breaks: neither Word's nor
        # LibreOffice's Chinese line breaking keeps a name whole (a WORD JOINER does not hold in
        # LibreOffice). One cell is left for a 、 that a word processor will not hang.
        cap = self.geo.chars_per_line - _cells(label) - 1
        for i, line in enumerate(break_lines(text, cap, names=True)):
            if i:
                self.text(p, "", self.faces.fang).add_break()
            self.text(p, line, self.faces.fang)

    def blank(self, lines: int = 1) -> None:
        for _ in range(lines):
            self.text(self.para(), "", self.faces.fang)

    def table(self, table: Table) -> None:
        widths = [_pt(f * self.geo.text_width) for f in table.column_widths()]
        grid = self.doc.add_table(rows=1 + len(table.rows), cols=len(table.headers))
        grid.style = self.doc.styles["Table Grid"]
        grid.alignment = WD_TABLE_ALIGNMENT.CENTER
        grid.autofit = False
        cell_margins(grid, TABLE_PADDING)
        # LibreOffice lays out by tblGrid, Word by each cell's tcW: set both.
        for column, width in zip(grid.columns, widths, strict=True):
            column.width = width
        rows = [table.headers, *table.rows]
        for r, (row, values) in enumerate(zip(grid.rows, rows, strict=True)):
            if r == 0 and table.repeat_header:
                repeat_as_header(row)
            for cell, value, width in zip(row.cells, values, widths, strict=True):
                cell.width = width
                cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
                p = cell.paragraphs[0]
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                exact_lines(p, round(table.font_size * 1.3 * 20))
                off_grid(p)
                face = self.faces.hei if r == 0 else self.faces.fang
                if r > 0 and is_name_list(value):
                    self.name_cell(p, value, face, table.font_size, width.pt)
                else:
                    self.text(p, value, face, size=table.font_size, spacing=0)

    def name_cell(self, p: DocxParagraph, value: str, face: str, size: float, width: float) -> None:
        """Names in a cell, broken at the separators as the PDF's cells are (one cell narrower:
        a word processor may not hang the 、)."""
        capacity = (width - 2 * TABLE_PADDING) / size - 1
        for i, line in enumerate(break_lines(value, capacity, names=True)):
            if i:
                self.text(p, "", face, size=size, spacing=0).add_break()
            self.text(p, line, face, size=size, spacing=0)

    def chart(self, chart: Chart) -> None:
        """The chart as a picture as wide as the text area, in a paragraph of its own that is
        off the grid (an exact line height would crop it)."""
        if self.fonts is None:
            raise ValueError("a paper with a chart needs the fonts folder for its picture")
        png, width, _height = chart_png(
            chart, self.geo.text_width, self.fonts, max_height=self.geo.text_height - LINE_PITCH
        )
        p = self.doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.line_spacing = 1.0
        p.paragraph_format.space_before = Pt(0)
        p.paragraph_format.space_after = Pt(0)
        p.paragraph_format.keep_together = True
        off_grid(p)
        p.add_run().add_picture(io.BytesIO(png), width=_pt(width))

    def signature(self, org: str | None, day: str) -> None:
        """成文日期 right-aligned four characters in, the organisation centred over it."""
        if org:
            p = self.para(WD_ALIGN_PARAGRAPH.RIGHT)
            offset = 4 + (_cells(day) - _cells(org)) / 2
            p.paragraph_format.right_indent = Pt(max(offset, 2) * CELL)
            p.paragraph_format.keep_with_next = True
            self.text(p, org, self.faces.fang)
        p = self.para(WD_ALIGN_PARAGRAPH.RIGHT)
        p.paragraph_format.right_indent = Pt(4 * CELL)
        self.text(p, day, self.faces.fang)

    def write(self, path: Path) -> None:
        paper, faces = self.paper, self.faces
        p = self.para(WD_ALIGN_PARAGRAPH.CENTER)
        self.text(p, paper.title, faces.title, size=TITLE_SIZE, bold=faces.title_bold, spacing=0)
        if paper.doc_number:
            self.text(self.para(WD_ALIGN_PARAGRAPH.CENTER), paper.doc_number, faces.fang)
        self.blank()
        if paper.addressee:
            self.body(paper.addressee, faces.fang, indent=0)
        heading_faces = {1: faces.hei, 2: faces.kai, 3: faces.fang, 4: faces.fang}
        for block in paper.blocks:
            if isinstance(block, Heading):
                p = self.body(block.text, heading_faces[block.level])
                p.paragraph_format.keep_with_next = True
                outline_level(p, block.level)
            elif isinstance(block, Paragraph):
                p = self.body(block.text, faces.fang, block.indent_chars)
                p.paragraph_format.keep_with_next = block.keep_with_next or None
            elif isinstance(block, LabelledLine):
                self.labelled(block.label, block.text, faces.hei, names=block.names)
            elif isinstance(block, Table):
                self.table(block)
            elif isinstance(block, Chart):
                self.chart(block)
            elif isinstance(block, Spacer):
                self.blank(block.lines)
        signing = paper.signing()
        if signing is not None:
            self.blank()
            self.signature(signing[0], chinese_date(signing[1]))
        if paper.copy_to:
            self.blank()
            self.labelled("抄送：", paper.copy_to, faces.fang)
        if self.doc.element.body[-2].tag.endswith("}tbl"):  # Word wants a paragraph last
            self.blank()
        self.doc.core_properties.title = paper.title
        self.doc.save(str(path))


def write_docx(
    paper: Paper,
    path: Path | str,
    *,
    preset: FontPreset | None = None,
    fonts_dir: Path | str | None = None,
) -> None:
    """Write the paper; `preset` overrides the paper's font preset (government or stock).
    A paper with charts needs `fonts_dir`: their pictures are painted in the shipped faces."""
    faces = PRESETS[preset or paper.font_preset]
    charts = any(isinstance(block, Chart) for block in paper.blocks)
    fonts = load_fonts(fonts_dir) if fonts_dir is not None and charts else None
    _Writer(prepared(paper), faces, fonts).write(Path(path))
