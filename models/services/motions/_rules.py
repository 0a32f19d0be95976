"""The motion rules and the working-day calendar in force on this database (read and seeded).

The rules are the [motions] section of the rules copy the database records (defaults when none).
The calendar is the text of a calendar file (resources/calendar/cn-workdays.toml) kept in the
setting `calendar.content`, seeded by the desktop at first use through `commands.calendar.record_calendar`; without
one, only weekends are days off and every deadline carries the missing-year warning.
"""

from __future__ import annotations

from datetime import date

from models.domain.deadlines import (
    DeadlineResult,
    MotionDeadlineRules,
    WorkingCalendar,
    check_extension,
    co_unit_due,
    extension_cap,
    feedback_due,
    load_calendar,
    load_motion_rules,
    rehandling_due,
    reply_due,
    unit_return_deadline,
)
from models.services.common.settings import CALENDAR_CONTENT, RULES_CONTENT, RULES_ID, settings_of
from models.store.unit_of_work import Database

__all__ = [
    "CALENDAR_CONTENT",
    "DeadlineResult",
    "check_extension",
    "co_unit_due",
    "extension_cap",
    "feedback_due",
    "rehandling_due",
    "reply_due",
]


def rules_and_calendar(db: Database) -> tuple[MotionDeadlineRules, WorkingCalendar]:
    found = settings_of(db, RULES_CONTENT, RULES_ID, CALENDAR_CONTENT)
    content = found.get(RULES_CONTENT)
    rules = (
        load_motion_rules(content, rules_id=found.get(RULES_ID) or "database")
        if content is not None
        else MotionDeadlineRules()
    )
    calendar_text = found.get(CALENDAR_CONTENT)
    calendar = (
        load_calendar(calendar_text, source=CALENDAR_CONTENT)
        if calendar_text is not None
        else WorkingCalendar()
    )
    return rules, calendar


def unit_return_last_day(
    assigned_on: date, rules: MotionDeadlineRules, cal: WorkingCalendar
) -> date:
    return unit_return_deadline(assigned_on, rules, cal).due


def reply_classes(rules: MotionDeadlineRules) -> tuple[str, ...]:
    return tuple(c.code for c in rules.reply_classes)


def rehandling_limit(rules: MotionDeadlineRules) -> int:
    return rules.rehandling_limit


def number_format(rules: MotionDeadlineRules) -> str:
    return rules.number_format
