"""Finding a body and its term inside a session: every feature whose records belong to a term."""

from __future__ import annotations

from sqlalchemy import select
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
from models.entities import Body, Term


def body_code(kind: BodyKind, association: Association | None) -> str:
    return f"association.{association.value}" if association is not None else kind.value


def check_body(kind: BodyKind, association: Association | None) -> None:
    if kind is BodyKind.ASSOCIATION and association is None:
        raise DomainError("association_required", field="association")
    if kind is not BodyKind.ASSOCIATION and association is not None:
        raise DomainError("association_not_allowed", field="association")


def get_body(session: Session, kind: BodyKind, association: Association | None = None) -> Body:
    check_body(kind, association)
    body = session.scalar(select(Body).where(Body.code == body_code(kind, association)))
    if body is None:  # seeded by migration 0002; missing only in a damaged database
        raise DomainError("database_unusable", detail=f"缺少机构“{body_code(kind, association)}”")
    return body


def find_term(
    session: Session,
    kind: BodyKind,
    association: Association | None = None,
    term: int | None = None,
    *,
    default: TermStatus = TermStatus.CURRENT,
) -> Term:
    """By 届次 when given, else the body's term in the `default` status (DOMAIN §8)."""
    body = get_body(session, kind, association)
    name = body_display_name(kind, association)
    if not body_has_terms(kind):
        if term is not None:
            raise DomainError("term_for_party_group", field="term")
        query = select(Term).where(Term.body_id == body.id)
    elif term is not None:
        query = select(Term).where(Term.body_id == body.id, Term.ordinal == term)
    else:
        query = select(Term).where(Term.body_id == body.id, Term.status == default)
    found = session.scalars(query.order_by(Term.ordinal.desc())).first()
    if found is None:
        if term is not None:
            raise DomainError(
                "term_not_found", field="term", body=name, term=term_display_name(term)
            )
        code = "no_draft_term" if default is TermStatus.DRAFT else "no_current_term"
        raise DomainError(code, field="term", body=name)
    return found
