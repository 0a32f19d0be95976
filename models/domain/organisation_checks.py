"""What the organisation registers refuse, as pure checks (issue 17; DOMAIN §3 organisation
rules). Each raises a DomainError whose `field` names the draft's input to fix; the services
add the checks that need the database (a reference exists, a name is free, a person is a
member)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from models.domain.errors import DomainError
from models.domain.organisation_vocabulary import (
    CommitteePost,
    OfficerRole,
    OrganisationKind,
    PlaceKind,
)
from models.domain.vocabulary import DisabilityCategory

FIRST_YEAR, LAST_YEAR = 1949, 2100

# The officers each kind of organisation has (三、（一）1): 理事长 only in a township federation;
# 副主席, 专职委员 and 兼职委员 only in a community or village association.
ROLES_OF_KIND: Mapping[OrganisationKind, tuple[OfficerRole, ...]] = {
    OrganisationKind.TOWNSHIP_FEDERATION: (OfficerRole.CHAIR, OfficerRole.DIRECTOR),
    OrganisationKind.COMMUNITY_ASSOCIATION: (
        OfficerRole.CHAIR,
        OfficerRole.VICE_CHAIR,
        OfficerRole.FULL_TIME_MEMBER,
        OfficerRole.PART_TIME_MEMBER,
    ),
    OrganisationKind.VILLAGE_ASSOCIATION: (
        OfficerRole.CHAIR,
        OfficerRole.VICE_CHAIR,
        OfficerRole.FULL_TIME_MEMBER,
        OfficerRole.PART_TIME_MEMBER,
    ),
}

# Where each kind sits: a township federation at township level, an association in its place.
PLACE_OF_KIND: Mapping[OrganisationKind, PlaceKind | None] = {
    OrganisationKind.TOWNSHIP_FEDERATION: None,
    OrganisationKind.COMMUNITY_ASSOCIATION: PlaceKind.COMMUNITY,
    OrganisationKind.VILLAGE_ASSOCIATION: PlaceKind.VILLAGE,
}


def check_population(year: int, disabled_residents: int | None, residents: int | None) -> None:
    """A year between 1949 and 2100, and at least one count, each 0 or more."""
    if isinstance(year, bool) or not isinstance(year, int) or not FIRST_YEAR <= year <= LAST_YEAR:
        raise DomainError("population_year_invalid", field="year", year=year)
    counts = (
        ("disabled_residents", "残疾人口", disabled_residents),
        ("residents", "常住人口", residents),
    )
    for name, label, value in counts:
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise DomainError("population_count_invalid", field=name, label=label, value=value)
    if disabled_residents is None and residents is None:
        raise DomainError("population_counts_missing", field="disabled_residents")


def check_cadre_disability(disabled: bool, category: DisabilityCategory | None) -> None:
    """A disability category is a disabled cadre's; a disabled cadre may have none recorded."""
    if category is not None and not disabled:
        raise DomainError(
            "cadre_category_not_disabled", field="disability_category", category=category.value
        )


def check_period(started: date | None, ended: date | None, *, field: str = "ended_on") -> None:
    """An end is not before the start (the same day is a one-day record)."""
    if started is not None and ended is not None and ended < started:
        raise DomainError(
            "ended_before_started",
            field=field,
            started_on=started.isoformat(),
            ended_on=ended.isoformat(),
        )


def check_place_kind(
    expected: PlaceKind, actual: PlaceKind, *, name: str, field: str, label: str
) -> None:
    """A contact point's village is a 村 and its community a 社区."""
    if actual is not expected:
        raise DomainError(
            "contact_place_kind",
            field=field,
            label=label,
            kind=expected.value,
            name=name,
            actual=actual.value,
        )


def check_organisation_place(
    kind: OrganisationKind, place_kind: PlaceKind | None, *, place_name: str = ""
) -> None:
    """A township federation has no place; a 社区残协 is in a 社区, a 村残协 in a 村."""
    wanted = PLACE_OF_KIND[kind]
    if wanted is None:
        if place_kind is not None:
            raise DomainError("organisation_place_not_allowed", field="place_id")
        return
    if place_kind is None:
        raise DomainError(
            "organisation_place_required",
            field="place_id",
            kind=kind.value,
            place_kind=wanted.value,
        )
    if place_kind is not wanted:
        raise DomainError(
            "organisation_place_kind",
            field="place_id",
            kind=kind.value,
            place_kind=wanted.value,
            name=place_name,
            actual=place_kind.value,
        )


def check_officer(
    kind: OrganisationKind, role: OfficerRole, committee_post: CommitteePost | None
) -> None:
    """The role is one the organisation's kind has; only a chair holds a committee post."""
    roles = ROLES_OF_KIND[kind]
    if role not in roles:
        raise DomainError(
            "officer_role_kind",
            field="role",
            kind=kind.value,
            role=role.value,
            choices="、".join(r.value for r in roles),
        )
    if committee_post is not None and role is not OfficerRole.CHAIR:
        raise DomainError("officer_post_not_chair", field="committee_post", role=role.value)


def check_not_future(day: date, today: date) -> None:
    """A field visit has happened: its date is today or before."""
    if day > today:
        raise DomainError("visit_in_future", field="visited_on", visited_on=day.isoformat())
