"""A small federation for the meeting tests (no tests here): a council with a leaver and a newcomer,
the five associations' heads (one of them on the council, one replaced), and a party group."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from models.domain.search_keys import pinyin_keys, sort_key
from models.domain.vocabulary import (
    Association,
    BodyKind,
    EndReason,
    Gender,
    MembershipStatus,
    Position,
    TermStatus,
)
from models.entities import Membership, Person, Term
from models.services.meetings.contracts import AttendanceDraft, AttendanceRow
from models.services.people.terms import get_body
from models.store.unit_of_work import Database

from ._support import valid_id

COUNCIL_OPENED = date(2021, 6, 18)
LEAVER_ENDS = date(2025, 6, 30)  # 庚 is no longer a member from this day
NEWCOMER_STARTS = date(2025, 7, 1)  # 辛 is a member from this day
DEAF_HEAD_CHANGES = date(2026, 1, 1)


@dataclass(frozen=True)
class Federation:
    council_term: int
    party_term: int
    people: dict[str, int]  # name → person id
    heads: dict[Association, str]  # the heads serving in 2025

    def id(self, name: str) -> int:
        return self.people[name]


_COUNCIL = (("甲理事长", "理事长"), ("乙副理事长", "副理事长"), ("丙理事", "理事"))
_COUNCIL += (("丁理事", "理事"), ("戊理事", "理事"), ("庚理事", "理事"))
_HEADS = {
    Association.BLIND: "丙理事",  # the blind association's head sits on the council
    Association.DEAF: "聋协老主席",
    Association.PHYSICAL: "肢协主席",
    Association.INTELLECTUAL: "智协主席",
    Association.PSYCHOSOCIAL: "精协主席",
}


def build_federation(db: Database) -> Federation:
    """Written in one unit of work (the services for people and memberships have tests of their
    own), so that each meeting test starts quickly."""
    people: dict[str, Person] = {}
    with db.unit_of_work("setup") as uow:
        session = uow.session

        def person(name: str) -> Person:
            if name not in people:
                full, initials = pinyin_keys(name)
                people[name] = Person(
                    name=name,
                    gender=Gender.MALE,
                    id_number=valid_id(sequence=f"{100 + 2 * len(people) + 1:03d}"),  # odd: 男
                    pinyin_full=full,
                    pinyin_initials=initials,
                    pinyin_sort=sort_key(name),
                )
            return people[name]

        def seat(name: str, term: Term, position: str, start: date, end: date | None = None):
            session.add(
                Membership(
                    person=person(name),
                    term=term,
                    position=Position(position),
                    status=MembershipStatus.ENDED if end else MembershipStatus.ELECTED,
                    start_date=start,
                    end_date=end,
                    end_reason=EndReason.RESIGNED if end else None,
                )
            )

        def term(kind: BodyKind, association: Association | None, start: date) -> Term:
            body = get_body(session, kind, association)
            row = Term(body=body, ordinal=7, status=TermStatus.CURRENT, start_date=start)
            session.add(row)
            return row

        council = term(BodyKind.EXECUTIVE_COUNCIL, None, COUNCIL_OPENED)
        for name, position in _COUNCIL:
            seat(name, council, position, COUNCIL_OPENED, LEAVER_ENDS if name == "庚理事" else None)
        seat("辛理事", council, "理事", NEWCOMER_STARTS)
        opened = date(2021, 9, 10)
        for association in Association:
            own = term(BodyKind.ASSOCIATION, association, opened)
            head = _HEADS[association]
            changes = DEAF_HEAD_CHANGES if association is Association.DEAF else None
            seat(head, own, "协会主席", opened, changes)
            seat(f"{head[:2]}副主席", own, "协会副主席", opened)
            if changes:
                seat("聋协新主席", own, "协会主席", changes)
        party = session.scalars(
            select(Term).where(Term.body_id == get_body(session, BodyKind.PARTY_GROUP).id)
        ).one()
        for name, position in (
            ("甲理事长", "党组书记"),
            ("乙副理事长", "党组成员"),
            ("党组成员丑", "党组成员"),
        ):
            seat(name, party, position, date(2021, 3, 1))
        session.flush()
        federation = Federation(
            council.id, party.id, {n: p.id for n, p in people.items()}, dict(_HEADS)
        )
        uow.commit()
    return federation


def marked(rows: tuple[AttendanceRow, ...], **changes: dict) -> list[AttendanceDraft]:
    """The proposed grid as drafts, with some lines changed: name → {field: value}."""
    drafts = []
    for row in rows:
        d = row.as_draft()
        if row.name in changes:
            d = AttendanceDraft(**{**d.__dict__, **changes[row.name]})
        drafts.append(d)
    return drafts
