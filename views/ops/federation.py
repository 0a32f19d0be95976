"""Operations on the federation's profile, the rules file in force, and the first run."""

from __future__ import annotations

from typing import TYPE_CHECKING

from models.services.common.changes import Outcome
from models.services.common.context import AppContext
from models.services.federation import commands, queries
from models.services.federation.contracts import (
    FirstRun,
    Profile,
    ProfileDraft,
    RulesFile,
    RulesInForce,
)
from models.services.federation.rules_files import read_rules_file

if TYPE_CHECKING:
    from models.demo.builder import DemoSummary


def profile(ctx: AppContext) -> Profile | None:
    return queries.profile(ctx.db)


def rules_in_force(ctx: AppContext) -> RulesInForce | None:
    return queries.rules_in_force(ctx.db)


def first_run(ctx: AppContext) -> FirstRun:
    return queries.first_run(ctx.db)


def rules_file(_ctx: AppContext, *, path: str) -> RulesFile:
    """A district's file chosen from disk, read and checked (an error names the key)."""
    return read_rules_file(path)


def save_profile(ctx: AppContext, *, draft: ProfileDraft) -> Outcome[Profile]:
    return ctx.command(lambda db, user: commands.save_profile(db, user=user, draft=draft))


def set_up(ctx: AppContext, *, draft: ProfileDraft, rules: RulesFile | None) -> Outcome[None]:
    return ctx.command(lambda db, user: commands.set_up(db, user=user, draft=draft, rules=rules))


def replace_rules(ctx: AppContext, *, rules: RulesFile) -> Outcome[RulesInForce]:
    return ctx.command(
        lambda db, user: commands.replace_rules(
            db, user=user, rules_id=rules.rules_id, content=rules.content, origin=rules.origin
        )
    )


def build_demo(ctx: AppContext) -> Outcome[DemoSummary]:
    """The demo federation, for a clerk who only wants to look (it takes a while)."""
    from models.demo.builder import build_demo as build  # every service: only when asked

    return ctx.command(lambda db, user: build(db, user=user))
