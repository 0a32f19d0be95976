"""The motions template (yishi template motions): the reader's columns, drop-downs for 类别 and for
the members of the presidium term, and an instructions sheet; every cell written as text."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from models.documents.xlsx_cells import append_row, write_cell
from models.importing.motion_reader import CATEGORY, COSIGNERS, MOTION_HEADERS, PROPOSER

DATA_ROWS = 500
CHOICES_SHEET = "可选值"
# (required, width, instruction, example) per header of MOTION_HEADERS.
_COLUMNS: dict[str, tuple[bool, int, str, str]] = {
    "提案人": (True, 10, "必填：本届主席团委员的姓名，可从下拉列表中选择。", "张三"),
    "附议人": (False, 18, "本届主席团委员，多人用顿号（、）分隔，不含提案人。", "李四、王五"),
    "标题": (True, 36, "必填：同一提案人不能有两件同名提案。", "关于加快社区无障碍设施改造的提案"),
    "类别": (False, 10, "规则文件中的提案类别，请从下拉列表中选择。", "无障碍"),
    "案由": (False, 30, "自由填写。", ""),
    "理由": (False, 30, "自由填写。", ""),
    "办法和建议": (False, 30, "自由填写。", ""),
    "收到日期": (
        False,
        12,
        "可填日期，或 2026-03-01、2026/3/1、2026年3月1日；不填为空。",
        "2026-03-01",
    ),
}


def write_motion_template(
    path: Path, *, members: Sequence[str], categories: Sequence[str], term_name: str
) -> Path:
    """The data sheet first (the reader takes the first sheet with the header), then the lists
    the drop-downs use (a sheet, so a long list of members fits), then the instructions."""
    book = Workbook()
    sheet = book.active
    sheet.title = "提案"
    lists = book.create_sheet(CHOICES_SHEET)
    ranges: dict[str, str] = {}
    for column, (header, values) in enumerate(
        ((PROPOSER, members), (CATEGORY, categories)), start=1
    ):
        write_cell(lists, 1, column, header).font = Font(bold=True)
        for row, value in enumerate(values, start=2):
            write_cell(lists, row, column, value)
        letter = "AB"[column - 1]
        if values:
            ranges[header] = f"'{CHOICES_SHEET}'!${letter}$2:${letter}${len(values) + 1}"
    lists.sheet_state = "hidden"
    required_fill = PatternFill("solid", fgColor="FFF2CC")
    for index, header in enumerate(MOTION_HEADERS, start=1):
        required, width, _instruction, _example = _COLUMNS[header]
        cell = write_cell(sheet, 1, index, header)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center")
        if required:
            cell.fill = required_fill
        letter = cell.column_letter
        sheet.column_dimensions[letter].width = width
        if header != "收到日期":
            for row in range(2, DATA_ROWS + 2):
                sheet.cell(row=row, column=index).number_format = "@"
        if header in ranges:
            validation = DataValidation(
                type="list",
                formula1=ranges[header],
                allow_blank=True,
                showErrorMessage=True,
                errorTitle="取值无效",
                error=f"{header}请从下拉列表中选择。",
            )
            validation.add(f"{letter}2:{letter}{DATA_ROWS + 1}")
            sheet.add_data_validation(validation)
    sheet.freeze_panes = "A2"

    notes = book.create_sheet("填写说明")
    for cell in append_row(notes, ["列名", "是否必填", "填写说明", "示例"]):
        cell.font = Font(bold=True)
    for header in MOTION_HEADERS:
        required, _width, instruction, example = _COLUMNS[header]
        append_row(notes, [header, "必填" if required else "选填", instruction, example])
    append_row(notes, [])
    append_row(
        notes,
        [
            "说明",
            "",
            f"{term_name}主席团的提案，每件一行，从第2行开始填写；不要合并单元格，不要改动第1行的"
            f"列名，列的顺序可以调整。{COSIGNERS}须是本届委员。导入后提案为“已提交”状态。",
            "",
        ],
    )
    for letter, width in zip("ABCD", (14, 10, 70, 30), strict=True):
        notes.column_dimensions[letter].width = width
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path
