"""The operations of the lists clerks edit for motions: handling units, the working-day calendar
and the reply templates. One line each over models.services.motions, imported inside the
functions like views/ops/motions.py, so that opening a window pulls in no SQLAlchemy.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from models.domain.reply_templates import ReplyTemplate
    from models.services.common.changes import Outcome
    from models.services.common.context import AppContext
    from models.services.motions.contracts import CalendarYear, HandlingUnitRow


# ---------------------------------------------------------------- reads


def handling_unit_rows(ctx: AppContext) -> list[HandlingUnitRow]:
    from models.services.motions import queries

    return queries.list_handling_unit_rows(ctx.db)


def reply_templates(ctx: AppContext) -> tuple[ReplyTemplate, ...]:
    from models.services.motions import reply_templates

    return reply_templates.reply_templates(ctx.db, shipped=ctx.reply_templates)


def calendar_years(ctx: AppContext) -> tuple[CalendarYear, ...]:
    from models.services.motions import queries

    return queries.calendar_years(ctx.db)


# ---------------------------------------------------------------- handling units


def add_handling_unit(ctx: AppContext, *, name: str, kind: str) -> Outcome[HandlingUnitRow]:
    from models.services.motions.commands import units

    return ctx.command(
        lambda db, user: units.add_handling_unit(db, user=user, name=name, kind=kind)
    )


def rename_handling_unit(
    ctx: AppContext, *, unit_id: int, version: int | None, name: str
) -> Outcome[HandlingUnitRow]:
    from models.services.motions.commands import units

    return ctx.command(
        lambda db, user: units.rename_handling_unit(
            db, user=user, unit_id=unit_id, expected_version=version, name=name
        )
    )


def set_handling_unit_kind(
    ctx: AppContext, *, unit_id: int, version: int | None, kind: str
) -> Outcome[HandlingUnitRow]:
    from models.services.motions.commands import units

    return ctx.command(
        lambda db, user: units.set_handling_unit_kind(
            db, user=user, unit_id=unit_id, expected_version=version, kind=kind
        )
    )


def set_handling_unit_active(
    ctx: AppContext, *, unit_id: int, version: int | None, active: bool
) -> Outcome[HandlingUnitRow]:
    from models.services.motions.commands import units

    return ctx.command(
        lambda db, user: units.set_handling_unit_active(
            db, user=user, unit_id=unit_id, expected_version=version, active=active
        )
    )


def move_handling_unit(
    ctx: AppContext, *, unit_id: int, version: int | None, step: int
) -> Outcome[list[HandlingUnitRow]]:
    from models.services.motions.commands import units

    return ctx.command(
        lambda db, user: units.move_handling_unit(
            db, user=user, unit_id=unit_id, expected_version=version, step=step
        )
    )


def delete_handling_unit(ctx: AppContext, *, unit_id: int, version: int | None) -> Outcome[None]:
    from models.services.motions.commands import units

    return ctx.command(
        lambda db, user: units.delete_handling_unit(
            db, user=user, unit_id=unit_id, expected_version=version
        )
    )


# ---------------------------------------------------------------- working-day calendar


def set_calendar_year(
    ctx: AppContext,
    *,
    year: int,
    holidays: Sequence[date],
    make_up_days: Sequence[date],
    note: str | None,
    expected: CalendarYear | None,
) -> Outcome[tuple[CalendarYear, ...]]:
    from models.services.motions.commands import calendar

    return ctx.command(
        lambda db, user: calendar.set_year(
            db, user=user, year=year, holidays=holidays, make_up_days=make_up_days, note=note,
            expected=expected,
        )
    )  # fmt: skip


def remove_calendar_year(ctx: AppContext, *, year: int) -> Outcome[tuple[CalendarYear, ...]]:
    from models.services.motions.commands import calendar

    return ctx.command(lambda db, user: calendar.remove_year(db, user=user, year=year))


def import_calendar(
    ctx: AppContext, *, path: Path
) -> Outcome[tuple[tuple[int, ...], tuple[CalendarYear, ...]]]:
    from models.services.motions.commands import calendar

    return ctx.command(lambda db, user: calendar.import_calendar_file(db, user=user, path=path))


# ---------------------------------------------------------------- reply templates


def save_reply_template(
    ctx: AppContext,
    *,
    name: str,
    text: str,
    reply_class: str | None,
    original: ReplyTemplate | None,
) -> Outcome[tuple[ReplyTemplate, ...]]:
    from models.services.motions import reply_templates

    return ctx.command(
        lambda db, user: reply_templates.save_reply_template(
            db, user=user, name=name, text=text, reply_class=reply_class, original=original,
            shipped=ctx.reply_templates,
        )
    )  # fmt: skip


def remove_reply_template(
    ctx: AppContext, *, original: ReplyTemplate
) -> Outcome[tuple[ReplyTemplate, ...]]:
    from models.services.motions import reply_templates

    return ctx.command(
        lambda db, user: reply_templates.remove_reply_template(
            db, user=user, original=original, shipped=ctx.reply_templates
        )
    )


def reset_reply_templates(
    ctx: AppContext, *, name: str | None = None
) -> Outcome[tuple[ReplyTemplate, ...]]:
    from models.services.motions import reply_templates

    return ctx.command(
        lambda db, user: reply_templates.reset_reply_templates(
            db, user=user, shipped=ctx.reply_templates, name=name
        )
    )
