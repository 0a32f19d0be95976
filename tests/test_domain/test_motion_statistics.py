"""Motion statistics (DOMAIN §4, §8) against a hand count on a small fixture."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

from models.domain.motion_statistics import (
    MotionFigures,
    SatisfactionCounts,
    grouped_statistics,
    percent,
    rate_with_counts,
    statistics,
)
from models.domain.motion_workflow import MotionState as S
from models.domain.motion_workflow import Rating as R

DUE = date(2025, 3, 10)
CIVIL, LABOUR = "区民政局", "区人力社保局"
FIXTURE = [
    # 1: closed, on time, contacted, A, 满意 / 满意
    MotionFigures(1, S.CLOSED, date(2025, 3, 1), DUE, True, "A", R.SATISFIED, R.SATISFIED,
                  lead_unit=CIVIL, category="康复"),
    # 2: closed at the limit, late, no contact, B, 基本满意 / 不满意
    MotionFigures(2, S.CLOSED, date(2025, 4, 1), DUE, False, "B", R.BASICALLY_SATISFIED,
                  R.UNSATISFIED, lead_unit=CIVIL, category="就业"),
    # 3: replied, on the deadline day, contacted, A, not yet rated
    MotionFigures(3, S.REPLIED, DUE, DUE, True, "A", lead_unit=LABOUR, category="就业"),
    # 4: closed by feedback timeout: counts as 基本满意 in both ratings
    MotionFigures(4, S.CLOSED, date(2025, 2, 1), DUE, True, "C", result_by_timeout=True,
                  lead_unit=LABOUR, category="康复"),
    # 5: still handling; 6: merged, its lead not yet replied
    MotionFigures(5, S.HANDLING, lead_unit=LABOUR, category="康复"),
    MotionFigures(6, S.MERGED, lead_unit=CIVIL, category="康复"),
    # never numbered: outside every figure
    MotionFigures(None, S.REJECTED, category="康复"),
    # 7: back in rehandling after 不满意 / 不满意: numbered and rated, not counted as replied
    MotionFigures(7, S.REHANDLING, date(2025, 3, 9), DUE, False, "B", R.UNSATISFIED,
                  R.UNSATISFIED, lead_unit=CIVIL, category="就业"),
]  # fmt: skip


def test_overall_hand_count() -> None:
    stats = statistics(FIXTURE)
    assert stats.numbered == 7
    assert stats.replied == 4  # 1, 2, 3, 4
    assert stats.reply_rate == Fraction(4, 7)
    assert stats.on_time == 3 and stats.on_time_rate == Fraction(3, 4)
    assert stats.contacted == 3 and stats.contact_rate == Fraction(3, 4)
    assert stats.class_counts == {"A": 2, "B": 1, "C": 1}
    assert stats.class_shares == {"A": Fraction(1, 2), "B": Fraction(1, 4), "C": Fraction(1, 4)}
    assert stats.result == SatisfactionCounts(1, 1, 2, timeouts=1)
    assert stats.result.rated == 4 and stats.result.rate == Fraction(1, 2)
    assert stats.attitude == SatisfactionCounts(1, 2, 1, timeouts=1)
    assert stats.attitude.rate == Fraction(3, 4)


def test_grouped_by_unit_and_category() -> None:
    grouped = grouped_statistics(FIXTURE)
    assert grouped.overall == statistics(FIXTURE)
    assert set(grouped.by_unit) == {"", CIVIL, LABOUR}
    civil, labour, none = grouped.by_unit[CIVIL], grouped.by_unit[LABOUR], grouped.by_unit[""]
    assert (civil.numbered, civil.replied, civil.on_time, civil.contacted) == (4, 2, 1, 1)
    assert civil.reply_rate == Fraction(1, 2)
    assert civil.result.rate == Fraction(1, 3)  # 满意 1 of 满意, 不满意, 不满意
    assert (labour.numbered, labour.replied, labour.on_time) == (3, 2, 2)
    assert labour.reply_rate == Fraction(2, 3) and labour.on_time_rate == 1
    assert labour.result == SatisfactionCounts(0, 1, 0, timeouts=1)
    assert none.numbered == 0 and none.reply_rate is None and none.result.rate is None
    assert grouped.by_category["就业"].numbered == 3
    assert grouped.by_category["康复"].numbered == 4


def test_empty() -> None:
    stats = statistics([])
    assert stats.numbered == 0
    assert stats.reply_rate is None and stats.on_time_rate is None and stats.contact_rate is None
    assert stats.class_shares == {}


def test_percent() -> None:
    assert percent(Fraction(4, 7)) == "57.1%"
    assert percent(Fraction(2, 3)) == "66.7%"
    assert percent(Fraction(1, 2)) == "50.0%"
    assert percent(Fraction(1)) == "100.0%"
    assert percent(Fraction(0)) == "0.0%"
    assert percent(Fraction(1, 2000)) == "0.1%"  # half rounds up
    assert percent(Fraction(1, 8), digits=0) == "13%"
    assert percent(None) == "—"


def test_grouped_by_state_in_workflow_order() -> None:
    grouped = grouped_statistics(FIXTURE)
    assert list(grouped.by_state) == [
        S.MERGED,
        S.HANDLING,
        S.REPLIED,
        S.REHANDLING,
        S.REJECTED,
        S.CLOSED,
    ]
    closed, rejected = grouped.by_state[S.CLOSED], grouped.by_state[S.REJECTED]
    assert (closed.total, closed.numbered, closed.replied) == (3, 3, 3)
    assert closed.reply_rate == 1 and closed.on_time_rate == Fraction(2, 3)
    assert closed.result == SatisfactionCounts(1, 1, 1, timeouts=1)
    # never numbered: counted as 件数, outside every rate
    assert (rejected.total, rejected.numbered, rejected.reply_rate) == (1, 0, None)
    assert grouped.by_state[S.REHANDLING].reply_rate == 0
    assert sum(s.total for s in grouped.by_state.values()) == len(FIXTURE)
    assert grouped.overall.total == len(FIXTURE)
    assert grouped.by_category["康复"].total == 5  # the rejected one included
    assert grouped.grouping("state")["closed"] is closed
    assert grouped.grouping("unit") is grouped.by_unit
    assert grouped.grouping("category") is grouped.by_category


def test_rate_with_counts() -> None:
    assert rate_with_counts(3, 4) == "75.0%（3/4）"
    assert rate_with_counts(0, 5) == "0.0%（0/5）"
    assert rate_with_counts(0, 0) == "—"
