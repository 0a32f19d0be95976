"""Who owes a contact point and field visits: the members of the 党组 and of the executive
council's current term (contact.points, contact.days), and whether a person was one in a year."""

from __future__ import annotations

from datetime import date

from sqlalchemy import ColumnElement, and_, or_, select
from sqlalchemy.orm import Session

from models.domain.vocabulary import BODY_NAMES, BodyKind, MembershipStatus, Position, TermStatus
from models.entities import Body, Membership, Person, Term
from models.services.organisation.contracts import MemberChoice

# The bodies whose members keep a contact point, in the order their posts are listed.
CONTACT_BODIES = (BodyKind.PARTY_GROUP, BodyKind.EXECUTIVE_COUNCIL)

# Leaders first: the order the contact list and the 联系点 register read out.
_RANK = {
    p: rank
    for rank, p in enumerate(
        (
            Position.PARTY_SECRETARY,
            Position.PARTY_MEMBER,
            Position.COUNCIL_CHAIR,
            Position.COUNCIL_VICE_CHAIR,
            Position.SECRETARY_GENERAL,
            Position.COUNCIL_MEMBER,
        )
    )
}


def _post(kind: BodyKind, position: Position) -> str:
    """党组书记, 党组成员, 执行理事会副理事长 …: the post as the contact list names it."""
    text = str(position.value)
    body = BODY_NAMES[kind]
    return text if text.startswith(body) else f"{body}{text}"


def _serving_on(day: date) -> tuple[ColumnElement[bool], ...]:
    """A membership of the party group or the council in office on `day`: in a term past the
    preparing stage, started by then, and not ended (an end date is the first day out)."""
    return (
        Body.kind.in_(CONTACT_BODIES),
        Term.status != TermStatus.DRAFT,
        Membership.status.in_((MembershipStatus.ELECTED, MembershipStatus.ENDED)),
        or_(Membership.start_date.is_(None), Membership.start_date <= day),
        or_(
            and_(Membership.status == MembershipStatus.ELECTED, Membership.end_date.is_(None)),
            Membership.end_date > day,
        ),
    )


def contact_members_in(session: Session, day: date | None = None) -> list[MemberChoice]:
    """Who owes a contact point on `day` (default today): the members of the party group and of
    the executive council in office then; each person once, their posts joined, leaders first.
    The registers ask for today's; a year's check (checking.py) for its last day's."""
    rows = session.execute(
        select(Person.id, Person.name, Person.pinyin_sort, Body.kind, Membership.position)
        .join(Membership, Membership.person_id == Person.id)
        .join(Term, Term.id == Membership.term_id)
        .join(Body, Body.id == Term.body_id)
        .where(*_serving_on(day or date.today()))
    ).all()
    found: dict[int, tuple[str, str, int, list[str]]] = {}
    for person_id, name, pinyin, kind, position in sorted(
        rows, key=lambda r: (CONTACT_BODIES.index(r.kind), _RANK.get(r.position, 99))
    ):
        entry = found.setdefault(person_id, (name, pinyin or name, _RANK.get(position, 99), []))
        post = _post(kind, position)
        if post not in entry[3]:
            entry[3].append(post)
    ordered = sorted(found.items(), key=lambda item: (item[1][2], item[1][1], item[0]))
    return [
        MemberChoice(person_id=pid, name=name, bodies="、".join(posts))
        for pid, (name, _, _, posts) in ordered
    ]


def member_in_year(session: Session, person_id: int, year: int) -> bool:
    """Whether the person sat in the party group or the council at some time in `year`: elected
    (or since ended), started by its end and not ended before it began, in a term past the
    preparing stage. Visits are entered afterwards, so a member who left in March still has
    his January visits recorded; a current member's visits before he joined are refused."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    found = session.scalar(
        select(Membership.id)
        .join(Term, Term.id == Membership.term_id)
        .join(Body, Body.id == Term.body_id)
        .where(
            Membership.person_id == person_id,
            Body.kind.in_(CONTACT_BODIES),
            Term.status != TermStatus.DRAFT,
            Membership.status.in_((MembershipStatus.ELECTED, MembershipStatus.ENDED)),
            or_(Membership.start_date.is_(None), Membership.start_date <= last),
            or_(Membership.end_date.is_(None), Membership.end_date >= first),
        )
        .limit(1)
    )
    return found is not None
