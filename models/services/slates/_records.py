"""A membership's snapshot facts as the composition rules read them."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from models.domain.slate import SlateRecord
from models.domain.vocabulary import DelegateType, DisabilityCategory, MembershipStatus, UrbanRural
from models.entities import Membership


def record_of(membership: Membership) -> SlateRecord:
    person = membership.person
    return SlateRecord(
        row=membership.id,
        key=membership.id,
        name=person.name,
        gender=person.gender,
        id_number=person.id_number,
        electoral_unit=membership.electoral_unit.name if membership.electoral_unit else None,
        delegate_type=membership.delegate_type or DelegateType.REGULAR,
        cert_number=membership.cert_number,
        category=membership.disability_category,
        grade=membership.disability_grade,
        multi_components=tuple(DisabilityCategory(c) for c in membership.multi_components or ()),
        is_relative=membership.is_relative,
        relative_categories=tuple(
            DisabilityCategory(c) for c in membership.relative_categories or ()
        ),
        is_rural=None
        if membership.urban_rural is None
        else membership.urban_rural is UrbanRural.RURAL,
        is_role_model=membership.is_role_model,
        is_frontline=membership.is_frontline,
        is_org_representative=membership.is_org_representative,
        is_volunteer=membership.is_volunteer,
        ethnicity=person.ethnicity,
        birth_date=person.birth_date,
        work_unit_and_post=membership.work_unit_and_post,
        political_status=membership.political_status,
        phone=person.phone,
        remarks=membership.remarks or {},
    )


def records_of_term(
    session: Session, term_id: int, statuses: tuple[MembershipStatus, ...]
) -> list[SlateRecord]:
    memberships = session.scalars(
        select(Membership)
        .where(Membership.term_id == term_id, Membership.status.in_(statuses))
        .options(selectinload(Membership.person), selectinload(Membership.electoral_unit))
        .order_by(Membership.id)
    ).all()
    return [record_of(m) for m in memberships]
