"""A day-one federation for the motion tests, built only through the commands a clerk uses on
day one (issue 12): the profile, the 8th presidium opened as 现任, its members entered. No demo.

Two members share the name 张伟 (a proposer given by that name is ambiguous); 刘洋 is in the
registry but not a member of the presidium."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from models.domain.vocabulary import BodyKind, TermStatus
from models.services.federation.commands import save_profile
from models.services.federation.contracts import ProfileDraft
from models.services.people.commands import add_memberships, add_people
from models.services.people.contracts import MembershipDraft
from models.services.terms.commands import open_term
from models.store.unit_of_work import Database

from ._support import draft, valid_id

OPENED = date(2024, 1, 10)
MEMBERS = ("王芳", "张伟", "张伟", "李娜", "赵敏")
OUTSIDER = "刘洋"


@dataclass(frozen=True)
class DayOne:
    term: int  # the presidium's 届次
    term_id: int
    members: dict[str, int]  # name -> person id (the first 张伟)
    zhang_wei: tuple[int, int]  # both 张伟
    outsider: int


def build_day_one(db: Database) -> DayOne:
    save_profile(
        db,
        user="setup",
        draft=ProfileDraft(
            full_name="门头沟区残疾人联合会", short_name="门残联", district="门头沟区"
        ),
    )
    names = (*MEMBERS, OUTSIDER)
    rows = add_people(
        db,
        user="setup",
        drafts=[
            draft(name=n, gender="女", id_number=valid_id(sequence=f"{i:02d}2"))
            for i, n in enumerate(names, start=20)
        ],
    )
    term = open_term(
        db,
        user="setup",
        kind=BodyKind.PRESIDIUM,
        term=8,
        status=TermStatus.CURRENT,
        start_date=OPENED,
    )
    member = MembershipDraft(position="委员", status="elected", start_date=OPENED)
    add_memberships(
        db, user="setup", term_id=term.id, entries=[(r.id, member) for r in rows[: len(MEMBERS)]]
    )
    members: dict[str, int] = {}
    for r in rows[: len(MEMBERS)]:
        members.setdefault(r.name, r.id)
    return DayOne(
        term=8,
        term_id=term.id,
        members=members,
        zhang_wei=(rows[1].id, rows[2].id),
        outsider=rows[-1].id,
    )
