"""The organisation rules on the dashboard (helper C's check), grouped by part of the plan, each
shortfall pointing at the register record that fixes it; and the charts of contact days per member
against the minimum and of Warm Home coverage by street or town."""

from __future__ import annotations

from fractions import Fraction

from models.domain.motion_statistics import percent
from models.domain.organisation_rules import (
    RULE_NAMES,
    FixRegister,
    OrganisationFacts,
    OrganisationResult,
    TownshipFact,
    check_organisation,
    visit_days,
)
from models.domain.organisation_rules import Shortfall as RuleShortfall
from models.domain.organisation_vocabulary import PlaceKind
from models.domain.rules import OrganisationRules
from models.domain.vocabulary import BodyKind
from models.services.dashboard.contracts import (
    ChartBar,
    ChartData,
    ReformResult,
    ResultGroup,
    Shortfall,
    Target,
    TargetKind,
)
from models.services.organisation.checking import (
    check_day,
    organisation_facts,
    organisation_rules_in_force,
)
from models.services.organisation.contracts import Register
from models.store.unit_of_work import Database

# Rules every one of whose records must comply; the others count people against a minimum.
EVERY_ONE = ("contact.", "grassroots.", "home.", "presidium.")

PARTS: tuple[tuple[str, str], ...] = (
    ("leadership", "干部队伍"),
    ("staff", "干部队伍"),
    ("contact", "联系点制度（一人一村一社区一家园）"),
    ("grassroots", "基层残疾人组织"),
    ("home", "温馨家园"),
    ("presidium", "主席团履职"),
)


def organisation_groups(db: Database, year: int) -> tuple[list[ResultGroup], list[ChartData]]:
    day = check_day(year, None)
    rules, _rules_id = organisation_rules_in_force(db)
    with db.session_factory() as session:
        facts = organisation_facts(session, year=year, as_of=day)
    results = check_organisation(facts, rules)
    groups: dict[str, list[ReformResult]] = {}
    for result in results:
        title = dict(PARTS).get(result.id.split(".")[0], "组织建设")
        groups.setdefault(title, []).append(_result(result))
    return (
        [
            ResultGroup(f"organisation.{i}", f"{year}年{title}", tuple(found))
            for i, (title, found) in enumerate(groups.items())
        ],
        # A chart of nothing (no member in office, no street entered) is left out: the rule says why.
        [c for c in (_days_chart(facts, rules), _coverage_chart(facts, rules)) if c.bars],
    )


def _figure(result: OrganisationResult) -> str:
    count, total, required = result.count, result.total, result.required
    if result.status == "skipped":
        return "—"
    if not total:
        return f"{count} 名，至少 {required} 名" if required else "尚无记录"
    if result.id == "staff.disabled_share":
        return f"{percent(Fraction(count, total))}（{count}/{total}），至少 {required} 名"
    if result.id.startswith(EVERY_ONE):  # every member, association, place or item must
        return f"{count}/{total} 达到"
    if required is None:
        return f"{count}/{total}"
    return f"{count} 名，至少 {required} 名"


def _result(result: OrganisationResult) -> ReformResult:
    return ReformResult(
        id=result.id,
        label=result.name or RULE_NAMES.get(result.id, result.id),
        level=result.level,
        status=result.status,
        figure=_figure(result),
        message=result.message,
        shortfalls=tuple(_shortfall(s) for s in result.shortfalls),
    )


def _shortfall(short: RuleShortfall) -> Shortfall:
    text = f"{short.subject}：{short.detail}" if short.detail else short.subject
    try:
        register = Register(short.register)
    except ValueError:
        register = None
    if register is not None:
        return Shortfall(text, Target(TargetKind.REGISTER, id=short.record_id, register=register))
    if short.register == FixRegister.MEETINGS and short.record_id is not None:
        return Shortfall(
            text, Target(TargetKind.MEETING, id=short.record_id, body=BodyKind.PRESIDIUM)
        )
    return Shortfall(text, None)


def _days_chart(facts: OrganisationFacts, rules: OrganisationRules) -> ChartData:
    need = rules.contact_days.at_least
    days = [
        (m.name, visit_days(m.visits, year=facts.year, as_of=facts.as_of)) for m in facts.members
    ]
    scale = max([need, *(d for _n, d in days)])
    bars = tuple(
        ChartBar(name, n, scale, need, f"{n} 天" + ("" if n >= need else f"（差 {need - n} 天）"))
        for name, n in days
    )
    return ChartData(
        "contact.days", f"{facts.year}年各成员现场调研、入户问需天数（竖线为 {need} 天）", bars
    )


def _coverage(township: TownshipFact, rules: OrganisationRules) -> tuple[int, int]:
    """(places that need a Warm Home and have one, places that need one); a place without its
    figure entered counts as needing one, as the rule says."""
    rule = rules.home_coverage
    needed = covered = 0
    for place in township.places:
        village = place.kind is PlaceKind.VILLAGE
        figure = place.disabled_residents if village else place.residents
        threshold = rule.village_disabled_residents if village else rule.community_residents
        if (figure is None and place.homes == 0) or (figure is not None and figure >= threshold):
            needed += 1
            covered += place.homes > 0
    return covered, needed


def _coverage_chart(facts: OrganisationFacts, rules: OrganisationRules) -> ChartData:
    least = rules.home_coverage.model_homes_per_township
    bars = []
    for township in facts.townships:
        covered, needed = _coverage(township, rules)
        model = f"示范 {township.model_homes} 个" + (
            "" if township.model_homes >= least else "（缺）"
        )
        text = f"{covered}/{needed}，{model}" if needed else f"无应设村社区，{model}"
        bars.append(ChartBar(township.name, covered, needed, needed or None, text))
    return ChartData(
        "home.coverage", f"{facts.year}年温馨家园覆盖（按街乡镇，竖线为全覆盖）", tuple(bars)
    )
