"""The one table the registers' commands and queries read: for each register its record class,
how a draft becomes checked column values, how a record becomes its row, what a list loads
with it, and which date starts a record (an end is not before it)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import joinedload, selectinload
from sqlalchemy.orm.interfaces import ORMOption

from models.domain.errors import DomainError
from models.entities import (
    Cadre,
    ContactPoint,
    FieldVisit,
    GrassrootsOrganisation,
    OrganisationOfficer,
    Place,
    PlacePopulation,
    Township,
    WarmHome,
)
from models.services.organisation import _checks, _rows
from models.services.organisation.contracts import (
    DRAFT_REGISTER,
    REGISTER_NAMES,
    RecordRow,
    Register,
)


@dataclass(frozen=True)
class RegisterSpec:
    register: Register
    entity: type[Any]  # a Versioned record class of models.entities.organisation
    values: _checks.ValuesOf
    row: Callable[[Any], RecordRow]
    load: Sequence[ORMOption] = ()
    started: str | None = None  # the column an end date may not precede

    @property
    def name(self) -> str:
        return REGISTER_NAMES[self.register]

    def missing(self, record_id: int) -> DomainError:
        return DomainError("register_record_not_found", register=self.name, id=record_id)


_PLACE = (joinedload(Place.township),)
_HOME = (joinedload(WarmHome.township), joinedload(WarmHome.place))
_ORGANISATION = (
    joinedload(GrassrootsOrganisation.township),
    joinedload(GrassrootsOrganisation.place),
    selectinload(GrassrootsOrganisation.officers),
)

SPECS: dict[Register, RegisterSpec] = {
    spec.register: spec
    for spec in (
        RegisterSpec(Register.TOWNSHIPS, Township, _checks.township_values, _rows.township_row),
        RegisterSpec(Register.PLACES, Place, _checks.place_values, _rows.place_row, load=_PLACE),
        RegisterSpec(
            Register.POPULATION,
            PlacePopulation,
            _checks.population_values,
            _rows.population_row,
            load=(joinedload(PlacePopulation.place).joinedload(Place.township),),
        ),
        RegisterSpec(
            Register.CADRES, Cadre, _checks.cadre_values, _rows.cadre_row, started="started_on"
        ),
        RegisterSpec(
            Register.HOMES,
            WarmHome,
            _checks.home_values,
            _rows.home_row,
            load=_HOME,
            started="opened_on",
        ),
        RegisterSpec(
            Register.CONTACTS,
            ContactPoint,
            _checks.contact_values,
            _rows.contact_row,
            load=(
                joinedload(ContactPoint.person),
                joinedload(ContactPoint.village),
                joinedload(ContactPoint.community),
                joinedload(ContactPoint.warm_home),
            ),
            started="started_on",
        ),
        RegisterSpec(
            Register.VISITS,
            FieldVisit,
            _checks.visit_values,
            _rows.visit_row,
            load=(joinedload(FieldVisit.person), joinedload(FieldVisit.place)),
        ),
        RegisterSpec(
            Register.ORGANISATIONS,
            GrassrootsOrganisation,
            _checks.organisation_values,
            _rows.organisation_row,
            load=_ORGANISATION,
            started="founded_on",
        ),
        RegisterSpec(
            Register.OFFICERS,
            OrganisationOfficer,
            _checks.officer_values,
            _rows.officer_row,
            load=(joinedload(OrganisationOfficer.organisation),),
            started="started_on",
        ),
    )
}


def spec_of_draft(draft: object) -> RegisterSpec:
    register = DRAFT_REGISTER.get(type(draft))
    if register is None:
        raise TypeError(f"not a register draft: {type(draft).__name__}")
    return SPECS[register]
