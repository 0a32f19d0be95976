"""The organisation registers' templates (yishi template <register>): the reader's columns, drop-
downs for the closed words and for the names the database already holds, and an instructions
sheet; text columns are stored as text, every cell written the safe way."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from models.documents.xlsx_cells import append_row, write_cell
from models.importing.register_reader import Kind, RegisterSpec, register_spec

DATA_ROWS = 500  # as the motions template: cells formatted as text, drop-downs
CHOICES_SHEET = "可选值"
_BOOL_CHOICES = ("是", "否")


def write_register_template(
    path: Path, *, register: str, lists: Mapping[str, Sequence[str]] | None = None
) -> Path:
    """The data sheet first (the reader takes the first sheet with the header), then the lists the
    drop-downs use, then the instructions. `lists` maps a header to the names the database holds
    (街乡镇, members …): offered in a drop-down that warns, but accepts a new name."""
    spec = register_spec(register)
    lists = {header: tuple(values) for header, values in (lists or {}).items() if values}
    book = Workbook()
    sheet = book.active
    sheet.title = spec.title
    ranges = _choice_lists(book, spec, lists)
    required_fill = PatternFill("solid", fgColor="FFF2CC")
    for index, column in enumerate(spec.columns, start=1):
        cell = write_cell(sheet, 1, index, column.header)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center")
        if column.required:
            cell.fill = required_fill
        letter = cell.column_letter
        sheet.column_dimensions[letter].width = column.width
        if column.kind in (Kind.TEXT, Kind.CHOICE, Kind.BOOL):
            # Excel would read 001 as a number and =… as a formula; a text cell keeps both.
            for row in range(2, DATA_ROWS + 2):
                sheet.cell(row=row, column=index).number_format = "@"
        if column.header in ranges:
            fixed = column.kind in (Kind.CHOICE, Kind.BOOL)
            validation = DataValidation(
                type="list",
                formula1=ranges[column.header],
                allow_blank=True,
                showErrorMessage=True,
                errorStyle="stop" if fixed else "warning",
                errorTitle="取值无效" if fixed else "名册中没有",
                error=(
                    f"{column.header}请从下拉列表中选择。"
                    if fixed
                    else f"{column.header}不在名册中，请核对（仍可保留）。"
                ),
            )
            validation.add(f"{letter}2:{letter}{DATA_ROWS + 1}")
            sheet.add_data_validation(validation)
    sheet.freeze_panes = "A2"
    _notes(book, spec)
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path


def _choice_lists(
    book: Workbook, spec: RegisterSpec, lists: Mapping[str, Sequence[str]]
) -> dict[str, str]:
    """A hidden sheet with one column per drop-down (a long list of names fits there, not in the
    validation's formula); the range each header's drop-down uses."""
    wanted: list[tuple[str, Sequence[str]]] = []
    for column in spec.columns:
        if column.kind is Kind.CHOICE:
            wanted.append((column.header, column.choices))
        elif column.kind is Kind.BOOL:
            wanted.append((column.header, _BOOL_CHOICES))
        elif column.header in lists:
            wanted.append((column.header, lists[column.header]))
    choices = book.create_sheet(CHOICES_SHEET)
    ranges: dict[str, str] = {}
    for number, (header, values) in enumerate(wanted, start=1):
        write_cell(choices, 1, number, header).font = Font(bold=True)
        for row, value in enumerate(values, start=2):
            write_cell(choices, row, number, value)
        letter = get_column_letter(number)
        ranges[header] = f"'{CHOICES_SHEET}'!${letter}$2:${letter}${len(values) + 1}"
    choices.sheet_state = "hidden"
    return ranges


def _notes(book: Workbook, spec: RegisterSpec) -> None:
    notes = book.create_sheet("填写说明")
    for cell in append_row(notes, ["列名", "是否必填", "填写说明", "示例"]):
        cell.font = Font(bold=True)
    for column in spec.columns:
        required = "必填" if column.required else "选填"
        append_row(notes, [column.header, required, column.instruction, column.example])
    for row in notes.iter_rows(min_row=2, min_col=4, max_col=4):
        for cell in row:
            cell.number_format = "@"
    append_row(notes, [])
    append_row(
        notes,
        [
            "说明",
            "",
            f"{spec.row_note}从第2行开始填写；不要合并单元格，不要改动第1行的列名，"
            "列的顺序可以调整，表中未列出的列导入时不读取。",
            "",
        ],
    )
    for letter, width in zip("ABCD", (16, 10, 70, 26), strict=True):
        notes.column_dimensions[letter].width = width
