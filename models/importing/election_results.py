"""Reading an election results sheet: the columns 身份证号 and 结果 (当选 or 未当选).

The same tolerant reading as a slate (DOMAIN §2 and §8): any sheet whose first 10 rows hold the
header, headers matched after NFKC and without `*`/`(必填)`, the sheet's own row numbers, ID cells
normalised before they are checked. A file without either column is `headers_missing`; a row
with an unreadable cell is a row problem, and the caller writes nothing while any remain.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from models.domain.errors import DomainError
from models.domain.identity import id_number_problem, mask_identifier, normalise_identifier
from models.domain.slate import RowProblem
from models.importing.cells import is_blank, is_number, text_of, word_of
from models.importing.slate_reader import duplicate_rows
from models.importing.workbook import (
    HEADER_SEARCH_ROWS,
    normalise_header,
    open_workbook,
    reraise_interrupts,
    unusable_file,
)

ID_HEADER, RESULT_HEADER = "身份证号", "结果"
RESULT_HEADERS = (ID_HEADER, RESULT_HEADER)
RESULT_WORDS = ("当选", "未当选")


@dataclass(frozen=True, slots=True)
class ResultRow:
    row: int  # the sheet's own row number
    id_number: str  # normalised
    result: str  # 当选 or 未当选


@dataclass(frozen=True, slots=True)
class ResultSheet:
    sheet_name: str
    rows: tuple[ResultRow, ...]
    problems: tuple[RowProblem, ...]
    total: int  # non-blank data rows read


def read_election_results(path: Path, *, today: date) -> ResultSheet:
    with open_workbook(path) as workbook:
        try:
            found = _find(workbook)
        except BaseException as exc:
            reraise_interrupts(exc)
            raise unusable_file(path, exc) from None
    name, header_row, columns, grid = found
    missing = [h for h in RESULT_HEADERS if h not in columns]
    if missing:
        raise DomainError(
            "headers_missing",
            path=str(path),
            sheet=name,
            missing=missing,
            missing_text="、".join(missing),
            expected="、".join(RESULT_HEADERS),
        )
    rows: list[ResultRow] = []
    problems: list[RowProblem] = []
    seen: dict[str, list[int]] = {}
    total = 0
    for number, cells in enumerate(grid[header_row:], start=header_row + 1):
        if all(is_blank(cell) for cell in cells):
            continue
        total += 1
        id_number = _id_number(number, _cell(cells, columns[ID_HEADER]), problems, today)
        result = word_of(_cell(cells, columns[RESULT_HEADER]))
        if result is None:
            problems.append(
                RowProblem(number, RESULT_HEADER, "missing_required", params={"label": "结果"})
            )
        elif result not in RESULT_WORDS:
            problems.append(
                RowProblem(
                    number, RESULT_HEADER, "election_result_invalid", params={"value": result}
                )
            )
        if id_number is not None:
            seen.setdefault(id_number, []).append(number)
            if result in RESULT_WORDS:
                rows.append(ResultRow(number, id_number, result))
    for id_number, numbers in seen.items():
        if len(numbers) > 1:
            masked = mask_identifier(id_number)
            problems.extend(
                RowProblem(n, ID_HEADER, "dup_id", params={"id_number": masked, **others})
                for n, others in zip(numbers, duplicate_rows(numbers), strict=True)
            )
    if total == 0:
        raise DomainError("election_results_empty", path=str(path))
    problems.sort(key=lambda p: (p.row, RESULT_HEADERS.index(p.column)))
    return ResultSheet(name, tuple(rows), tuple(problems), total)


def _cell(cells: list[Any], index: int) -> Any:
    return cells[index] if index < len(cells) else None


def _id_number(number: int, raw: Any, problems: list[RowProblem], today: date) -> str | None:
    if is_blank(raw):
        problems.append(
            RowProblem(number, ID_HEADER, "missing_required", params={"label": "身份证号"})
        )
        return None
    if is_number(raw):
        problems.append(
            RowProblem(number, ID_HEADER, "id_numeric_cell", params={"column": ID_HEADER})
        )
        return None
    normalised = normalise_identifier(text_of(raw) or "")
    problem = id_number_problem(normalised, today=today)
    if problem is not None:
        problems.append(RowProblem(number, ID_HEADER, problem.code, params=dict(problem.params)))
        return None
    return normalised


def _find(workbook: Any) -> tuple[str, int, dict[str, int], list[list[Any]]]:
    """The first sheet with 身份证号 or 结果 in its first 10 rows; else the first sheet, whose
    missing columns are then named."""
    first: tuple[str, int, dict[str, int], list[list[Any]]] | None = None
    for sheet_name in workbook.sheet_names:
        grid = workbook.get_sheet_by_name(sheet_name).to_python(skip_empty_area=False)
        for index, cells in enumerate(grid[:HEADER_SEARCH_ROWS]):
            columns: dict[str, int] = {}
            for column, cell in enumerate(cells):
                header = normalise_header(cell)
                if header in RESULT_HEADERS and header not in columns:
                    columns[header] = column
            if columns:
                return sheet_name, index + 1, columns, grid
        if first is None:
            first = (sheet_name, 1, {}, grid)
    if first is None:
        raise DomainError("header_not_found", path="")
    return first
