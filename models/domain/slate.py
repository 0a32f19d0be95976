"""A slate: the people nominated for a congress or presidium term, as plain records.

The same records come from an Excel sheet (models.importing) and from the database
(models.services.slates.commands), so both are checked by one function (models.domain.composition).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from datetime import date
from typing import Any

from models.domain.errors import Level
from models.domain.vocabulary import DelegateType, DisabilityCategory, Gender


@dataclass(frozen=True, slots=True)
class SlateRecord:
    """One nominated person; `row` is the sheet's own row number (or a stable index)."""

    row: int
    name: str
    gender: Gender | None = None
    id_number: str | None = None  # normalised; None when blank or invalid
    electoral_unit: str | None = None
    delegate_type: DelegateType = DelegateType.REGULAR
    cert_number: str | None = None
    category: DisabilityCategory | None = None
    grade: int | None = None
    multi_components: tuple[DisabilityCategory, ...] = ()
    is_relative: bool = False
    relative_categories: tuple[DisabilityCategory, ...] = ()
    is_rural: bool | None = None  # 城乡: 农村 True, 城镇 False, blank None
    is_role_model: bool = False
    is_frontline: bool = False
    is_org_representative: bool = False
    is_volunteer: bool = False
    # Free text and identity facts that the composition rules do not read.
    ethnicity: str | None = None
    birth_date: date | None = None
    work_unit_and_post: str | None = None
    political_status: str | None = None
    phone: str | None = None
    remarks: Mapping[str, Any] = field(default_factory=dict)
    # Set when the record comes from the database (membership id), for highlighting and swaps.
    key: int | None = None

    @property
    def is_disabled(self) -> bool:
        """DOMAIN §2: disabled when 残疾类别 is set (a valid certificate implies it)."""
        return self.category is not None

    @property
    def is_relative_of_disabled(self) -> bool:
        return self.is_relative or bool(self.relative_categories)


# SlateRecord(*values) without the dataclass's __init__, which sets each field through
# object.__setattr__ (as a frozen class must): the slots' own setters do the same at ~2/3 of the
# cost (issue 18: 10,000 records a slate). The object is the same type, so equality, hashing,
# immutability and repr are the dataclass's own.
_NEW = object.__new__
_SETTERS = tuple(getattr(SlateRecord, each.name).__set__ for each in fields(SlateRecord))


def slate_record(*values: Any) -> SlateRecord:
    """SlateRecord(*values), every field given in the class's order (key included)."""
    record = _NEW(SlateRecord)
    for set_field, value in zip(_SETTERS, values, strict=True):
        set_field(record, value)
    return record


@dataclass(frozen=True, slots=True)
class RowProblem:
    """A problem with one cell: sheet row, canonical header, stable code, level, parameters."""

    row: int
    column: str
    code: str
    level: Level = Level.ERROR
    params: Mapping[str, Any] = field(default_factory=dict)
