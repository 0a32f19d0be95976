"""The working-day calendar as TOML text and as years: parse, check, write back (no unit of work).

The calendar stays the TOML text of the setting `calendar.content` (see _rules), so it works alike
on SQLite and PostgreSQL and travels in backups; the commands change one year and store it whole.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from sqlalchemy.orm import Session

from models.domain.deadlines import load_calendar
from models.domain.errors import DomainError
from models.entities import Setting
from models.services.common.settings import CALENDAR_CONTENT
from models.services.motions.contracts import FIRST_YEAR, LAST_YEAR, WEEKDAY_NAMES, CalendarYear

HEADER = """\
# 全国年节放假与调休安排 — the working-day calendar of this database (DOMAIN §4, §8).
# Written by 议事 when a clerk edits it. One table per year: `holidays` are the days off
# (weekends inside a holiday block included), `make_up_days` the weekend days worked (调休上班).
# Saturdays and Sundays not listed are days off, other days are working days.
"""
_YEAR_HEADER = re.compile(r"^\[(\d{4})\]\s*$")


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


def checked_year(year: int, holidays: Iterable[date], make_up_days: Iterable[date]) -> CalendarYear:
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


def parse_years(text: str | None, *, source: str = CALENDAR_CONTENT) -> tuple[CalendarYear, ...]:
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


def store_years(
    session: Session, setting: Setting | None, years: dict[int, CalendarYear], user: str
) -> tuple[CalendarYear, ...]:
    text = calendar_text(years.values())
    result = parse_years(
        text
    )  # what was written reads back; a bug here must not reach the database
    if setting is None:
        session.add(Setting(key=CALENDAR_CONTENT, value=text, updated_by=user))
    else:
        setting.value, setting.updated_by = text, user
    return result
