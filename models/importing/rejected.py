"""Saving the rows an import left out, as typed, with a 错误说明 column (DOMAIN §2 and §8)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, time
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from models.documents.xlsx_cells import put, write_cell
from models.domain.errors import Level
from models.domain.messages import message
from models.importing.cells import is_number, text_of
from models.importing.slate_reader import SlateSheet
from models.importing.workbook import EXPLANATION_HEADER, IDENTIFIER_HEADERS, normalise_header

TEXT_FORMAT = "@"


def rejected_path(source: Path) -> Path:
    """`<stem>.rejected.xlsx` beside the input, else the first free `.rejected-N.xlsx`."""
    candidate = source.with_name(f"{source.stem}.rejected.xlsx")
    number = 1
    while candidate.exists():
        number += 1
        candidate = source.with_name(f"{source.stem}.rejected-{number}.xlsx")
    return candidate


def write_rejected(sheet: SlateSheet, source: Path) -> Path:
    """Write the rows in `sheet.excluded_rows` under the sheet's own headers; return the path.

    Cells keep the values as read, so nothing a nominating unit typed is lost; ID and
    certificate columns are text, so the corrected file reads back without id_numeric_cell.
    """
    workbook = _build(sheet)
    source = Path(source)
    while True:
        target = rejected_path(source)
        try:
            # Exclusive creation: a file another clerk saved a moment ago is never overwritten.
            with target.open("xb") as handle:
                workbook.save(handle)
        except FileExistsError:
            continue
        return target


def _build(sheet: SlateSheet) -> Workbook:
    workbook = Workbook()
    worksheet = workbook.active
    worksheet.title = _sheet_title(sheet.sheet_name)
    # A file rejected before brings its old 错误说明 along: the new one replaces it.
    kept = [
        index
        for index, header in enumerate(sheet.headers)
        if normalise_header(header) != EXPLANATION_HEADER
    ]
    headers = [sheet.headers[index] for index in kept]
    text_columns = {
        column
        for column, header in enumerate(headers, start=1)
        if normalise_header(header) in IDENTIFIER_HEADERS
    }
    for column, header in enumerate((*headers, EXPLANATION_HEADER), start=1):
        write_cell(worksheet, 1, column, header or None).font = Font(bold=True)
    explanations = _explanations(sheet)
    excluded = set(sheet.excluded_rows)
    out_row = 1
    for number, values in sheet.raw_rows:
        if number not in excluded:
            continue
        out_row += 1
        for column, index in enumerate(kept, start=1):
            cell = worksheet.cell(row=out_row, column=column)
            if column in text_columns:
                cell.number_format = TEXT_FORMAT
                _put(cell, _as_text(values[index]))
            else:
                _put(cell, values[index])
        cell = write_cell(worksheet, out_row, len(kept) + 1, explanations[number])
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for column in text_columns:
        worksheet.column_dimensions[get_column_letter(column)].width = 22
    worksheet.column_dimensions[get_column_letter(len(kept) + 1)].width = 60
    worksheet.freeze_panes = "A2"
    return workbook


def _explanations(sheet: SlateSheet) -> dict[int, str]:
    """Each left-out row's errors in plain Chinese, led by its row number in the original sheet."""
    lines: dict[int, list[str]] = defaultdict(list)
    for problem in sheet.problems:
        if problem.level is Level.ERROR:
            lines[problem.row].append(message(problem.code, problem.params))
    return {row: f"原表第{row}行：" + "；".join(lines[row]) for row in sheet.excluded_rows}


def _as_text(value: Any) -> str | None:
    if is_number(value):
        # Show the 15 significant digits Excel kept, as Excel itself shows them; the clerk
        # sees which digits were lost and re-enters the number as text.
        return str(int(Decimal(f"{value:.15g}"))) if float(value).is_integer() else str(value)
    return text_of(value)


def _put(cell: Cell, value: Any) -> None:
    """Write a value as read: text stays text, and text that could start a formula is quoted."""
    if value is None or isinstance(value, str | bool | int | float | date | time):
        put(cell, value)
    else:
        put(cell, text_of(value))


def _sheet_title(name: str) -> str:
    """Excel allows 31 characters and none of []:*?/\\ in a sheet name."""
    cleaned = "".join("_" if char in "[]:*?/\\" else char for char in name).strip("'")
    return cleaned[:31] or "名单"
