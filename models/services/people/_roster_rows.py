"""Building roster lines from plain column values: the ORM roster query and the first roster
read through the driver (first_roster.py) build them here, so both give the same lines.

No SQLAlchemy here: the first roster imports this before the data layer has loaded.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from models.domain.identity import mask_identifier
from models.domain.vocabulary import DisabilityCategory, MembershipStatus
from models.services.people.contracts import RosterEntry
from models.services.people.search import ID_TAIL


def category_text(
    category: DisabilityCategory | None, multi: list[str] | None, relatives: list[str] | None
) -> str:
    if category is DisabilityCategory.MULTIPLE and multi:
        return f"多重（{'、'.join(multi)}）"
    if category is not None:
        return category.value
    if relatives:
        return f"亲友（{'、'.join(relatives)}）"
    return ""


def haystack(name: str, full: str, initials: str) -> str:
    return f"{name}\x1f{full}\x1f{initials}".lower()


def person_fields(
    *,
    person_id: int,
    person_version: int,
    name: str,
    gender: str,
    id_number: str,
    birth_date: date | None,
    phone: str | None,
    pinyin_full: str,
    pinyin_initials: str,
    pinyin_sort: str,
) -> dict[str, Any]:
    """A person's part of a roster line; the ID number masked, its last characters for search."""
    return {
        "person_id": person_id,
        "person_version": person_version,
        "name": name,
        "gender": gender,
        "id_number": mask_identifier(id_number) or "",
        "birth_date": birth_date,
        "phone": phone,
        "haystack": haystack(name, pinyin_full, pinyin_initials),
        "id_tail": id_number[-ID_TAIL:],
        "sort_name": pinyin_sort,
    }


def member_entry(
    person: dict[str, Any],
    *,
    membership_id: int,
    membership_version: int,
    position: str,
    status: MembershipStatus,
    employment: str | None,
    delegate_type: str | None,
    unit: str | None,
    disability_category: DisabilityCategory | None,
    multi_components: list[str] | None,
    relative_categories: list[str] | None,
    start_date: date | None,
    end_date: date | None,
    end_reason: str | None,
) -> RosterEntry:
    """One membership's line of a term's roster."""
    return RosterEntry(
        **person,
        membership_id=membership_id,
        membership_version=membership_version,
        position=position,
        status=status,
        employment=employment or "",
        delegate_type=delegate_type or "",
        electoral_unit=unit or "",
        category=category_text(disability_category, multi_components, relative_categories),
        start_date=start_date,
        end_date=end_date,
        end_reason=end_reason or "",
    )
