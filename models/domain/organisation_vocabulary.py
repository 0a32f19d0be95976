"""The closed vocabularies of the federation's organisation registers (DOMAIN §3, organisation
rules; reform plan 二、（一）1–3 and 三、（一）): townships, villages and communities, grass-roots
organisations and their officers. Cadres' 专职 / 挂职 / 兼职 is `vocabulary.Employment`."""

from __future__ import annotations

from enum import StrEnum


class TownshipKind(StrEnum):
    """街乡镇: the district's streets and towns (a township federation in each)."""

    STREET = "街道"
    TOWN = "乡镇"


class PlaceKind(StrEnum):
    """Below a township: a village (村) or an urban community (社区)."""

    VILLAGE = "村"
    COMMUNITY = "社区"


class OrganisationKind(StrEnum):
    """基层残联组织: the township federation, or the association of a community or village."""

    TOWNSHIP_FEDERATION = "街乡镇残联"
    COMMUNITY_ASSOCIATION = "社区残协"
    VILLAGE_ASSOCIATION = "村残协"


class OfficerRole(StrEnum):
    """The officers the plan names (三、（一）1): 主席 and 理事长 of a township federation; 主席,
    副主席, 专职委员 and 兼职委员 of a community or village association."""

    CHAIR = "主席"
    VICE_CHAIR = "副主席"
    DIRECTOR = "理事长"
    FULL_TIME_MEMBER = "专职委员"
    PART_TIME_MEMBER = "兼职委员"


class CommitteePost(StrEnum):
    """An association chair's post in the 居（村）委员会, which the plan supports him holding."""

    DIRECTOR = "主任"
    DEPUTY_DIRECTOR = "副主任"
