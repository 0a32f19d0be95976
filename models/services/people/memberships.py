"""Adding a person to a term and ending a membership: history is kept, never deleted."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select

from models.domain.disability import parse_category, parse_component_list, parse_grade
from models.domain.errors import DomainError
from models.domain.identity import (
    category_of_cert,
    cert_number_problem,
    grade_of_cert,
    normalise_identifier,
)
from models.domain.vocabulary import (
    ALLOWED_POSITIONS,
    DelegateType,
    Employment,
    EndReason,
    MembershipStatus,
    Position,
    StartReason,
    UrbanRural,
    body_display_name,
    term_display_name,
)
from models.entities import ElectoralUnit, Membership, Person, Term
from models.services.common.choices import E
from models.services.common.choices import choice as shared_choice
from models.services.common.text import fitted
from models.services.common.versioning import ensure_version, refusing_stale
from models.services.people.rows import MembershipRow
from models.store.unit_of_work import Database


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


_LABELS = {
    "position": "职务",
    "status": "任职状态",
    "employment": "任职方式",
    "delegate_type": "代表类型",
    "start_reason": "任职原因",
    "end_reason": "结束原因",
    "disability_category": "残疾类别",
    "urban_rural": "城乡",
}


def _choice(enum: type[E], value: str | None, name: str) -> E | None:
    return shared_choice(enum, value, name, _LABELS)


def _unit(session: Any, name: str | None) -> ElectoralUnit | None:
    if not name:
        return None
    unit = session.scalar(select(ElectoralUnit).where(ElectoralUnit.name == name.strip()))
    if unit is None:
        known = "、".join(
            session.scalars(select(ElectoralUnit.name).order_by(ElectoralUnit.sort_order)).all()
        )
        raise DomainError(
            "value_invalid",
            field="electoral_unit",
            label="选举单位",
            value=name,
            choices=known or "（尚未设置选举单位）",
        )
    return unit


def add_membership(
    db: Database, *, user: str, person_id: int, term_id: int, draft: MembershipDraft
) -> MembershipRow:
    with db.unit_of_work(user) as uow:
        session = uow.session
        person = session.get(Person, person_id)
        if person is None:
            raise DomainError("person_not_found", person_id=person_id)
        term = session.get(Term, term_id)
        if term is None:
            raise DomainError("term_not_found", field="term", body="", term=str(term_id))
        body_name = body_display_name(term.body.kind, term.body.association)
        position = _choice(Position, draft.position, "position")
        allowed = ALLOWED_POSITIONS[term.body.kind]
        if position not in allowed:
            raise DomainError(
                "position_not_allowed",
                field="position",
                body=body_name,
                position=draft.position,
                choices="、".join(p.value for p in Position if p in allowed),
            )
        active = session.scalar(
            select(Membership).where(
                Membership.person_id == person_id,
                Membership.term_id == term_id,
                Membership.status != MembershipStatus.ENDED,
            )
        )
        if active is not None:
            raise DomainError(
                "already_member",
                name=person.name,
                body=body_name,
                term=term_display_name(term.ordinal),
            )
        facts = _disability_facts(draft, person.id_number)
        membership = Membership(
            person=person,
            term=term,
            position=position,
            status=_choice(MembershipStatus, draft.status, "status"),
            employment=_choice(Employment, draft.employment, "employment"),
            delegate_type=_choice(DelegateType, draft.delegate_type, "delegate_type"),
            start_reason=_choice(StartReason, draft.start_reason, "start_reason"),
            start_date=draft.start_date,
            start_basis=fitted(
                draft.start_basis, Membership.start_basis, field="start_basis", label="任职依据"
            ),
            electoral_unit=_unit(session, draft.electoral_unit),
            work_unit_and_post=fitted(
                draft.work_unit_and_post,
                Membership.work_unit_and_post,
                field="work_unit_and_post",
                label="工作单位及职务",
            ),
            political_status=fitted(
                draft.political_status,
                Membership.political_status,
                field="political_status",
                label="政治面貌",
            ),
            urban_rural=_choice(UrbanRural, draft.urban_rural, "urban_rural"),
            is_role_model=draft.is_role_model,
            is_frontline=draft.is_frontline,
            is_org_representative=draft.is_org_representative,
            is_volunteer=draft.is_volunteer,
            remarks=draft.remarks or None,
            **facts,
        )
        session.add(membership)
        session.flush()
        row = MembershipRow.of(membership)
        uow.commit()
    return row


def _disability_facts(draft: MembershipDraft, id_number: str) -> dict[str, Any]:
    """The disability and relative facts checked as a slate row is (DOMAIN §2)."""
    category = None
    if draft.disability_category is not None and str(draft.disability_category).strip():
        category = parse_category(str(draft.disability_category))
        if category is None:
            raise DomainError(
                "category_unknown",
                field="disability_category",
                label="残疾类别",
                value=draft.disability_category,
            )
    grade = None
    if draft.disability_grade is not None and str(draft.disability_grade).strip():
        grade = parse_grade(draft.disability_grade)
        if grade is None:
            raise DomainError(
                "grade_invalid", field="disability_grade", value=draft.disability_grade
            )
    cert = normalise_identifier(draft.cert_number) if draft.cert_number else None
    if cert:
        problem = cert_number_problem(cert, id_number=id_number, category=category, grade=grade)
        if problem is not None:
            raise DomainError(problem.code, field="cert_number", **problem.params)
        # A valid certificate alone implies its category and grade.
        category = category or category_of_cert(cert)
        grade = grade or grade_of_cert(cert)
    components, problem = parse_component_list(draft.multi_components, allow_multiple=False)
    if problem is not None:
        raise DomainError(
            problem.code, field="multi_components", label="多重残疾包含类别", **problem.params
        )
    relatives, problem = parse_component_list(draft.relative_categories, allow_multiple=True)
    if problem is not None:
        raise DomainError(
            problem.code, field="relative_categories", label="亲友残疾类别", **problem.params
        )
    return {
        "cert_number": cert or None,
        "disability_category": category,
        "disability_grade": grade,
        "multi_components": [c.value for c in components] or None,
        "is_relative": draft.is_relative or bool(relatives),
        "relative_categories": [c.value for c in relatives] or None,
    }


def end_membership(
    db: Database,
    *,
    user: str,
    membership_id: int,
    expected_version: int | None,
    end_date: date,
    reason: str,
    basis: str | None = None,
) -> MembershipRow:
    """Record the end (届满, 辞职 …) with its date and basis; the row itself stays."""
    end_reason = _choice(EndReason, reason, "end_reason")
    if end_reason is None:
        raise DomainError("end_reason_required", field="end_reason")
    with db.unit_of_work(user) as uow, refusing_stale(db, Membership, membership_id):
        membership = uow.session.get(Membership, membership_id)
        if membership is None:
            raise DomainError("membership_not_found", membership_id=membership_id)
        ensure_version(membership, expected_version)
        if membership.status is MembershipStatus.ENDED:
            raise DomainError("membership_already_ended", end_date=str(membership.end_date))
        if membership.start_date is not None and end_date < membership.start_date:
            raise DomainError(
                "end_before_start",
                field="end_date",
                end_date=str(end_date),
                start_date=str(membership.start_date),
            )
        membership.status = MembershipStatus.ENDED
        membership.end_date = end_date
        membership.end_reason = end_reason
        membership.end_basis = fitted(
            basis, Membership.end_basis, field="end_basis", label="结束依据"
        )
        uow.session.flush()
        row = MembershipRow.of(membership)
        uow.commit()
    return row
