"""The slates feature's plain data: a term's slate, the editor's workbench, an import's outcome."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from models.domain.errors import Level
from models.domain.rules import Rules
from models.domain.slate import RowProblem, SlateRecord
from models.domain.vocabulary import BodyKind, MembershipStatus, TermStatus
from models.services.rosters.contracts import PersonConflict

if TYPE_CHECKING:  # the reader pulls in the spreadsheet libraries; only an import needs them
    from models.importing.slate_reader import SlateSheet

SLATE_BODIES = (BodyKind.CONGRESS, BodyKind.PRESIDIUM, BodyKind.EXECUTIVE_COUNCIL)
# Who stands on a slate: reserves are a separate pool, ended memberships are history.
ON_SLATE = (MembershipStatus.CANDIDATE, MembershipStatus.ELECTED)


@dataclass(frozen=True)
class TermSlate:
    """A term's slate with what its check needs: reserves, the previous term, the delegates."""

    term_id: int
    term: int | None  # the 届次
    term_status: TermStatus
    body: BodyKind
    people: tuple[SlateRecord, ...]
    reserves: tuple[SlateRecord, ...]
    previous: tuple[SlateRecord, ...] | None
    delegate_ids: frozenset[str] | None


@dataclass(frozen=True)
class SlateWorkbench:
    """Everything the slate editor shows: the slate, the rules in force, the congress's seats."""

    slate: TermSlate
    rules: Rules
    seats: tuple[tuple[str, int], ...]  # (electoral unit, seats); empty but for the congress


@dataclass(frozen=True)
class ImportOutcome:
    """What a slate or roster import did; with row errors and no `valid_only`, nothing."""

    sheet: SlateSheet
    imported: int
    added_people: int
    updated_people: int
    rejected_file: Path | None
    # Registered people the file describes otherwise, and the rows whose file facts were taken.
    conflicts: tuple[PersonConflict, ...] = ()
    rows_from_file: tuple[int, ...] = ()
    created_units: tuple[str, ...] = ()
    unknown_units: tuple[str, ...] = ()  # not created: their rows are unit_unknown errors

    @property
    def errors(self) -> tuple[RowProblem, ...]:
        return tuple(p for p in self.sheet.problems if p.level is Level.ERROR)

    @property
    def warnings(self) -> tuple[RowProblem, ...]:
        """The reader's warnings and one per conflicting person fact, by row."""
        found = [p for p in self.sheet.problems if p.level is Level.WARNING]
        found += [p for conflict in self.conflicts for p in conflict.problems]
        return tuple(sorted(found, key=lambda p: p.row))
