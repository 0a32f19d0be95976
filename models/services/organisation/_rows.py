"""Register records → the rows a list shows (names resolved through the loaded relationships)."""

from __future__ import annotations

from models.domain.organisation_vocabulary import OfficerRole
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
from models.services.organisation.contracts import (
    CadreRow,
    ContactPointRow,
    FieldVisitRow,
    OfficerRow,
    OrganisationRow,
    PlaceRow,
    PopulationRow,
    TownshipRow,
    WarmHomeRow,
)

ROLE_ORDER = {role: rank for rank, role in enumerate(OfficerRole)}


def township_row(record: Township) -> TownshipRow:
    return TownshipRow(
        id=record.id,
        version=record.version,
        name=record.name,
        kind=record.kind,
        order=record.sort_order,
        ended_on=record.ended_on,
    )


def place_row(record: Place) -> PlaceRow:
    return PlaceRow(
        id=record.id,
        version=record.version,
        township_id=record.township_id,
        township=record.township.name,
        name=record.name,
        kind=record.kind,
        low_income=record.low_income,
        ended_on=record.ended_on,
    )


def population_row(record: PlacePopulation) -> PopulationRow:
    return PopulationRow(
        id=record.id,
        version=record.version,
        place_id=record.place_id,
        place=record.place.name,
        township=record.place.township.name,
        kind=record.place.kind,
        year=record.year,
        disabled_residents=record.disabled_residents,
        residents=record.residents,
    )


def cadre_row(record: Cadre) -> CadreRow:
    return CadreRow(
        id=record.id,
        version=record.version,
        name=record.name,
        employment=record.employment,
        post=record.post,
        leadership=record.leadership,
        disabled=record.disabled,
        disability_category=record.disability_category,
        person_id=record.person_id,
        home_unit=record.home_unit,
        started_on=record.started_on,
        ended_on=record.ended_on,
        note=record.note,
    )


def home_row(record: WarmHome) -> WarmHomeRow:
    return WarmHomeRow(
        id=record.id,
        version=record.version,
        name=record.name,
        township_id=record.township_id,
        township=record.township.name,
        place_id=record.place_id,
        place=record.place.name if record.place is not None else None,
        model=record.model,
        opened_on=record.opened_on,
        ended_on=record.ended_on,
    )


def contact_row(record: ContactPoint) -> ContactPointRow:
    return ContactPointRow(
        id=record.id,
        version=record.version,
        person_id=record.person_id,
        member=record.person.name,
        village_id=record.village_id,
        village=record.village.name if record.village is not None else None,
        community_id=record.community_id,
        community=record.community.name if record.community is not None else None,
        warm_home_id=record.warm_home_id,
        warm_home=record.warm_home.name if record.warm_home is not None else None,
        started_on=record.started_on,
        ended_on=record.ended_on,
    )


def visit_row(record: FieldVisit) -> FieldVisitRow:
    return FieldVisitRow(
        id=record.id,
        version=record.version,
        person_id=record.person_id,
        member=record.person.name,
        visited_on=record.visited_on,
        place_id=record.place_id,
        place=record.place.name if record.place is not None else None,
        location=record.location,
        content=record.content,
    )


def officer_row(record: OrganisationOfficer) -> OfficerRow:
    return OfficerRow(
        id=record.id,
        version=record.version,
        organisation_id=record.organisation_id,
        role=record.role,
        name=record.name,
        person_id=record.person_id,
        disabled=record.disabled,
        relative=record.relative,
        committee_post=record.committee_post,
        selection=record.selection,
        started_on=record.started_on,
        ended_on=record.ended_on,
    )


def officer_key(record: OrganisationOfficer) -> tuple[int, int]:
    return ROLE_ORDER[record.role], record.id


def organisation_row(record: GrassrootsOrganisation) -> OrganisationRow:
    serving = sorted((o for o in record.officers if o.ended_on is None), key=officer_key)
    return OrganisationRow(
        id=record.id,
        version=record.version,
        kind=record.kind,
        name=record.name,
        township_id=record.township_id,
        township=record.township.name,
        place_id=record.place_id,
        place=record.place.name if record.place is not None else None,
        founded_on=record.founded_on,
        ended_on=record.ended_on,
        officers=tuple(officer_row(o) for o in serving),
    )
