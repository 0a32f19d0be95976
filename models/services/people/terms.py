"""Finding and opening terms (届) of the federation's bodies."""

from __future__ import annotations

from datetime import date

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
from models.services.people.rows import TermRow
from models.store.unit_of_work import Database


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
    ordinal: int | None = None,
    *,
    default: TermStatus = TermStatus.CURRENT,
) -> Term:
    """By ordinal when given, else the body's term in the `default` status (DOMAIN §8)."""
    body = get_body(session, kind, association)
    name = body_display_name(kind, association)
    if not body_has_terms(kind):
        if ordinal is not None:
            raise DomainError("term_for_party_group", field="term")
        query = select(Term).where(Term.body_id == body.id)
    elif ordinal is not None:
        query = select(Term).where(Term.body_id == body.id, Term.ordinal == ordinal)
    else:
        query = select(Term).where(Term.body_id == body.id, Term.status == default)
    term = session.scalars(query.order_by(Term.ordinal.desc())).first()
    if term is None:
        if ordinal is not None:
            raise DomainError(
                "term_not_found", field="term", body=name, term=term_display_name(ordinal)
            )
        code = "no_draft_term" if default is TermStatus.DRAFT else "no_current_term"
        raise DomainError(code, field="term", body=name)
    return term


def open_term(
    db: Database,
    *,
    user: str,
    kind: BodyKind,
    association: Association | None = None,
    ordinal: int,
    status: TermStatus,
    start_date: date | None = None,
    end_date: date | None = None,
) -> TermRow:
    """A new term of a body that has terms; the ordinal is unique per body."""
    with db.unit_of_work(user) as uow:
        body = get_body(uow.session, kind, association)
        if not body_has_terms(kind):
            raise DomainError("term_for_party_group", field="term")
        existing = uow.session.scalar(
            select(Term).where(Term.body_id == body.id, Term.ordinal == ordinal)
        )
        if existing is not None:
            raise DomainError(
                "term_exists", field="term", body=body.name, term=term_display_name(ordinal)
            )
        term = Term(
            body=body, ordinal=ordinal, status=status, start_date=start_date, end_date=end_date
        )
        uow.session.add(term)
        uow.session.flush()
        row = TermRow.of(term)
        uow.commit()
    return row


def list_terms(
    db: Database, *, kind: BodyKind, association: Association | None = None
) -> list[TermRow]:
    with db.session_factory() as session:
        body = get_body(session, kind, association)
        terms = session.scalars(
            select(Term).where(Term.body_id == body.id).order_by(Term.ordinal)
        ).all()
        return [TermRow.of(t) for t in terms]
