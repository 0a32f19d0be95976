"""Reading many motions from one sheet (yishi motions import), and the sheet's template.

The same tolerance as a slate (DOMAIN §2, §8): the first sheet with a header row in its first 10
rows, headers compared after NFKC without white space, `*` or `(必填)`, columns in any order,
unknown columns kept; every problem names the sheet's own row number. The result carries what
`models.importing.rejected.write_rejected` needs to write the rejected rows back.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from python_calamine import SheetTypeEnum, SheetVisibleEnum

from models.domain.errors import DomainError, Level
from models.domain.motion_texts import MotionTexts, compose_body
from models.domain.slate import RowProblem
from models.importing.cells import parse_date, text_of, word_of
from models.importing.slate_reader import SlateSheet
from models.importing.workbook import (
    HEADER_SEARCH_ROWS,
    normalise_header,
    open_workbook,
    reraise_interrupts,
    rows_below_header,
    unusable_file,
)

PROPOSER, COSIGNERS, TITLE, CATEGORY = "提案人", "附议人", "标题", "类别"
CAUSE, REASONS, PROPOSALS, RECEIVED = "案由", "理由", "办法和建议", "收到日期"
MOTION_HEADERS = (PROPOSER, COSIGNERS, TITLE, CATEGORY, CAUSE, REASONS, PROPOSALS, RECEIVED)
TITLE_LIMIT = 200
# 、 is the template's separator; a clerk's comma, semicolon or space is read the same way.
_SEPARATORS = re.compile(r"[、,，;；/\s]+")


@dataclass(frozen=True, slots=True)
class Member:
    """A member of the presidium term: who may propose or second a motion."""

    id: int
    name: str


@dataclass(frozen=True, slots=True)
class MotionEntry:
    """A row without errors, ready to be registered."""

    row: int
    proposer: Member
    co_signers: tuple[Member, ...]
    title: str
    category: str | None
    cause: str | None
    reasons: str | None
    proposals: str | None
    received: date | None

    @property
    def body_text(self) -> str:
        """案由, 理由 and 办法和建议 as one text, each under its 【heading】, as the form keeps it."""
        return compose_body(
            MotionTexts(
                cause=self.cause or "", reasons=self.reasons or "", proposals=self.proposals or ""
            )
        )


@dataclass(frozen=True, slots=True)
class MotionSheet:
    """The sheet as read: usable motions, and the slate-shaped sheet (problems, rows as typed)."""

    sheet: SlateSheet
    entries: tuple[MotionEntry, ...]

    @property
    def errors(self) -> tuple[RowProblem, ...]:
        return tuple(p for p in self.sheet.problems if p.level is Level.ERROR)


def read_motions(
    path: Path,
    *,
    term_name: str,
    members: Sequence[Member],
    categories: Sequence[str],
    registered: Mapping[tuple[int, str], str] | None = None,
) -> MotionSheet:
    """Read and check the rows; `registered` maps (proposer id, title) of the term's motions.

    A file that cannot be used at all raises DomainError; row problems never do.
    """
    name, header_row, grid = _find_header(path)
    headers, rows = rows_below_header(grid, header_row)
    columns: dict[str, int] = {}
    for index, header in enumerate(headers):
        canonical = normalise_header(header)
        if canonical in MOTION_HEADERS and canonical not in columns:
            columns[canonical] = index
    checker = _Checker(term_name, members, categories, registered or {})
    entries: list[MotionEntry] = []
    problems: list[RowProblem] = []
    for number, values in rows:
        row_cells = {h: values[i] for h, i in columns.items()}
        entry, found = checker.check(number, row_cells)
        problems.extend(found)
        if entry is not None:
            entries.append(entry)
    excluded = tuple(sorted({p.row for p in problems if p.level is Level.ERROR}))
    sheet = SlateSheet(
        records=(),
        problems=tuple(problems),
        total=len(rows),
        excluded_rows=excluded,
        header_row=header_row,
        sheet_name=name,
        headers=headers,
        raw_rows=rows,
    )
    return MotionSheet(sheet, tuple(entries))


class _Checker:
    def __init__(
        self,
        term_name: str,
        members: Sequence[Member],
        categories: Sequence[str],
        registered: Mapping[tuple[int, str], str],
    ) -> None:
        self.term_name = term_name
        self.by_name: dict[str, list[Member]] = {}
        self.by_id = {str(m.id): m for m in members}
        for member in members:
            self.by_name.setdefault(word_of(member.name) or "", []).append(member)
        self.categories = {word_of(c) or "": c for c in categories}
        self.choices = "、".join(categories)
        self.registered = registered
        self.seen: dict[tuple[int, str], int] = {}

    def member(self, value: str) -> Member | list[Member]:
        """The member a name or 人员编号 names; several when a name is shared, [] when none."""
        key = word_of(value) or ""
        if key in self.by_id:
            return self.by_id[key]
        found = self.by_name.get(key, [])
        return found[0] if len(found) == 1 else found

    def check(
        self, row: int, cells: Mapping[str, Any]
    ) -> tuple[MotionEntry | None, list[RowProblem]]:
        problems: list[RowProblem] = []

        def problem(column: str, code: str, **params: Any) -> None:
            problems.append(RowProblem(row, column, code, Level.ERROR, params))

        proposer: Member | None = None
        proposer_text = text_of(cells.get(PROPOSER))
        if proposer_text is None:
            problem(PROPOSER, "motion_proposer_missing")
        else:
            proposer = self._one(proposer_text, PROPOSER, "motion_proposer_unknown", problem)
        co_signers: list[Member] = []
        for name in _SEPARATORS.split(text_of(cells.get(COSIGNERS)) or ""):
            if not name:
                continue
            found = self._one(name, COSIGNERS, "motion_cosigner_unknown", problem)
            if found is None:
                continue
            if found in co_signers or (proposer is not None and found == proposer):
                problem(COSIGNERS, "motion_cosigner_repeated", name=name)
            else:
                co_signers.append(found)
        title = text_of(cells.get(TITLE))
        if title is None:
            problem(TITLE, "motion_title_empty")
        elif len(title) > TITLE_LIMIT:
            problem(TITLE, "motion_title_too_long", length=len(title), limit=TITLE_LIMIT)
        elif proposer is not None:
            key = (proposer.id, word_of(title) or "")
            if key in self.registered:
                problem(TITLE, "motion_title_repeated", proposer=proposer.name, title=title)
            elif key in self.seen:
                problem(
                    TITLE,
                    "motion_title_repeated_in_file",
                    row=self.seen[key],
                    proposer=proposer.name,
                    title=title,
                )
            else:
                self.seen[key] = row
        category: str | None = None
        category_text = text_of(cells.get(CATEGORY))
        if category_text is not None:
            category = self.categories.get(word_of(category_text) or "")
            if category is None:
                problem(
                    CATEGORY, "motion_category_unknown", value=category_text, choices=self.choices
                )
        received_value = cells.get(RECEIVED)
        received = parse_date(received_value)
        if received_value is not None and received is None:
            problem(RECEIVED, "date_invalid", label=RECEIVED)
        if problems or proposer is None or title is None:
            return None, problems
        entry = MotionEntry(
            row=row,
            proposer=proposer,
            co_signers=tuple(co_signers),
            title=title,
            category=category,
            cause=text_of(cells.get(CAUSE)),
            reasons=text_of(cells.get(REASONS)),
            proposals=text_of(cells.get(PROPOSALS)),
            received=received,
        )
        return entry, problems

    def _one(self, value: str, column: str, unknown: str, problem: Any) -> Member | None:
        found = self.member(value)
        if isinstance(found, Member):
            return found
        if found:
            names = "、".join(f"{m.name}（编号 {m.id}）" for m in found)
            problem(column, "proposer_ambiguous", value=value, names=names)
        else:
            problem(column, unknown, name=value, term=self.term_name)
        return None


def _find_header(path: Path) -> tuple[str, int, list[list[Any]]]:
    with open_workbook(path) as workbook:
        try:
            metadata = [m for m in workbook.sheets_metadata if m.typ == SheetTypeEnum.WorkSheet]
            metadata.sort(key=lambda m: m.visible != SheetVisibleEnum.Visible)
            for meta in metadata:
                sheet = workbook.get_sheet_by_name(meta.name)
                top = sheet.to_python(skip_empty_area=False, nrows=HEADER_SEARCH_ROWS)
                for index, cells in enumerate(top):
                    names = {normalise_header(cell) for cell in cells}
                    if {PROPOSER, TITLE} <= names:
                        return meta.name, index + 1, sheet.to_python(skip_empty_area=False)
        except BaseException as exc:
            reraise_interrupts(exc)
            raise unusable_file(path, exc) from None
    raise DomainError("motion_header_not_found", path=str(path))
