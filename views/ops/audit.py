"""The 操作记录's operations: filtered entries, the chain check, the accounts, an export."""

from __future__ import annotations

from pathlib import Path

from models.services.audit import commands, queries
from models.services.audit.contracts import AuditEntry, AuditExport, AuditFilter, ChainCheck
from models.services.common.changes import Outcome
from models.services.common.context import AppContext


def entries(ctx: AppContext, *, found: AuditFilter, limit: int, offset: int) -> list[AuditEntry]:
    return queries.list_entries(
        ctx.db,
        user=ctx.user,
        account=found.account,
        date_from=found.date_from,
        date_to=found.date_to,
        kind=found.kind,
        person=found.person,
        limit=limit,
        offset=offset,
    )


def accounts(ctx: AppContext) -> list[tuple[str, str]]:
    return queries.known_accounts(ctx.db, user=ctx.user)


def verify(ctx: AppContext) -> ChainCheck:
    return queries.verify_chain(ctx.db, user=ctx.user)


def export(ctx: AppContext, *, path: Path, found: AuditFilter) -> Outcome[AuditExport]:
    return ctx.command(
        lambda db, user: commands.export_entries(
            db,
            user=user,
            path=path,
            account=found.account,
            date_from=found.date_from,
            date_to=found.date_to,
            kind=found.kind,
            person=found.person,
        )
    )
