"""Motion deadlines (DOMAIN §4, §8): month ends, holidays, 调休, working-day windows, rules."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from models.domain.deadlines import (
    CALENDAR_YEAR_MISSING,
    DEFAULT_REPLY_CLASSES,
    DeadlineResult,
    MotionDeadlineRules,
    ReplyClass,
    WorkingCalendar,
    add_months,
    check_extension,
    co_unit_due,
    extension_cap,
    feedback_due,
    is_due_soon,
    load_calendar,
    load_motion_rules,
    rehandling_due,
    reply_due,
    unit_return_deadline,
)
from models.domain.errors import DomainError

ROOT = Path(__file__).parents[2]
RULES_FILE = ROOT / "resources" / "rules" / "mentougou-2019.toml"
CALENDAR_FILE = ROOT / "resources" / "calendar" / "cn-workdays.toml"
CAL = load_calendar(CALENDAR_FILE.read_text(encoding="utf-8"))
RULES = load_motion_rules(RULES_FILE.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2025, 1, 31), 1, date(2025, 2, 28)),
        (date(2028, 1, 31), 1, date(2028, 2, 29)),
        (date(2028, 2, 29), 12, date(2029, 2, 28)),
        (date(2025, 8, 31), 1, date(2025, 9, 30)),
        (date(2025, 8, 31), 3, date(2025, 11, 30)),
        (date(2025, 11, 30), 3, date(2026, 2, 28)),
        (date(2025, 10, 15), 3, date(2026, 1, 15)),
        (date(2025, 12, 31), -1, date(2025, 11, 30)),
    ],
)
def test_add_months_clamps_to_month_end(start: date, months: int, expected: date) -> None:
    assert add_months(start, months) == expected


def test_shipped_calendar() -> None:
    assert CAL.years == frozenset({2024, 2025, 2026})
    assert all(d.weekday() >= 5 for d in CAL.make_up_days)
    assert not CAL.is_working_day(date(2025, 10, 8))  # 国庆、中秋 10月1日至8日
    assert CAL.is_working_day(date(2025, 10, 11))  # 调休 Saturday
    assert CAL.is_working_day(date(2024, 9, 29))  # 调休 Sunday
    assert not CAL.is_working_day(date(2025, 10, 12))  # an ordinary Sunday
    assert CAL.next_working_day(date(2025, 10, 9)) == date(2025, 10, 9)
    assert CAL.next_working_day(date(2025, 10, 1)) == date(2025, 10, 9)


def test_reply_due_three_months_moved_past_holidays() -> None:
    # Aug 31 + 3 months = Nov 30 2025, a Sunday → Monday Dec 1.
    assert reply_due(date(2025, 8, 31), RULES, CAL).due == date(2025, 12, 1)
    # National Day: Oct 1 2025 is a holiday through Oct 8 → Thursday Oct 9.
    assert reply_due(date(2025, 7, 1), RULES, CAL) == _result(date(2025, 10, 9))
    # 调休 Saturdays are working days: the deadline stays there.
    assert reply_due(date(2025, 7, 11), RULES, CAL).due == date(2025, 10, 11)
    assert reply_due(date(2024, 7, 12), RULES, CAL).due == date(2024, 10, 12)
    # Nov 30 + 3 months = Feb 28 2026, a 调休 Saturday; Nov 15 → Spring Festival → Feb 24.
    assert reply_due(date(2025, 11, 30), RULES, CAL).due == date(2026, 2, 28)
    assert reply_due(date(2025, 11, 15), RULES, CAL).due == date(2026, 2, 24)


def test_year_without_data_warns() -> None:
    result = reply_due(date(2027, 3, 1), RULES, CAL)
    assert result == _result(date(2027, 6, 1), CALENDAR_YEAR_MISSING)
    assert reply_due(date(2026, 11, 30), RULES, CAL).warning == CALENDAR_YEAR_MISSING
    assert reply_due(date(2026, 9, 1), RULES, CAL).warning is None
    # Without data only weekends are days off: Feb 28 2027 is a Sunday.
    assert reply_due(date(2026, 11, 28), RULES, CAL).due == date(2027, 3, 1)


def test_co_unit_and_rehandling_due() -> None:
    assert co_unit_due(date(2025, 1, 31), RULES, CAL).due == date(2025, 2, 28)
    assert co_unit_due(date(2026, 1, 31), RULES, CAL).due == date(2026, 2, 28)  # 调休 Saturday
    # 1 month after the 不满意 rating: Jan 31 2026 is a Saturday → Monday Feb 2.
    assert rehandling_due(date(2025, 12, 31), RULES, CAL).due == date(2026, 2, 2)
    assert rehandling_due(date(2025, 9, 1), RULES, CAL).due == date(2025, 10, 9)


def test_unit_return_window_counts_from_the_day_after() -> None:
    # Assigned Monday Mar 3 2025: Mar 4, 5, 6, 7, 10 → Monday Mar 10 (not Friday Mar 7).
    assert unit_return_deadline(date(2025, 3, 3), RULES, CAL) == _result(date(2025, 3, 10))
    # Across National Day: Sep 28 (调休 Sunday), 29, 30, Oct 9, 10.
    assert unit_return_deadline(date(2025, 9, 26), RULES, CAL).due == date(2025, 10, 10)
    late = unit_return_deadline(date(2026, 12, 28), RULES, CAL)
    assert late.warning == CALENDAR_YEAR_MISSING


def test_extension_cap() -> None:
    assert extension_cap(date(2025, 8, 31), RULES) == date(2026, 2, 28)
    check_extension(date(2025, 8, 31), date(2026, 2, 28), RULES)
    with pytest.raises(DomainError) as err:
        check_extension(date(2025, 8, 31), date(2026, 3, 1), RULES)
    assert err.value.code == "extension_cap_passed"
    assert err.value.field == "new_due"
    assert err.value.params["cap"] == "2026-02-28"


def test_feedback_due_is_calendar_days() -> None:
    assert feedback_due(date(2025, 9, 20), RULES) == date(2025, 10, 20)


def test_due_soon() -> None:
    due = date(2025, 12, 31)
    assert is_due_soon(due, date(2025, 12, 17), RULES, CAL)  # 10th working day after
    assert not is_due_soon(due, date(2025, 12, 16), RULES, CAL)  # 11th
    assert is_due_soon(due, due, RULES, CAL)
    assert not is_due_soon(due, date(2026, 1, 1), RULES, CAL)  # overdue, not due soon
    # Holidays stretch the window: Sep 26 → Oct 10 2025 is only 5 working days.
    assert is_due_soon(date(2025, 10, 10), date(2025, 9, 24), RULES, CAL)


def test_rules_file_key_names() -> None:
    text = RULES_FILE.read_text(encoding="utf-8")
    assert load_motion_rules(text) == MotionDeadlineRules(
        reply_due_months=3,
        extension_cap_months=6,
        co_unit_opinion_due_months=1,
        unit_return_window_working_days=5,
        rehandling_reply_due_months=1,
        feedback_wait_days=30,
        rehandling_limit=2,
        due_soon_working_days=10,
        number_format="第{n}号",
        reply_classes=DEFAULT_REPLY_CLASSES,
    )
    assert RULES.motion_number(12) == "第12号"


def test_rules_defaults() -> None:
    assert load_motion_rules('[rules]\nid = "x"\n') == MotionDeadlineRules()
    custom = load_motion_rules(
        '[motions]\nreply_due_months = 2\nreply_classes = [{ code = "甲", text = "已解决" }]\n'
    )
    assert custom.reply_due_months == 2
    assert custom.extension_cap_months == 6
    assert custom.reply_classes == (ReplyClass("甲", "已解决"),)


@pytest.mark.parametrize(
    ("body", "key"),
    [
        ("reply_due_months = 0", "motions.reply_due_months"),
        ("feedback_wait_days = true", "motions.feedback_wait_days"),
        ('rehandling_limit = "2"', "motions.rehandling_limit"),
        ("rehandling_limit = -1", "motions.rehandling_limit"),
        ("unit_return_window_working_days = 1.5", "motions.unit_return_window_working_days"),
        ('number_format = "第号"', "motions.number_format"),
        ('number_format = "{n}{x}"', "motions.number_format"),
        ("reply_classes = []", "motions.reply_classes"),
        ('reply_classes = [{ code = "A" }]', "motions.reply_classes[0]"),
        (
            'reply_classes = [{ code = "A", text = "a" }, { code = "A", text = "b" }]',
            "motions.reply_classes[1]",
        ),
        ("reply_due_month = 3", "motions.reply_due_month"),
        ("extension_cap_months = 2", "motions.extension_cap_months"),
    ],
)
def test_rules_invalid_names_the_key(body: str, key: str) -> None:
    with pytest.raises(DomainError) as err:
        load_motion_rules(f"[motions]\n{body}\n")
    assert err.value.code == "rules_invalid"
    assert err.value.params["key"] == key


def test_calendar_loader_refuses_bad_data() -> None:
    for text in (
        "[2025]\nholidays = [2024-10-01]\n",  # wrong year
        "[2025]\nmake_up_days = [2025-10-09]\n",  # a Thursday
        "[2025]\nholidays = [2025-10-11]\nmake_up_days = [2025-10-11]\n",
        "[next]\nholidays = []\n",
        "[2025]\nholiday = []\n",
    ):
        with pytest.raises(DomainError) as err:
            load_calendar(text)
        assert err.value.code == "calendar_invalid"


def test_calendar_without_data_uses_weekends() -> None:
    empty = WorkingCalendar()
    assert not empty.has_year(2025)
    assert empty.is_working_day(date(2025, 10, 1))  # no data: a Wednesday is a working day
    assert empty.add_working_days(date(2025, 10, 3), 1) == date(2025, 10, 6)
    assert empty.add_working_days(date(2025, 10, 3), 0) == date(2025, 10, 3)


def _result(due: date, warning: str | None = None) -> DeadlineResult:
    return DeadlineResult(due, warning)
