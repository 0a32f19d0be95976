"""Operations of signing in, passwords and the 账户 window."""

from __future__ import annotations

from models.domain.roles import Role
from models.services.accounts import commands, queries, signing
from models.services.accounts.contracts import AccountDraft, AccountRow, SignInResult
from models.services.common.changes import Outcome
from models.services.common.context import AppContext
from models.store.unit_of_work import Database


def sign_in(db: Database, *, login: str, password: str) -> SignInResult:
    return signing.sign_in(db, login=login, password=password)


def accounts(ctx: AppContext) -> list[AccountRow]:
    return queries.list_accounts(ctx.db, user=ctx.user)


def sign_in_required(ctx: AppContext) -> bool:
    return queries.sign_in_required(ctx.db)


def unit_names(ctx: AppContext) -> list[str]:
    """The handling units a 承办单位 account may belong to (the ones in use)."""
    from models.services.motions import queries as motion_queries

    return [u.name for u in motion_queries.list_handling_unit_rows(ctx.db) if u.active]


def add_account(ctx: AppContext, *, draft: AccountDraft) -> Outcome[AccountRow]:
    return ctx.command(lambda db, user: commands.add_account(db, user=user, draft=draft))


def set_role(
    ctx: AppContext, *, login: str, role: Role, unit_name: str | None
) -> Outcome[AccountRow]:
    return ctx.command(
        lambda db, user: commands.set_role(
            db, user=user, login=login, role=role, unit_name=unit_name
        )
    )


def set_active(ctx: AppContext, *, login: str, active: bool) -> Outcome[AccountRow]:
    return ctx.command(
        lambda db, user: commands.set_active(db, user=user, login=login, active=active)
    )


def reset_password(ctx: AppContext, *, login: str, password: str) -> Outcome[AccountRow]:
    return ctx.command(
        lambda db, user: commands.reset_password(db, user=user, login=login, password=password)
    )


def change_password(
    ctx: AppContext, *, old_password: str, new_password: str
) -> Outcome[AccountRow]:
    return ctx.command(
        lambda db, user: commands.change_password(
            db, user=user, old_password=old_password, new_password=new_password
        )
    )


def set_sign_in_required(ctx: AppContext, *, required: bool) -> Outcome[bool]:
    return ctx.command(
        lambda db, user: commands.set_sign_in_required(db, user=user, required=required)
    )
