"""What the 改革落实情况 window asks of the core: typed one-line operations bound to the AppContext.

Imported with the dashboard window (opened from the menu), never at start-up.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from models.services.dashboard import queries
from models.services.dashboard.contracts import ReformOverview, TodayList

if TYPE_CHECKING:
    from models.services.common.context import AppContext


def dashboard(ctx: AppContext, *, on: date) -> tuple[TodayList, ReformOverview]:
    return queries.dashboard(ctx.db, on=on)


def reform_overview(ctx: AppContext, *, year: int, on: date | None = None) -> ReformOverview:
    return queries.reform_overview(ctx.db, year=year, on=on)
