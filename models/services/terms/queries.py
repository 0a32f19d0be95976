"""Reads of the terms feature: a body's terms with head counts, a term's candidates, the
delegates a presidium term may still take, and what a handover would do."""

from __future__ import annotations

from sqlalchemy import select

from models.domain.vocabulary import Association, BodyKind, MembershipStatus
from models.entities import Membership, Term
from models.services.people._rows import term_row
from models.services.people.terms import get_body
from models.services.slates.contracts import ON_SLATE
from models.services.terms._terms import (
    congress_term_for,
    current_term_of,
    load_term,
    memberships_of,
    nominee,
    summaries,
)
from models.services.terms.contracts import HandoverPlan, Nominee, TermSummary
from models.store.unit_of_work import Database


def term_summaries(
    db: Database, *, kind: BodyKind, association: Association | None = None
) -> list[TermSummary]:
    """The body's terms by 届次, each with how many people it holds in each status."""
    with db.session_factory() as session:
        body = get_body(session, kind, association)
        terms = session.scalars(
            select(Term).where(Term.body_id == body.id).order_by(Term.ordinal)
        ).all()
        return summaries(session, terms)


def nominees(db: Database, *, term_id: int) -> list[Nominee]:
    """The term's candidates and reserves, with any result already recorded (election dialog)."""
    with db.session_factory() as session:
        rows = memberships_of(
            session,
            term_id,
            (
                MembershipStatus.CANDIDATE,
                MembershipStatus.ELECTED,
                MembershipStatus.NOT_ELECTED,
                MembershipStatus.RESERVE,
            ),
        )
        return [nominee(m) for m in rows]


def delegates_not_in_presidium(db: Database, *, term_id: int) -> list[Nominee]:
    """Delegates of the congress term with the presidium term's 届次 not yet in that term."""
    with db.session_factory() as session:
        presidium = load_term(session, term_id)
        congress = congress_term_for(session, presidium)
        present = set(
            session.scalars(
                select(Membership.person_id).where(
                    Membership.term_id == term_id, Membership.status != MembershipStatus.ENDED
                )
            )
        )
        return [
            nominee(m)
            for m in memberships_of(session, congress.id, ON_SLATE)
            if m.person_id not in present
        ]


def handover_plan(db: Database, *, term_id: int) -> HandoverPlan:
    """What making the term current would do, for the confirmation the clerk reads first."""
    with db.session_factory() as session:
        term = load_term(session, term_id)
        previous = current_term_of(session, term.body, other_than=term.id)
        ending = 0
        if previous is not None:
            ending = len(memberships_of(session, previous.id, (MembershipStatus.ELECTED,)))
        return HandoverPlan(
            term=term_row(term),
            previous=term_row(previous) if previous is not None else None,
            ending=ending,
        )
