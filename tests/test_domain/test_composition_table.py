"""代表构成情况统计表 figures: shares, 少数民族, party members, age bands at the opening date."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

from models.domain.composition_table import age_on, composition_table, percent
from models.domain.slate import SlateRecord
from models.domain.vocabulary import DisabilityCategory, Gender


def record(row: int, **facts) -> SlateRecord:
    return SlateRecord(row=row, name=f"人{row}", **facts)


def line(table, label):
    return next(entry for entry in table.lines if entry.label.strip() == label)


def test_age_counts_full_years_only():
    assert age_on(date(1990, 6, 2), date(2026, 6, 1)) == 35
    assert age_on(date(1990, 6, 1), date(2026, 6, 1)) == 36


def test_bands_split_at_the_opening_date_not_today():
    opening = date(2026, 12, 22)
    people = [
        record(1, birth_date=date(1990, 12, 23)),  # 35 on the opening day
        record(2, birth_date=date(1990, 12, 22)),  # 36 that day
        record(3, birth_date=date(1966, 1, 1)),  # 60
        record(4, birth_date=date(1965, 12, 22)),  # 61
        record(5),  # no birth date: in no band
    ]
    table = composition_table(people, on=opening)
    assert line(table, "35岁及以下").count == 1
    assert line(table, "36—45岁").count == 1
    assert line(table, "56—60岁").count == 1
    assert line(table, "61岁及以上").count == 1


def test_minorities_party_members_women_and_shares():
    people = [
        record(1, ethnicity="汉", political_status="中共预备党员", gender=Gender.FEMALE),
        record(2, ethnicity="汉族", political_status="群众"),
        record(
            3, ethnicity="回族", political_status="中共党员", category=DisabilityCategory.PHYSICAL
        ),
    ]
    table = composition_table(people, on=date(2026, 1, 1))
    assert line(table, "少数民族").count == 1
    assert line(table, "中共党员（含预备党员）").count == 2
    assert line(table, "女性").count == 1
    assert line(table, "其中：残疾人").share == Fraction(1, 3)
    assert percent(line(table, "其中：残疾人").share) == "33.3%"


def test_relatives_and_units():
    people = [
        record(1, electoral_unit="大峪街道", category=DisabilityCategory.VISION, is_rural=False),
        record(
            2, electoral_unit="大峪街道", relative_categories=(DisabilityCategory.INTELLECTUAL,)
        ),
        record(3, electoral_unit="斋堂镇", is_rural=True, is_frontline=True),
        record(4),
    ]
    table = composition_table(people, on=date(2026, 1, 1))
    assert line(table, "残疾人及亲友").count == 2
    assert line(table, "残疾人亲友").count == 1
    assert line(table, "视力残疾").count == 1
    assert line(table, "农村").count == 1
    units = {unit: (total, counts) for unit, total, counts in table.by_unit}
    assert units["大峪街道"][0] == 2 and units["斋堂镇"][0] == 1 and units["特邀及其他"][0] == 1
    assert units["大峪街道"][1][0] == 2  # both counted as disabled or relative


def test_an_empty_slate_has_zero_shares():
    table = composition_table([], on=date(2026, 1, 1))
    assert table.total == 0 and all(entry.share == 0 for entry in table.lines)
