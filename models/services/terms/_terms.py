"""Private steps the terms commands and queries share: loading a term, counting who is in it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session, joinedload

from models.domain.errors import DomainError
from models.domain.identity import mask_identifier
from models.domain.vocabulary import (
    BodyKind,
    MembershipStatus,
    TermStatus,
    body_display_name,
    term_display_name,
)
from models.entities import Body, Meeting, Membership, Term
from models.services.people._rows import term_row
from models.services.terms.contracts import Nominee, TermSummary


def load_term(session: Session, term_id: int) -> Term:
    term = session.get(Term, term_id, options=[joinedload(Term.body)])
    if term is None:
        raise DomainError("term_not_found", field="term", body="", term=str(term_id))
    return term


def names(term: Term) -> dict[str, str]:
    """The body's and the term's names, as every message of this feature says them."""
    return {
        "body": body_display_name(term.body.kind, term.body.association),
        "term": term_display_name(term.ordinal),
    }


def refuse_standing(term: Term) -> None:
    """The party group's one standing term has no 届次 and no lifecycle (DOMAIN §8)."""
    if term.ordinal is None:
        raise DomainError("term_for_party_group", field="term")


def require_draft(term: Term, action: str) -> None:
    refuse_standing(term)
    if term.status is not TermStatus.DRAFT:
        raise DomainError("term_not_draft", field="term", action=action, **names(term))


def check_dates(start: date | None, end: date | None) -> None:
    if start is not None and end is not None and end < start:
        raise DomainError(
            "term_dates_reversed", field="end_date", start_date=str(start), end_date=str(end)
        )


def current_term_of(session: Session, body: Body, *, other_than: int | None = None) -> Term | None:
    query = select(Term).where(Term.body_id == body.id, Term.status == TermStatus.CURRENT)
    if other_than is not None:
        query = query.where(Term.id != other_than)
    return session.scalars(query.order_by(Term.ordinal)).first()


def status_counts(
    session: Session, term_ids: Sequence[int]
) -> dict[int, dict[MembershipStatus, int]]:
    counts: dict[int, dict[MembershipStatus, int]] = {i: {} for i in term_ids}
    rows = session.execute(
        select(Membership.term_id, Membership.status, func.count())
        .where(Membership.term_id.in_(term_ids))
        .group_by(Membership.term_id, Membership.status)
    )
    for term_id, status, count in rows:
        counts[term_id][status] = count
    return counts


def meeting_counts(session: Session, term_ids: Sequence[int]) -> dict[int, int]:
    rows = session.execute(
        select(Meeting.term_id, func.count())
        .where(Meeting.term_id.in_(term_ids))
        .group_by(Meeting.term_id)
    )
    return {term_id: count for term_id, count in rows if term_id is not None}


def summaries(session: Session, terms: Sequence[Term]) -> list[TermSummary]:
    ids = [t.id for t in terms]
    counts = status_counts(session, ids)
    meetings = meeting_counts(session, ids)
    return [
        TermSummary(
            term=term_row(t),
            members=counts[t.id].get(MembershipStatus.ELECTED, 0),
            candidates=counts[t.id].get(MembershipStatus.CANDIDATE, 0),
            reserves=counts[t.id].get(MembershipStatus.RESERVE, 0),
            not_elected=counts[t.id].get(MembershipStatus.NOT_ELECTED, 0),
            ended=counts[t.id].get(MembershipStatus.ENDED, 0),
            meetings=meetings.get(t.id, 0),
        )
        for t in terms
    ]


def memberships_of(
    session: Session, term_id: int, statuses: Sequence[MembershipStatus]
) -> list[Membership]:
    return list(
        session.scalars(
            select(Membership)
            .options(joinedload(Membership.person), joinedload(Membership.electoral_unit))
            .where(Membership.term_id == term_id, Membership.status.in_(statuses))
            .order_by(Membership.id)
        )
    )


def nominee(membership: Membership) -> Nominee:
    return Nominee(
        person_id=membership.person_id,
        name=membership.person.name,
        id_number=mask_identifier(membership.person.id_number) or "",
        status=membership.status,
        start_reason=membership.start_reason,
        electoral_unit=membership.electoral_unit.name if membership.electoral_unit else "",
        membership_id=membership.id,
    )


def congress_term_for(session: Session, presidium: Term) -> Term:
    """The congress term whose delegates elect this presidium term: the same 届次."""
    congress = session.scalar(
        select(Term)
        .join(Term.body)
        .where(Body.kind == BodyKind.CONGRESS, Term.ordinal == presidium.ordinal)
    )
    if congress is None:
        raise DomainError(
            "term_not_found",
            field="term",
            body=body_display_name(BodyKind.CONGRESS),
            term=term_display_name(presidium.ordinal),
        )
    return congress
