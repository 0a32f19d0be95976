"""Commands of the working-day calendar (DOMAIN §4, §8): add, replace, remove or import years.

Every write reads the calendar text inside its own transaction, changes it and writes the whole
text back; the setting row is locked while it does, so two clerks adding different years on a
shared database do not undo each other.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path

from models.domain.deadlines import load_calendar
from models.domain.errors import DomainError
from models.entities import Setting
from models.services.common.access import guarded
from models.services.common.settings import CALENDAR_CONTENT
from models.services.common.taken import refusing_taken_record
from models.services.motions._calendar import checked_year, parse_years, store_years
from models.services.motions.contracts import CalendarYear
from models.store.unit_of_work import Database

__all__ = [
    "CALENDAR_CONTENT",
    "import_calendar_file",
    "import_calendar_text",
    "record_calendar",
    "remove_year",
    "set_year",
]


def record_calendar(db: Database, *, user: str, content: str) -> None:
    """Store (or replace) the working-day calendar; refused unless it reads.

    Not a user action (no role check): the desktop seeds the shipped calendar with it when a
    database has none yet, whoever signs in first; clerks change years through the commands
    below, which are checked."""
    load_calendar(content)
    with refusing_taken_record("工作日历"), db.unit_of_work(user) as uow:
        setting = uow.session.get(Setting, CALENDAR_CONTENT)
        if setting is None:
            uow.session.add(Setting(key=CALENDAR_CONTENT, value=content, updated_by=user))
        else:
            setting.value = content
            setting.updated_by = user
        uow.commit()


@guarded("motions.calendar")
def set_year(
    db: Database,
    *,
    user: str,
    year: int,
    holidays: Iterable[date],
    make_up_days: Iterable[date],
    note: str | None = None,
    expected: CalendarYear | None = None,
) -> tuple[CalendarYear, ...]:
    """Add or replace one year. `note` None keeps the year's note. When `expected` is given (the
    year as the clerk loaded it; an empty one for a new year), a year changed meanwhile is refused.
    """
    entry = checked_year(year, holidays, make_up_days)
    with db.unit_of_work(user) as uow:
        setting = uow.session.get(Setting, CALENDAR_CONTENT, with_for_update=True)
        years = {y.year: y for y in parse_years(setting.value if setting else None)}
        stored = years.get(year, CalendarYear(year))
        if expected is not None and not stored.same_days(expected):
            raise DomainError(
                "calendar_year_changed",
                field="year",
                year=year,
                changed_by=setting.updated_by if setting else "",
            )
        years[year] = CalendarYear(
            year, entry.holidays, entry.make_up_days, stored.note if note is None else note.strip()
        )
        result = store_years(uow.session, setting, years, user)
        uow.commit()
    return result


@guarded("motions.calendar")
def remove_year(db: Database, *, user: str, year: int) -> tuple[CalendarYear, ...]:
    """Remove one year: deadlines falling in it are then counted on weekends, with a warning."""
    with db.unit_of_work(user) as uow:
        setting = uow.session.get(Setting, CALENDAR_CONTENT, with_for_update=True)
        years = {y.year: y for y in parse_years(setting.value if setting else None)}
        if year not in years:
            raise DomainError("calendar_year_not_found", field="year", year=year)
        del years[year]
        result = store_years(uow.session, setting, years, user)
        uow.commit()
    return result


@guarded("motions.calendar")
def import_calendar_text(
    db: Database, *, user: str, text: str, source: str = "calendar"
) -> tuple[tuple[int, ...], tuple[CalendarYear, ...]]:
    """Take every year of a calendar file (the shape of cn-workdays.toml), replacing those years;
    the other years stay. Returns the years taken and the calendar after."""
    incoming = parse_years(text, source=source)
    if not incoming:
        raise DomainError("calendar_invalid", key=source, source=source, detail="文件中没有年份")
    for entry in incoming:
        checked_year(entry.year, entry.holidays, entry.make_up_days)
    with db.unit_of_work(user) as uow:
        setting = uow.session.get(Setting, CALENDAR_CONTENT, with_for_update=True)
        years = {y.year: y for y in parse_years(setting.value if setting else None)}
        years.update({y.year: y for y in incoming})
        result = store_years(uow.session, setting, years, user)
        uow.commit()
    return tuple(y.year for y in incoming), result


@guarded("motions.calendar")
def import_calendar_file(
    db: Database, *, user: str, path: Path
) -> tuple[tuple[int, ...], tuple[CalendarYear, ...]]:
    """`import_calendar_text` of a file the clerk chose; its name is the source errors cite."""
    return import_calendar_text(
        db, user=user, text=path.read_text(encoding="utf-8"), source=path.name
    )
