"""Tables for the PDF: reportlab's Table (repeated header rows) with cells broken by our own rules."""

from __future__ import annotations

from collections.abc import Callable
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph as RLParagraph
from reportlab.platypus import Table as RLTable
from reportlab.platypus import TableStyle

from models.documents.fonts import FontSet, Role
from models.documents.layout import TABLE_PADDING as PADDING
from models.documents.layout import break_lines, hangs, is_name_list
from models.documents.paper import Table

# reportlab's own CJK wrapper would break again where our breaker did not, and it lets ，。 begin a
# line; so every cell gets our lines and this margin keeps reportlab from re-breaking them.
_SAFETY = 0.5


def cell_lines(text: str, capacity: float, cells: Callable[[str], float]) -> list[str]:
    """Our line breaks for a cell. A cell has no margin for a hung closing mark (reportlab would
    wrap it onto a line of its own), so text that would hang is broken one cell narrower."""
    if not text:
        return [""]
    names = is_name_list(text)  # a name in a narrow column stays whole when it fits at all
    lines = break_lines(text, capacity, cells, names=names)
    if any(hangs(line, capacity, cells) for line in lines):
        lines = break_lines(text, capacity - 1, cells, names=names)
    return lines


def _cell(text: str, role: Role, size: float, width: float, fonts: FontSet) -> RLParagraph:
    cells = fonts.cells(role, size, size)  # tables are off the grid: no tracking
    capacity = (width - 2 * PADDING - _SAFETY) / size
    lines = cell_lines(text, capacity, cells)
    markup = "<br/>".join(
        "".join(f'<font name="{name}">{escape(run)}</font>' for name, run in fonts.runs(line, role))
        for line in lines
    )
    style = ParagraphStyle(
        f"cell-{role}",
        fontName=fonts.font_name(role),
        fontSize=size,
        leading=size * 1.3,
        alignment=TA_CENTER,
        wordWrap="CJK",
    )
    return RLParagraph(markup, style)


def build_table(table: Table, text_width: float, fonts: FontSet) -> RLTable:
    """Header in 黑体, cells in 仿宋, every cell centred, grid lines of 0.5 pt."""
    widths = [f * text_width for f in table.column_widths()]
    size = table.font_size
    data = [[_cell(h, "hei", size, w, fonts) for h, w in zip(table.headers, widths, strict=True)]]
    data += [
        [_cell(c, "fang", size, w, fonts) for c, w in zip(row, widths, strict=True)]
        for row in table.rows
    ]
    style = TableStyle(
        [
            ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
            # reportlab sets each cell's font even for Paragraph cells; the default is Helvetica.
            ("FONTNAME", (0, 0), (-1, -1), fonts.font_name("fang")),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), PADDING),
            ("RIGHTPADDING", (0, 0), (-1, -1), PADDING),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ]
    )
    return RLTable(data, colWidths=widths, repeatRows=1 if table.repeat_header else 0, style=style)
