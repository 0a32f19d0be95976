"""The demo federation's plain records: people, the facts of a nomination, seats, and constants."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from models.domain.vocabulary import CERT_CATEGORY_DIGIT, DisabilityCategory

SEED = 20190816  # the reform plan's date
AREA_CODE = "110109"  # 门头沟区

# 选举单位 and their seats in the 7th and 8th congress.
UNITS: tuple[tuple[str, str, int, int], ...] = (
    ("大峪街道", "街道", 27, 28),
    ("城子街道", "街道", 23, 24),
    ("东辛房街道", "街道", 20, 20),
    ("大台街道", "街道", 12, 12),
    ("王平镇", "镇", 11, 12),
    ("永定镇", "镇", 24, 26),
    ("龙泉镇", "镇", 25, 26),
    ("潭柘寺镇", "镇", 13, 14),
    ("军庄镇", "镇", 13, 14),
    ("妙峰山镇", "镇", 11, 12),
    ("雁翅镇", "镇", 11, 12),
    ("斋堂镇", "镇", 17, 18),
    ("清水镇", "镇", 11, 12),
)
INVITED_DELEGATES = 6
RESERVES_8TH = 20
CONGRESS_7_OPENED = date(2021, 6, 18)
CONGRESS_8_OPENS = date(2026, 12, 22)
# Ages are counted back from here, so the demo is the same whatever day it is built.
AGES_AT = date(2026, 6, 30)

REPRESENTED = {
    "blind": (DisabilityCategory.VISION,),
    "deaf": (DisabilityCategory.HEARING, DisabilityCategory.SPEECH),
    "physical": (DisabilityCategory.PHYSICAL,),
    "intellectual": (DisabilityCategory.INTELLECTUAL,),
    "psychosocial": (DisabilityCategory.PSYCHOSOCIAL,),
}


@dataclass(frozen=True)
class DemoPerson:
    key: int
    name: str
    gender: str
    ethnicity: str
    birth_date: date
    id_number: str
    phone: str


@dataclass(frozen=True)
class Facts:
    """What a membership records of the person as nominated for that term."""

    category: DisabilityCategory | None = None
    grade: int | None = None
    multi_components: tuple[str, ...] = ()
    relative_categories: tuple[str, ...] = ()
    rural: bool = False
    role_model: bool = False
    frontline: bool = False
    org_representative: bool = False
    volunteer: bool = False
    political_status: str = "群众"
    work: str = ""


@dataclass(frozen=True)
class DemoSeat:
    person: int
    body: str  # "congress", "presidium", "council", "party_group", "association.blind" …
    ordinal: int | None
    position: str
    status: str = "elected"
    facts: Facts = field(default_factory=Facts)
    unit: str | None = None
    delegate_type: str | None = None
    employment: str | None = None
    start_reason: str | None = "当选"
    start_date: date | None = None
    start_basis: str | None = None
    end_reason: str | None = None
    end_date: date | None = None
    end_basis: str | None = None


@dataclass
class DemoPlan:
    people: list[DemoPerson] = field(default_factory=list)
    seats: list[DemoSeat] = field(default_factory=list)

    def cert_number(self, seat: DemoSeat) -> str | None:
        if seat.facts.category is None:
            return None
        digit = next(d for d, c in CERT_CATEGORY_DIGIT.items() if c is seat.facts.category)
        return f"{self.people[seat.person].id_number}{digit}{seat.facts.grade}"
