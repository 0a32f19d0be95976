"""The [decisions] section of a rules file: 三重一大 categories, their steps, and the thresholds.

DOMAIN §5: each category has a list of procedure steps marked *before* the discussion (a gate),
*at* it, or *after* it; a step may be only recommended (a warning when missing, not a gate).
Quorum (default ≥ 2/3 of 应到 after recusal), the pass threshold (> 1/2 of 应到 after recusal),
the 复议 threshold (> 1/2 of the members) and the 大额度 amount are figures a district may change.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from fractions import Fraction
from typing import Any

from models.domain.quorum import (
    QuorumRule,
    quorum_rule_from,
    reject_unknown_keys,
    rules_fail,
)
from models.domain.vocabulary import BodyKind


class DecisionCategory(StrEnum):
    MAJOR_POLICY = "重大决策"
    CADRE = "重要干部任免"
    PROJECT = "重大项目安排"
    LARGE_FUNDS = "大额度资金使用"


class StepTiming(StrEnum):
    BEFORE = "before"
    AT = "at"
    AFTER = "after"


TIMING_NAMES: dict[StepTiming, str] = {
    StepTiming.BEFORE: "讨论前",
    StepTiming.AT: "会上",
    StepTiming.AFTER: "讨论后",
}

DISCUSSION_STEP = "集体讨论决定"


@dataclass(frozen=True, slots=True)
class StepSpec:
    kind: str  # 专家论证
    timing: StepTiming
    required: bool = True  # False: recommended, a warning when missing


def _steps(
    recommended: tuple[str, ...], before: tuple[str, ...], after: tuple[str, ...]
) -> tuple[StepSpec, ...]:
    return (
        *(StepSpec(kind, StepTiming.BEFORE, required=False) for kind in recommended),
        *(StepSpec(kind, StepTiming.BEFORE) for kind in before),
        StepSpec(DISCUSSION_STEP, StepTiming.AT),
        *(StepSpec(kind, StepTiming.AFTER) for kind in after),
    )


# The seed's 必经程序 for the three matter categories; the cadre list follows 干部任用条例.
_MATTER_STEPS = _steps(
    ("前期调查研究",),
    ("残疾人及相关利益方参与", "专家论证", "法律顾问审查", "社会稳定风险评估"),
    (),
)
_CADRE_STEPS = _steps((), ("动议", "民主推荐", "考察", "酝酿"), ("任前公示",))

DEFAULT_STEPS: dict[DecisionCategory, tuple[StepSpec, ...]] = {
    DecisionCategory.MAJOR_POLICY: _MATTER_STEPS,
    DecisionCategory.CADRE: _CADRE_STEPS,
    DecisionCategory.PROJECT: _MATTER_STEPS,
    DecisionCategory.LARGE_FUNDS: _MATTER_STEPS,
}

DECIDING_BODIES: dict[DecisionCategory, tuple[BodyKind, ...]] = {
    category: (BodyKind.EXECUTIVE_COUNCIL, BodyKind.PARTY_GROUP) for category in DecisionCategory
} | {DecisionCategory.CADRE: (BodyKind.PARTY_GROUP,)}


TWO_THIRDS = QuorumRule(">=", Fraction(2, 3))
MORE_THAN_HALF = QuorumRule(">", Fraction(1, 2))


@dataclass(frozen=True, slots=True)
class DecisionRules:
    large_amount_yuan: int = 100_000
    quorum: QuorumRule = TWO_THIRDS
    pass_rule: QuorumRule = MORE_THAN_HALF
    reopen_rule: QuorumRule = MORE_THAN_HALF
    steps: Mapping[DecisionCategory, tuple[StepSpec, ...]] = field(
        default_factory=lambda: dict(DEFAULT_STEPS)
    )

    def steps_of(self, category: DecisionCategory) -> tuple[StepSpec, ...]:
        return self.steps[category]

    def step(self, category: DecisionCategory, kind: str) -> StepSpec | None:
        return next((s for s in self.steps[category] if s.kind == kind), None)


_KEYS = {"large_amount_yuan", "quorum", "pass_threshold", "reopen_threshold", "steps"}
_STEP_KEYS = {"kind", "timing", "required"}


def load_decision_rules(text: str, *, rules_id: str = "rules") -> DecisionRules:
    """Read [decisions]; what a district leaves out keeps the shipped default."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        rules_fail(rules_id, rules_id, f"TOML 语法错误：{exc}")
    return decision_rules_from(data, rules_id=rules_id)


def decision_rules_from(data: Mapping[str, Any], *, rules_id: str = "rules") -> DecisionRules:
    """The same from the file already parsed (`data` is only read), for a whole-file check."""
    section = data.get("decisions", {})
    if not isinstance(section, dict):
        rules_fail(rules_id, "decisions", "应为表 [decisions]")
    reject_unknown_keys(rules_id, section, "decisions", _KEYS)
    defaults = DecisionRules()
    amount = section.get("large_amount_yuan", defaults.large_amount_yuan)
    if not isinstance(amount, int) or isinstance(amount, bool) or amount <= 0:
        rules_fail(rules_id, "decisions.large_amount_yuan", f"应为正整数（元），而不是 {amount!r}")

    def rule(key: str, default: QuorumRule) -> QuorumRule:
        if key not in section:
            return default
        return quorum_rule_from(rules_id, section[key], f"decisions.{key}")

    steps = dict(defaults.steps)
    table = section.get("steps", {})
    if not isinstance(table, dict):
        rules_fail(rules_id, "decisions.steps", "应为表 [decisions.steps]")
    reject_unknown_keys(rules_id, table, "decisions.steps", {c.value for c in DecisionCategory})
    for name, entries in table.items():
        steps[DecisionCategory(name)] = _step_list(rules_id, f"decisions.steps.{name}", entries)
    return DecisionRules(
        large_amount_yuan=amount,
        quorum=rule("quorum", defaults.quorum),
        pass_rule=rule("pass_threshold", defaults.pass_rule),
        reopen_rule=rule("reopen_threshold", defaults.reopen_rule),
        steps=steps,
    )


def _step_list(rules_id: str, path: str, entries: Any) -> tuple[StepSpec, ...]:
    if not isinstance(entries, list) or not entries:
        rules_fail(rules_id, path, '应为非空列表，如 [{ kind = "专家论证", timing = "before" }]')
    specs: list[StepSpec] = []
    for index, entry in enumerate(entries, start=1):
        where = f"{path}[{index}]"
        if not isinstance(entry, dict):
            rules_fail(rules_id, where, "应为表 { kind, timing, required }")
        reject_unknown_keys(rules_id, entry, where, _STEP_KEYS)
        kind = entry.get("kind")
        if not isinstance(kind, str) or not kind.strip():
            rules_fail(rules_id, f"{where}.kind", "应为程序名称，如“专家论证”")
        timing_word = entry.get("timing")
        try:
            if not isinstance(timing_word, str):
                raise ValueError(timing_word)
            timing = StepTiming(timing_word)
        except ValueError:
            rules_fail(
                rules_id, f"{where}.timing", "应为 before（讨论前）、at（会上）或 after（讨论后）"
            )
        required = entry.get("required", True)
        if not isinstance(required, bool):
            rules_fail(rules_id, f"{where}.required", "应为 true 或 false")
        specs.append(StepSpec(kind.strip(), timing, required))
    kinds = [s.kind for s in specs]
    if len(set(kinds)) != len(kinds):
        rules_fail(rules_id, path, "同一程序列出了两次")
    if not any(s.timing is StepTiming.AT for s in specs):
        rules_fail(rules_id, path, f'缺少会上的“{DISCUSSION_STEP}”（timing = "at"）')
    return tuple(specs)
