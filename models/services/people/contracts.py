"""The people feature's plain data: rows, drafts and filters for terms, memberships and people."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

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
)


@dataclass(frozen=True)
class TermRow:
    id: int
    body: BodyKind
    association: Association | None
    body_name: str
    term: int | None  # the 届次; None for the party group's standing term
    name: str
    status: TermStatus
    start_date: date | None
    end_date: date | None
    version: int


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


@dataclass(frozen=True, slots=True)
class RosterEntry:
    """One line of a roster: a membership of the term, or a person of the registry."""

    person_id: int
    person_version: int
    name: str
    gender: str
    id_number: str  # masked
    birth_date: date | None
    phone: str | None
    # The membership this line shows; None on the registry, which lists people.
    membership_id: int | None = None
    membership_version: int | None = None
    position: str = ""
    status: MembershipStatus | None = None
    employment: str = ""
    delegate_type: str = ""
    electoral_unit: str = ""
    category: str = ""
    start_date: date | None = None
    end_date: date | None = None
    end_reason: str = ""
    roles: str = ""
    # name, full pinyin and initials in one lower-case string, and the ID's last characters.
    haystack: str = ""
    id_tail: str = ""
    # The first pinyin reading: names sort the way a clerk looks them up.
    sort_name: str = ""


@dataclass(frozen=True)
class PersonDraft:
    """What a clerk typed for a person's identity, before validation."""

    name: str
    gender: str
    id_number: str
    ethnicity: str | None = None
    birth_date: date | None = None
    phone: str | None = None


@dataclass(frozen=True)
class MembershipDraft:
    """A person as nominated for one term: the position and the term's snapshot facts."""

    position: str
    status: str = MembershipStatus.ELECTED.value
    employment: str | None = None
    delegate_type: str | None = None
    start_reason: str | None = StartReason.ELECTED.value
    start_date: date | None = None
    start_basis: str | None = None
    electoral_unit: str | None = None
    work_unit_and_post: str | None = None
    political_status: str | None = None
    cert_number: str | None = None
    disability_category: str | None = None
    disability_grade: int | str | None = None
    multi_components: tuple[str, ...] = ()
    is_relative: bool = False
    relative_categories: tuple[str, ...] = ()
    urban_rural: str | None = None
    is_role_model: bool = False
    is_frontline: bool = False
    is_org_representative: bool = False
    is_volunteer: bool = False
    remarks: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class PeopleFilter:
    body: BodyKind | None = None
    association: Association | None = None
    term_id: int | None = None
    search: str | None = None
