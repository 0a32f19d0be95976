"""The one way Yishi writes a cell of an .xlsx: text stays text, never a formula (issue 13).

A spreadsheet program runs a cell that begins with `=`, `+`, `-` or `@` as a formula (and a tab
or carriage return in front of one hides it), so a proposer named `=cmd|' /C calc'!A0` would be
a live command in the 汇总表. Such text is neutralised the way OWASP recommends for CSV and
spreadsheet exports: a single quote goes in front and the cell is stored as a string, so openpyxl
never writes `<f>`. Numbers, dates and booleans are written as they are: -5 stays a number.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.worksheet.worksheet import Worksheet

FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"
# A signed number typed as text ("-5", "+8613700000000") is no formula: it is left as typed, so a
# phone number in a rejected row reads back unchanged.
_SIGNED_NUMBER = re.compile(r"[+-]\d+(\.\d+)?")


def neutralised(text: str) -> str:
    """`=SUM(1)` -> `'=SUM(1)`; text that cannot start a formula is returned unchanged."""
    if text.startswith(FORMULA_LEADS) and not _SIGNED_NUMBER.fullmatch(text):
        return QUOTE + text
    return text


def put(cell: Cell, value: Any) -> Cell:
    """Write one value into `cell`: text as a string cell, numbers, dates and booleans as such."""
    if value is None or isinstance(value, bool | int | float | Decimal | datetime | date | time):
        cell.value = value
        return cell
    text = value if isinstance(value, str) else str(value)
    # openpyxl refuses control characters other than tab, line feed and carriage return.
    cell.value = ILLEGAL_CHARACTERS_RE.sub("", neutralised(text))
    cell.data_type = "s"  # not "f" (formula) nor "e" (an error code such as #N/A)
    return cell


def write_cell(sheet: Worksheet, row: int, column: int, value: Any) -> Cell:
    """`sheet.cell(row, column, value)`, the safe way."""
    return put(sheet.cell(row=row, column=column), value)


def append_row(sheet: Worksheet, values: Iterable[Any]) -> list[Cell]:
    """`sheet.append(values)`, the safe way; returns the row's cells for styling."""
    cells = [put(Cell(sheet), value) for value in values]
    sheet.append(cells)
    return cells
