"""Making fictional people with valid ID numbers and plausible nomination facts."""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import TypedDict

from models.demo.names import (
    DOUBLE_SURNAMES,
    ETHNICITIES,
    GIVEN_FEMALE,
    GIVEN_MALE,
    POLITICAL,
    RARE_GIVEN,
    SURNAMES,
)
from models.demo.plan import AREA_CODE, SEED, DemoPerson, DemoPlan, Facts
from models.domain.identity import check_digit
from models.domain.vocabulary import DisabilityCategory


class Rates(TypedDict):
    """How often each nomination fact is drawn for a congress's delegates."""

    rural_rate: float
    disabled_rate: float
    model_rate: float
    volunteer_rate: float
    org_rate: float


class PersonMaker:
    def __init__(self, today: date) -> None:
        self.random = random.Random(SEED)
        self.today = today
        self.plan = DemoPlan()
        self.used_ids: set[str] = set()
        self.used_names: set[str] = set()
        self.rare_left = list(RARE_GIVEN)

    def person(self, *, oldest: int = 70, youngest: int = 24) -> int:
        r = self.random
        gender = r.choice("男男女")
        for _ in range(1000):
            surname = r.choice(DOUBLE_SURNAMES) if r.random() < 0.02 else r.choice(SURNAMES)
            pool = GIVEN_MALE if gender == "男" else GIVEN_FEMALE
            given = self.rare_left.pop() if self.rare_left and r.random() < 0.04 else r.choice(pool)
            name = surname + given
            if name not in self.used_names:
                break
        self.used_names.add(name)
        born = self.today - timedelta(days=r.randint(youngest * 365, oldest * 365))
        while True:
            sequence = r.randrange(0, 999)
            sequence += (sequence % 2 == 0) if gender == "男" else (sequence % 2 == 1)
            first17 = f"{AREA_CODE}{born:%Y%m%d}{sequence % 1000:03d}"
            id_number = first17 + check_digit(first17)
            if id_number not in self.used_ids and int(first17[16]) % 2 == (gender == "男"):
                break
        self.used_ids.add(id_number)
        self.plan.people.append(
            DemoPerson(
                key=len(self.plan.people),
                name=name,
                gender=gender,
                ethnicity=r.choice(ETHNICITIES),
                birth_date=born,
                id_number=id_number,
                phone=f"1{r.choice('3589')}{r.randrange(10**9):09d}",
            )
        )
        return len(self.plan.people) - 1

    def facts(
        self,
        *,
        unit: str | None,
        rural_rate: float,
        disabled_rate: float,
        model_rate: float,
        volunteer_rate: float,
        org_rate: float,
        categories: tuple[DisabilityCategory, ...] | None = None,
    ) -> Facts:
        r = self.random
        rural = unit is not None and unit.endswith("镇") and r.random() < rural_rate
        category = grade = None
        components: tuple[str, ...] = ()
        relatives: tuple[str, ...] = ()
        roll = r.random()
        if categories is not None or roll < disabled_rate:
            weights = {
                DisabilityCategory.PHYSICAL: 40,
                DisabilityCategory.VISION: 16,
                DisabilityCategory.HEARING: 14,
                DisabilityCategory.SPEECH: 3,
                DisabilityCategory.INTELLECTUAL: 6,
                DisabilityCategory.PSYCHOSOCIAL: 5,
                DisabilityCategory.MULTIPLE: 4,
            }
            if categories is not None:
                weights = {c: w for c, w in weights.items() if c in categories}
            category = r.choices(list(weights), weights=list(weights.values()))[0]
            grade = r.randint(1, 4)
            if category is DisabilityCategory.MULTIPLE:
                components = tuple(
                    c.value
                    for c in r.sample(
                        [
                            DisabilityCategory.PHYSICAL,
                            DisabilityCategory.HEARING,
                            DisabilityCategory.SPEECH,
                            DisabilityCategory.VISION,
                        ],
                        2,
                    )
                )
        elif roll < disabled_rate + 0.16:
            relatives = (r.choice(["智力", "智力", "精神", "肢体"]),)
        frontline = r.random() < model_rate
        model = category is not None and r.random() < 0.3
        org = r.random() < org_rate
        volunteer = r.random() < volunteer_rate
        place = unit or "区残联"
        work = r.choice(
            [
                f"{place}残联 专职委员",
                f"{place}某社区居委会 残疾人专职委员",
                f"{place}温馨家园 负责人",
                f"{place}某村 村民",
                "区特殊教育学校 教师",
                "区残疾人职业康复中心 职工",
                f"{place}残疾人协会 副主席",
                "某助残社会组织 负责人",
                "某企业 职工",
            ]
        )
        return Facts(
            category=category,
            grade=grade,
            multi_components=components,
            relative_categories=relatives,
            rural=rural,
            role_model=model,
            frontline=frontline,
            org_representative=org,
            volunteer=volunteer,
            political_status=r.choice(POLITICAL),
            work=work,
        )
