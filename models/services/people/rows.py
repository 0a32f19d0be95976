"""Frozen read models handed to the CLI and the views: no ORM object ever leaves a service."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from models.domain.identity import mask_identifier
from models.domain.vocabulary import (
    Association,
    BodyKind,
    DelegateType,
    Employment,
    EndReason,
    Gender,
    MembershipStatus,
    Position,
    StartReason,
    TermStatus,
    body_display_name,
    term_display_name,
)
from models.entities import Membership, Person, Term


@dataclass(frozen=True)
class TermRow:
    id: int
    body: BodyKind
    association: Association | None
    body_name: str
    ordinal: int | None
    name: str
    status: TermStatus
    start_date: date | None
    end_date: date | None
    version: int

    @classmethod
    def of(cls, term: Term) -> TermRow:
        return cls(
            id=term.id,
            body=term.body.kind,
            association=term.body.association,
            body_name=term.body.name,
            ordinal=term.ordinal,
            name=term_display_name(term.ordinal),
            status=term.status,
            start_date=term.start_date,
            end_date=term.end_date,
            version=term.version,
        )


@dataclass(frozen=True)
class MembershipRow:
    id: int
    person_id: int
    term: TermRow
    position: Position
    employment: Employment | None
    delegate_type: DelegateType | None
    status: MembershipStatus
    start_reason: StartReason | None
    start_date: date | None
    start_basis: str | None
    end_reason: EndReason | None
    end_date: date | None
    end_basis: str | None
    electoral_unit: str | None
    work_unit_and_post: str | None
    version: int

    @classmethod
    def of(cls, membership: Membership) -> MembershipRow:
        unit = membership.electoral_unit
        return cls(
            id=membership.id,
            person_id=membership.person_id,
            term=TermRow.of(membership.term),
            position=membership.position,
            employment=membership.employment,
            delegate_type=membership.delegate_type,
            status=membership.status,
            start_reason=membership.start_reason,
            start_date=membership.start_date,
            start_basis=membership.start_basis,
            end_reason=membership.end_reason,
            end_date=membership.end_date,
            end_basis=membership.end_basis,
            electoral_unit=unit.name if unit else None,
            work_unit_and_post=membership.work_unit_and_post,
            version=membership.version,
        )

    @property
    def body_name(self) -> str:
        return body_display_name(self.term.body, self.term.association)


@dataclass(frozen=True)
class PersonRow:
    id: int
    name: str
    gender: Gender
    ethnicity: str | None
    birth_date: date | None
    # Masked (110109********123X) unless this row was made for a logged reveal.
    id_number: str
    is_id_revealed: bool
    phone: str | None
    version: int
    updated_by: str
    updated_at: datetime
    memberships: tuple[MembershipRow, ...]

    @classmethod
    def of(
        cls,
        person: Person,
        *,
        reveal: bool = False,
        memberships: tuple[MembershipRow, ...] | None = None,
    ) -> PersonRow:
        return cls(
            id=person.id,
            name=person.name,
            gender=person.gender,
            ethnicity=person.ethnicity,
            birth_date=person.birth_date,
            id_number=person.id_number if reveal else mask_identifier(person.id_number) or "",
            is_id_revealed=reveal,
            phone=person.phone,
            version=person.version,
            updated_by=person.updated_by,
            updated_at=person.updated_at,
            memberships=(
                memberships
                if memberships is not None
                else tuple(MembershipRow.of(m) for m in person.memberships)
            ),
        )
