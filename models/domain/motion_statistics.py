"""Motion statistics (DOMAIN §4, §8): exact fractions over plain records, overall and grouped
by 主办单位, by category and by state.

- 立案数: motions given a number (accepted or merged).
- 答复率 = replied or closed ÷ every motion numbered in the term.
- 按时答复率 = replied by the deadline in force at the reply ÷ replied.
- 沟通率 = replied with a contact with the proposer before the reply ÷ replied.
- class shares: each reply class ÷ replied motions with a class.
- 满意率 = (满意 + 基本满意) ÷ rated, for 办理态度 and 办理结果 each; a feedback timeout counts as
  基本满意 in both and is counted apart (`timeouts`) so the display can mark it.
- 件数 (`total`): every motion of the group, numbered or not — by state, a group of motions never
  numbered (已提交, 审查中, 不予立案 …) has 件数 and no 立案数.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction

from models.domain.motion_workflow import MotionState, Rating

REPLIED_STATES: frozenset[MotionState] = frozenset({MotionState.REPLIED, MotionState.CLOSED})
SATISFIED: frozenset[Rating] = frozenset({Rating.SATISFIED, Rating.BASICALLY_SATISFIED})


@dataclass(frozen=True)
class MotionFigures:
    """What statistics need of one motion; the caller reads it from the database."""

    number: int | None  # None: never numbered (not accepted or merged)
    state: MotionState
    replied_on: date | None = None  # the (latest) reply's date
    due_at_reply: date | None = None  # the deadline in force when it was replied
    contacted_before_reply: bool = False  # 沟通 recorded before the reply
    reply_class: str | None = None  # A / B / C …
    attitude_rating: Rating | None = None  # 办理态度
    result_rating: Rating | None = None  # 办理结果
    result_by_timeout: bool = False  # closed by feedback_timeout: counts as 基本满意, marked
    lead_unit: str | None = None  # 主办单位
    category: str | None = None


@dataclass(frozen=True)
class SatisfactionCounts:
    satisfied: int = 0  # 满意
    basically_satisfied: int = 0  # 基本满意, timeouts included
    unsatisfied: int = 0  # 不满意
    timeouts: int = 0  # of basically_satisfied, by feedback timeout

    @property
    def rated(self) -> int:
        return self.satisfied + self.basically_satisfied + self.unsatisfied

    @property
    def rate(self) -> Fraction | None:
        """满意率 = (满意 + 基本满意) ÷ rated; None when nothing is rated."""
        return _ratio(self.satisfied + self.basically_satisfied, self.rated)


@dataclass(frozen=True)
class MotionStatistics:
    numbered: int  # 立案数
    replied: int  # replied or closed, among the numbered
    on_time: int  # of replied, by the deadline
    contacted: int  # of replied, with a contact before the reply
    total: int = 0  # every motion of the group, numbered or not (件数)
    class_counts: Mapping[str, int] = field(default_factory=dict)
    attitude: SatisfactionCounts = SatisfactionCounts()
    result: SatisfactionCounts = SatisfactionCounts()

    @property
    def reply_rate(self) -> Fraction | None:  # 答复率
        return _ratio(self.replied, self.numbered)

    @property
    def on_time_rate(self) -> Fraction | None:  # 按时答复率
        return _ratio(self.on_time, self.replied)

    @property
    def contact_rate(self) -> Fraction | None:  # 沟通率
        return _ratio(self.contacted, self.replied)

    @property
    def class_shares(self) -> dict[str, Fraction]:
        classed = sum(self.class_counts.values())
        return {code: Fraction(n, classed) for code, n in self.class_counts.items() if classed}


@dataclass(frozen=True)
class GroupedStatistics:
    overall: MotionStatistics
    by_unit: Mapping[str, MotionStatistics]  # lead unit → figures; "" for none yet
    by_category: Mapping[str, MotionStatistics]
    by_state: Mapping[MotionState, MotionStatistics] = field(default_factory=dict)

    def grouping(self, name: str) -> Mapping[str, MotionStatistics]:
        """The groups of one grouping ("unit", "category" or "state"), keyed by their label's
        source text (a state by its value); "" is the group without a unit or category."""
        if name == "state":
            return {state.value: stats for state, stats in self.by_state.items()}
        return self.by_unit if name == "unit" else self.by_category


GROUPINGS: tuple[str, ...] = ("unit", "category", "state")


def _ratio(part: int, whole: int) -> Fraction | None:
    return Fraction(part, whole) if whole else None


def percent(value: Fraction | None, digits: int = 1) -> str:
    """Exact fraction → "66.7%" (half rounded up); None → "—"."""
    if value is None:
        return "—"
    scaled = value * 100 * 10**digits
    rounded = (scaled.numerator * 2 + scaled.denominator) // (scaled.denominator * 2)
    whole, part = divmod(rounded, 10**digits)
    return f"{whole}.{part:0{digits}d}%" if digits else f"{whole}%"


def _satisfaction(ratings: Iterable[tuple[Rating | None, bool]]) -> SatisfactionCounts:
    counts = {rating: 0 for rating in Rating}
    timeouts = 0
    for rating, by_timeout in ratings:
        if by_timeout and rating is None:
            rating = Rating.BASICALLY_SATISFIED
            timeouts += 1
        if rating is not None:
            counts[rating] += 1
    return SatisfactionCounts(
        satisfied=counts[Rating.SATISFIED],
        basically_satisfied=counts[Rating.BASICALLY_SATISFIED],
        unsatisfied=counts[Rating.UNSATISFIED],
        timeouts=timeouts,
    )


def rate_with_counts(part: int, whole: int) -> str:
    """ "75.0%（3/4）"; "—" when the whole is nought (nothing to divide by)."""
    if not whole:
        return "—"
    return f"{percent(Fraction(part, whole))}（{part}/{whole}）"


def statistics(motions: Iterable[MotionFigures]) -> MotionStatistics:
    motions = list(motions)
    numbered = [m for m in motions if m.number is not None]
    replied = [m for m in numbered if m.state in REPLIED_STATES]
    on_time = sum(
        1
        for m in replied
        if m.replied_on is not None
        and m.due_at_reply is not None
        and m.replied_on <= m.due_at_reply
    )
    classes: dict[str, int] = {}
    for m in replied:
        if m.reply_class:
            classes[m.reply_class] = classes.get(m.reply_class, 0) + 1
    return MotionStatistics(
        numbered=len(numbered),
        replied=len(replied),
        on_time=on_time,
        contacted=sum(1 for m in replied if m.contacted_before_reply),
        total=len(motions),
        class_counts=dict(sorted(classes.items())),
        attitude=_satisfaction((m.attitude_rating, m.result_by_timeout) for m in numbered),
        result=_satisfaction((m.result_rating, m.result_by_timeout) for m in numbered),
    )


def grouped_statistics(motions: Sequence[MotionFigures]) -> GroupedStatistics:
    units: dict[str, list[MotionFigures]] = {}
    categories: dict[str, list[MotionFigures]] = {}
    states: dict[MotionState, list[MotionFigures]] = {}
    for m in motions:
        units.setdefault(m.lead_unit or "", []).append(m)
        categories.setdefault(m.category or "", []).append(m)
        states.setdefault(m.state, []).append(m)
    order = list(MotionState)
    return GroupedStatistics(
        overall=statistics(motions),
        by_unit={unit: statistics(group) for unit, group in sorted(units.items())},
        by_category={name: statistics(group) for name, group in sorted(categories.items())},
        by_state={
            state: statistics(states[state])
            for state in sorted(states, key=order.index)  # the workflow's order
        },
    )
