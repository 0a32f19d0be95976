"""Operations on people, terms and memberships: what the roster and the people dialogs call."""

from __future__ import annotations

from datetime import date

from models.domain.vocabulary import Association, BodyKind
from models.services.common.changes import Outcome
from models.services.common.context import AppContext
from models.services.people import commands, queries
from models.services.people.contracts import (
    MembershipDetail,
    MembershipDraft,
    MembershipRow,
    PersonDraft,
    PersonRow,
    RosterEntry,
    TermRow,
)
from models.services.slates.queries import units_of_term


def terms(ctx: AppContext, *, kind: BodyKind, association: Association | None) -> list[TermRow]:
    return queries.list_terms(ctx.db, kind=kind, association=association)


def members(ctx: AppContext, *, term_id: int) -> list[RosterEntry]:
    return queries.members_of_term(ctx.db, term_id=term_id)


def registry(ctx: AppContext) -> list[RosterEntry]:
    return queries.registry(ctx.db)


def units(ctx: AppContext, *, term_id: int) -> list[str]:
    return units_of_term(ctx.db, term_id=term_id)


def person(ctx: AppContext, *, person_id: int) -> PersonRow:
    return queries.get_person(ctx.db, person_id=person_id)


def add_person(ctx: AppContext, *, draft: PersonDraft) -> Outcome[PersonRow]:
    return ctx.command(lambda db, user: commands.add_person(db, user=user, draft=draft))


def update_person(
    ctx: AppContext, *, person_id: int, version: int, draft: PersonDraft
) -> Outcome[PersonRow]:
    return ctx.command(
        lambda db, user: commands.update_person(
            db, user=user, person_id=person_id, expected_version=version, draft=draft
        )
    )


def reveal_id_number(ctx: AppContext, *, person_id: int) -> Outcome[str]:
    """A command, not a query: the reveal itself goes to the change log."""
    return ctx.command(
        lambda db, user: commands.reveal_id_number(db, user=user, person_id=person_id)
    )


def add_membership(
    ctx: AppContext, *, person_id: int, term_id: int, draft: MembershipDraft
) -> Outcome[MembershipRow]:
    return ctx.command(
        lambda db, user: commands.add_membership(
            db, user=user, person_id=person_id, term_id=term_id, draft=draft
        )
    )


def end_membership(
    ctx: AppContext,
    *,
    membership_id: int,
    version: int | None,
    end_date: date,
    reason: str,
    basis: str | None,
) -> Outcome[MembershipRow]:
    return ctx.command(
        lambda db, user: commands.end_membership(
            db,
            user=user,
            membership_id=membership_id,
            expected_version=version,
            end_date=end_date,
            reason=reason,
            basis=basis,
        )
    )


def membership(ctx: AppContext, *, membership_id: int) -> MembershipDetail:
    return queries.get_membership(ctx.db, membership_id=membership_id)


def update_membership(
    ctx: AppContext, *, membership_id: int, version: int, draft: MembershipDraft
) -> Outcome[MembershipDetail]:
    return ctx.command(
        lambda db, user: commands.update_membership(
            db, user=user, membership_id=membership_id, expected_version=version, draft=draft
        )
    )
