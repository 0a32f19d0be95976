"""The demo federation as plain data: people, terms and who sits where, from a fixed seed.

Shaped so that most quotas of the reform plan pass and some fail visibly: the draft 8th presidium
has no member for psychosocial disability (an error), the 8th congress has a smaller share of
volunteers than the 7th (a trend warning), and the council lacks a psychosocial member (a warning).
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta

from models.demo.maker import PersonMaker, Rates
from models.demo.plan import (
    AGES_AT,
    CONGRESS_7_OPENED,
    INVITED_DELEGATES,
    REPRESENTED,
    RESERVES_8TH,
    SEED,
    UNITS,
    DemoPlan,
    DemoSeat,
    Facts,
)
from models.domain.vocabulary import DisabilityCategory


def generate_demo() -> DemoPlan:
    """Deterministic: every run builds the same federation."""
    make = PersonMaker(AGES_AT)
    r = make.random

    def congress(ordinal: int, carried: dict[str, list[int]], rates: Rates) -> dict[str, list[int]]:
        opened = CONGRESS_7_OPENED if ordinal == 7 else None
        status = "elected" if ordinal == 7 else "candidate"
        seated: dict[str, list[int]] = {}
        for name, _kind, seats7, seats8 in UNITS:
            seats = seats7 if ordinal == 7 else seats8
            keep = carried.get(name, [])[: int(seats * 0.55)]
            people = keep + [make.person() for _ in range(seats - len(keep))]
            seated[name] = people
            for key in people:
                # A delegate serving again keeps their disability; other facts may change.
                facts = make.facts(unit=name, **rates)
                if key in keep:
                    before = _facts_of(make.plan, key, ordinal - 1)
                    facts = replace(
                        facts,
                        category=before.category,
                        grade=before.grade,
                        multi_components=before.multi_components,
                        relative_categories=before.relative_categories,
                        rural=before.rural or facts.rural,
                    )
                make.plan.seats.append(
                    DemoSeat(
                        person=key,
                        body="congress",
                        ordinal=ordinal,
                        position="代表",
                        status=status,
                        unit=name,
                        delegate_type="正式",
                        start_date=opened,
                        start_basis=f"{name}选举产生" if ordinal == 7 else None,
                        start_reason="当选" if ordinal == 7 else None,
                        facts=facts,
                    )
                )
        invited = [make.person(youngest=35) for _ in range(INVITED_DELEGATES)]
        seated["特邀"] = invited
        for key in invited:
            make.plan.seats.append(
                DemoSeat(
                    person=key,
                    body="congress",
                    ordinal=ordinal,
                    position="代表",
                    status=status,
                    delegate_type="特邀",
                    start_date=opened,
                    start_reason="当选" if ordinal == 7 else None,
                    facts=make.facts(unit=None, **rates),
                )
            )
        return seated

    # Each category is forced onto a few delegates so "≥ 1 per category" holds by design.
    rates7 = Rates(
        rural_rate=0.45, disabled_rate=0.62, model_rate=0.80, volunteer_rate=0.20, org_rate=0.06
    )
    rates8 = Rates(
        rural_rate=0.58, disabled_rate=0.64, model_rate=0.83, volunteer_rate=0.12, org_rate=0.10
    )
    seated7 = congress(7, {}, rates7)
    seated8 = congress(8, seated7, rates8)

    _history_of_seventh(make)
    delegates8 = [k for keys in seated8.values() for k in keys]
    for _ in range(RESERVES_8TH):
        unit = r.choice(UNITS)[0]
        make.plan.seats.append(
            DemoSeat(
                person=make.person(),
                body="congress",
                ordinal=8,
                position="代表",
                status="reserve",
                unit=unit,
                delegate_type="正式",
                start_reason=None,
                facts=make.facts(unit=unit, **rates8),
            )
        )

    _presidium(make, 7, [k for keys in seated7.values() for k in keys], with_psychosocial=True)
    _presidium(make, 8, delegates8, with_psychosocial=False)
    _leadership(make)
    return make.plan


def _facts_of(plan: DemoPlan, person: int, ordinal: int) -> Facts:
    for seat in plan.seats:
        if seat.person == person and seat.body == "congress" and seat.ordinal == ordinal:
            return seat.facts
    raise LookupError(person)


def _represents(facts: Facts, group: str) -> bool:
    named = {facts.category.value} if facts.category else set()
    named |= set(facts.multi_components) | set(facts.relative_categories)
    if group not in ("intellectual", "psychosocial"):
        named -= set(facts.relative_categories)
    return bool(named & {c.value for c in REPRESENTED[group]})


def _history_of_seventh(make: PersonMaker) -> None:
    """Three 7th-term delegates left early; two seats were filled by 补选."""
    plan, r = make.plan, make.random
    delegates = [
        i for i, s in enumerate(plan.seats) if s.body == "congress" and s.ordinal == 7 and s.unit
    ]
    for index, (reason, basis) in zip(
        r.sample(delegates, 3),
        [
            ("辞职", "本人申请，区残联主席团第五次会议同意"),
            ("去世", "家属告知"),
            ("调离", "工作调动至外区"),
        ],
        strict=True,
    ):
        seat = plan.seats[index]
        ended = date(2023, r.randint(1, 12), r.randint(1, 28))
        plan.seats[index] = replace(
            seat, status="ended", end_reason=reason, end_date=ended, end_basis=basis
        )
        if reason != "调离":
            plan.seats.append(
                DemoSeat(
                    person=make.person(),
                    body="congress",
                    ordinal=7,
                    position="代表",
                    unit=seat.unit,
                    delegate_type="正式",
                    start_reason="补选",
                    start_date=ended + timedelta(days=60),
                    start_basis=f"{seat.unit}补选产生",
                    facts=make.facts(
                        unit=seat.unit,
                        rural_rate=0.5,
                        disabled_rate=0.7,
                        model_rate=0.8,
                        volunteer_rate=0.2,
                        org_rate=0.05,
                    ),
                )
            )


def _presidium(
    make: PersonMaker, ordinal: int, delegates: list[int], *, with_psychosocial: bool
) -> None:
    plan, r = make.plan, make.random
    facts = {k: _facts_of(plan, k, ordinal) for k in delegates}
    chosen: list[int] = []
    for group in REPRESENTED:
        if group == "psychosocial" and not with_psychosocial:
            continue
        candidates = [k for k in delegates if _represents(facts[k], group) and k not in chosen]
        chosen += r.sample(candidates, min(2, len(candidates)))
    excluded = set(chosen)
    if not with_psychosocial:
        excluded |= {k for k in delegates if _represents(facts[k], "psychosocial")}
    disabled = [
        k
        for k in delegates
        if k not in excluded
        and (facts[k].category or facts[k].relative_categories)
        and facts[k].frontline
    ]
    others = [k for k in delegates if k not in excluded and k not in disabled]
    chosen += r.sample(disabled, 14) + r.sample(others, 12)
    opened = CONGRESS_7_OPENED if ordinal == 7 else None
    for place, key in enumerate(chosen):
        position = "主席" if place == 0 else "副主席" if place < 5 else "委员"
        plan.seats.append(
            DemoSeat(
                person=key,
                body="presidium",
                ordinal=ordinal,
                position=position,
                status="elected" if ordinal == 7 else "candidate",
                facts=facts[key],
                start_reason="当选" if ordinal == 7 else None,
                start_date=opened,
                start_basis=f"区残联第{'七' if ordinal == 7 else '八'}次代表大会选举"
                if ordinal == 7
                else None,
            )
        )
    if not with_psychosocial:
        _presidium_reserves(make, ordinal, delegates, chosen, facts)


def _presidium_reserves(
    make: PersonMaker,
    ordinal: int,
    delegates: list[int],
    chosen: list[int],
    facts: dict[int, Facts],
) -> None:
    """候补 for the draft presidium, two of them able to fill its missing psychosocial seat."""
    # A generator of its own, so the people drawn after this stay the same.
    r = random.Random(SEED + ordinal)
    free = [k for k in delegates if k not in chosen]
    psychosocial = [k for k in free if _represents(facts[k], "psychosocial")]
    picked = r.sample(psychosocial, min(2, len(psychosocial)))
    picked += r.sample([k for k in free if k not in picked], 4)
    for key in picked:
        make.plan.seats.append(
            DemoSeat(
                person=key,
                body="presidium",
                ordinal=ordinal,
                position="委员",
                status="reserve",
                facts=facts[key],
                start_reason=None,
            )
        )


def _leadership(make: PersonMaker) -> None:
    """The 7th executive council, the party group and the five associations' heads."""
    plan, r = make.plan, make.random
    start = CONGRESS_7_OPENED
    council = [make.person(oldest=58, youngest=32) for _ in range(15)]
    categories = [
        DisabilityCategory.PHYSICAL,
        DisabilityCategory.VISION,
        DisabilityCategory.HEARING,
        DisabilityCategory.INTELLECTUAL,
    ]
    for place, key in enumerate(council):
        position = "理事长" if place == 0 else "副理事长" if place < 4 else "理事"
        employment = "专职" if place < 8 else "兼职" if place < 13 else "挂职"
        category = categories[place - 4] if 4 <= place < 8 else None
        plan.seats.append(
            DemoSeat(
                person=key,
                body="council",
                ordinal=7,
                position=position,
                employment=employment,
                start_date=start,
                start_basis="区残联第七次代表大会主席团第一次会议",
                facts=Facts(
                    category=category,
                    grade=r.randint(2, 4) if category else None,
                    political_status="中共党员",
                    work="区残联" if employment != "兼职" else "区属单位 兼职理事",
                ),
            )
        )
    party = council[:3] + [make.person(oldest=56, youngest=35) for _ in range(2)]
    for place, key in enumerate(party):
        plan.seats.append(
            DemoSeat(
                person=key,
                body="party_group",
                ordinal=None,
                position="党组书记" if place == 0 else "党组成员",
                start_date=date(2021, 3, 1),
                start_basis="区委组织部任职通知",
                facts=Facts(political_status="中共党员", work="区残联"),
            )
        )
    for group, categories_of in REPRESENTED.items():
        for place in range(3):
            key = make.person(oldest=66, youngest=30)
            relative = group in ("intellectual", "psychosocial") and place > 0
            plan.seats.append(
                DemoSeat(
                    person=key,
                    body=f"association.{group}",
                    ordinal=7,
                    position="协会主席" if place == 0 else "协会副主席",
                    start_date=date(2021, 9, 10),
                    start_basis="协会会员代表大会选举",
                    facts=Facts(
                        category=None if relative else categories_of[0],
                        grade=None if relative else r.randint(1, 4),
                        relative_categories=(categories_of[0].value,) if relative else (),
                        role_model=not relative and place == 0,
                    ),
                )
            )
