"""The organisation registers' pure checks (models/domain/organisation_checks.py)."""

from __future__ import annotations

from datetime import date

import pytest

from models.domain.errors import DomainError
from models.domain.organisation_checks import (
    ROLES_OF_KIND,
    check_cadre_disability,
    check_not_future,
    check_officer,
    check_organisation_place,
    check_period,
    check_place_kind,
    check_population,
)
from models.domain.organisation_vocabulary import (
    CommitteePost,
    OfficerRole,
    OrganisationKind,
    PlaceKind,
)
from models.domain.vocabulary import DisabilityCategory


def code_of(call, *args, **kwargs) -> tuple[str, str | None]:
    with pytest.raises(DomainError) as caught:
        call(*args, **kwargs)
    return caught.value.code, caught.value.field


def test_population_year_and_counts():
    check_population(1949, 0, None)
    check_population(2100, None, 0)
    assert code_of(check_population, 1948, 1, 1) == ("population_year_invalid", "year")
    assert code_of(check_population, 2101, 1, 1) == ("population_year_invalid", "year")
    assert code_of(check_population, 2026, None, None) == (
        "population_counts_missing",
        "disabled_residents",
    )
    assert code_of(check_population, 2026, -1, None) == (
        "population_count_invalid",
        "disabled_residents",
    )
    assert code_of(check_population, 2026, 1, True) == ("population_count_invalid", "residents")


def test_cadre_disability_and_periods():
    check_cadre_disability(True, DisabilityCategory.VISION)
    check_cadre_disability(True, None)
    check_cadre_disability(False, None)
    assert (
        code_of(check_cadre_disability, False, DisabilityCategory.VISION)[0]
        == "cadre_category_not_disabled"
    )
    check_period(date(2026, 1, 1), date(2026, 1, 1))
    check_period(None, date(2026, 1, 1))
    assert code_of(check_period, date(2026, 1, 2), date(2026, 1, 1)) == (
        "ended_before_started",
        "ended_on",
    )
    check_not_future(date(2026, 1, 1), date(2026, 1, 1))
    assert code_of(check_not_future, date(2026, 1, 2), date(2026, 1, 1)) == (
        "visit_in_future",
        "visited_on",
    )


def test_places_of_organisations_and_contact_points():
    check_organisation_place(OrganisationKind.TOWNSHIP_FEDERATION, None)
    check_organisation_place(OrganisationKind.COMMUNITY_ASSOCIATION, PlaceKind.COMMUNITY)
    check_organisation_place(OrganisationKind.VILLAGE_ASSOCIATION, PlaceKind.VILLAGE)
    assert (
        code_of(check_organisation_place, OrganisationKind.TOWNSHIP_FEDERATION, PlaceKind.VILLAGE)[
            0
        ]
        == "organisation_place_not_allowed"
    )
    assert (
        code_of(check_organisation_place, OrganisationKind.VILLAGE_ASSOCIATION, None)[0]
        == "organisation_place_required"
    )
    assert (
        code_of(
            check_organisation_place, OrganisationKind.VILLAGE_ASSOCIATION, PlaceKind.COMMUNITY
        )[0]
        == "organisation_place_kind"
    )
    check_place_kind(
        PlaceKind.VILLAGE, PlaceKind.VILLAGE, name="甲村", field="village_id", label="联系村"
    )
    assert code_of(
        check_place_kind,
        PlaceKind.VILLAGE,
        PlaceKind.COMMUNITY,
        name="乙社区",
        field="village_id",
        label="联系村",
    ) == ("contact_place_kind", "village_id")


def test_officer_roles_by_kind():
    allowed = {(kind, role) for kind, roles in ROLES_OF_KIND.items() for role in roles}
    for kind in OrganisationKind:
        for role in OfficerRole:
            if (kind, role) in allowed:
                check_officer(kind, role, None)
            else:
                assert code_of(check_officer, kind, role, None) == ("officer_role_kind", "role")
    assert (OrganisationKind.TOWNSHIP_FEDERATION, OfficerRole.DIRECTOR) in allowed
    assert (OrganisationKind.COMMUNITY_ASSOCIATION, OfficerRole.DIRECTOR) not in allowed
    check_officer(OrganisationKind.VILLAGE_ASSOCIATION, OfficerRole.CHAIR, CommitteePost.DIRECTOR)
    assert code_of(
        check_officer,
        OrganisationKind.VILLAGE_ASSOCIATION,
        OfficerRole.VICE_CHAIR,
        CommitteePost.DIRECTOR,
    ) == ("officer_post_not_chair", "committee_post")
