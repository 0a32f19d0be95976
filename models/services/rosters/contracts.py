"""The rosters feature's plain data: a sheet's preview, and a person the file describes otherwise."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from models.domain.errors import Level
from models.domain.slate import RowProblem

if TYPE_CHECKING:  # the reader pulls in the spreadsheet libraries; only an import needs them
    from models.importing.slate_reader import SlateSheet


@dataclass(frozen=True)
class FactConflict:
    column: str  # the canonical header: 姓名, 性别, 出生日期, 民族 or 联系电话
    registry: str
    file: str


@dataclass(frozen=True)
class PersonConflict:
    """A registered person (matched by ID) whom a row describes otherwise; ID masked."""

    row: int
    id_number: str  # masked
    name: str  # as registered
    facts: tuple[FactConflict, ...]

    @property
    def problems(self) -> tuple[RowProblem, ...]:
        """One warning per differing fact, with both values."""
        return tuple(
            RowProblem(
                self.row,
                fact.column,
                "person_conflict",
                Level.WARNING,
                {
                    "column": fact.column,
                    "label": fact.column,
                    "id_number": self.id_number,
                    "name": self.name,
                    "registry": fact.registry,
                    "file": fact.file,
                },
            )
            for fact in self.facts
        )


@dataclass(frozen=True)
class SheetPreview:
    """A sheet read against a term before anything is written: rows and problems (the reader's),
    the registered people it describes otherwise, and the electoral units the term lacks."""

    sheet: SlateSheet
    conflicts: tuple[PersonConflict, ...]
    unknown_units: tuple[str, ...]
    # The same sheet as it reads once the unknown units are created (None when there are none):
    # the clerk's tick switches between the two without reading the file again.
    with_units: SheetPreview | None = None

    @property
    def problems(self) -> tuple[RowProblem, ...]:
        """The reader's problems and the conflicts' warnings, by row."""
        extra = [p for conflict in self.conflicts for p in conflict.problems]
        return tuple(sorted((*self.sheet.problems, *extra), key=lambda p: p.row))


@dataclass(frozen=True)
class ImportChoices:
    """What the clerk decided in the preview: the valid rows only, the rows whose person facts
    the file gives (以文件为准), and whether to create the units the term lacks."""

    valid_only: bool = False
    rows_from_file: frozenset[int] = frozenset()
    create_units: bool = False
