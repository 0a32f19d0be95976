"""A day-one federation for the terms tests: the 7th congress sitting, the 8th's slate entered."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from models.domain.vocabulary import BodyKind, TermStatus
from models.services.electoral.commands import add_electoral_unit
from models.services.people.commands import add_memberships, add_people
from models.services.people.contracts import MembershipDraft
from models.services.terms.commands import open_term
from models.store.unit_of_work import Database

from ._support import draft, valid_id

SEVENTH_OPENED = date(2021, 6, 18)
ELECTION = date(2026, 12, 10)
PEOPLE = ("赵一", "钱二", "孙三", "李四", "周五")


@dataclass(frozen=True)
class Federation:
    seventh: int
    eighth: int
    presidium: int
    people: dict[str, int]  # name -> person id
    ids: dict[str, str]  # name -> ID number


def build_federation(db: Database) -> Federation:
    """赵一 and 钱二 sit in the 7th congress; the 8th's candidates are 赵一, 孙三 and 李四 (李四
    with disability facts), 周五 its reserve; the 8th presidium is a draft with nobody yet."""
    ids = {name: valid_id(sequence=f"{i:02d}1") for i, name in enumerate(PEOPLE, start=10)}
    rows = add_people(
        db, user="setup", drafts=[draft(name=n, gender="男", id_number=ids[n]) for n in PEOPLE]
    )
    people = {row.name: row.id for row in rows}
    seventh = open_term(
        db,
        user="setup",
        kind=BodyKind.CONGRESS,
        term=7,
        status=TermStatus.CURRENT,
        start_date=SEVENTH_OPENED,
    )
    eighth = open_term(db, user="setup", kind=BodyKind.CONGRESS, term=8)
    presidium = open_term(db, user="setup", kind=BodyKind.PRESIDIUM, term=8)
    add_electoral_unit(db, user="setup", name="大峪街道", seats=[(eighth.id, 3)])
    sitting = MembershipDraft(position="代表", status="elected", start_date=SEVENTH_OPENED)
    add_memberships(
        db,
        user="setup",
        term_id=seventh.id,
        entries=[(people[n], sitting) for n in ("赵一", "钱二")],
    )
    candidate = MembershipDraft(position="代表", status="candidate", electoral_unit="大峪街道")
    disabled = MembershipDraft(
        position="代表",
        status="candidate",
        electoral_unit="大峪街道",
        disability_category="肢体",
        disability_grade=2,
        work_unit_and_post="大峪街道残联 专职委员",
        is_frontline=True,
    )
    reserve = MembershipDraft(position="代表", status="reserve", start_reason=None)
    add_memberships(
        db,
        user="setup",
        term_id=eighth.id,
        entries=[
            (people["赵一"], candidate),
            (people["孙三"], candidate),
            (people["李四"], disabled),
            (people["周五"], reserve),
        ],
    )
    return Federation(seventh.id, eighth.id, presidium.id, people, ids)
