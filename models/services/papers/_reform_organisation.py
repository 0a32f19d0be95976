"""The organisation rules' results (helper C's checks) as parts of the yearly reform report: each
rule in its part of the plan, its shortfalls as lists, and two charts drawn from the same facts
(contact days per member against the minimum, Warm Home coverage per street or town)."""

from __future__ import annotations

from collections.abc import Sequence

from models.documents.paper import Bar, Chart
from models.documents.papers.reform_report import PartKey, ReportPart, RuleResult, Shortfall
from models.domain.organisation_rules import (
    OrganisationFacts,
    OrganisationResult,
    TownshipFact,
    visit_days,
)
from models.domain.organisation_vocabulary import PlaceKind
from models.domain.rules import OrganisationRules

# Which part of the plan each organisation rule belongs to (by the id's first word).
_PART_OF: dict[str, PartKey] = {
    "leadership": "council",
    "staff": "council",
    "contact": "contact",
    "grassroots": "grassroots",
    "home": "homes",
    "presidium": "congress",
}
SHORT_HEADERS = ("对象", "情况")
SHORT_WIDTHS = (0.3, 0.7)


def part_of(rule_id: str) -> PartKey:
    return _PART_OF.get(rule_id.split(".")[0], "council")


def organisation_line(result: OrganisationResult, name: str) -> RuleResult:
    status = result.status
    if status == "skipped":
        figure = "—"
    elif result.total:
        figure = f"{result.count}/{result.total}"
    else:
        figure = str(result.count)
    # no minimum, or a minimum of nobody (a rule for every member when there are none)
    required = f"≥{result.required}" if result.required else "—"
    return RuleResult(name, status, figure, required, result.message)


def contact_days_chart(facts: OrganisationFacts, rules: OrganisationRules) -> Chart | None:
    """Distinct days of field visits per member of the 党组 and executive council against the
    rules file's minimum (a day counts once whatever the number of visits)."""
    if not facts.members:
        return None
    days = rules.contact_days.at_least
    bars = tuple(
        Bar(m.name, visit_days(m.visits, year=facts.year, as_of=facts.as_of)) for m in facts.members
    )
    return Chart(
        f"{facts.year}年联系点成员现场工作天数",
        bars,
        target=days,
        target_label=f"要求 {days} 天",
        unit="天",
        note="注：同一天多次走访只计一天；红色为未达到要求的成员。",
    )


def _coverage(township: TownshipFact, rules: OrganisationRules) -> tuple[int, int]:
    """(places that need a Warm Home and have one, places that need one)."""
    rule = rules.home_coverage
    needed = covered = 0
    for place in township.places:
        village = place.kind is PlaceKind.VILLAGE
        figure = place.disabled_residents if village else place.residents
        threshold = rule.village_disabled_residents if village else rule.community_residents
        if figure is None and place.homes == 0:
            needed += 1  # unknown: not shown to be covered
        elif figure is not None and figure >= threshold:
            needed += 1
            covered += place.homes > 0
    return covered, needed


def coverage_chart(facts: OrganisationFacts, rules: OrganisationRules) -> Chart | None:
    """Per street or town, the share of its villages and communities that need a Warm Home and
    have one (100 % where none needs one), and its 示范温馨家园."""
    if not facts.townships:
        return None
    bars = []
    for township in facts.townships:
        covered, needed = _coverage(township, rules)
        share = 100.0 * covered / needed if needed else 100.0
        figure = f"{covered}/{needed}，示范{township.model_homes}个"
        bars.append(Bar(township.name, round(share, 1), figure=figure))
    rule = rules.home_coverage
    return Chart(
        f"{facts.year}年温馨家园覆盖情况（按街乡镇）",
        tuple(bars),
        target=100,
        target_label="全覆盖",
        unit="%",
        note=(
            f"注：覆盖率＝已设温馨家园的应设村、社区÷应设村、社区（残疾人{rule.village_disabled_residents}"
            f"人以上的村、常住人口{rule.community_residents}人以上的社区，未录入人口数的按应设计）；"
            f"每个街乡镇至少{rule.model_homes_per_township}个示范温馨家园。"
        ),
    )


def organisation_parts(
    results: Sequence[OrganisationResult],
    facts: OrganisationFacts | None,
    rules: OrganisationRules,
    names: dict[str, str],
) -> list[ReportPart]:
    """The results in their parts, each failing or warning rule's shortfalls as a list, and the
    charts. `names` gives the words for a rule id a result carries no name for."""
    lines: dict[PartKey, list[RuleResult]] = {}
    shorts: dict[PartKey, list[Shortfall]] = {}
    for result in results:
        key = part_of(result.id)
        name = result.name or names.get(result.id, "其他检查项目")
        lines.setdefault(key, []).append(organisation_line(result, name))
        if result.shortfalls and result.status in ("fail", "warn"):
            rows = tuple((s.subject, s.detail) for s in result.shortfalls)
            shorts.setdefault(key, []).append(
                Shortfall(f"{name}：需改进的方面", SHORT_HEADERS, rows, SHORT_WIDTHS)
            )
    charts: dict[PartKey, list[Chart]] = {}
    if facts is not None:
        for key, chart in (
            ("contact", contact_days_chart(facts, rules)),
            ("homes", coverage_chart(facts, rules)),
        ):
            if chart is not None:
                charts.setdefault(key, []).append(chart)
    keys: list[PartKey] = []
    for key in (*lines, *charts):
        if key not in keys:
            keys.append(key)
    return [
        ReportPart(
            key,
            tuple(lines.get(key, ())),
            tuple(shorts.get(key, ())),
            tuple(charts.get(key, ())),
        )
        for key in keys
    ]
