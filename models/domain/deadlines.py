"""Motion deadlines (DOMAIN §4, §8 "Deadline arithmetic"): calendar months and working days.

Calendar months keep the day number, clamped to the month's end (Jan 31 + 1 month = Feb 28/29).
"Moved to the next working day" skips weekends and public holidays and counts 调休 make-up days
as working. A window of N working days counts from the day after the event. Years the calendar
has no data for fall back to plain weekends, and the result carries a warning code.
"""

from __future__ import annotations

import calendar as _calendar
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, NoReturn

from models.domain.errors import DomainError

CALENDAR_YEAR_MISSING = "calendar_year_missing"


@dataclass(frozen=True)
class WorkingCalendar:
    holidays: frozenset[date] = frozenset()
    make_up_days: frozenset[date] = frozenset()  # 调休: weekend days that are working days
    years: frozenset[int] = frozenset()  # years with data

    def is_working_day(self, d: date) -> bool:
        if d in self.make_up_days:
            return True
        if d in self.holidays:
            return False
        return d.weekday() < 5

    def next_working_day(self, d: date) -> date:
        """`d` itself when it is a working day, else the first working day after it."""
        while not self.is_working_day(d):
            d += timedelta(days=1)
        return d

    def add_working_days(self, d: date, n: int) -> date:
        """The n-th working day after `d`, counting from the day after."""
        if n < 0:
            raise ValueError(f"n must not be negative: {n}")
        counted = 0
        while counted < n:
            d += timedelta(days=1)
            if self.is_working_day(d):
                counted += 1
        return d

    def has_year(self, year: int) -> bool:
        return year in self.years

    def missing_years(self, start: date, end: date) -> tuple[int, ...]:
        """Years between the two dates (both included) without calendar data."""
        low, high = sorted((start.year, end.year))
        return tuple(y for y in range(low, high + 1) if not self.has_year(y))


def add_months(d: date, n: int) -> date:
    """Same day number `n` months later (or earlier), clamped to that month's end."""
    index = d.year * 12 + (d.month - 1) + n
    year, month = divmod(index, 12)
    month += 1
    last = _calendar.monthrange(year, month)[1]
    return date(year, month, min(d.day, last))


@dataclass(frozen=True)
class ReplyClass:
    code: str
    text: str


DEFAULT_REPLY_CLASSES: tuple[ReplyClass, ...] = (
    ReplyClass("A", "所提问题已经解决或基本解决"),
    ReplyClass("B", "正在解决或已列入计划"),
    ReplyClass("C", "因条件限制暂不能解决或留作参考"),
)


@dataclass(frozen=True)
class MotionDeadlineRules:
    """The figures of the rules file's [motions] section; defaults are the shipped ones."""

    reply_due_months: int = 3
    extension_cap_months: int = 6
    co_unit_opinion_due_months: int = 1
    unit_return_window_working_days: int = 5
    rehandling_reply_due_months: int = 1
    feedback_wait_days: int = 30
    rehandling_limit: int = 2
    due_soon_working_days: int = 10
    number_format: str = "第{n}号"
    reply_classes: tuple[ReplyClass, ...] = DEFAULT_REPLY_CLASSES

    def motion_number(self, n: int) -> str:
        return self.number_format.format(n=n)


@dataclass(frozen=True)
class DeadlineResult:
    due: date
    warning: str | None = None  # CALENDAR_YEAR_MISSING when a year without data was used


# key → smallest allowed value
_INT_KEYS: dict[str, int] = {
    "reply_due_months": 1,
    "extension_cap_months": 1,
    "co_unit_opinion_due_months": 1,
    "unit_return_window_working_days": 1,
    "rehandling_reply_due_months": 1,
    "feedback_wait_days": 1,
    "rehandling_limit": 0,
    "due_soon_working_days": 0,
}
_MOTION_KEYS = set(_INT_KEYS) | {"number_format", "reply_classes"}


def load_motion_rules(text: str, *, rules_id: str = "rules") -> MotionDeadlineRules:
    """Read [motions] of a rules file; a missing section or key takes the shipped default."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        _fail(rules_id, rules_id, f"TOML 语法错误：{exc}")
    return motion_rules_from(data, rules_id=rules_id)


def motion_rules_from(data: Mapping[str, Any], *, rules_id: str = "rules") -> MotionDeadlineRules:
    """The same from the file already parsed (`data` is only read), for a whole-file check."""
    motions = data.get("motions", {})
    if not isinstance(motions, dict):
        _fail(rules_id, "motions", "应为表 [motions]")
    for extra in sorted(set(motions) - _MOTION_KEYS):
        _fail(
            rules_id,
            f"motions.{extra}",
            f"不认识的键 {extra}（可用：{'、'.join(sorted(_MOTION_KEYS))}）",
        )
    values: dict[str, Any] = {}
    for key, least in _INT_KEYS.items():
        if key not in motions:
            continue
        value = motions[key]
        if isinstance(value, bool) or not isinstance(value, int) or value < least:
            _fail(rules_id, f"motions.{key}", f"应为不小于 {least} 的整数，而不是 {value!r}")
        values[key] = value
    if "number_format" in motions:
        values["number_format"] = _number_format(rules_id, motions["number_format"])
    if "reply_classes" in motions:
        values["reply_classes"] = _reply_classes(rules_id, motions["reply_classes"])
    rules = MotionDeadlineRules(**values)
    if rules.extension_cap_months < rules.reply_due_months:
        _fail(rules_id, "motions.extension_cap_months", "延期上限不能早于答复期限")
    return rules


def _number_format(rules_id: str, value: Any) -> str:
    key = "motions.number_format"
    if not isinstance(value, str) or "{n}" not in value:
        _fail(rules_id, key, f'应为含 {{n}} 的文字，如 "第{{n}}号"，而不是 {value!r}')
    try:
        value.format(n=1)
    except (KeyError, IndexError, ValueError):
        _fail(rules_id, key, f"只能含 {{n}} 一个占位符：{value!r}")
    return value


def _reply_classes(rules_id: str, value: Any) -> tuple[ReplyClass, ...]:
    key = "motions.reply_classes"
    if not isinstance(value, list) or not value:
        _fail(rules_id, key, '应为非空列表，如 [{ code = "A", text = "……" }]')
    classes: list[ReplyClass] = []
    for i, item in enumerate(value):
        path = f"{key}[{i}]"
        if not isinstance(item, dict) or set(item) != {"code", "text"}:
            _fail(rules_id, path, '应为 { code = "A", text = "……" } 形式的表')
        code, words = item["code"], item["text"]
        if not (
            isinstance(code, str) and code.strip() and isinstance(words, str) and words.strip()
        ):
            _fail(rules_id, path, "code 和 text 都应为非空文字")
        if any(c.code == code for c in classes):
            _fail(rules_id, path, f"答复类别 {code} 重复")
        classes.append(ReplyClass(code.strip(), words.strip()))
    return tuple(classes)


def _fail(rules_id: str, key: str, detail: str) -> NoReturn:
    raise DomainError("rules_invalid", key=key, rules_id=rules_id, detail=detail)


def _moved(raw: date, calendar: WorkingCalendar) -> DeadlineResult:
    due = calendar.next_working_day(raw)
    missing = calendar.missing_years(raw, due)
    return DeadlineResult(due, CALENDAR_YEAR_MISSING if missing else None)


def reply_due(
    assigned_on: date, rules: MotionDeadlineRules, calendar: WorkingCalendar
) -> DeadlineResult:
    """The reply deadline: N calendar months after assignment, moved to a working day."""
    return _moved(add_months(assigned_on, rules.reply_due_months), calendar)


def co_unit_due(
    assigned_on: date, rules: MotionDeadlineRules, calendar: WorkingCalendar
) -> DeadlineResult:
    """Co-units' opinions: N calendar months after assignment, moved to a working day."""
    return _moved(add_months(assigned_on, rules.co_unit_opinion_due_months), calendar)


def rehandling_due(
    rated_on: date, rules: MotionDeadlineRules, calendar: WorkingCalendar
) -> DeadlineResult:
    """The new reply after 不满意: N calendar months after that rating, moved to a working day."""
    return _moved(add_months(rated_on, rules.rehandling_reply_due_months), calendar)


def unit_return_deadline(
    assigned_on: date, rules: MotionDeadlineRules, calendar: WorkingCalendar
) -> DeadlineResult:
    """The last day a unit may return (退办): N working days counted from the day after."""
    due = calendar.add_working_days(assigned_on, rules.unit_return_window_working_days)
    missing = calendar.missing_years(assigned_on + timedelta(days=1), due)
    return DeadlineResult(due, CALENDAR_YEAR_MISSING if missing else None)


def extension_cap(assigned_on: date, rules: MotionDeadlineRules) -> date:
    """The latest deadline an extension may set: N calendar months after assignment."""
    return add_months(assigned_on, rules.extension_cap_months)


def check_extension(assigned_on: date, new_due: date, rules: MotionDeadlineRules) -> None:
    cap = extension_cap(assigned_on, rules)
    if new_due > cap:
        raise DomainError(
            "extension_cap_passed",
            field="new_due",
            cap=cap.isoformat(),
            months=rules.extension_cap_months,
        )


def feedback_due(replied_on: date, rules: MotionDeadlineRules) -> date:
    """The last day of waiting for the proposer's feedback (calendar days)."""
    return replied_on + timedelta(days=rules.feedback_wait_days)


def is_due_soon(
    due: date, today: date, rules: MotionDeadlineRules, calendar: WorkingCalendar
) -> bool:
    """Not yet past, and the deadline lies within the next N working days (today included)."""
    if today > due:
        return False
    return due <= calendar.add_working_days(today, rules.due_soon_working_days)


def load_calendar(text: str, *, source: str = "calendar") -> WorkingCalendar:
    """Read a calendar file: one table per year with `holidays` and `make_up_days` lists."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        _calendar_fail(source, source, f"TOML 语法错误：{exc}")
    holidays: set[date] = set()
    make_up: set[date] = set()
    years: set[int] = set()
    for key, table in data.items():
        if not key.isdigit() or not isinstance(table, Mapping):
            _calendar_fail(source, key, "每年应为一个以年份为名的表，如 [2025]")
        year = int(key)
        for extra in sorted(set(table) - {"holidays", "make_up_days"}):
            _calendar_fail(source, f"{key}.{extra}", "可用的键：holidays、make_up_days")
        for name, into in (("holidays", holidays), ("make_up_days", make_up)):
            days = table.get(name, [])
            if not isinstance(days, list):
                _calendar_fail(source, f"{key}.{name}", "应为日期列表")
            for day in days:
                if not isinstance(day, date) or day.year != year:
                    _calendar_fail(source, f"{key}.{name}", f"{day!r} 不是 {year} 年的日期")
                if name == "make_up_days" and day.weekday() < 5:
                    _calendar_fail(source, f"{key}.{name}", f"{day} 不是周末，无需调休上班")
                into.add(day)
        years.add(year)
    both = holidays & make_up
    if both:
        _calendar_fail(source, "make_up_days", f"{min(both)} 既是假日又是调休上班日")
    return WorkingCalendar(frozenset(holidays), frozenset(make_up), frozenset(years))


def _calendar_fail(source: str, key: str, detail: str) -> NoReturn:
    raise DomainError("calendar_invalid", key=key, source=source, detail=detail)
