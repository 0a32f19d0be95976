"""Operations on the settings every clerk of a database shares: the Word documents' fonts."""

from __future__ import annotations

from models.services.common import settings
from models.services.common.changes import Outcome
from models.services.common.context import AppContext


def font_preset(ctx: AppContext) -> str:
    return settings.font_preset(ctx.db)


def set_font_preset(ctx: AppContext, *, preset: str) -> Outcome[None]:
    return ctx.command(lambda db, user: settings.set_font_preset(db, user=user, preset=preset))
