"""Opening a slate workbook and finding its header row (DOMAIN §2 and §8 "Which sheet")."""

from __future__ import annotations

import io
import os
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from python_calamine import (
    CalamineWorkbook,
    PasswordError,
    SheetTypeEnum,
    SheetVisibleEnum,
)

from models.domain.errors import DomainError
from models.domain.rules import FileLimits
from models.importing.cells import is_blank, text_of
from models.importing.guard import check_file, limits_in_use

# DOMAIN §2's table, in its order: also the order of problems on columns the sheet lacks.
CANONICAL_HEADERS: tuple[str, ...] = (
    "姓名",
    "性别",
    "身份证号",
    "选举单位",
    "民族",
    "出生日期",
    "工作单位及职务",
    "政治面貌",
    "联系电话",
    "备注",
    "代表类型",
    "残疾人证号",
    "残疾类别",
    "残疾等级",
    "多重残疾包含类别",
    "是否残疾人亲友",
    "亲友残疾类别",
    "城乡",
    "自强模范",
    "基层一线",
    "助残社会组织代表",
    "助残志愿者",
)
IDENTIFIER_HEADERS = ("身份证号", "残疾人证号")
EXPLANATION_HEADER = "错误说明"  # added by models.importing.rejected
HEADER_SEARCH_ROWS = 10

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
# Office's password protection wraps an .xlsx in an OLE2 file holding this stream.
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
_WHITE = re.compile(r"\s+")


def normalise_header(value: Any) -> str:
    """NFKC, no white space, then no leading/trailing `*` and no trailing `(必填)`."""
    text = _WHITE.sub("", unicodedata.normalize("NFKC", text_of(value) or ""))
    previous = None
    while text != previous:  # `*姓名(必填)*` needs several passes
        previous = text
        text = text.strip("*")
        text = text.removesuffix("(必填)")
    return text


@dataclass(frozen=True, slots=True)
class SheetTable:
    """The chosen sheet: its header, which column holds which canonical header, its data rows."""

    sheet_name: str
    header_row: int
    headers: tuple[str, ...]
    columns: Mapping[str, int]  # canonical header -> column index
    remark_columns: tuple[tuple[str, int], ...]  # (remark key, column index)
    rows: tuple[tuple[int, tuple[Any, ...]], ...]  # non-blank data rows; blank cells are None
    # The same cells column by column (by_column[i][j] is rows[j][1][i]): the row checks read
    # each column's distinct values once.
    by_column: tuple[tuple[Any, ...], ...] = ()


def read_table(
    path: Path, *, required: tuple[str, ...], extra_headers: tuple[str, ...] = ()
) -> SheetTable:
    """The first sheet with a header row in its first 10 rows; DomainError when there is none.

    `extra_headers` are columns a particular sheet knows beyond the slate's (a roster's 职务).
    """
    with open_workbook(path) as workbook:
        try:
            found = _find_header(workbook)
        except BaseException as exc:
            reraise_interrupts(exc)
            raise unusable_file(path, exc) from None
    if found is None:
        raise DomainError("header_not_found", path=str(path))
    name, header_row, grid = found
    table = _build_table(name, header_row, grid, (*CANONICAL_HEADERS, *extra_headers))
    missing = [header for header in required if header not in table.columns]
    if missing:
        raise DomainError(
            "headers_missing",
            path=str(path),
            sheet=name,
            missing=missing,
            missing_text="、".join(missing),
            expected="、".join((*CANONICAL_HEADERS, *extra_headers)),
        )
    return table


def open_workbook(path: Path, limits: FileLimits | None = None) -> CalamineWorkbook:
    """The workbook, after `models.importing.guard` has checked what the file claims against
    `limits` (by default the limits in use: the rules in force, or [files]' defaults)."""
    limits = limits or limits_in_use()
    not_a_file = missing_or_folder(path)
    if not_a_file is not None:
        raise not_a_file  # before the guard and the reader, which would call it no Excel table
    try:
        with path.open("rb") as file:
            head = file.read(len(_OLE_MAGIC))
            size = os.fstat(file.fileno()).st_size
        check_file(path, head, size, limits)  # before the whole file is read into memory
        data = path.read_bytes()
    except OSError as exc:
        raise missing_or_folder(path) or DomainError(
            "file_unreadable", path=str(path), detail=exc.strerror or ""
        ) from None
    if data.startswith(_OLE_MAGIC) and _ENCRYPTED_STREAM in data:
        raise DomainError("file_encrypted", path=str(path))
    try:
        return CalamineWorkbook.from_path(path)
    except PasswordError:
        raise DomainError("file_encrypted", path=str(path)) from None
    except BaseException as exc:
        reraise_interrupts(exc)
        first_failure = exc
    # calamine picks the format by the file's extension; a clerk's .xlsx saved as .xls is common.
    if data.startswith((_ZIP_MAGIC, _OLE_MAGIC)):
        try:
            return CalamineWorkbook.from_filelike(io.BytesIO(data))
        except BaseException as exc:
            reraise_interrupts(exc)
    if data.startswith(_OLE_MAGIC) and path.suffix.lower() in {".xlsx", ".xlsm"}:
        # An .xlsx that is an OLE2 file and no readable .xls is how Excel stores a protected one.
        raise DomainError("file_encrypted", path=str(path))
    raise unusable_file(path, first_failure)


def missing_or_folder(path: Path) -> DomainError | None:
    """`file_not_found` for a path that names nothing, `file_is_folder` for a folder; None for a
    file (what it holds is the guard's and the reader's business)."""
    if path.is_dir():
        return DomainError("file_is_folder", path=str(path))
    if not path.exists():
        return DomainError("file_not_found", path=str(path))
    return None


def reraise_interrupts(exc: BaseException) -> None:
    """Calamine's Rust panics arrive as BaseException; only a user's interrupt may pass."""
    if isinstance(exc, KeyboardInterrupt | SystemExit):
        raise exc


def unusable_file(path: Path, exc: BaseException) -> DomainError:
    text = str(exc)
    if "password" in text.lower() or "encrypt" in text.lower():
        return DomainError("file_encrypted", path=str(path))
    return DomainError(
        "file_unreadable", path=str(path), detail=text.splitlines()[0] if text else ""
    )


def _find_header(workbook: CalamineWorkbook) -> tuple[str, int, list[list[Any]]] | None:
    # Visible sheets first: a hidden sheet is no place a clerk would look for the slate.
    metadata = [m for m in workbook.sheets_metadata if m.typ == SheetTypeEnum.WorkSheet]
    metadata.sort(key=lambda m: m.visible != SheetVisibleEnum.Visible)
    for meta in metadata:
        sheet = workbook.get_sheet_by_name(meta.name)
        # skip_empty_area=False keeps the sheet's own row numbers (row 1 is grid[0]).
        top = sheet.to_python(skip_empty_area=False, nrows=HEADER_SEARCH_ROWS)
        for index, cells in enumerate(top):
            names = {normalise_header(cell) for cell in cells}
            if {"姓名", "性别"} <= names:
                return meta.name, index + 1, sheet.to_python(skip_empty_area=False)
    return None


def _build_table(
    name: str, header_row: int, grid: list[list[Any]], known: tuple[str, ...]
) -> SheetTable:
    """Column by column: the data rows' blank cells become None, the sheet is as wide as its
    last column with a header or a value, and rows of blank cells only are left out.

    Every step but the last over the cells runs in C (zip, set, map): a cell is looked at in
    Python only to tell a row with a value from a blank one (up to its first value) and as one
    of its column's distinct values."""
    header_cells = grid[header_row - 1]
    numbers: list[int] = []
    data: list[list[Any]] = []
    for offset, cells in enumerate(grid[header_row:], start=header_row + 1):
        if not all(map(is_blank, cells)):  # stops at the row's first value
            numbers.append(offset)
            data.append(cells)
    full = max(len(header_cells), *map(len, data)) if data else len(header_cells)
    if any(len(cells) != full for cells in data):  # calamine's rows are all as long: in case
        data = [[*cells, *[None] * (full - len(cells))] for cells in data]
    columns = list(zip(*data, strict=True)) if data else [() for _ in range(full)]
    width = full
    while width and (
        is_blank(header_cells[width - 1] if width <= len(header_cells) else None)
        and all(map(is_blank, set(columns[width - 1])))
    ):
        width -= 1
    by_column = tuple(_blank_is_none(column) for column in columns[:width])
    rows = tuple(zip(numbers, zip(*by_column, strict=True), strict=True))
    headers = tuple((text_of(cell) or "") for cell in header_cells[:width])
    headers += ("",) * (width - len(headers))
    columns_by_header: dict[str, int] = {}
    remark_columns: list[tuple[str, int]] = []
    keys: set[str] = set(known)
    for index, header in enumerate(headers):
        canonical = normalise_header(header)
        if canonical in known and canonical not in columns_by_header:
            columns_by_header[canonical] = index
            continue
        if canonical == EXPLANATION_HEADER:
            continue  # our own note on a rejected file: stale once the clerk has fixed the row
        # A second 姓名 column or an unknown one is kept as a remark, never dropped.
        key = header or f"{column_letter(index + 1)}列"
        candidate, copy = key, 1
        while candidate in keys:
            copy += 1
            candidate = f"{key}（{copy}）"
        keys.add(candidate)
        remark_columns.append((candidate, index))
    return SheetTable(
        name, header_row, headers, columns_by_header, tuple(remark_columns), rows, by_column
    )


def _blank_is_none(column: tuple[Any, ...]) -> tuple[Any, ...]:
    """The column with each blank cell (calamine's '' for an empty one, white space) as None."""
    blanks = {value: None for value in set(column) if isinstance(value, str) and not value.strip()}
    if not blanks:
        return column
    return tuple(map(blanks.get, column, column))


def column_letter(number: int) -> str:
    """1 -> A, 27 -> AA: the spreadsheet's own column name, without importing openpyxl (~0.2 s)."""
    letters = ""
    while number:
        number, remainder = divmod(number - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


Row = tuple[int, tuple[Any, ...]]  # the sheet's row number, and its cells (None for blank)


def rows_below_header(
    grid: list[list[Any]], header_row: int
) -> tuple[tuple[str, ...], tuple[Row, ...]]:
    """The header texts and the non-blank data rows under them, every row cut or padded to the
    width the headers and the data use; blank cells become None. What a row reader starts from."""
    header_cells = grid[header_row - 1]
    data: list[Row] = []
    for number, cells in enumerate(grid[header_row:], start=header_row + 1):
        values = tuple(None if is_blank(cell) else cell for cell in cells)
        if any(value is not None for value in values):
            data.append((number, values))
    used = [i for i, cell in enumerate(header_cells) if not is_blank(cell)]
    used += [i for _, values in data for i, value in enumerate(values) if value is not None]
    width = max(used, default=-1) + 1
    headers = tuple(text_of(cell) or "" for cell in header_cells[:width])
    headers += ("",) * (width - len(headers))
    rows = tuple((n, values[:width] + (None,) * (width - len(values))) for n, values in data)
    return headers, rows
