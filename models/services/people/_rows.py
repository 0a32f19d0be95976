"""Building the people feature's rows from entities, inside the session that loaded them."""

from __future__ import annotations

from sqlalchemy.orm import Session

from models.domain.errors import DomainError
from models.domain.identity import mask_identifier
from models.domain.vocabulary import DisabilityCategory, term_display_name
from models.entities import Membership, Person, Term
from models.services.people.contracts import MembershipDetail, MembershipRow, PersonRow, TermRow


def load_person(session: Session, person_id: int) -> Person:
    person = session.get(Person, person_id)
    if person is None:
        raise DomainError("person_not_found", person_id=person_id)
    return person


def term_row(term: Term) -> TermRow:
    return TermRow(
        id=term.id,
        body=term.body.kind,
        association=term.body.association,
        body_name=term.body.name,
        term=term.ordinal,
        name=term_display_name(term.ordinal),
        status=term.status,
        start_date=term.start_date,
        end_date=term.end_date,
        version=term.version,
    )


def membership_row(membership: Membership) -> MembershipRow:
    unit = membership.electoral_unit
    return MembershipRow(
        id=membership.id,
        person_id=membership.person_id,
        term=term_row(membership.term),
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


def membership_detail(membership: Membership) -> MembershipDetail:
    """Every per-term fact; the ID and certificate numbers masked."""
    person, unit = membership.person, membership.electoral_unit
    return MembershipDetail(
        id=membership.id,
        person_id=person.id,
        person_name=person.name,
        id_number=mask_identifier(person.id_number) or "",
        term=term_row(membership.term),
        position=membership.position,
        status=membership.status,
        employment=membership.employment,
        delegate_type=membership.delegate_type,
        start_reason=membership.start_reason,
        start_date=membership.start_date,
        start_basis=membership.start_basis,
        end_date=membership.end_date,
        electoral_unit=unit.name if unit else None,
        work_unit_and_post=membership.work_unit_and_post,
        political_status=membership.political_status,
        cert_number=mask_identifier(membership.cert_number),
        disability_category=membership.disability_category,
        disability_grade=membership.disability_grade,
        multi_components=tuple(DisabilityCategory(c) for c in membership.multi_components or ()),
        is_relative=membership.is_relative,
        relative_categories=tuple(
            DisabilityCategory(c) for c in membership.relative_categories or ()
        ),
        urban_rural=membership.urban_rural,
        is_role_model=membership.is_role_model,
        is_frontline=membership.is_frontline,
        is_org_representative=membership.is_org_representative,
        is_volunteer=membership.is_volunteer,
        version=membership.version,
    )


def person_row(
    person: Person, *, reveal: bool = False, memberships: tuple[MembershipRow, ...] | None = None
) -> PersonRow:
    return PersonRow(
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
            else tuple(membership_row(m) for m in person.memberships)
        ),
    )
