"""Reading a slate sheet (.xlsx or .xls) into checked records and coded row problems (DOMAIN §2)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from models.domain.errors import Level
from models.domain.identity import mask_identifier
from models.domain.slate import RowProblem, SlateRecord
from models.domain.vocabulary import BodyKind
from models.importing.collector import collector_paused
from models.importing.rows import PositionRule, RowContext, RowResult, check_rows
from models.importing.workbook import CANONICAL_HEADERS, SheetTable, read_table

REQUIRED_HEADERS = ("姓名", "性别", "身份证号")
SHOWN_ROWS = 3  # other rows a dup_id message names before "等共 N 行"


@dataclass(frozen=True, slots=True)
class SlateSheet:
    """What one sheet holds: usable records, every problem, and what is needed to write rows back.

    Row numbers everywhere are the sheet's own, as the clerk sees them in Excel.
    """

    records: tuple[SlateRecord, ...]  # rows without errors (warnings allowed)
    problems: tuple[RowProblem, ...]  # errors and warnings, by row then by the sheet's columns
    total: int  # non-blank data rows read
    excluded_rows: tuple[int, ...]  # sheet rows with at least one error
    header_row: int
    sheet_name: str
    headers: tuple[str, ...]  # the sheet's own header texts, in column order
    raw_rows: tuple[tuple[int, tuple[Any, ...]], ...]  # (sheet row, cells as read; blank = None)

    @property
    def counted(self) -> int:
        return len(self.records)


def read_slate(
    path: Path,
    *,
    body: str,
    today: date | None = None,
    known_units: Sequence[str] | None = None,
) -> SlateSheet:
    """Read and check a slate; a file that cannot be used at all raises DomainError.

    `body` is "congress" (选举单位 is then required) or "presidium"; `known_units`, given on
    an import into the database, are the term's electoral units (otherwise none is checked).
    """
    sheet, _ = read_people_sheet(path, body=body, today=today, known_units=known_units)
    return sheet


@collector_paused()
def read_people_sheet(
    path: Path,
    *,
    body: str,
    today: date | None = None,
    known_units: Sequence[str] | None = None,
    required: tuple[str, ...] = (),
    extra_headers: tuple[str, ...] = (),
    positions: PositionRule | None = None,
) -> tuple[SlateSheet, list[RowResult]]:
    """The sheet and each row's result: a slate, or a roster with its 职务 column."""
    congress = body == BodyKind.CONGRESS
    needed = (*REQUIRED_HEADERS, *(("选举单位",) if congress else ()), *required)
    table = read_table(Path(path), required=needed, extra_headers=extra_headers)
    context = RowContext(
        columns=table.columns,
        remark_columns=table.remark_columns,
        congress=congress,
        today=today or date.today(),
        known_units=None if known_units is None else tuple(known_units),
        positions=positions,
    )
    results = check_rows(table.rows, table.by_column, context)
    _mark_duplicates(results)
    problems = sorted(
        (problem for result in results for problem in result.problems),
        key=_column_order(table, (*CANONICAL_HEADERS, *extra_headers)),
    )
    sheet = SlateSheet(
        records=tuple(result.record for result in results if not result.has_error),
        problems=tuple(problems),
        total=len(results),
        excluded_rows=tuple(result.row for result in results if result.has_error),
        header_row=table.header_row,
        sheet_name=table.sheet_name,
        headers=table.headers,
        raw_rows=table.rows,
    )
    return sheet, results


def _mark_duplicates(results: list[RowResult]) -> None:
    """dup_id on every row sharing a valid ID: which of them is the right one is the clerk's call."""
    rows_by_id: dict[str, list[RowResult]] = defaultdict(list)
    for result in results:
        if result.id_number is not None:
            rows_by_id[result.id_number].append(result)
    for id_number, same in rows_by_id.items():
        if len(same) < 2:
            continue
        # Masked: the message is printed and may be shown on a shared screen (DOMAIN §7).
        masked = mask_identifier(id_number)
        for result, others in zip(same, duplicate_rows([r.row for r in same]), strict=True):
            params = {"column": "身份证号", "label": "身份证号", "id_number": masked, **others}
            result.problems.append(
                RowProblem(result.row, "身份证号", "dup_id", Level.ERROR, params)
            )


def duplicate_rows(rows: Sequence[int], *, shown: int = SHOWN_ROWS) -> list[dict[str, Any]]:
    """For each of `rows` (sheet rows sharing one ID): the first few others and how many there are.

    {"rows": "3、7、9", "count": 4999}: a row problem names at most `shown` other rows, so 5,000
    copies of one ID give 5,000 short messages, not 5,000 lists of 5,000 rows (issue 13).
    """
    first = [str(row) for row in rows[: shown + 1]]
    count = len(rows) - 1
    return [
        {"rows": "、".join([r for r in first if r != str(row)][:shown]), "count": count}
        for row in rows
    ]


def _column_order(
    table: SheetTable, known: tuple[str, ...]
) -> Callable[[RowProblem], tuple[int, int]]:
    """Problems sort by sheet row, then by the column's place in the sheet.

    A problem on a column the sheet lacks (a warning asking to fill 亲友残疾类别) goes last.
    """
    width = len(table.headers)

    def key(problem: RowProblem) -> tuple[int, int]:
        index = table.columns.get(problem.column)
        if index is None:
            index = width + known.index(problem.column)
        return problem.row, index

    return key
