"""Slate composition (DOMAIN §3): who counts for which quota, the rule results, and fixes.

Decisions where DOMAIN §3 leaves room, as a careful clerk would expect:
- With invited_delegates_count = false, 特邀代表 leave the count *and* the total of every quota
  (shares, categories, trends); presidium.members_are_delegates still checks everyone.
- Share trends compare exact fractions; the share shown gets more decimals when one decimal would
  print two different shares alike. A previous slate with nobody counted is "no previous".
- Trends have no `required` (no minimum), but their `gap` is the people to replace for the share
  (or count) to become strictly higher, so the GUI can say how far off the slate is.
- presidium.members_are_delegates counts members who are delegates (by ID number): `required` is
  everyone, `gap` the members who are not; a member without a valid ID number is not a delegate.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from typing import Literal

from models.domain.errors import Level
from models.domain.messages import message
from models.domain.quota import (
    BIT,
    SlateCounts,
    counted,
    fewest_swaps,
    mask_of,
    profile_of,
)
from models.domain.quota import counts as count_measures
from models.domain.rules import CheckRule, CountRule, Rules, ShareRule, SlateRules
from models.domain.slate import SlateRecord

BODIES = ("congress", "presidium", "council")
Status = Literal["pass", "fail", "warn", "skipped"]

_NOUN = {"congress": "代表", "presidium": "委员", "council": "理事"}


@dataclass(frozen=True, slots=True)
class RuleResult:
    """One rule's verdict; `counted_rows` are whom it counts, `gap` whom to replace (0 if met)."""

    id: str
    level: Level
    status: Status
    count: int
    total: int
    required: int | None
    message: str
    counted_rows: tuple[int, ...] = ()
    gap: int = 0


@dataclass(frozen=True, slots=True)
class SlateReport:
    results: tuple[RuleResult, ...]
    total: int  # the people given; each result's total leaves out whom the rules do not count

    @property
    def has_failed_errors(self) -> bool:
        return any(result.status == "fail" for result in self.results)

    def result(self, rule_id: str) -> RuleResult:
        return next(result for result in self.results if result.id == rule_id)


@dataclass(frozen=True, slots=True)
class _Spec:
    id: str
    kind: Literal["share", "count", "share_trend", "count_trend", "delegates"]
    measure: str | None
    rule: ShareRule | CountRule | CheckRule
    subject: str


def counts(people: Sequence[SlateRecord], rules: Rules) -> SlateCounts:
    """Per measure (see MEASURES), how many and which rows count: the what-if re-check's core."""
    return count_measures(people, rules.slates)


@lru_cache(maxsize=64)
def _specs(slates: SlateRules, body: str) -> tuple[_Spec, ...]:
    if body not in BODIES:
        raise ValueError(f"body must be one of {BODIES}, not {body!r}")
    noun = _NOUN[body]
    rules = getattr(slates, body)

    def each(kind: Literal["count", "count_trend"], rule: CountRule | CheckRule) -> list[_Spec]:
        name = "category" if kind == "count" else "category_trend"
        return [
            _Spec(f"{body}.{name}.{c.key}", kind, f"category.{c.key}", rule, f"{c.name}{noun}")
            for c in slates.categories
        ]

    specs: list[_Spec] = []
    if body != "council":
        specs += [
            _Spec(
                f"{body}.disabled_or_relative_share",
                "share",
                "disabled_or_relative",
                rules.disabled_or_relative_share,
                "残疾人及亲友",
            ),
            _Spec(
                f"{body}.model_or_frontline_share",
                "share",
                "model_or_frontline",
                rules.model_or_frontline_share,
                f"自强模范和基层一线{noun}",
            ),
        ]
    specs += each("count", rules.category)
    if body == "congress":
        for name, measure, subject in (
            ("rural_share_trend", "rural_disabled_or_relative", "农村残疾人及亲友代表占比"),
            ("org_share_trend", "org_representative", "助残社会组织代表占比"),
            ("volunteer_share_trend", "volunteer", "助残志愿者代表占比"),
        ):
            specs.append(
                _Spec(f"congress.{name}", "share_trend", measure, getattr(rules, name), subject)
            )
    if body != "council":
        specs += each("count_trend", rules.category_trend)
    if body == "presidium":
        specs.append(
            _Spec(
                "presidium.members_are_delegates",
                "delegates",
                None,
                rules.members_are_delegates,
                "",
            )
        )
    return tuple(specs)


def _need(spec: _Spec, total: int, previous: SlateCounts | None) -> int | None:
    """The smallest count that passes at this total; None when there is nothing to compare with."""
    rule = spec.rule
    if isinstance(rule, ShareRule):
        return -(-rule.at_least.numerator * total // rule.at_least.denominator)
    if isinstance(rule, CountRule):
        return rule.at_least
    if previous is None or previous.total == 0:
        return None
    before = previous.counts[spec.measure or ""]
    if spec.kind == "count_trend":
        return before + 1
    # Strictly higher share: count / total > before / previous.total.
    return before * total // previous.total + 1


def check_slate(
    people: Sequence[SlateRecord],
    rules: Rules,
    body: str,
    previous: Sequence[SlateRecord] | None = None,
    delegates_ids: frozenset[str] | None = None,
) -> SlateReport:
    """Every rule of the body in DOMAIN §3's order; `people` are the rows without errors."""
    specs = _specs(rules.slates, body)
    now = counts(people, rules)
    before = counts(previous, rules) if previous is not None else None
    results = tuple(
        _delegates(spec, people, delegates_ids)
        if spec.kind == "delegates"
        else _result(spec, now, before)
        for spec in specs
    )
    return SlateReport(results=results, total=len(people))


def _status(passed: bool, level: Level) -> Status:
    if passed:
        return "pass"
    return "fail" if level is Level.ERROR else "warn"


def _result(spec: _Spec, now: SlateCounts, before: SlateCounts | None) -> RuleResult:
    level, total = spec.rule.level, now.total
    if total == 0:
        return RuleResult(spec.id, level, "skipped", 0, 0, None, message("rule_skipped_empty"))
    measure = spec.measure or ""
    count, rows = now.counts[measure], now.rows[measure]
    need = _need(spec, total, before)
    if need is None:
        text = message("rule_skipped_no_previous")
        return RuleResult(spec.id, level, "skipped", count, total, None, text, rows)
    passed, gap = count >= need, max(0, need - count)
    params: dict[str, object] = {"subject": spec.subject, "count": count, "total": total}
    required: int | None = need
    if isinstance(spec.rule, ShareRule):
        code = "share_pass" if passed else "share_fail"
        params |= {
            "percent": _percent(count, total),
            "threshold": _threshold(spec.rule.at_least),
            "required": need,
            "gap": gap,
        }
    elif isinstance(spec.rule, CountRule):
        # category_fail's text speaks of an empty category and "至少需要 1 名".
        code = "category_pass" if passed else ("category_fail" if need == 1 else "category_short")
        params |= {"required": need, "gap": gap}
    else:
        required = None
        code = "trend_pass" if passed else "trend_fail"
        assert before is not None  # a trend without a previous slate was skipped above
        was = before.counts[measure]
        if spec.kind == "count_trend":
            params |= {"now": f"{count} 人", "before": f"{was} 人"}
        else:
            params |= dict(
                zip(("now", "before"), _shares(count, total, was, before.total), strict=True)
            )
    status = _status(passed, level)
    return RuleResult(
        spec.id, level, status, count, total, required, message(code, params), rows, gap
    )


def _delegates(
    spec: _Spec, people: Sequence[SlateRecord], delegates_ids: frozenset[str] | None
) -> RuleResult:
    level, total = spec.rule.level, len(people)
    if total == 0:
        return RuleResult(spec.id, level, "skipped", 0, 0, None, message("rule_skipped_empty"))
    if delegates_ids is None:
        text = message("rule_skipped_needs_database")
        return RuleResult(spec.id, level, "skipped", 0, total, None, text)
    outside = [person for person in people if person.id_number not in delegates_ids]
    rows = tuple(person.row for person in people if person.id_number in delegates_ids)
    if outside:
        names = "、".join(person.name for person in outside)
        text = message("members_are_delegates_fail", {"count": len(outside), "names": names})
    else:
        text = message("members_are_delegates_pass")
    status = _status(not outside, level)
    return RuleResult(spec.id, level, status, len(rows), total, total, text, rows, len(outside))


def _percent(count: int, total: int, places: int = 1) -> str:
    """count / total as a percentage rounded half up, exactly: 2 of 3 → 66.7%."""
    scale = 10**places
    units, rest = divmod(count * 100 * scale, total)
    units += 2 * rest >= total
    return f"{units // scale}.{units % scale:0{places}d}%"


def _shares(count: int, total: int, was: int, was_total: int) -> tuple[str, str]:
    """Two shares, with enough decimals that different shares never print alike."""
    places = 1
    differ = count * was_total != was * total
    while (
        places < 6 and differ and _percent(count, total, places) == _percent(was, was_total, places)
    ):
        places += 1
    return _percent(count, total, places), _percent(was, was_total, places)


def _threshold(share: Fraction) -> str:
    percent = share * 100
    if percent.denominator == 1:
        return f"{percent.numerator}%"
    if (percent * 10).denominator == 1:
        return _percent(share.numerator, share.denominator)
    return f"{share.numerator}/{share.denominator}"


def suggest_swaps(
    current: Sequence[SlateRecord],
    reserves: Sequence[SlateRecord],
    rules: Rules,
    body: str,
    previous: Sequence[SlateRecord] | None = None,
    max_swaps: int = 5,
) -> list[tuple[int, int]] | None:
    """The fewest (current row out, reserve row in) swaps after which no error-level rule fails.

    [] when nothing fails; None when more than max_swaps would be needed (or no reserve helps).
    Out go first the people who count for nothing the failing or tight rules need, then those who
    count for the fewest warning-level measures; in come first the reserves who count for most,
    in the reserves' own order. With invited_delegates_count = false an invited seat is only
    swapped for another invited person, so neither is proposed.
    """
    if not check_slate(current, rules, body, previous).has_failed_errors:
        return []
    profile = profile_of(rules.slates)
    members = counted(current, profile)
    candidates = counted(reserves, profile)
    now = counts(members, rules)
    before = counts(previous, rules) if previous is not None else None
    needs: dict[int, int] = {}
    for spec in _specs(rules.slates, body):
        if spec.measure is None or spec.rule.level is not Level.ERROR:
            continue
        need = _need(spec, now.total, before)
        if need is not None:
            bit = BIT[spec.measure]
            needs[bit] = max(need, needs.get(bit, 0))
    member_masks = [mask_of(person, profile) for person in members]
    reserve_masks = [mask_of(person, profile) for person in candidates]
    # Within a group of equals the search takes the first: order by preference here.
    out_order = sorted(range(len(members)), key=lambda i: member_masks[i].bit_count())
    in_order = sorted(range(len(candidates)), key=lambda i: -reserve_masks[i].bit_count())
    plan = fewest_swaps(
        [member_masks[i] for i in out_order], [reserve_masks[i] for i in in_order], needs, max_swaps
    )
    if plan is None:
        return None
    leaving = {members[out_order[o]].row for o, _ in plan}
    arriving = [candidates[in_order[i]] for _, i in plan]
    after = [person for person in current if person.row not in leaving] + arriving
    # The search reasons about bit counts only; the real check has the last word.
    if check_slate(after, rules, body, previous).has_failed_errors:
        return None
    return [(members[out_order[o]].row, candidates[in_order[i]].row) for o, i in plan]
