"""Reading a sitting roster: a slate's columns and checks, plus 职务 and the council's 任职方式."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from models.domain.slate import SlateRecord
from models.domain.vocabulary import (
    ALLOWED_POSITIONS,
    Association,
    BodyKind,
    Employment,
    Position,
    body_display_name,
)
from models.importing.rows import PositionRule
from models.importing.slate_reader import SlateSheet, read_people_sheet

ROSTER_HEADERS = ("职务", "任职方式")
# A blank 职务 cell means the body's ordinary member: 代表, 委员 or 理事.
ORDINARY_POSITIONS = (Position.DELEGATE, Position.MEMBER, Position.COUNCIL_MEMBER)


@dataclass(frozen=True, slots=True)
class RosterMember:
    """A row without errors: the person's record and the post held in the term."""

    record: SlateRecord
    position: Position
    employment: Employment | None


@dataclass(frozen=True, slots=True)
class RosterSheet:
    """The sheet as any slate (problems, rows, what a rejected file needs) and its members."""

    sheet: SlateSheet
    members: tuple[RosterMember, ...]


def position_rule(kind: BodyKind, association: Association | None = None) -> PositionRule:
    allowed = tuple(p for p in Position if p in ALLOWED_POSITIONS[kind])
    default = next((p for p in ORDINARY_POSITIONS if p in allowed), None)
    return PositionRule(
        body=body_display_name(kind, association),
        allowed=allowed,
        default=default,
        has_employment=kind is BodyKind.EXECUTIVE_COUNCIL,
    )


def read_roster(
    path: Path,
    *,
    kind: BodyKind,
    association: Association | None = None,
    today: date | None = None,
    known_units: Sequence[str] | None = None,
) -> RosterSheet:
    """Read and check a roster; a file that cannot be used at all raises DomainError.

    The 职务 column is required but for the congress, where every member is a 代表: a
    presidium roster without it would make its chair an ordinary 委员 without a word.
    """
    rule = position_rule(kind, association)
    sheet, results = read_people_sheet(
        path,
        body=kind.value,
        today=today,
        known_units=known_units,
        required=() if kind is BodyKind.CONGRESS else ("职务",),
        extra_headers=ROSTER_HEADERS if rule.has_employment else ROSTER_HEADERS[:1],
        positions=rule,
    )
    members = []
    for result in results:
        if result.has_error:
            continue
        assert result.position is not None  # a row without errors has its post
        members.append(RosterMember(result.record, result.position, result.employment))
    return RosterSheet(sheet, tuple(members))
