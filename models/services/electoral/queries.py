"""The electoral units feature's reads: a congress term's units, in order, with their seats."""

from __future__ import annotations

from models.domain.errors import DomainError
from models.domain.vocabulary import BodyKind, TermStatus
from models.services.electoral._rows import congress_term, term_units
from models.services.electoral.contracts import TermUnits
from models.services.people.terms import find_term
from models.store.unit_of_work import Database


def units_of_congress_term(db: Database, *, term_id: int) -> TermUnits:
    """Every unit in order with the term's seats, members and totals; refused for other bodies."""
    with db.session_factory() as session:
        return term_units(session, congress_term(session, term_id))


def congress_term_id(db: Database, *, term: int | None) -> int:
    """The congress term by 届次; without one, the term being prepared (筹备中), else the
    current one: seats are allocated while a term is prepared."""
    with db.session_factory() as session:
        if term is not None:
            return find_term(session, BodyKind.CONGRESS, None, term).id
        try:
            return find_term(session, BodyKind.CONGRESS, None, None, default=TermStatus.DRAFT).id
        except DomainError as error:
            if error.code != "no_draft_term":
                raise
            return find_term(session, BodyKind.CONGRESS, None, None).id
