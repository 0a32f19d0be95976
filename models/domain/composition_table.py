"""The figures of 代表构成情况统计表: counts and shares of a slate, overall and per electoral unit."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from models.domain.slate import SlateRecord
from models.domain.vocabulary import DisabilityCategory, Gender

HAN = frozenset({"汉", "汉族"})
PARTY_MEMBERS = frozenset({"中共党员", "中共预备党员"})
AGE_BANDS: tuple[tuple[str, int, int | None], ...] = (
    ("35岁及以下", 0, 35),
    ("36—45岁", 36, 45),
    ("46—55岁", 46, 55),
    ("56—60岁", 56, 60),
    ("61岁及以上", 61, None),
)
_CATEGORY_ROWS: tuple[tuple[str, frozenset[DisabilityCategory]], ...] = (
    ("视力残疾", frozenset({DisabilityCategory.VISION})),
    ("听力残疾", frozenset({DisabilityCategory.HEARING})),
    ("言语残疾", frozenset({DisabilityCategory.SPEECH})),
    ("肢体残疾", frozenset({DisabilityCategory.PHYSICAL})),
    ("智力残疾", frozenset({DisabilityCategory.INTELLECTUAL})),
    ("精神残疾", frozenset({DisabilityCategory.PSYCHOSOCIAL})),
    ("多重残疾", frozenset({DisabilityCategory.MULTIPLE})),
)


def age_on(birth: date, day: date) -> int:
    """Full years: a birthday not yet reached this year does not count."""
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def _band(record: SlateRecord, day: date, low: int, high: int | None) -> bool:
    if record.birth_date is None:
        return False
    age = age_on(record.birth_date, day)
    return age >= low and (high is None or age <= high)


def _in_categories(
    categories: frozenset[DisabilityCategory],
) -> Callable[[SlateRecord], bool]:
    return lambda r: r.category in categories


def _aged(day: date, low: int, high: int | None) -> Callable[[SlateRecord], bool]:
    return lambda r: _band(r, day, low, high)


def _is_minority(ethnicity: str) -> bool:
    return bool(ethnicity) and ethnicity.strip() not in HAN


def _measures(day: date) -> list[tuple[str, Callable[[SlateRecord], bool]]]:
    measures: list[tuple[str, Callable[[SlateRecord], bool]]] = [
        ("残疾人及亲友", lambda r: r.is_disabled or r.is_relative_of_disabled),
        ("其中：残疾人", lambda r: r.is_disabled),
        ("残疾人亲友", lambda r: not r.is_disabled and r.is_relative_of_disabled),
    ]
    measures += [(f"  {label}", _in_categories(categories)) for label, categories in _CATEGORY_ROWS]
    measures += [
        ("女性", lambda r: r.gender is Gender.FEMALE),
        ("少数民族", lambda r: r.ethnicity is not None and _is_minority(r.ethnicity)),
        ("中共党员（含预备党员）", lambda r: (r.political_status or "").strip() in PARTY_MEMBERS),
        ("农村", lambda r: r.is_rural is True),
        ("自强模范或基层一线", lambda r: r.is_role_model or r.is_frontline),
        ("助残社会组织代表", lambda r: r.is_org_representative),
        ("助残志愿者", lambda r: r.is_volunteer),
    ]
    measures += [(label, _aged(day, low, high)) for label, low, high in AGE_BANDS]
    return measures


@dataclass(frozen=True)
class CompositionLine:
    label: str
    count: int
    share: Fraction  # of the group's total; 0 when the group is empty


@dataclass(frozen=True)
class CompositionTable:
    on: date
    total: int
    lines: tuple[CompositionLine, ...]
    # (electoral unit, total, counts in the order of `lines`)
    by_unit: tuple[tuple[str, int, tuple[int, ...]], ...]


def _lines(people: Sequence[SlateRecord], day: date) -> tuple[CompositionLine, ...]:
    total = len(people)
    lines = []
    for label, test in _measures(day):
        count = sum(1 for p in people if test(p))
        lines.append(
            CompositionLine(label, count, Fraction(count, total) if total else Fraction(0))
        )
    return tuple(lines)


def composition_table(people: Sequence[SlateRecord], *, on: date) -> CompositionTable:
    """Ages at `on` (the congress's opening date; the caller passes today while it is unknown)."""
    units: dict[str, list[SlateRecord]] = {}
    for person in people:
        units.setdefault(person.electoral_unit or "特邀及其他", []).append(person)
    return CompositionTable(
        on=on,
        total=len(people),
        lines=_lines(people, on),
        by_unit=tuple(
            (unit, len(members), tuple(line.count for line in _lines(members, on)))
            for unit, members in units.items()
        ),
    )


def percent(share: Fraction) -> str:
    """One decimal, as the tables print it: 2/3 -> 66.7%."""
    return f"{float(share) * 100:.1f}%"
