"""The people feature's plain data: rows, drafts and filters for terms, memberships and people."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from models.domain.vocabulary import (
    Association,
    BodyKind,
    DelegateType,
    DisabilityCategory,
    Employment,
    EndReason,
    Gender,
    MembershipStatus,
    Position,
    StartReason,
    TermStatus,
    UrbanRural,
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
class MembershipDetail:
    """Every per-term fact of one membership (DOMAIN §2 "Person or term?"), for the edit form.

    The certificate number holds the ID number: it is masked here like the ID, and a draft that
    sends the masked text back keeps the stored number (see `update_membership`).
    """

    id: int
    person_id: int
    person_name: str
    id_number: str  # masked
    term: TermRow
    position: Position
    status: MembershipStatus
    employment: Employment | None
    delegate_type: DelegateType | None
    start_reason: StartReason | None
    start_date: date | None
    start_basis: str | None
    end_date: date | None
    electoral_unit: str | None
    work_unit_and_post: str | None
    political_status: str | None
    cert_number: str | None  # masked
    disability_category: DisabilityCategory | None
    disability_grade: int | None
    multi_components: tuple[DisabilityCategory, ...]
    is_relative: bool
    relative_categories: tuple[DisabilityCategory, ...]
    urban_rural: UrbanRural | None
    is_role_model: bool
    is_frontline: bool
    is_org_representative: bool
    is_volunteer: bool
    version: int

    @property
    def body_name(self) -> str:
        return body_display_name(self.term.body, self.term.association)

    def as_draft(self) -> MembershipDraft:
        """The facts as a draft to edit: saving it unchanged changes nothing."""
        return MembershipDraft(
            position=self.position.value,
            status=self.status.value,
            employment=_value(self.employment),
            delegate_type=_value(self.delegate_type),
            start_reason=_value(self.start_reason),
            start_date=self.start_date,
            start_basis=self.start_basis,
            electoral_unit=self.electoral_unit,
            work_unit_and_post=self.work_unit_and_post,
            political_status=self.political_status,
            cert_number=self.cert_number,
            disability_category=_value(self.disability_category),
            disability_grade=self.disability_grade,
            multi_components=tuple(c.value for c in self.multi_components),
            is_relative=self.is_relative,
            relative_categories=tuple(c.value for c in self.relative_categories),
            urban_rural=_value(self.urban_rural),
            is_role_model=self.is_role_model,
            is_frontline=self.is_frontline,
            is_org_representative=self.is_org_representative,
            is_volunteer=self.is_volunteer,
        )


def _value(word: StrEnum | None) -> str | None:
    return None if word is None else word.value


@dataclass(frozen=True)
class PeopleFilter:
    body: BodyKind | None = None
    association: Association | None = None
    term_id: int | None = None
    search: str | None = None


@dataclass(frozen=True)
class FirstRoster:
    """What the window shows first, read before the data layer has loaded (first_roster.py):
    the first body's terms and the roster of its preferred term (none when it has no terms)."""

    kind: BodyKind
    terms: tuple[TermRow, ...]
    term_index: int  # into terms; -1 when the body has no terms yet
    entries: tuple[RosterEntry, ...]


def preferred_term(terms: list[TermRow] | tuple[TermRow, ...]) -> int:
    """Index of the term a body shows first: the current term, else the draft, else the latest."""
    for wanted in (TermStatus.CURRENT, TermStatus.DRAFT):
        for index, term in enumerate(terms):
            if term.status is wanted:
                return index
    return len(terms) - 1
