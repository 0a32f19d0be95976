"""Editing the working-day calendar: add, replace and remove a year, refusals, deadlines follow."""

from __future__ import annotations

from datetime import date

import pytest

from models.domain.deadlines import CALENDAR_YEAR_MISSING
from models.domain.errors import DomainError
from models.domain.messages import message
from models.services.common.settings import CALENDAR_CONTENT, get_setting
from models.services.motions._rules import rules_and_calendar
from models.services.motions.commands.calendar import import_calendar_text, remove_year, set_year
from models.services.motions.commands.handling import assign_motion
from models.services.motions.contracts import CalendarYear
from models.services.motions.queries import calendar_years

from ._support import last_log_id, log_since
from .test_motions import ASSIGNED, accepted, version
from .test_motions_setup import Setup, build_setup

# 2027 as a clerk might type it: 元旦 on a Friday, 春节 with two 调休 weekend days.
HOLIDAYS_2027 = [date(2027, 1, 1), *(date(2027, 2, d) for d in range(6, 13))]
MAKE_UP_2027 = [date(2027, 1, 30), date(2027, 2, 20)]  # Saturdays


@pytest.fixture
def setup(db) -> Setup:
    return build_setup(db)


def years(db) -> list[int]:
    return [y.year for y in calendar_years(db)]


def add_2027(db, **extra) -> tuple[CalendarYear, ...]:
    values = {"holidays": HOLIDAYS_2027, "make_up_days": MAKE_UP_2027} | extra
    return set_year(db, user="clerk", year=2027, **values)


def test_the_shipped_calendar_reads_by_year(db, setup):
    read = {y.year: y for y in calendar_years(db)}
    assert list(read) == [2024, 2025, 2026]
    assert read[2025].make_up_days == (
        date(2025, 1, 26),
        date(2025, 2, 8),
        date(2025, 4, 27),
        date(2025, 9, 28),
        date(2025, 10, 11),
    )
    assert len(read[2026].holidays) == 33
    assert "2026年部分节假日安排" in read[2026].note


def test_a_new_year_is_stored_sorted_logged_and_read_by_the_deadlines(db, setup):
    since = last_log_id(db)
    result = add_2027(db, note="国务院办公厅关于2027年部分节假日安排的通知")
    assert [y.year for y in result] == years(db) == [2024, 2025, 2026, 2027]
    stored = result[-1]
    assert stored.holidays == tuple(HOLIDAYS_2027)
    assert stored.make_up_days == tuple(MAKE_UP_2027)
    assert stored.note == "国务院办公厅关于2027年部分节假日安排的通知"
    _rules, calendar = rules_and_calendar(db)
    assert calendar.has_year(2027)
    assert not calendar.is_working_day(date(2027, 2, 8))  # a Monday off
    assert calendar.is_working_day(date(2027, 1, 30))  # a Saturday worked
    # The other years are kept, notes included.
    assert "国办发明电〔2023〕7号" in calendar_years(db)[0].note
    text = get_setting(db, CALENDAR_CONTENT)
    assert text.index("[2026]") < text.index("[2027]")
    logged = [r for r in log_since(db, since) if r.entity == "setting"]
    assert len(logged) == 1 and logged[0].user_login == "clerk"
    assert logged[0].action == "update" and "[2027]" in logged[0].after["value"]


def test_a_year_is_replaced_whole_and_its_note_kept(db, setup):
    add_2027(db, note="通知")
    result = set_year(
        db, user="clerk", year=2027, holidays=[date(2027, 1, 1), date(2027, 1, 1)], make_up_days=[]
    )
    assert result[-1] == CalendarYear(2027, (date(2027, 1, 1),), (), "通知")


def test_removing_a_year_makes_its_deadlines_warn(db, setup):
    remove_year(db, user="clerk", year=2026)
    assert years(db) == [2024, 2025]
    motion_id = accepted(db, setup)
    _row, warning = assign_motion(
        db,
        user="clerk",
        motion_id=motion_id,
        expected_version=version(db, motion_id),
        units=[(setup.units["康复部"], "主办")],
        assigned_on=ASSIGNED,
    )
    assert warning == CALENDAR_YEAR_MISSING
    with pytest.raises(DomainError) as err:
        remove_year(db, user="clerk", year=2026)
    assert err.value.code == "calendar_year_not_found"


def test_the_reply_deadline_moves_when_a_holiday_is_added(db, setup):
    def assign_one(title: str) -> date:
        motion_id = accepted(db, setup, title)
        row, warning = assign_motion(
            db,
            user="clerk",
            motion_id=motion_id,
            expected_version=version(db, motion_id),
            units=[(setup.units["康复部"], "主办")],
            assigned_on=ASSIGNED,
        )
        assert warning is None
        return row.deadline

    # 2026-01-05 + 3 months = Sunday 4-5 inside 清明 (4-4 to 4-6): moved to Tuesday 4-7.
    assert assign_one("关于增设盲道的提案") == date(2026, 4, 7)
    before = {y.year: y for y in calendar_years(db)}[2026]
    set_year(
        db,
        user="clerk",
        year=2026,
        holidays=[*before.holidays, date(2026, 4, 7)],
        make_up_days=before.make_up_days,
        expected=before,
    )
    assert assign_one("关于增设无障碍坡道的提案") == date(2026, 4, 8)


@pytest.mark.parametrize(
    ("holidays", "make_up_days", "code", "field", "named"),
    [
        ([date(2028, 1, 1)], [], "calendar_day_outside_year", "holidays", "2028-01-01"),
        ([], [date(2026, 12, 27)], "calendar_day_outside_year", "make_up_days", "2026-12-27"),
        ([date(2027, 1, 30)], [date(2027, 1, 30)], "calendar_day_twice", "make_up_days", None),
        ([], [date(2027, 2, 3)], "calendar_make_up_weekday", "make_up_days", "星期三"),
    ],
)
def test_refusals_name_the_date_and_write_nothing(
    db, setup, holidays, make_up_days, code, field, named
):
    before, since = get_setting(db, CALENDAR_CONTENT), last_log_id(db)
    with pytest.raises(DomainError) as err:
        set_year(db, user="clerk", year=2027, holidays=holidays, make_up_days=make_up_days)
    assert (err.value.code, err.value.field) == (code, field)
    text = message(err.value.code, err.value.params)
    assert err.value.params["day"] in text and (named is None or named in text)
    assert get_setting(db, CALENDAR_CONTENT) == before
    assert log_since(db, since) == []


def test_a_year_outside_the_sensible_range_is_refused(db, setup):
    with pytest.raises(DomainError) as err:
        set_year(db, user="clerk", year=227, holidays=[], make_up_days=[])
    assert err.value.code == "calendar_year_invalid"
    assert years(db) == [2024, 2025, 2026]


def test_a_year_another_clerk_changed_is_refused(db, setup):
    loaded = {y.year: y for y in calendar_years(db)}[2026]
    set_year(
        db,
        user="other",
        year=2026,
        holidays=loaded.holidays,
        make_up_days=(*loaded.make_up_days, date(2026, 3, 7)),
    )
    with pytest.raises(DomainError) as err:
        set_year(
            db,
            user="clerk",
            year=2026,
            holidays=loaded.holidays[:1],
            make_up_days=(),
            expected=loaded,
        )
    assert err.value.code == "calendar_year_changed"
    assert err.value.params["changed_by"] == "other"
    assert date(2026, 3, 7) in {y.year: y for y in calendar_years(db)}[2026].make_up_days
    # Two clerks both adding the same new year: the second one is told.
    add_2027(db, expected=CalendarYear(2027))
    with pytest.raises(DomainError) as err:
        add_2027(db, holidays=[], expected=CalendarYear(2027))
    assert err.value.code == "calendar_year_changed"


def test_a_database_without_a_calendar_gets_its_first_year(db):
    assert calendar_years(db) == ()
    add_2027(db)
    assert years(db) == [2027]
    _rules, calendar = rules_and_calendar(db)
    assert calendar.years == frozenset({2027})


def test_importing_a_file_replaces_only_its_years(db, setup):
    text = "# 2027年的通知\n[2027]\nholidays = [2027-01-01]\nmake_up_days = []\n\n[2026]\n"
    taken, result = import_calendar_text(db, user="clerk", text=text, source="x.toml")
    assert taken == (2026, 2027)
    read = {y.year: y for y in result}
    assert read[2026].holidays == () and read[2027].note == "2027年的通知"
    assert len(read[2025].holidays) == 28
    before = get_setting(db, CALENDAR_CONTENT)
    for bad in ("[2027]\nmake_up_days = [2027-02-03]\n", "[2027", ""):
        with pytest.raises(DomainError) as err:
            import_calendar_text(db, user="clerk", text=bad, source="x.toml")
        assert err.value.code in {"calendar_invalid"}
    assert get_setting(db, CALENDAR_CONTENT) == before
