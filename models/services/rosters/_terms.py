"""Which term a roster goes into: a body with terms, its term 筹备中 or 现任 (DOMAIN §8)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from models.domain.errors import DomainError
from models.domain.vocabulary import (
    Association,
    BodyKind,
    TermStatus,
    body_display_name,
    body_has_terms,
    term_display_name,
)
from models.entities import Term
from models.services.people.terms import check_body, find_term


def roster_term(
    session: Session, kind: BodyKind, association: Association | None, term: int | None
) -> Term:
    """By 届次, else the current term, else the one being prepared; never a past one."""
    check_body(kind, association)
    name = body_display_name(kind, association)
    if not body_has_terms(kind):
        raise DomainError("roster_body_without_terms", field="body", body=name)
    try:
        found = find_term(session, kind, association, term, default=TermStatus.CURRENT)
    except DomainError as error:
        if term is not None or error.code != "no_current_term":
            raise
        found = find_term(session, kind, association, None, default=TermStatus.DRAFT)
    if found.status is TermStatus.PAST:
        raise DomainError(
            "roster_term_past", field="term", body=name, term=term_display_name(found.ordinal)
        )
    return found
