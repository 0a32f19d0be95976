"""A paper's tables as an .xlsx workbook (the 汇总表 for further work in Excel or WPS).

One sheet per table, named after the heading above it (or the paper, when it has none); the
paper's title in the first row.
"""

from __future__ import annotations

import re
from pathlib import Path

from models.documents.paper import Heading, Paper, Table, prepared

_BAD_SHEET_CHARS = str.maketrans({c: "" for c in "[]:*?/\\"})
# A count or a sum becomes a number Excel can add up; leading zeros and anything longer than
# Excel's 15 significant digits stay text.
_WHOLE_NUMBER = re.compile(r"-?(0|[1-9]\d{0,14})")


def write_xlsx(paper: Paper, path: Path) -> None:
    # openpyxl loads only when an .xlsx is written: printing a PDF or DOCX never needs it.
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    from models.documents.xlsx_cells import append_row

    paper = prepared(paper)
    book = Workbook()
    book.remove(book.active)
    heading = None
    for block in paper.blocks:
        if isinstance(block, Heading):
            heading = block.text
            continue
        if not isinstance(block, Table):
            continue
        # A paper of one table without headings (a 台账) names its sheet after itself.
        name = heading.lstrip("一二三四五六七八九十、") if heading else paper.title
        name = name.translate(_BAD_SHEET_CHARS)[:31] or f"表{len(book.sheetnames) + 1}"
        sheet = book.create_sheet(name)
        append_row(sheet, [paper.title])[0].font = Font(bold=True, size=14)
        for cell in append_row(sheet, block.headers):
            cell.font = Font(bold=True)
            cell.alignment = Alignment(horizontal="center", wrap_text=True)
        for row in block.rows:
            append_row(sheet, [_cell_value(c) for c in row])
        for i, header in enumerate(block.headers):
            longest = max([len(header), *(len(r[i]) for r in block.rows)])
            letter = sheet.cell(row=2, column=i + 1).column_letter
            sheet.column_dimensions[letter].width = min(60, 2.2 * longest + 2)
        sheet.freeze_panes = "A3"
    if not book.sheetnames:
        append_row(book.create_sheet("表1"), [paper.title])
    book.save(path)


def _cell_value(text: str) -> int | str:
    return int(text) if text.isascii() and _WHOLE_NUMBER.fullmatch(text) else text
