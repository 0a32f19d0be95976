"""Building slate workbooks for the import tests, with IDs that pass GB 11643."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from pathlib import Path
from string import Formatter
from typing import Any

from openpyxl import Workbook

from models.domain.identity import check_digit
from models.domain.messages import MESSAGES, message
from models.domain.slate import RowProblem
from models.importing.slate_reader import SlateSheet, read_slate

TODAY = date(2026, 6, 1)
DATA = Path(__file__).parent / "data"
ALL_HEADERS = (
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
TEXT_HEADERS = ("身份证号", "残疾人证号")


def valid_id(birth: str = "19800102", sequence: str = "123", area: str = "110109") -> str:
    """An ID with a correct check digit; an odd last sequence digit makes a man."""
    first17 = area + birth + sequence
    return first17 + check_digit(first17)


def id_ending_in_x() -> str:
    """A valid ID whose check digit is X, for the lower-case x normalisation."""
    for number in range(1000):
        candidate = valid_id(sequence=f"{number:03d}")
        if candidate.endswith("X"):
            return candidate
    raise AssertionError("no sequence gives X")  # pragma: no cover


def wrong_check_digit(id_number: str) -> str:
    return id_number[:17] + ("0" if id_number[17] != "0" else "1")


def person(**cells: Any) -> dict[str, Any]:
    """A row that passes every check; keyword arguments replace or add cells."""
    row: dict[str, Any] = {
        "姓名": "张三",
        "性别": "男",
        "身份证号": valid_id(),
        "选举单位": "大峪街道",
    }
    row.update(cells)
    return row


def fill_sheet(
    worksheet: Any,
    rows: Iterable[Mapping[str, Any] | None],
    *,
    headers: Sequence[str] | None = None,
    above: Sequence[Sequence[Any]] = (),
) -> None:
    """`above` rows first (titles; [] leaves a row empty), then the header, then the data.

    A row given as None stays empty. Strings in ID columns are marked as text cells, as the
    official template does; numbers stay numbers, so id_numeric_cell can be tested.
    """
    rows = list(rows)
    if headers is None:
        headers = list(dict.fromkeys(key for row in rows if row for key in row))
    for number, cells in enumerate(above, start=1):
        for column, value in enumerate(cells, start=1):
            worksheet.cell(row=number, column=column, value=value)
    header_row = len(above) + 1
    for column, header in enumerate(headers, start=1):
        worksheet.cell(row=header_row, column=column, value=header)
    for offset, row in enumerate(rows, start=1):
        if row is None:
            continue
        for column, header in enumerate(headers, start=1):
            value = row.get(header)
            if value is None:
                continue
            cell = worksheet.cell(row=header_row + offset, column=column, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # '=…' typed by a clerk is text, not a formula
                if header in TEXT_HEADERS:
                    cell.number_format = "@"


def write_slate(
    path: Path,
    rows: Iterable[Mapping[str, Any] | None],
    *,
    headers: Sequence[str] | None = None,
    above: Sequence[Sequence[Any]] = (),
) -> Path:
    workbook = Workbook()
    fill_sheet(workbook.active, rows, headers=headers, above=above)
    workbook.active.title = "名单"
    workbook.save(path)
    return path


def read(
    tmp_path: Path,
    rows: Iterable[Mapping[str, Any] | None],
    *,
    body: str = "congress",
    **kwargs: Any,
) -> SlateSheet:
    headers = kwargs.pop("headers", None)
    above = kwargs.pop("above", ())
    path = write_slate(tmp_path / "slate.xlsx", rows, headers=headers, above=above)
    return read_slate(path, body=body, today=TODAY, **kwargs)


def codes(sheet: SlateSheet) -> list[tuple[int, str, str]]:
    """(row, column, code) of every problem, in the sheet's order."""
    return [(problem.row, problem.column, problem.code) for problem in sheet.problems]


def only_problem(sheet: SlateSheet) -> RowProblem:
    assert len(sheet.problems) == 1, codes(sheet)
    return sheet.problems[0]


def rendered(problem: RowProblem) -> str:
    """The Chinese message, after checking the template exists and gets every parameter."""
    code = {"dup_id": "dup_id_rows"}.get(problem.code, problem.code)
    if problem.params.get("old_15_digit"):
        code = "id_format_old"
    assert code in MESSAGES, f"no message for {code}"
    needed = {name for _, name, _, _ in Formatter().parse(MESSAGES[code]) if name}
    assert needed <= set(problem.params), (code, needed, problem.params)
    return message(problem.code, problem.params)
