"""Editing the working-day calendar (DOMAIN §4, §8): read it by year, add, replace or remove a year.

The calendar stays the TOML text of the setting `calendar.content` (see motion_deadlines), so it
works alike on SQLite and PostgreSQL and travels in backups. Every write reads that text inside its
own transaction, changes one year and writes the whole text back; the setting row is locked while
it does, so two clerks adding different years on a shared database do not undo each other.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from models.domain.deadlines import load_calendar
from models.domain.errors import DomainError
from models.entities import Setting
from models.services.common.settings import get_setting
from models.services.motions.deadlines import CALENDAR_CONTENT
from models.store.unit_of_work import Database

WEEKDAY_NAMES = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")
FIRST_YEAR, LAST_YEAR = 2000, 2100

HEADER = """\
# 全国年节放假与调休安排 — the working-day calendar of this database (DOMAIN §4, §8).
# Written by 议事 when a clerk edits it. One table per year: `holidays` are the days off
# (weekends inside a holiday block included), `make_up_days` the weekend days worked (调休上班).
# Saturdays and Sundays not listed are days off, other days are working days.
"""
_YEAR_HEADER = re.compile(r"^\[(\d{4})\]\s*$")


@dataclass(frozen=True)
class CalendarYear:
    """One year's special days; `note` is the comment above its table (the notice it follows)."""

    year: int
    holidays: tuple[date, ...] = ()
    make_up_days: tuple[date, ...] = ()
    note: str = ""

    def same_days(self, other: CalendarYear) -> bool:
        return (self.holidays, self.make_up_days) == (other.holidays, other.make_up_days)


def calendar_years(db: Database) -> tuple[CalendarYear, ...]:
    """The years the calendar has data for, oldest first."""
    return _parse(get_setting(db, CALENDAR_CONTENT))


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
    entry = _checked(year, holidays, make_up_days)
    with db.unit_of_work(user) as uow:
        setting = uow.session.get(Setting, CALENDAR_CONTENT, with_for_update=True)
        years = {y.year: y for y in _parse(setting.value if setting else None)}
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
        result = _store(uow.session, setting, years, user)
        uow.commit()
    return result


def remove_year(db: Database, *, user: str, year: int) -> tuple[CalendarYear, ...]:
    """Remove one year: deadlines falling in it are then counted on weekends, with a warning."""
    with db.unit_of_work(user) as uow:
        setting = uow.session.get(Setting, CALENDAR_CONTENT, with_for_update=True)
        years = {y.year: y for y in _parse(setting.value if setting else None)}
        if year not in years:
            raise DomainError("calendar_year_not_found", field="year", year=year)
        del years[year]
        result = _store(uow.session, setting, years, user)
        uow.commit()
    return result


def import_calendar_text(
    db: Database, *, user: str, text: str, source: str = "calendar"
) -> tuple[tuple[int, ...], tuple[CalendarYear, ...]]:
    """Take every year of a calendar file (the shape of cn-workdays.toml), replacing those years;
    the other years stay. Returns the years taken and the calendar after."""
    incoming = _parse(text, source=source)
    if not incoming:
        raise DomainError("calendar_invalid", key=source, source=source, detail="文件中没有年份")
    for entry in incoming:
        _checked(entry.year, entry.holidays, entry.make_up_days)
    with db.unit_of_work(user) as uow:
        setting = uow.session.get(Setting, CALENDAR_CONTENT, with_for_update=True)
        years = {y.year: y for y in _parse(setting.value if setting else None)}
        years.update({y.year: y for y in incoming})
        result = _store(uow.session, setting, years, user)
        uow.commit()
    return tuple(y.year for y in incoming), result


def calendar_text(years: Iterable[CalendarYear]) -> str:
    """The TOML text `load_calendar` reads: years sorted, one line of dates per month."""
    parts = [HEADER]
    for entry in sorted(years, key=lambda y: y.year):
        block = [""]
        block += [f"# {line}" if line else "#" for line in entry.note.splitlines()]
        block.append(f"[{entry.year}]")
        block += _date_list("holidays", entry.holidays)
        block += _date_list("make_up_days", entry.make_up_days)
        parts.append("\n".join(block) + "\n")
    return "".join(parts)


# --- helpers ------------------------------------------------------------------------------------


def _checked(year: int, holidays: Iterable[date], make_up_days: Iterable[date]) -> CalendarYear:
    """The year's days sorted and without repeats, or the first rule they break."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise DomainError("calendar_year_invalid", field="year", year=year)
    off, worked = sorted(set(holidays)), sorted(set(make_up_days))
    for field, days in (("holidays", off), ("make_up_days", worked)):
        for day in days:
            if day.year != year:
                raise DomainError(
                    "calendar_day_outside_year", field=field, day=day.isoformat(), year=year
                )
    both = sorted(set(off) & set(worked))
    if both:
        raise DomainError("calendar_day_twice", field="make_up_days", day=both[0].isoformat())
    for day in worked:
        if day.weekday() < 5:
            raise DomainError(
                "calendar_make_up_weekday",
                field="make_up_days",
                day=day.isoformat(),
                weekday=WEEKDAY_NAMES[day.weekday()],
            )
    return CalendarYear(year, tuple(off), tuple(worked))


def _parse(text: str | None, *, source: str = CALENDAR_CONTENT) -> tuple[CalendarYear, ...]:
    if text is None:
        return ()
    calendar = load_calendar(text, source=source)
    notes = _notes(text)
    return tuple(
        CalendarYear(
            year,
            tuple(sorted(d for d in calendar.holidays if d.year == year)),
            tuple(sorted(d for d in calendar.make_up_days if d.year == year)),
            notes.get(year, ""),
        )
        for year in sorted(calendar.years)
    )


def _notes(text: str) -> dict[int, str]:
    """The comment lines right above each `[year]` header (a blank line ends them)."""
    notes: dict[int, str] = {}
    comment: list[str] = []
    for line in text.splitlines():
        stripped = line.strip()
        header = _YEAR_HEADER.match(stripped)
        if header:
            notes[int(header.group(1))] = "\n".join(comment)
            comment = []
        elif stripped.startswith("#"):
            comment.append(stripped.lstrip("#").strip())
        else:
            comment = []
    return notes


def _date_list(name: str, days: tuple[date, ...]) -> list[str]:
    if not days:
        return [f"{name} = []"]
    lines = [f"{name} = ["]
    months = sorted({d.month for d in days})
    for month in months:
        lines.append("  " + ", ".join(d.isoformat() for d in days if d.month == month) + ",")
    return [*lines, "]"]


def _store(
    session: Session, setting: Setting | None, years: dict[int, CalendarYear], user: str
) -> tuple[CalendarYear, ...]:
    text = calendar_text(years.values())
    result = _parse(text)  # what was written reads back; a bug here must not reach the database
    if setting is None:
        session.add(Setting(key=CALENDAR_CONTENT, value=text, updated_by=user))
    else:
        setting.value, setting.updated_by = text, user
    return result
