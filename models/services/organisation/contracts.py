"""What the organisation registers hand out and take in: a draft per record kind (what a clerk
enters, references by id) and a row per record kind (what a list shows, names resolved).
Plain data, so a window may import it before the database is open."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from models.domain.organisation_vocabulary import (
    CommitteePost,
    OfficerRole,
    OrganisationKind,
    PlaceKind,
    TownshipKind,
)
from models.domain.vocabulary import DisabilityCategory, Employment


class Register(StrEnum):
    """The registers, as the command line names them (`yishi registers <register> …`)."""

    TOWNSHIPS = "townships"
    PLACES = "places"
    POPULATION = "population"
    CADRES = "cadres"
    HOMES = "homes"
    CONTACTS = "contacts"
    VISITS = "visits"
    ORGANISATIONS = "organisations"
    OFFICERS = "officers"


REGISTER_NAMES: dict[Register, str] = {
    Register.TOWNSHIPS: "街乡镇",
    Register.PLACES: "村和社区",
    Register.POPULATION: "人口数据",
    Register.CADRES: "干部",
    Register.HOMES: "温馨家园",
    Register.CONTACTS: "联系点",
    Register.VISITS: "走访记录",
    Register.ORGANISATIONS: "基层组织",
    Register.OFFICERS: "基层组织成员",
}


# --- drafts: what a clerk enters (a new record, or the new state of one being edited) --------


@dataclass(frozen=True)
class TownshipDraft:
    name: str
    kind: TownshipKind
    sort_order: int | None = None  # None: after the others


@dataclass(frozen=True)
class PlaceDraft:
    township_id: int
    name: str
    kind: PlaceKind
    low_income: bool = False  # 低收入村 (the rules file may call it otherwise)


@dataclass(frozen=True)
class PopulationDraft:
    place_id: int
    year: int
    disabled_residents: int | None = None  # 残疾人口 (villages: home.coverage's 50)
    residents: int | None = None  # 常住人口 (communities: home.coverage's 7000)


@dataclass(frozen=True)
class CadreDraft:
    name: str
    employment: Employment
    post: str = ""
    leadership: bool = False  # 领导班子成员
    disabled: bool = False
    disability_category: DisabilityCategory | None = None
    person_id: int | None = None  # the person registry's record, when the cadre is there
    home_unit: str | None = None  # 派出单位 / 本职单位 of a 挂职 or 兼职 cadre
    started_on: date | None = None
    ended_on: date | None = None
    note: str | None = None


@dataclass(frozen=True)
class WarmHomeDraft:
    name: str
    township_id: int
    place_id: int | None = None  # None: at township level
    model: bool = False  # 示范温馨家园
    opened_on: date | None = None


@dataclass(frozen=True)
class ContactPointDraft:
    person_id: int  # a member of the 党组 or the executive council
    village_id: int | None = None
    community_id: int | None = None
    warm_home_id: int | None = None
    started_on: date | None = None


@dataclass(frozen=True)
class FieldVisitDraft:
    person_id: int
    visited_on: date
    place_id: int | None = None
    location: str = ""  # where, as the clerk says it (when no place of the register fits)
    content: str = ""  # 现场调研 / 入户问需: what was done


@dataclass(frozen=True)
class OrganisationDraft:
    kind: OrganisationKind
    name: str
    township_id: int
    place_id: int | None = None  # a community or village association's place
    founded_on: date | None = None


@dataclass(frozen=True)
class OfficerDraft:
    organisation_id: int
    role: OfficerRole
    name: str
    person_id: int | None = None
    disabled: bool = False
    relative: bool = False  # 残疾人亲友
    committee_post: CommitteePost | None = None  # a chair's post in the 居（村）委员会
    selection: str | None = None  # how a 专职委员 was chosen (公开选聘 …)
    started_on: date | None = None


# --- rows: what a list shows ------------------------------------------------------------------


@dataclass(frozen=True)
class TownshipRow:
    id: int
    version: int
    name: str
    kind: TownshipKind
    order: int
    ended_on: date | None


@dataclass(frozen=True)
class PlaceRow:
    id: int
    version: int
    township_id: int
    township: str
    name: str
    kind: PlaceKind
    low_income: bool
    ended_on: date | None


@dataclass(frozen=True)
class PopulationRow:
    id: int
    version: int
    place_id: int
    place: str
    township: str
    kind: PlaceKind
    year: int
    disabled_residents: int | None
    residents: int | None


@dataclass(frozen=True)
class CadreRow:
    id: int
    version: int
    name: str
    employment: Employment
    post: str
    leadership: bool
    disabled: bool
    disability_category: DisabilityCategory | None
    person_id: int | None
    home_unit: str | None
    started_on: date | None
    ended_on: date | None
    note: str | None


@dataclass(frozen=True)
class WarmHomeRow:
    id: int
    version: int
    name: str
    township_id: int
    township: str
    place_id: int | None
    place: str | None
    model: bool
    opened_on: date | None
    ended_on: date | None


@dataclass(frozen=True)
class ContactPointRow:
    id: int
    version: int
    person_id: int
    member: str  # the member's name
    village_id: int | None
    village: str | None
    community_id: int | None
    community: str | None
    warm_home_id: int | None
    warm_home: str | None
    started_on: date | None
    ended_on: date | None


@dataclass(frozen=True)
class FieldVisitRow:
    id: int
    version: int
    person_id: int
    member: str
    visited_on: date
    place_id: int | None
    place: str | None
    location: str
    content: str


@dataclass(frozen=True)
class OfficerRow:
    id: int
    version: int
    organisation_id: int
    role: OfficerRole
    name: str
    person_id: int | None
    disabled: bool
    relative: bool
    committee_post: CommitteePost | None
    selection: str | None
    started_on: date | None
    ended_on: date | None


@dataclass(frozen=True)
class OrganisationRow:
    id: int
    version: int
    kind: OrganisationKind
    name: str
    township_id: int
    township: str
    place_id: int | None
    place: str | None
    founded_on: date | None
    ended_on: date | None
    officers: tuple[OfficerRow, ...]  # in office (not ended), in role order


@dataclass(frozen=True)
class MemberChoice:
    """A member of the 党组 or the executive council's current term: who owes a contact point
    and field visits (contact.points, contact.days)."""

    person_id: int
    name: str
    bodies: str  # 党组成员、执行理事会理事长 … as the list shows it


RecordDraft = (
    TownshipDraft
    | PlaceDraft
    | PopulationDraft
    | CadreDraft
    | WarmHomeDraft
    | ContactPointDraft
    | FieldVisitDraft
    | OrganisationDraft
    | OfficerDraft
)
RecordRow = (
    TownshipRow
    | PlaceRow
    | PopulationRow
    | CadreRow
    | WarmHomeRow
    | ContactPointRow
    | FieldVisitRow
    | OrganisationRow
    | OfficerRow
)

DRAFT_REGISTER: dict[type, Register] = {
    TownshipDraft: Register.TOWNSHIPS,
    PlaceDraft: Register.PLACES,
    PopulationDraft: Register.POPULATION,
    CadreDraft: Register.CADRES,
    WarmHomeDraft: Register.HOMES,
    ContactPointDraft: Register.CONTACTS,
    FieldVisitDraft: Register.VISITS,
    OrganisationDraft: Register.ORGANISATIONS,
    OfficerDraft: Register.OFFICERS,
}
# A record of these ends (结束: it stays in the register with its end date, history kept); a
# field visit or a year's population figures entered by mistake is removed instead.
ENDING_REGISTERS = frozenset(set(Register) - {Register.VISITS, Register.POPULATION})
