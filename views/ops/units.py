"""The operations of the 选举单位与名额 dialog: a congress term's units and the changes to them.

Each is one line over models.services.electoral; the service modules are imported inside the
functions so that importing this module pulls in no SQLAlchemy before the first paint.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from models.services.common.changes import Outcome
    from models.services.common.context import AppContext
    from models.services.electoral.contracts import SeatsSet, TermUnits, UnitRow


def term_units(ctx: AppContext, *, term_id: int) -> TermUnits:
    from models.services.electoral import queries

    return queries.units_of_congress_term(ctx.db, term_id=term_id)


def add_unit(
    ctx: AppContext, *, term_id: int, name: str, kind: str | None, seats: int | None
) -> Outcome[UnitRow]:
    from models.services.electoral import commands

    return ctx.command(
        lambda db, user: commands.add_unit(
            db, user=user, term_id=term_id, name=name, kind=kind, seats=seats
        )
    )


def rename_unit(
    ctx: AppContext, *, term_id: int, unit_id: int, name: str, kind: str | None
) -> Outcome[UnitRow]:
    from models.services.electoral import commands

    return ctx.command(
        lambda db, user: commands.rename_unit(
            db, user=user, term_id=term_id, unit_id=unit_id, name=name, kind=kind
        )
    )


def set_unit_seats(
    ctx: AppContext, *, term_id: int, unit_id: int, seats: int | None
) -> Outcome[UnitRow]:
    """None takes the unit's seats away from the term (an emptied 名额 cell)."""
    from models.services.electoral import commands

    if seats is None:
        return ctx.command(
            lambda db, user: commands.remove_seat_allocation(
                db, user=user, term_id=term_id, unit_id=unit_id
            )
        )
    return ctx.command(
        lambda db, user: commands.set_unit_seats(
            db, user=user, term_id=term_id, unit_id=unit_id, seats=seats
        )
    )


def set_seats(
    ctx: AppContext, *, term_id: int, seats: Sequence[tuple[str, int]]
) -> Outcome[SeatsSet]:
    from models.services.electoral import commands

    return ctx.command(
        lambda db, user: commands.set_seats(db, user=user, term_id=term_id, seats=seats)
    )


def move_unit(ctx: AppContext, *, term_id: int, unit_id: int, step: int) -> Outcome[TermUnits]:
    from models.services.electoral import commands

    return ctx.command(
        lambda db, user: commands.move_unit(
            db, user=user, term_id=term_id, unit_id=unit_id, step=step
        )
    )


def remove_unit(ctx: AppContext, *, term_id: int, unit_id: int) -> Outcome[UnitRow]:
    from models.services.electoral import commands

    return ctx.command(
        lambda db, user: commands.remove_unit(db, user=user, term_id=term_id, unit_id=unit_id)
    )
