"""Checking what a clerk typed for a person or a membership before any of it is written."""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.domain.disability import parse_category, parse_component_list, parse_grade
from models.domain.errors import DomainError, Level, Problem
from models.domain.identity import (
    birth_date_of,
    category_of_cert,
    cert_number_problem,
    gender_of,
    grade_of_cert,
    id_number_problem,
    normalise_identifier,
)
from models.domain.search_keys import pinyin_keys, sort_key
from models.domain.vocabulary import (
    ALLOWED_POSITIONS,
    DelegateType,
    Employment,
    Gender,
    MembershipStatus,
    Position,
    StartReason,
    UrbanRural,
    body_display_name,
)
from models.entities import ElectoralUnit, Membership, Person, Term
from models.services.common.choices import E
from models.services.common.choices import choice as shared_choice
from models.services.common.text import fitted
from models.services.people.contracts import MembershipDraft, PersonDraft


@dataclass(frozen=True)
class ValidPerson:
    name: str
    gender: Gender
    id_number: str
    ethnicity: str | None
    birth_date: date | None
    phone: str | None
    warnings: tuple[Problem, ...]


def validate_person(draft: PersonDraft, *, today: date | None = None) -> ValidPerson:
    """Raise DomainError naming the field for the first error; return warnings beside the values."""
    today = today or date.today()
    name = fitted(draft.name, Person.name, field="name", label="姓名")
    if not name:
        raise DomainError("name_blank", field="name")
    try:
        gender = Gender(draft.gender.strip())
    except ValueError:
        raise DomainError("gender_invalid", field="gender") from None
    id_number = normalise_identifier(draft.id_number)
    if not id_number:
        raise DomainError("missing_required", field="id_number", label="身份证号")
    problem = id_number_problem(id_number, today=today)
    if problem is not None:
        raise DomainError(problem.code, field="id_number", **problem.params)
    warnings = []
    if gender_of(id_number) is not gender:
        warnings.append(Problem("gender_id_mismatch", Level.WARNING))
    if draft.birth_date is not None and draft.birth_date != birth_date_of(id_number):
        warnings.append(Problem("birthdate_id_mismatch", Level.WARNING))
    return ValidPerson(
        name=name,
        gender=gender,
        id_number=id_number,
        ethnicity=fitted(draft.ethnicity, Person.ethnicity, field="ethnicity", label="民族"),
        birth_date=draft.birth_date or birth_date_of(id_number),
        phone=fitted(draft.phone, Person.phone, field="phone", label="联系电话"),
        warnings=tuple(warnings),
    )


def refuse_duplicate(session: Session, id_number: str, except_id: int | None = None) -> None:
    holder = session.scalar(select(Person).where(Person.id_number == id_number))
    if holder is not None and holder.id != except_id:
        raise duplicate_id(id_number, holder.name)


def duplicate_id(id_number: str, holder: str) -> DomainError:
    return DomainError("dup_id", field="id_number", id_number=id_number, name=holder)


def holders_of(session: Session, id_numbers: Collection[str]) -> dict[str, str]:
    """Who already holds each of these ID numbers (number → name), in one query."""
    found = session.execute(
        select(Person.id_number, Person.name).where(Person.id_number.in_(id_numbers))
    )
    return {number: name for number, name in found}


def apply_person(person: Person, valid: ValidPerson) -> None:
    person.name = valid.name
    person.gender = valid.gender
    person.id_number = valid.id_number
    person.ethnicity = valid.ethnicity
    person.birth_date = valid.birth_date
    person.phone = valid.phone
    person.pinyin_full, person.pinyin_initials = pinyin_keys(valid.name)
    person.pinyin_sort = sort_key(valid.name)


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


def choice(enum: type[E], value: str | None, name: str) -> E | None:
    return shared_choice(enum, value, name, _LABELS)


# A membership ends only through `end_membership`, which records the date, reason and basis.
HAND_STATUSES = tuple(s for s in MembershipStatus if s is not MembershipStatus.ENDED)


def membership_facts(
    term: Term,
    id_number: str,
    draft: MembershipDraft,
    unit: Callable[[str | None], ElectoralUnit | None],
) -> dict[str, Any]:
    """Every per-term fact of `draft` checked (position for the body, vocabularies, lengths,
    disability facts as a slate row), as Membership column values; the remarks are not among
    them. `id_number` is the person's, which the certificate number must begin with."""
    position = choice(Position, draft.position, "position")
    allowed = ALLOWED_POSITIONS[term.body.kind]
    if position not in allowed:
        raise DomainError(
            "position_not_allowed",
            field="position",
            body=body_display_name(term.body.kind, term.body.association),
            position=draft.position,
            choices="、".join(p.value for p in Position if p in allowed),
        )
    status = choice(MembershipStatus, draft.status, "status")
    if status is None or status is MembershipStatus.ENDED:
        raise DomainError(
            "value_invalid",
            field="status",
            label=_LABELS["status"],
            value=draft.status or "",
            choices="、".join(s.value for s in HAND_STATUSES),
        )
    return {
        "position": position,
        "status": status,
        "employment": choice(Employment, draft.employment, "employment"),
        "delegate_type": choice(DelegateType, draft.delegate_type, "delegate_type"),
        "start_reason": choice(StartReason, draft.start_reason, "start_reason"),
        "start_date": draft.start_date,
        "start_basis": fitted(
            draft.start_basis, Membership.start_basis, field="start_basis", label="任职依据"
        ),
        "electoral_unit": unit(draft.electoral_unit),
        "work_unit_and_post": fitted(
            draft.work_unit_and_post,
            Membership.work_unit_and_post,
            field="work_unit_and_post",
            label="工作单位及职务",
        ),
        "political_status": fitted(
            draft.political_status,
            Membership.political_status,
            field="political_status",
            label="政治面貌",
        ),
        "urban_rural": choice(UrbanRural, draft.urban_rural, "urban_rural"),
        "is_role_model": draft.is_role_model,
        "is_frontline": draft.is_frontline,
        "is_org_representative": draft.is_org_representative,
        "is_volunteer": draft.is_volunteer,
        **disability_facts(draft, id_number),
    }


def unit_named(session: Session, name: str | None) -> ElectoralUnit | None:
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


def units_by_name(session: Session) -> Callable[[str | None], ElectoralUnit | None]:
    """Every electoral unit loaded once for a roster; an unknown name fails as `unit_named`."""
    units = {unit.name: unit for unit in session.scalars(select(ElectoralUnit))}

    def unit(name: str | None) -> ElectoralUnit | None:
        return (
            units.get(name.strip()) if name and name.strip() in units else unit_named(session, name)
        )

    return unit


def disability_facts(draft: MembershipDraft, id_number: str) -> dict[str, Any]:
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
