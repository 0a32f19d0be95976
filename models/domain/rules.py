"""The district's rules file (DOMAIN §3, §8): slate quotas read from TOML into frozen values.

Every figure, level and category definition of the composition rules lives in the file, so another
district changes its figures without touching code. A key or section a district leaves out falls
back to `DEFAULTS` (equal to the shipped mentougou-2019.toml); the one exception is [rules] title,
which every district's file must give, so that a copied file never passes for Mentougou's.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, NoReturn, TypeVar

from models.domain.disability import parse_category
from models.domain.errors import DomainError, Level
from models.domain.vocabulary import DisabilityCategory

CATEGORY_KEYS = ("blind", "deaf", "physical", "intellectual", "psychosocial")
SPEECH_NOTE = "（含言语残疾）"

_SEED = "二、（一）1"
_CATEGORY_WORDING = (
    "充实盲人、聋人、肢残人、智力残疾人及亲友、精神残疾人及亲友等各类别代表和委员数量"
)


def _share(at_least: str, wording: str, level: str = "error") -> dict[str, Any]:
    return {"at_least": at_least, "level": level, "source": _SEED, "wording": wording}


def _check(level: str, wording: str, source: str = _SEED) -> dict[str, Any]:
    return {"level": level, "source": source, "wording": wording}


def _category(name: str, disability: str, relatives: bool) -> dict[str, Any]:
    return {
        "name": name,
        "disabilities": [disability],
        "relatives_count": relatives,
        "source": _SEED,
        "wording": name,
    }


# The [rules] and [slates] sections of resources/rules/mentougou-2019.toml, key for key (a test
# compares them), so a district's file that leaves something out still gets a figure.
DEFAULTS: dict[str, Any] = {
    "rules": {
        "id": "mentougou-2019",
        "title": "门头沟区残疾人联合会改革方案",
        "source": "门头沟区人民政府 2019年8月16日印发",
    },
    "slates": {
        "invited_delegates_count": True,
        "deaf_includes_speech": True,
        "categories": {
            "blind": _category("盲人", "视力", False),
            "deaf": _category("聋人", "听力", False),
            "physical": _category("肢残人", "肢体", False),
            "intellectual": _category("智力残疾人及亲友", "智力", True),
            "psychosocial": _category("精神残疾人及亲友", "精神", True),
        },
        "congress": {
            "disabled_or_relative_share": _share(
                "7/10", "残疾人及亲友占区残联代表大会……的比例……达到70%以上"
            ),
            "model_or_frontline_share": _share(
                "4/5", "自强模范和基层一线代表、委员应占区残联代表大会代表80%以上"
            ),
            "category": {"at_least": 1, **_check("error", _CATEGORY_WORDING)},
            "rural_share_trend": _check("warning", "适当增加农村残疾人及亲友代表……比例"),
            "org_share_trend": _check("warning", "适当增加……助残社会组织……代表比例"),
            "volunteer_share_trend": _check("warning", "适当增加……助残志愿者代表比例"),
            "category_trend": _check("warning", "充实……各类别代表和委员数量"),
        },
        "presidium": {
            "disabled_or_relative_share": _share(
                "3/5", "残疾人及亲友占区残联……主席团委员的比例……达到……60%以上"
            ),
            "model_or_frontline_share": _share(
                "2/5", "自强模范和基层一线代表、委员应占……主席团委员40%以上"
            ),
            "category": {"at_least": 1, **_check("error", _CATEGORY_WORDING)},
            "category_trend": _check("warning", "充实……各类别代表和委员数量"),
            "members_are_delegates": _check("warning", "调整代表大会和主席团人员构成"),
        },
        "council": {
            "category": {
                "at_least": 1,
                **_check(
                    "warning",
                    "逐步配齐区残联执行理事会盲人、聋人、肢残人、智力残疾人及亲友、"
                    "精神残疾人及亲友专兼职理事",
                    source="二、（二）2",
                ),
            },
        },
    },
    # What a spreadsheet may claim before the reader opens it (issue 13: a 5.6 KB file with one
    # cell at XFD1048576 made the reader allocate 512 GiB). Generous for any real slate.
    "files": {
        "max_rows": 100_000,
        "max_columns": 200,
        "max_uncompressed_mb": 200,
        "max_compression_ratio": 200,
        "max_members": 1_000,
    },
    # Who signs off (签发) replies and finalises minutes besides the secretariat (issue 15): with
    # leader_signs, accounts of role 领导 may; without, a leader only reads.
    "permissions": {"leader_signs": False},
}


@dataclass(frozen=True, slots=True)
class ShareRule:
    """At least `at_least` of the counted people (以上: the share itself passes)."""

    at_least: Fraction
    level: Level
    source: str
    wording: str


@dataclass(frozen=True, slots=True)
class CountRule:
    """At least `at_least` people of each representation category."""

    at_least: int
    level: Level
    source: str
    wording: str


@dataclass(frozen=True, slots=True)
class CheckRule:
    """A rule without a figure: trends (strictly higher than last term) and membership checks."""

    level: Level
    source: str
    wording: str


@dataclass(frozen=True, slots=True)
class RepresentationCategory:
    key: str
    name: str  # as shown: 聋人（含言语残疾） when the speech switch adds 言语
    disabilities: frozenset[DisabilityCategory]
    relatives_count: bool
    source: str
    wording: str


@dataclass(frozen=True, slots=True)
class CongressRules:
    disabled_or_relative_share: ShareRule
    model_or_frontline_share: ShareRule
    category: CountRule
    rural_share_trend: CheckRule
    org_share_trend: CheckRule
    volunteer_share_trend: CheckRule
    category_trend: CheckRule


@dataclass(frozen=True, slots=True)
class PresidiumRules:
    disabled_or_relative_share: ShareRule
    model_or_frontline_share: ShareRule
    category: CountRule
    category_trend: CheckRule
    members_are_delegates: CheckRule


@dataclass(frozen=True, slots=True)
class CouncilRules:
    category: CountRule


@dataclass(frozen=True, slots=True)
class SlateRules:
    invited_delegates_count: bool
    deaf_includes_speech: bool
    categories: tuple[RepresentationCategory, ...]  # in CATEGORY_KEYS order
    congress: CongressRules
    presidium: PresidiumRules
    council: CouncilRules


@dataclass(frozen=True, slots=True)
class Rules:
    id: str
    title: str
    source: str
    slates: SlateRules


def load_rules(text: str, *, rules_id: str) -> Rules:
    """Parse a rules file; any mistake raises DomainError("rules_invalid", key=<dotted key>)."""
    data = _parse(text, rules_id)
    reader = _Reader(rules_id)
    # A misspelt section or key would otherwise be ignored, and the district's figure with it.
    if extras := sorted(set(data) - SECTIONS):
        reader.fail(extras[0], f"不认识的部分 [{extras[0]}]（可用：{'、'.join(sorted(SECTIONS))}）")
    if "rules" in data:
        reader.table(data, "rules", set(DEFAULTS["rules"]))
    if "slates" in data:
        reader.table(data, "slates", set(DEFAULTS["slates"]))
    if "title" not in data.get("rules", {}):
        reader.fail("rules.title", "每个地区的规则文件都要在 [rules] 中写明 title（方案名称）")
    merged = _merge(DEFAULTS, data)
    head = reader.table(merged, "rules")
    return Rules(
        id=rules_id,
        title=reader.text(head, "rules", "title"),
        source=reader.text(head, "rules", "source"),
        slates=reader.slates(reader.table(merged, "slates")),
    )


def _parse(text: str, rules_id: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        # No key to name: the file as a whole is unreadable.
        raise DomainError(
            "rules_invalid", key=rules_id, rules_id=rules_id, detail=f"TOML 语法错误：{exc}"
        ) from exc


def _merge(base: Mapping[str, Any], override: Mapping[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


# The sections of a rules file; meetings, motions and decisions are read by their own loaders.
SECTIONS = {"rules", "slates", "meetings", "motions", "decisions", "files", "permissions"}
_T = TypeVar("_T")
_SHARE = re.compile(r"\s*(\d+)\s*/\s*(\d+)\s*")
_RULE_KEYS = {"level", "source", "wording"}
_CATEGORY_FIELDS = {"name", "disabilities", "relatives_count", "source", "wording"}


class _Reader:
    """Typed access to the merged tables; every failure names the dotted key."""

    def __init__(self, rules_id: str) -> None:
        self.rules_id = rules_id

    def fail(self, key: str, detail: str) -> NoReturn:
        raise DomainError("rules_invalid", key=key, rules_id=self.rules_id, detail=detail)

    def value(
        self, table: Mapping[str, Any], path: str, name: str, kind: type[_T], what: str
    ) -> _T:
        key = f"{path}.{name}"
        if name not in table:
            self.fail(key, f"缺少 {name}")
        value = table[name]
        # bool is an int in Python; a figure written as true is a mistake, not 1.
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            self.fail(key, f"应为{what}，而不是 {value!r}")
        return value

    def table(
        self, parent: Mapping[str, Any], path: str, allowed: set[str] | None = None
    ) -> dict[str, Any]:
        name = path.rsplit(".", 1)[-1]
        value = parent.get(name)
        if not isinstance(value, dict):
            self.fail(path, f"应为表 [{path}]" if name in parent else f"缺少表 [{path}]")
        if allowed is not None and (extras := sorted(set(value) - allowed)):
            self.fail(
                f"{path}.{extras[0]}",
                f"不认识的键 {extras[0]}（可用：{'、'.join(sorted(allowed))}）",
            )
        return value

    def text(self, table: Mapping[str, Any], path: str, name: str) -> str:
        return self.value(table, path, name, str, "文字")

    def flag(self, table: Mapping[str, Any], path: str, name: str) -> bool:
        return self.value(table, path, name, bool, " true 或 false")

    def level(self, table: Mapping[str, Any], path: str) -> Level:
        word = self.text(table, path, "level")
        try:
            return Level(word)
        except ValueError:
            self.fail(f"{path}.level", f"应为 error 或 warning，而不是 {word!r}")

    def share(self, table: Mapping[str, Any], path: str) -> ShareRule:
        body = self.table(table, path, _RULE_KEYS | {"at_least"})
        word = self.text(body, path, "at_least")
        match = _SHARE.fullmatch(word)
        if not match or not 0 < int(match[1]) <= int(match[2]):
            self.fail(
                f"{path}.at_least", f'应为“n/d”形式的分数（0 < n ≤ d），如 "7/10"，而不是 {word!r}'
            )
        share = Fraction(int(match[1]), int(match[2]))
        return ShareRule(share, self.level(body, path), *self._cite(body, path))

    def count(self, table: Mapping[str, Any], path: str) -> CountRule:
        body = self.table(table, path, _RULE_KEYS | {"at_least"})
        at_least = self.value(body, path, "at_least", int, "正整数")
        if at_least < 1:
            self.fail(f"{path}.at_least", f"应为正整数，而不是 {at_least!r}")
        return CountRule(at_least, self.level(body, path), *self._cite(body, path))

    def check(self, table: Mapping[str, Any], path: str) -> CheckRule:
        body = self.table(table, path, _RULE_KEYS)
        return CheckRule(self.level(body, path), *self._cite(body, path))

    def _cite(self, body: Mapping[str, Any], path: str) -> tuple[str, str]:
        return self.text(body, path, "source"), self.text(body, path, "wording")

    def category(self, table: Mapping[str, Any], key: str, speech: bool) -> RepresentationCategory:
        path = f"slates.categories.{key}"
        body = self.table(table, path, _CATEGORY_FIELDS)
        words = self.value(body, path, "disabilities", list, "残疾类别的列表")
        disabilities: set[DisabilityCategory] = set()
        for word in words:
            category = parse_category(word) if isinstance(word, str) else None
            if category is None:
                self.fail(
                    f"{path}.disabilities",
                    f"“{word}”不是残疾类别（视力、听力、言语、肢体、智力、精神、多重）",
                )
            disabilities.add(category)
        if not disabilities:
            self.fail(f"{path}.disabilities", "至少要有一个残疾类别")
        name = self.text(body, path, "name")
        if key == "deaf" and speech and DisabilityCategory.SPEECH not in disabilities:
            disabilities.add(DisabilityCategory.SPEECH)
            name += SPEECH_NOTE
        return RepresentationCategory(
            key=key,
            name=name,
            disabilities=frozenset(disabilities),
            relatives_count=self.flag(body, path, "relatives_count"),
            source=self.text(body, path, "source"),
            wording=self.text(body, path, "wording"),
        )

    def slates(self, slates: Mapping[str, Any]) -> SlateRules:
        speech = self.flag(slates, "slates", "deaf_includes_speech")
        categories = self.table(slates, "slates.categories", set(CATEGORY_KEYS))
        congress = self.table(slates, "slates.congress", set(DEFAULTS["slates"]["congress"]))
        presidium = self.table(slates, "slates.presidium", set(DEFAULTS["slates"]["presidium"]))
        council = self.table(slates, "slates.council", set(DEFAULTS["slates"]["council"]))
        c, p = "slates.congress", "slates.presidium"
        return SlateRules(
            invited_delegates_count=self.flag(slates, "slates", "invited_delegates_count"),
            deaf_includes_speech=speech,
            categories=tuple(self.category(categories, key, speech) for key in CATEGORY_KEYS),
            congress=CongressRules(
                disabled_or_relative_share=self.share(congress, f"{c}.disabled_or_relative_share"),
                model_or_frontline_share=self.share(congress, f"{c}.model_or_frontline_share"),
                category=self.count(congress, f"{c}.category"),
                rural_share_trend=self.check(congress, f"{c}.rural_share_trend"),
                org_share_trend=self.check(congress, f"{c}.org_share_trend"),
                volunteer_share_trend=self.check(congress, f"{c}.volunteer_share_trend"),
                category_trend=self.check(congress, f"{c}.category_trend"),
            ),
            presidium=PresidiumRules(
                disabled_or_relative_share=self.share(presidium, f"{p}.disabled_or_relative_share"),
                model_or_frontline_share=self.share(presidium, f"{p}.model_or_frontline_share"),
                category=self.count(presidium, f"{p}.category"),
                category_trend=self.check(presidium, f"{p}.category_trend"),
                members_are_delegates=self.check(presidium, f"{p}.members_are_delegates"),
            ),
            council=CouncilRules(category=self.count(council, "slates.council.category")),
        )


@dataclass(frozen=True, slots=True)
class FileLimits:
    """[files]: the most a spreadsheet may hold or claim before Yishi reads it.

    `max_compression_ratio` applies to a zip member larger than 1 MB unpacked (a small part may
    pack as tightly as it likes); `max_members` counts the parts of an .xlsx.
    """

    max_rows: int = DEFAULTS["files"]["max_rows"]
    max_columns: int = DEFAULTS["files"]["max_columns"]
    max_uncompressed_mb: int = DEFAULTS["files"]["max_uncompressed_mb"]
    max_compression_ratio: int = DEFAULTS["files"]["max_compression_ratio"]
    max_members: int = DEFAULTS["files"]["max_members"]

    @property
    def max_uncompressed_bytes(self) -> int:
        return self.max_uncompressed_mb * 1024 * 1024


def load_file_limits(text: str, *, rules_id: str = "rules") -> FileLimits:
    """Read [files] of a rules file; a key left out keeps its default. Raises `rules_invalid`."""
    data = _parse(text, rules_id)
    reader = _Reader(rules_id)
    if "files" not in data:
        return FileLimits()
    files = reader.table(data, "files", set(DEFAULTS["files"]))
    values: dict[str, int] = {}
    for key in DEFAULTS["files"]:
        if key in files:
            value = reader.value(files, "files", key, int, "正整数")
            if value < 1:
                reader.fail(f"files.{key}", f"应为正整数，而不是 {value!r}")
            values[key] = value
    return FileLimits(**values)


def load_leader_signs(text: str, *, rules_id: str = "rules") -> bool:
    """Read [permissions] leader_signs: whether 领导 accounts sign off replies and finalise
    minutes. Raises `rules_invalid`."""
    data = _parse(text, rules_id)
    if "permissions" not in data:
        return bool(DEFAULTS["permissions"]["leader_signs"])
    reader = _Reader(rules_id)
    table = reader.table(data, "permissions", set(DEFAULTS["permissions"]))
    if "leader_signs" not in table:
        return bool(DEFAULTS["permissions"]["leader_signs"])
    return reader.value(table, "permissions", "leader_signs", bool, "true 或 false")
