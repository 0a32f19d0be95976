"""What the demo reads back between its commands, through the services' queries."""

from __future__ import annotations

from models.domain.vocabulary import Association, BodyKind, MembershipStatus, TermStatus
from models.services.people.contracts import RosterEntry
from models.services.people.queries import list_terms, members_of_term
from models.store.unit_of_work import Database


def term_id(
    db: Database,
    kind: BodyKind,
    association: Association | None = None,
    term: int | None = None,
) -> int:
    """The body's term with this ordinal, else its current one (the party group's only one)."""
    terms = list_terms(db, kind=kind, association=association)
    return next(
        t.id
        for t in terms
        if (t.term == term if term is not None else t.status is TermStatus.CURRENT)
        or kind is BodyKind.PARTY_GROUP
    )


def elected(db: Database, term: int) -> list[RosterEntry]:
    """The term's elected members in the order they were entered (leaders first in the demo)."""
    return [e for e in members_of_term(db, term_id=term) if e.status is MembershipStatus.ELECTED]


def body_order() -> list[str]:
    """Body codes in the order the bodies were seeded: a clerk's order of the federation."""
    plain = [kind.value for kind in BodyKind if kind is not BodyKind.ASSOCIATION]
    return plain + [f"association.{a.value}" for a in Association]
