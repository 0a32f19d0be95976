"""The dashboard's reads: what needs the clerk today, and where the federation stands on every rule
of the reform plan. Each part is read by its own feature's queries, a few queries each, no N+1."""

from __future__ import annotations

from datetime import date

from models.domain.errors import DomainError
from models.services.common.clock import today_local
from models.services.dashboard._decisions import decision_group, decision_items
from models.services.dashboard._meetings import association_group, meeting_items
from models.services.dashboard._motions import motion_group, motion_items
from models.services.dashboard._organisation import organisation_groups
from models.services.dashboard._slates import slate_groups
from models.services.dashboard.contracts import (
    ItemKind,
    ReformOverview,
    Target,
    TargetKind,
    TodayItem,
    TodayList,
)
from models.store.unit_of_work import Database

# The order of today's list: what is late first, then what falls due, then what to prepare.
_ORDER = (
    ItemKind.MOTION_OVERDUE,
    ItemKind.FOLLOW_UP_OVERDUE,
    ItemKind.EMERGENCY_UNREPORTED,
    ItemKind.MEETING_UNRECORDED,
    ItemKind.DECISION_STEPS,
    ItemKind.MOTION_DUE_SOON,
    ItemKind.FOLLOW_UP_DUE_SOON,
    ItemKind.MEETING_NEXT,
    ItemKind.MINUTES_DRAFT,
    ItemKind.RULE_FAILING,
)


def reform_overview(db: Database, *, year: int, on: date | None = None) -> ReformOverview:
    """Every rule group: the slates of the current and preparing terms, the motion figures, the
    associations' attendance, the 三重一大 procedure and the organisation rules of `year`. `on` (default today) is the
    day against which procedure steps count as due."""
    if not 1900 <= year <= 9999:
        raise DomainError("organisation_year_invalid", field="year", year=year)
    day = on or today_local()
    groups, charts = slate_groups(db)
    groups.append(motion_group(db, day))
    groups.append(association_group(db, year))
    groups.append(decision_group(db, year, day))
    organisation, organisation_charts = organisation_groups(db, year)
    return ReformOverview(
        year=year, groups=(*groups, *organisation), charts=(*charts, *organisation_charts)
    )


def today(db: Database, *, on: date, overview: ReformOverview | None = None) -> TodayList:
    """Overdue and due-soon motions, open 三重一大 steps and follow-ups, each body's next meeting
    and what it lacks, meetings and minutes left unfinished, and the failing (error-level) rules
    of `on`'s year — `overview` when the caller has read it already."""
    items = [*motion_items(db, on), *decision_items(db, on), *meeting_items(db, on)]
    overview = overview if overview is not None else reform_overview(db, year=on.year, on=on)
    for group in overview.groups:
        for result in group.results:
            if result.status == "fail":
                text = f"{group.title}：{result.label}未达标（{result.figure}）"
                target = Target(TargetKind.RULE, rule_id=f"{group.key}:{result.id}")
                items.append(TodayItem(ItemKind.RULE_FAILING, text, None, target))
    rank = {kind: i for i, kind in enumerate(_ORDER)}
    items.sort(key=lambda i: (rank[i.kind], i.due or date.max))
    return TodayList(on=on, items=tuple(items))


def dashboard(db: Database, *, on: date) -> tuple[TodayList, ReformOverview]:
    """What the window shows, in one go: the overview of `on`'s year is read once."""
    overview = reform_overview(db, year=on.year, on=on)
    return today(db, on=on, overview=overview), overview
