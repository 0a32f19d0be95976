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
from models.domain.vocabulary import DisabilityCategory, Employment

CATEGORY_KEYS = ("blind", "deaf", "physical", "intellectual", "psychosocial")
SPEECH_NOTE = "（含言语残疾）"

_SEED = "二、（一）1"
_CATEGORY_WORDING = (
    "充实盲人、聋人、肢残人、智力残疾人及亲友、精神残疾人及亲友等各类别代表和委员数量"
)


_CADRES = "二、（二）1"
_SECONDED = "二、（二）2"
_CONTACT = "二、（二）3"
_GRASSROOTS = "二、（六）1"


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
    # The organisation rules (DOMAIN §3; `yishi check organisation`): the table path is the rule
    # id, so [organisation.staff.disabled_share] holds staff.disabled_share's figures.
    "organisation": {
        "leadership": {
            "disabled_fulltime": {
                "at_least": 1,
                **_check("error", "区残联领导班子中至少配备1名残疾人专职干部", _CADRES),
            },
        },
        "staff": {
            "disabled_share": {
                "at_least": "1/10",
                "employments": ["专职", "挂职", "兼职"],
                **_check("error", "区残联残疾人干部比例不低于10%", _CADRES),
            },
            "seconded": {
                "at_least": 1,
                **_check("error", "区残联至少配备1名挂职干部", _SECONDED),
            },
            "part_time": {
                "at_least": 1,
                **_check("error", "至少配备1名兼职干部", _SECONDED),
            },
        },
        "contact": {
            "points": {
                "low_income_label": "低收入村",
                **_check(
                    "error",
                    "区残联党组、执行理事会成员明确一个低收入村、一个社区、一个“温馨家园”作为联系点",
                    _CONTACT,
                ),
            },
            "days": {
                "at_least": 60,
                **_check("error", "每年现场调研、入户问需不少于60天", _CONTACT),
            },
        },
        "grassroots": {
            "association": {
                "vice_chair": {
                    "at_least": 1,
                    **_check("error", "至少1名残疾人或其亲友兼任副主席", _GRASSROOTS),
                },
                "full_time_member": {
                    "at_least": 1,
                    **_check("error", "通过社会化途径公开选聘至少1名残疾人专职委员", _GRASSROOTS),
                },
                "chair_post": _check(
                    "warning",
                    "支持依法依章程推选居（村）委员会主任或副主任兼任残疾人协会主席",
                    _GRASSROOTS,
                ),
                "part_time_members": {
                    "at_most": 2,
                    **_check("warning", "可设立兼职委员1-2名", _GRASSROOTS),
                },
            },
        },
        "home": {
            "coverage": {
                "model_homes_per_township": 1,
                "village_disabled_residents": 50,
                "community_residents": 7000,
                **_check(
                    "error",
                    "推动每个街镇至少有1个示范温馨家园，残疾人口达到50人以上的村、"
                    "人口规模在7000人以上的社区要配套建设“温馨家园”",
                    "二、（六）3",
                ),
            },
        },
        "presidium": {
            "yearly_review": {
                "work_report_keywords": ["工作报告"],
                "budget_keywords": ["预算执行"],
                **_check(
                    "warning",
                    "推动区残联主席团审议执行理事会工作报告、预算执行情况监督等制度的建立",
                    "二、（一）2",
                ),
            },
        },
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


# --- [organisation] (DOMAIN §3 organisation rules) ---------------------------------------------


@dataclass(frozen=True, slots=True)
class StaffShareRule:
    """staff.disabled_share: disabled cadres at least `at_least` of the cadres whose employment
    is one of `employments` (以上: the share itself passes)."""

    at_least: Fraction
    employments: frozenset[Employment]
    level: Level
    source: str
    wording: str


@dataclass(frozen=True, slots=True)
class ContactPointsRule:
    """contact.points: each member's village must carry `low_income_label` (低收入村)."""

    low_income_label: str
    level: Level
    source: str
    wording: str


@dataclass(frozen=True, slots=True)
class MaximumRule:
    """At most `at_most` (兼职委员 "可设立1-2名": none is fine, more is not)."""

    at_most: int
    level: Level
    source: str
    wording: str


@dataclass(frozen=True, slots=True)
class HomeCoverageRule:
    """home.coverage: model Warm Homes per township, and the figures from which a village (its
    disabled residents) or a community (its residents) must have a Warm Home (以上: included)."""

    model_homes_per_township: int
    village_disabled_residents: int
    community_residents: int
    level: Level
    source: str
    wording: str


@dataclass(frozen=True, slots=True)
class YearlyReviewRule:
    """presidium.yearly_review: an agenda item of a title with one of the keywords counts as the
    work report's (or the budget execution's) review even when entered under another kind."""

    work_report_keywords: tuple[str, ...]
    budget_keywords: tuple[str, ...]
    level: Level
    source: str
    wording: str


@dataclass(frozen=True, slots=True)
class OrganisationRules:
    """The [organisation] section: one value per rule id (grassroots.association in four parts)."""

    leadership_disabled_fulltime: CountRule
    staff_disabled_share: StaffShareRule
    staff_seconded: CountRule
    staff_part_time: CountRule
    contact_points: ContactPointsRule
    contact_days: CountRule
    association_vice_chair: CountRule
    association_full_time_member: CountRule
    association_chair_post: CheckRule
    association_part_time_members: MaximumRule
    home_coverage: HomeCoverageRule
    presidium_yearly_review: YearlyReviewRule


def load_rules(text: str, *, rules_id: str) -> Rules:
    """Parse a rules file; any mistake raises DomainError("rules_invalid", key=<dotted key>)."""
    return rules_from(parse_rules_text(text, rules_id), rules_id=rules_id)


def rules_from(data: Mapping[str, Any], *, rules_id: str) -> Rules:
    """The same from the file already parsed by `parse_rules_text` (`data` is only read), so a
    whole-file check parses the file once, not once per section (~1 ms each)."""
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


def parse_rules_text(text: str, rules_id: str) -> dict[str, Any]:
    """The rules file as TOML; a syntax error is `rules_invalid` naming the file."""
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


# The sections of a rules file; meetings, motions, decisions and organisation are read by their
# own loaders.
SECTIONS = {
    "rules",
    "slates",
    "meetings",
    "motions",
    "decisions",
    "files",
    "permissions",
    "organisation",
}
_T = TypeVar("_T")
_SHARE = re.compile(r"\s*(\d+)\s*/\s*(\d+)\s*")
_RULE_KEYS = {"level", "source", "wording"}
_NONE: frozenset[str] = frozenset()
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

    def share(
        self, table: Mapping[str, Any], path: str, extra: frozenset[str] = _NONE
    ) -> ShareRule:
        body = self.table(table, path, _RULE_KEYS | {"at_least"} | extra)
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
        at_least = self.whole(body, path, "at_least")
        return CountRule(at_least, self.level(body, path), *self._cite(body, path))

    def check(
        self, table: Mapping[str, Any], path: str, extra: frozenset[str] = _NONE
    ) -> CheckRule:
        body = self.table(table, path, _RULE_KEYS | extra)
        return CheckRule(self.level(body, path), *self._cite(body, path))

    def whole(self, table: Mapping[str, Any], path: str, name: str, *, least: int = 1) -> int:
        """A whole number of at least `least` (people, days, residents)."""
        value = self.value(table, path, name, int, "正整数" if least == 1 else "整数")
        if value < least:
            what = "正整数" if least == 1 else f"不小于 {least} 的整数"
            self.fail(f"{path}.{name}", f"应为{what}，而不是 {value!r}")
        return value

    def words(self, table: Mapping[str, Any], path: str, name: str) -> tuple[str, ...]:
        """A non-empty list of non-blank texts."""
        value = self.value(table, path, name, list, "文字的列表")
        if not value or not all(isinstance(w, str) and w.strip() for w in value):
            self.fail(f"{path}.{name}", f'应为非空的文字列表，如 ["工作报告"]，而不是 {value!r}')
        return tuple(w.strip() for w in value)

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

    def organisation(self, section: Mapping[str, Any]) -> OrganisationRules:
        o = "organisation"
        shape = DEFAULTS[o]
        parts = {name: self.table(section, f"{o}.{name}", set(shape[name])) for name in shape}
        association = self.table(
            parts["grassroots"],
            f"{o}.grassroots.association",
            set(shape["grassroots"]["association"]),
        )
        a = f"{o}.grassroots.association"
        share_path = f"{o}.staff.disabled_share"
        share = self.share(parts["staff"], share_path, frozenset({"employments"}))
        employments: set[Employment] = set()
        for word in self.words(self.table(parts["staff"], share_path), share_path, "employments"):
            try:
                employments.add(Employment(word))
            except ValueError:
                self.fail(
                    f"{share_path}.employments",
                    f"“{word}”不是干部的任用方式（{'、'.join(e.value for e in Employment)}）",
                )
        points_path = f"{o}.contact.points"
        points = self.check(parts["contact"], points_path, frozenset({"low_income_label"}))
        points_body = self.table(parts["contact"], points_path)
        label = self.text(points_body, points_path, "low_income_label").strip()
        if not label:
            self.fail(f"{points_path}.low_income_label", '不能为空，如 "低收入村"')
        part_time_path = f"{a}.part_time_members"
        part_time = self.check(association, part_time_path, frozenset({"at_most"}))
        part_time_body = self.table(association, part_time_path)
        home_path = f"{o}.home.coverage"
        home_figures = (
            "model_homes_per_township",
            "village_disabled_residents",
            "community_residents",
        )
        home = self.check(parts["home"], home_path, frozenset(home_figures))
        home_body = self.table(parts["home"], home_path)
        review_path = f"{o}.presidium.yearly_review"
        review_keys = frozenset({"work_report_keywords", "budget_keywords"})
        review = self.check(parts["presidium"], review_path, review_keys)
        review_body = self.table(parts["presidium"], review_path)
        return OrganisationRules(
            leadership_disabled_fulltime=self.count(
                parts["leadership"], f"{o}.leadership.disabled_fulltime"
            ),
            staff_disabled_share=StaffShareRule(
                share.at_least, frozenset(employments), share.level, share.source, share.wording
            ),
            staff_seconded=self.count(parts["staff"], f"{o}.staff.seconded"),
            staff_part_time=self.count(parts["staff"], f"{o}.staff.part_time"),
            contact_points=ContactPointsRule(label, points.level, points.source, points.wording),
            contact_days=self.count(parts["contact"], f"{o}.contact.days"),
            association_vice_chair=self.count(association, f"{a}.vice_chair"),
            association_full_time_member=self.count(association, f"{a}.full_time_member"),
            association_chair_post=self.check(association, f"{a}.chair_post"),
            association_part_time_members=MaximumRule(
                self.whole(part_time_body, part_time_path, "at_most", least=0),
                part_time.level,
                part_time.source,
                part_time.wording,
            ),
            home_coverage=HomeCoverageRule(
                model_homes_per_township=self.whole(home_body, home_path, home_figures[0]),
                village_disabled_residents=self.whole(home_body, home_path, home_figures[1]),
                community_residents=self.whole(home_body, home_path, home_figures[2]),
                level=home.level,
                source=home.source,
                wording=home.wording,
            ),
            presidium_yearly_review=YearlyReviewRule(
                self.words(review_body, review_path, "work_report_keywords"),
                self.words(review_body, review_path, "budget_keywords"),
                review.level,
                review.source,
                review.wording,
            ),
        )


def load_organisation_rules(text: str, *, rules_id: str = "rules") -> OrganisationRules:
    """Read [organisation]; what a district leaves out keeps the shipped figure. A mistake raises
    DomainError("rules_invalid", key=<dotted key>)."""
    return organisation_rules_from(parse_rules_text(text, rules_id), rules_id=rules_id)


def organisation_rules_from(
    data: Mapping[str, Any], *, rules_id: str = "rules"
) -> OrganisationRules:
    """The same from the file already parsed (`data` is only read)."""
    reader = _Reader(rules_id)
    if "organisation" in data:
        reader.table(data, "organisation", set(DEFAULTS["organisation"]))
    merged = _merge(DEFAULTS, {"organisation": data.get("organisation", {})})
    return reader.organisation(reader.table(merged, "organisation"))


def default_organisation_rules() -> OrganisationRules:
    """The shipped figures (a database that records no rules file)."""
    return _Reader("rules").organisation(DEFAULTS["organisation"])


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
    return file_limits_from(parse_rules_text(text, rules_id), rules_id=rules_id)


def file_limits_from(data: Mapping[str, Any], *, rules_id: str = "rules") -> FileLimits:
    """The same from the file already parsed (`data` is only read)."""
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
    return leader_signs_from(parse_rules_text(text, rules_id), rules_id=rules_id)


def leader_signs_from(data: Mapping[str, Any], *, rules_id: str = "rules") -> bool:
    """The same from the file already parsed (`data` is only read)."""
    if "permissions" not in data:
        return bool(DEFAULTS["permissions"]["leader_signs"])
    reader = _Reader(rules_id)
    table = reader.table(data, "permissions", set(DEFAULTS["permissions"]))
    if "leader_signs" not in table:
        return bool(DEFAULTS["permissions"]["leader_signs"])
    return reader.value(table, "permissions", "leader_signs", bool, "true 或 false")
