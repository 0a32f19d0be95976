"""Whether enough members are present to meet (DOMAIN §6): exact fractions, members only.

应到 is every member of the body on the meeting date, those on leave included; 实到 is the members
marked 出席. 列席 attendees never count either way, so the caller passes member figures only.
"""

from __future__ import annotations

import math
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Literal, NoReturn

from models.domain.errors import DomainError
from models.domain.messages import message
from models.domain.vocabulary import BodyKind, chinese_ordinal

Op = Literal[">", ">="]


@dataclass(frozen=True, slots=True)
class QuorumRule:
    """Met when present `op` fraction × expected: ">" 1/2 is 超过半数, ">=" 2/3 is 达到三分之二."""

    op: Op
    fraction: Fraction

    @property
    def words(self) -> str:
        return fraction_words(self.fraction)


DEFAULT_QUORUM = QuorumRule(">", Fraction(1, 2))


@dataclass(frozen=True, slots=True)
class QuorumResult:
    expected: int  # 应到
    present: int  # 实到
    required: int  # the fewest present that meets the rule
    is_met: bool
    rule: QuorumRule
    message: str


def fraction_words(fraction: Fraction) -> str:
    """1/2 → 半数, 2/3 → 三分之二, 1 → 全体."""
    if fraction == Fraction(1, 2):
        return "半数"
    if fraction == 1:
        return "全体"
    return f"{chinese_ordinal(fraction.denominator)}分之{chinese_ordinal(fraction.numerator)}"


def required_present(expected: int, rule: QuorumRule) -> int:
    """The smallest whole number of members that satisfies the rule, by exact arithmetic."""
    share = rule.fraction * expected
    if rule.op == ">":
        return math.floor(share) + 1
    return math.ceil(share)


def quorum(expected: int, present: int, rule: QuorumRule = DEFAULT_QUORUM) -> QuorumResult:
    if not 0 <= present <= expected:
        raise ValueError(f"present {present} outside 0..{expected}")
    required = required_present(expected, rule)
    # A body without members cannot meet, whatever the rule's arithmetic says.
    is_met = expected > 0 and present >= required
    reached = "超过" if rule.op == ">" else "达到"
    params = {
        "expected": expected,
        "present": present,
        "required": required,
        "share": rule.words,
        "reached": reached,
    }
    code = "quorum_met" if is_met else "quorum_not_met"
    if expected == 0:
        code = "quorum_no_members"
    return QuorumResult(expected, present, required, is_met, rule, message(code, params))


@dataclass(frozen=True, slots=True)
class MeetingRules:
    """The [meetings] section: one quorum rule, overridden per body where a district says so."""

    quorum: QuorumRule = DEFAULT_QUORUM
    quorum_by_body: Mapping[BodyKind, QuorumRule] = field(default_factory=dict)

    def quorum_rule(self, kind: BodyKind) -> QuorumRule:
        return self.quorum_by_body.get(kind, self.quorum)


_FRACTION = re.compile(r"\s*(\d+)\s*/\s*(\d+)\s*")
_MEETING_KEYS = {"quorum", "quorum_by_body"}
_RULE_KEYS = {"op", "fraction"}
_BODIES = {
    BodyKind.CONGRESS.value,
    BodyKind.PRESIDIUM.value,
    BodyKind.EXECUTIVE_COUNCIL.value,
    BodyKind.PARTY_GROUP.value,
}


def load_quorum_rules(text: str, *, rules_id: str = "rules") -> MeetingRules:
    """Read [meetings] of a rules file; a file without it gets the default (> 1/2)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        rules_fail(rules_id, rules_id, f"TOML 语法错误：{exc}")
    return quorum_rules_from(data, rules_id=rules_id)


def quorum_rules_from(data: Mapping[str, Any], *, rules_id: str = "rules") -> MeetingRules:
    """The same from the file already parsed (`data` is only read), for a whole-file check."""
    meetings = data.get("meetings", {})
    if not isinstance(meetings, dict):
        rules_fail(rules_id, "meetings", "应为表 [meetings]")
    reject_unknown_keys(rules_id, meetings, "meetings", _MEETING_KEYS)
    default = (
        quorum_rule_from(rules_id, meetings["quorum"], "meetings.quorum")
        if "quorum" in meetings
        else DEFAULT_QUORUM
    )
    by_body = meetings.get("quorum_by_body", {})
    if not isinstance(by_body, dict):
        rules_fail(rules_id, "meetings.quorum_by_body", "应为表")
    reject_unknown_keys(rules_id, by_body, "meetings.quorum_by_body", _BODIES)
    return MeetingRules(
        quorum=default,
        quorum_by_body={
            BodyKind(key): quorum_rule_from(rules_id, value, f"meetings.quorum_by_body.{key}")
            for key, value in sorted(by_body.items())
        },
    )


def rules_fail(rules_id: str, key: str, detail: str) -> NoReturn:
    raise DomainError("rules_invalid", key=key, rules_id=rules_id, detail=detail)


def reject_unknown_keys(
    rules_id: str, table: Mapping[str, Any], path: str, allowed: set[str]
) -> None:
    for extra in sorted(set(table) - allowed):
        rules_fail(
            rules_id, f"{path}.{extra}", f"不认识的键 {extra}（可用：{'、'.join(sorted(allowed))}）"
        )


def quorum_rule_from(rules_id: str, value: Any, path: str) -> QuorumRule:
    if not isinstance(value, dict):
        rules_fail(rules_id, path, '应为 { op = ">", fraction = "1/2" } 形式的表')
    reject_unknown_keys(rules_id, value, path, _RULE_KEYS)
    op = value.get("op")
    if op not in (">", ">="):
        rules_fail(rules_id, f"{path}.op", f'应为 ">"（超过）或 ">="（达到），而不是 {op!r}')
    word = value.get("fraction")
    match = _FRACTION.fullmatch(word) if isinstance(word, str) else None
    if not match or not 0 < int(match[1]) <= int(match[2]):
        rules_fail(
            rules_id,
            f"{path}.fraction",
            f'应为“n/d”形式的分数（0 < n ≤ d），如 "1/2"，而不是 {word!r}',
        )
    fraction = Fraction(int(match[1]), int(match[2]))
    if op == ">" and fraction == 1:
        rules_fail(rules_id, f"{path}.fraction", "“超过全体”永远无法满足，请改用 >= 1/1")
    return QuorumRule(op, fraction)
