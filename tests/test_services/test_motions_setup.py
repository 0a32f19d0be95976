"""A presidium term with a few members and handling units for the motion tests (no tests here)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from models.domain.search_keys import pinyin_keys, sort_key
from models.domain.vocabulary import BodyKind, Gender, TermStatus
from models.entities import HandlingUnit, Person, Term
from models.services.motions.commands.calendar import record_calendar
from models.services.motions.commands.intake import register_motion
from models.services.motions.contracts import MotionDraft
from models.services.people.terms import get_body
from models.store.unit_of_work import Database

from ._support import valid_id

CALENDAR = Path(__file__).parents[2] / "resources" / "calendar" / "cn-workdays.toml"
NAMES = ("甲委员", "乙委员", "丙委员", "丁委员")
UNITS = (("办公室", "internal"), ("康复部", "internal"), ("区教委", "external"))


@dataclass(frozen=True)
class Setup:
    people: dict[str, int]
    units: dict[str, int]

    def draft(self, title: str = "关于加强无障碍环境建设的提案", **extra) -> MotionDraft:
        return MotionDraft(title=title, proposer_id=self.people["甲委员"], **extra)


def build_setup(db: Database, *, calendar: bool = True) -> Setup:
    with db.unit_of_work("setup") as uow:
        session = uow.session
        session.add(
            Term(
                body=get_body(session, BodyKind.PRESIDIUM),
                ordinal=7,
                status=TermStatus.CURRENT,
                start_date=date(2021, 6, 18),
            )
        )
        people = []
        for i, name in enumerate(NAMES):
            full, initials = pinyin_keys(name)
            people.append(
                Person(
                    name=name,
                    gender=Gender.MALE,
                    id_number=valid_id(sequence=f"{301 + 2 * i:03d}"),
                    pinyin_full=full,
                    pinyin_initials=initials,
                    pinyin_sort=sort_key(name),
                )
            )
        units = [HandlingUnit(name=n, kind=k, sort_order=i) for i, (n, k) in enumerate(UNITS)]
        session.add_all(people + units)
        session.flush()
        result = Setup(people={p.name: p.id for p in people}, units={u.name: u.id for u in units})
        uow.commit()
    if calendar:
        record_calendar(db, user="setup", content=CALENDAR.read_text(encoding="utf-8"))
    return result


def new_motion(db: Database, setup: Setup, title: str = "关于加强无障碍环境建设的提案") -> int:
    return register_motion(db, user="clerk", draft=setup.draft(title)).id
