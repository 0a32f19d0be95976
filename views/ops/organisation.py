"""The operations of the 组织建设台账 window: reads return contracts, commands return an Outcome.

Each is one line over models.services.organisation (queries, commands); the clerk and the
database come from the AppContext. The service modules are imported inside the functions so that
importing this module (and the window that does) pulls in no SQLAlchemy before the first paint.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from models.services.audit.contracts import AuditEntry
    from models.services.common.changes import Outcome
    from models.services.common.context import AppContext
    from models.services.organisation.contracts import (
        MemberChoice,
        RecordDraft,
        RecordRow,
        Register,
    )


# ---------------------------------------------------------------- reads


def records(
    ctx: AppContext,
    *,
    register: Register,
    include_ended: bool = False,
    year: int | None = None,
    person_id: int | None = None,
    township_id: int | None = None,
) -> list[RecordRow]:
    from models.services.organisation import queries

    return queries.list_records(
        ctx.db, register=register, include_ended=include_ended, year=year,
        person_id=person_id, township_id=township_id,
    )  # fmt: skip


def record(ctx: AppContext, *, register: Register, record_id: int) -> RecordRow:
    from models.services.organisation import queries

    return queries.get_record(ctx.db, register=register, record_id=record_id)


def history(ctx: AppContext, *, register: Register, record_id: int) -> list[AuditEntry]:
    from models.services.organisation import queries

    return queries.record_history(ctx.db, register=register, record_id=record_id)


def contact_members(ctx: AppContext) -> list[MemberChoice]:
    from models.services.organisation import queries

    return queries.contact_members(ctx.db)


# ---------------------------------------------------------------- commands


def add_record(ctx: AppContext, *, draft: RecordDraft) -> Outcome[RecordRow]:
    from models.services.organisation import commands

    return ctx.command(lambda db, user: commands.add_record(db, user=user, draft=draft))


def edit_record(
    ctx: AppContext, *, record_id: int, expected_version: int, draft: RecordDraft
) -> Outcome[RecordRow]:
    from models.services.organisation import commands

    return ctx.command(
        lambda db, user: commands.edit_record(
            db, user=user, record_id=record_id, expected_version=expected_version, draft=draft
        )
    )


def end_record(
    ctx: AppContext, *, register: Register, record_id: int, expected_version: int, ended_on: date
) -> Outcome[RecordRow]:
    from models.services.organisation import commands

    return ctx.command(
        lambda db, user: commands.end_record(
            db, user=user, register=register, record_id=record_id,
            expected_version=expected_version, ended_on=ended_on,
        )
    )  # fmt: skip


def remove_record(
    ctx: AppContext, *, register: Register, record_id: int, expected_version: int
) -> Outcome[None]:
    from models.services.organisation import commands

    return ctx.command(
        lambda db, user: commands.remove_record(
            db, user=user, register=register, record_id=record_id,
            expected_version=expected_version,
        )
    )  # fmt: skip
