"""Operations on a body's terms: what the 届次管理 dialog calls."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from models.domain.vocabulary import Association, BodyKind
from models.services.common.changes import Outcome
from models.services.common.context import AppContext
from models.services.people.contracts import TermRow
from models.services.terms import commands, queries
from models.services.terms.contracts import (
    ElectionRecord,
    ElectionResult,
    Handover,
    HandoverPlan,
    Nominee,
    TermSummary,
)


def summaries(
    ctx: AppContext, *, kind: BodyKind, association: Association | None
) -> list[TermSummary]:
    return queries.term_summaries(ctx.db, kind=kind, association=association)


def nominees(ctx: AppContext, *, term_id: int) -> list[Nominee]:
    return queries.nominees(ctx.db, term_id=term_id)


def delegates_for_presidium(ctx: AppContext, *, term_id: int) -> list[Nominee]:
    return queries.delegates_not_in_presidium(ctx.db, term_id=term_id)


def handover_plan(ctx: AppContext, *, term_id: int) -> HandoverPlan:
    return queries.handover_plan(ctx.db, term_id=term_id)


def open_term(
    ctx: AppContext,
    *,
    kind: BodyKind,
    association: Association | None,
    term: int,
    start_date: date | None,
    end_date: date | None,
) -> Outcome[TermRow]:
    return ctx.command(
        lambda db, user: commands.open_term(
            db,
            user=user,
            kind=kind,
            association=association,
            term=term,
            start_date=start_date,
            end_date=end_date,
        )
    )


def correct_dates(
    ctx: AppContext, *, term_id: int, version: int, start_date: date | None, end_date: date | None
) -> Outcome[TermRow]:
    return ctx.command(
        lambda db, user: commands.correct_term_dates(
            db,
            user=user,
            term_id=term_id,
            expected_version=version,
            start_date=start_date,
            end_date=end_date,
        )
    )


def delete_term(ctx: AppContext, *, term_id: int, version: int) -> Outcome[None]:
    return ctx.command(
        lambda db, user: commands.delete_term(
            db, user=user, term_id=term_id, expected_version=version
        )
    )


def record_election(
    ctx: AppContext, *, term_id: int, election_date: date, results: Sequence[ElectionResult]
) -> Outcome[ElectionRecord]:
    return ctx.command(
        lambda db, user: commands.record_election(
            db, user=user, term_id=term_id, election_date=election_date, results=results
        )
    )


def make_current(
    ctx: AppContext, *, term_id: int, version: int, handover_date: date
) -> Outcome[Handover]:
    return ctx.command(
        lambda db, user: commands.make_current(
            db, user=user, term_id=term_id, expected_version=version, handover_date=handover_date
        )
    )


def add_presidium_candidates(
    ctx: AppContext, *, term_id: int, person_ids: Sequence[int]
) -> Outcome[int]:
    return ctx.command(
        lambda db, user: commands.add_presidium_candidates(
            db, user=user, term_id=term_id, person_ids=person_ids
        )
    )
