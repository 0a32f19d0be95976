"""The organisation rules of the reform plan (DOMAIN §3, organisation list): pure checks from plain
facts to results with the people and places that make a rule fail.

Figures and levels come from the rules file ([organisation], `rules.OrganisationRules`); the
facts are assembled from the registers by `models/services/organisation/checking.py`.

Decisions where DOMAIN §3 leaves room, as a clerk on day one would want them:
- An empty register is a failure to report, never a pass and never `skipped`: no cadres, no
  members of the 党组 and executive council, no associations or no townships make the rules that
  need them fail (or warn, for a warning-level rule), each with a shortfall that names the empty
  register. So no result is `skipped`; `Status` keeps the value for the shape's sake.
- staff.disabled_share with no cadres: `required` is 1 — the fewest disabled cadres any
  establishment needs (the ceiling of a positive share of a positive total is at least 1).
- Rules that every member or every association must meet (contact.*, grassroots.association.*,
  home.coverage) count whom they judge: `count` met, `total` judged, `required` = `total`.
- grassroots.association has four parts with their own levels in the file (two errors, two
  warnings), so it gives four results, grassroots.association.{vice_chair, full_time_member,
  chair_post, part_time_members}, as the slate rules give congress.category.{blind, …}: one
  status per level keeps "a failing warning-level rule is `warn`" true, and each part says what
  to fix.
- home.coverage: a village or community without a Warm Home and without its figure for the year
  cannot be shown to be covered: it fails, asking for the figure. One with a Warm Home is fine
  whatever its figure.
- contact.days counts the distinct days of the calendar year up to `as_of` (two visits on one
  day: one day); a member who joined during the year owes the same figure.
- presidium.yearly_review: the presidium's meetings held in the year up to `as_of` have an item
  of kind 审议执行理事会工作报告 and one of kind 预算执行情况监督, or an item whose title holds one
  of the rules file's keywords; `total` is 2 (the two reviews), `count` those found.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any, Literal, Protocol

from models.domain.dates import chinese_date
from models.domain.errors import Level
from models.domain.meeting_vocabulary import AgendaKind
from models.domain.messages import message
from models.domain.organisation_vocabulary import OfficerRole, PlaceKind
from models.domain.rules import CheckRule, CountRule, MaximumRule, OrganisationRules
from models.domain.vocabulary import Employment

Status = Literal["pass", "fail", "warn", "skipped"]

ASSOCIATION_PARTS = ("vice_chair", "full_time_member", "chair_post", "part_time_members")
RULE_IDS = (
    "leadership.disabled_fulltime",
    "staff.disabled_share",
    "staff.seconded",
    "staff.part_time",
    "contact.points",
    "contact.days",
    *(f"grassroots.association.{part}" for part in ASSOCIATION_PARTS),
    "home.coverage",
    "presidium.yearly_review",
)
RULE_NAMES: dict[str, str] = {
    "leadership.disabled_fulltime": "领导班子中的残疾人专职干部",
    "staff.disabled_share": "残疾人干部比例",
    "staff.seconded": "挂职干部",
    "staff.part_time": "兼职干部",
    "contact.points": "联系点（一人一村一社区一家园）",
    "contact.days": "现场调研、入户问需天数",
    "grassroots.association.vice_chair": "残疾人协会副主席（残疾人或其亲友）",
    "grassroots.association.full_time_member": "残疾人协会专职委员",
    "grassroots.association.chair_post": "居（村）委员会主任或副主任兼任协会主席",
    "grassroots.association.part_time_members": "残疾人协会兼职委员人数",
    "home.coverage": "温馨家园覆盖",
    "presidium.yearly_review": "主席团审议工作报告和预算执行情况",
}


class FixRegister(StrEnum):
    """Where a shortfall is fixed: the organisation registers by their command-line names
    (`services.organisation.contracts.Register`), the bodies' members, and the meetings."""

    TOWNSHIPS = "townships"
    PLACES = "places"
    POPULATION = "population"
    CADRES = "cadres"
    HOMES = "homes"
    CONTACTS = "contacts"
    VISITS = "visits"
    ORGANISATIONS = "organisations"
    OFFICERS = "officers"
    MEMBERS = "members"  # the 党组 and executive council's terms (yishi terms …)
    MEETINGS = "meetings"


# --- facts in --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CadreFact:
    """A cadre in office on the day of the check."""

    id: int
    name: str
    employment: Employment
    leadership: bool = False
    disabled: bool = False


@dataclass(frozen=True, slots=True)
class ContactFact:
    """A member's contact point in office: the places and Warm Home still in office, else None."""

    id: int
    village: str | None = None
    village_low_income: bool = False
    community: str | None = None
    warm_home: str | None = None


@dataclass(frozen=True, slots=True)
class MemberFact:
    """A member of the 党组 or the executive council in office, with every field visit's day."""

    person_id: int
    name: str
    contact: ContactFact | None = None
    visits: tuple[date, ...] = ()


@dataclass(frozen=True, slots=True)
class OfficerFact:
    id: int
    role: OfficerRole
    name: str
    disabled: bool = False
    relative: bool = False
    committee_post: str | None = None  # 主任 / 副主任 of the 居（村）委员会


@dataclass(frozen=True, slots=True)
class AssociationFact:
    """A community or village association in office, with its officers in office."""

    id: int
    name: str
    township_id: int | None = None
    officers: tuple[OfficerFact, ...] = ()


@dataclass(frozen=True, slots=True)
class PlaceFact:
    """A village or community in office, its figures of the year, its Warm Homes in office."""

    id: int
    name: str
    kind: PlaceKind
    disabled_residents: int | None = None
    residents: int | None = None
    homes: int = 0


@dataclass(frozen=True, slots=True)
class TownshipFact:
    id: int
    name: str
    model_homes: int = 0  # 示范温馨家园 in office anywhere in the township
    places: tuple[PlaceFact, ...] = ()


@dataclass(frozen=True, slots=True)
class AgendaFact:
    """An agenda item of a presidium meeting held on `meeting_date`."""

    meeting_id: int
    meeting: str
    meeting_date: date
    kind: AgendaKind
    title: str


@dataclass(frozen=True, slots=True)
class OrganisationFacts:
    year: int
    as_of: date
    cadres: tuple[CadreFact, ...] = ()
    members: tuple[MemberFact, ...] = ()
    associations: tuple[AssociationFact, ...] = ()
    townships: tuple[TownshipFact, ...] = ()
    presidium_items: tuple[AgendaFact, ...] = ()


# --- results out -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Shortfall:
    """What makes a rule fail, and where it is fixed: `record_id` is the record of `register`
    to open (None: one is to be added); `person_id` / `township_id` narrow the register's list."""

    subject: str
    register: str
    record_id: int | None
    detail: str
    person_id: int | None = None
    township_id: int | None = None


@dataclass(frozen=True, slots=True)
class OrganisationResult:
    """DOMAIN §3's result shape (as `composition.RuleResult`), with the shortfalls, the rule's
    short name and the seed's section and words for papers and the dashboard."""

    id: str
    level: Level
    status: Status
    count: int
    total: int
    required: int | None
    message: str
    shortfalls: tuple[Shortfall, ...] = ()
    name: str = ""
    source: str = ""
    wording: str = ""


@dataclass(frozen=True, slots=True)
class OrganisationReport:
    """Every organisation rule for one year, as `yishi check organisation` prints it."""

    year: int
    as_of: date
    rules_id: str
    results: tuple[OrganisationResult, ...]

    @property
    def has_failed_errors(self) -> bool:
        return any(result.status == "fail" for result in self.results)

    def result(self, rule_id: str) -> OrganisationResult:
        return next(result for result in self.results if result.id == rule_id)


# --- the checks ------------------------------------------------------------------------------


def check_organisation(
    facts: OrganisationFacts, rules: OrganisationRules
) -> tuple[OrganisationResult, ...]:
    """Every organisation rule, in RULE_IDS order."""
    return (
        check_leadership(facts.cadres, rules),
        check_disabled_share(facts.cadres, rules),
        check_employment(facts.cadres, rules, Employment.SECONDED),
        check_employment(facts.cadres, rules, Employment.PART_TIME),
        check_contact_points(facts.members, rules),
        check_contact_days(facts.members, rules, year=facts.year, as_of=facts.as_of),
        *check_associations(facts.associations, rules),
        check_home_coverage(facts.townships, rules, year=facts.year),
        check_yearly_review(facts.presidium_items, rules, year=facts.year, as_of=facts.as_of),
    )


def check_leadership(cadres: Sequence[CadreFact], rules: OrganisationRules) -> OrganisationResult:
    rule = rules.leadership_disabled_fulltime
    leaders = [c for c in cadres if c.leadership]
    hits = [c for c in leaders if c.disabled and c.employment is Employment.FULL_TIME]
    count, total, required = len(hits), len(leaders), rule.at_least
    params = {"count": count, "total": total, "required": required}
    shortfalls: list[Shortfall] = []
    if count >= required:
        code = "org_leadership_pass"
    elif not leaders:
        code = "org_leadership_empty"
        shortfalls.append(_short("领导班子", FixRegister.CADRES, None, "org_short_no_leaders"))
    else:
        code = "org_leadership_fail"
        shortfalls.append(
            _short(
                "领导班子",
                FixRegister.CADRES,
                None,
                "org_short_leaders",
                names="、".join(c.name for c in leaders),
                count=count,
                required=required,
            )
        )
        for cadre in leaders:
            if cadre.disabled and cadre.employment is not Employment.FULL_TIME:
                shortfalls.append(
                    _short(
                        cadre.name,
                        FixRegister.CADRES,
                        cadre.id,
                        "org_short_leader_not_fulltime",
                        employment=cadre.employment.value,
                    )
                )
    return _result(
        "leadership.disabled_fulltime",
        rule,
        count >= required,
        count,
        total,
        required,
        code,
        params,
        shortfalls,
    )


def check_disabled_share(
    cadres: Sequence[CadreFact], rules: OrganisationRules
) -> OrganisationResult:
    rule = rules.staff_disabled_share
    counted = [c for c in cadres if c.employment in rule.employments]
    total = len(counted)
    count = sum(1 for c in counted if c.disabled)
    share = rule.at_least
    threshold = _threshold(share.numerator, share.denominator)
    employments = "、".join(e.value for e in Employment if e in rule.employments)
    if total == 0:
        return _result(
            "staff.disabled_share",
            rule,
            False,
            0,
            0,
            1,
            "org_share_empty",
            {"threshold": threshold, "employments": employments},
            [_short("区残联干部", FixRegister.CADRES, None, "org_short_no_cadres")],
        )
    required = -(-share.numerator * total // share.denominator)  # ceiling, exactly
    met = count >= required
    params: dict[str, Any] = {
        "count": count,
        "total": total,
        "required": required,
        "gap": max(0, required - count),
        "percent": _percent(count, total),
        "threshold": threshold,
        "employments": employments,
    }
    shortfalls = (
        [] if met else [_short("区残联干部", FixRegister.CADRES, None, "org_short_share", **params)]
    )
    code = "org_share_pass" if met else "org_share_fail"
    return _result(
        "staff.disabled_share", rule, met, count, total, required, code, params, shortfalls
    )


def check_employment(
    cadres: Sequence[CadreFact], rules: OrganisationRules, employment: Employment
) -> OrganisationResult:
    """staff.seconded (挂职) or staff.part_time (兼职): at least so many cadres so employed."""
    rule_id = "staff.seconded" if employment is Employment.SECONDED else "staff.part_time"
    rule = rules.staff_seconded if employment is Employment.SECONDED else rules.staff_part_time
    count = sum(1 for c in cadres if c.employment is employment)
    met = count >= rule.at_least
    params: dict[str, Any] = {"kind": employment.value, "count": count, "required": rule.at_least}
    shortfalls = (
        []
        if met
        else [_short("区残联干部", FixRegister.CADRES, None, "org_short_employment", **params)]
    )
    code = "org_employment_pass" if met else "org_employment_fail"
    return _result(rule_id, rule, met, count, len(cadres), rule.at_least, code, params, shortfalls)


def check_contact_points(
    members: Sequence[MemberFact], rules: OrganisationRules
) -> OrganisationResult:
    rule = rules.contact_points
    label = rule.low_income_label
    shortfalls: list[Shortfall] = []
    for member in members:
        problems = _contact_problems(member.contact, label)
        if problems:
            shortfalls.append(
                Shortfall(
                    member.name,
                    FixRegister.CONTACTS,
                    member.contact.id if member.contact else None,
                    "；".join(problems),
                    person_id=member.person_id,
                )
            )
    total = len(members)
    count = total - len(shortfalls)
    if total == 0:
        return _result(
            "contact.points",
            rule,
            False,
            0,
            0,
            0,
            "org_members_empty",
            {},
            [_short("党组和执行理事会", FixRegister.MEMBERS, None, "org_short_no_members")],
        )
    params = {"count": count, "total": total, "gap": total - count, "label": label}
    code = "org_contact_points_pass" if not shortfalls else "org_contact_points_fail"
    return _result(
        "contact.points", rule, not shortfalls, count, total, total, code, params, shortfalls
    )


def _contact_problems(contact: ContactFact | None, label: str) -> list[str]:
    if contact is None:
        return [message("org_short_no_contact", {"label": label})]
    problems: list[str] = []
    if contact.village is None:
        problems.append(message("org_short_no_village", {"label": label}))
    elif not contact.village_low_income:
        problems.append(
            message("org_short_not_low_income", {"village": contact.village, "label": label})
        )
    if contact.community is None:
        problems.append(message("org_short_no_community"))
    if contact.warm_home is None:
        problems.append(message("org_short_no_home"))
    return problems


def visit_days(visits: Sequence[date], *, year: int, as_of: date) -> int:
    """Distinct days of field visits in `year` up to `as_of`: two visits on one day count once."""
    return len({day for day in visits if day.year == year and day <= as_of})


def check_contact_days(
    members: Sequence[MemberFact], rules: OrganisationRules, *, year: int, as_of: date
) -> OrganisationResult:
    rule = rules.contact_days
    days = rule.at_least
    if not members:
        return _result(
            "contact.days",
            rule,
            False,
            0,
            0,
            0,
            "org_members_empty",
            {},
            [_short("党组和执行理事会", FixRegister.MEMBERS, None, "org_short_no_members")],
        )
    shortfalls: list[Shortfall] = []
    for member in members:
        done = visit_days(member.visits, year=year, as_of=as_of)
        if done < days:
            shortfalls.append(
                _short(
                    member.name,
                    FixRegister.VISITS,
                    None,
                    "org_short_days",
                    person_id=member.person_id,
                    year=year,
                    done=done,
                    gap=days - done,
                )
            )
    total = len(members)
    count = total - len(shortfalls)
    until = "" if as_of >= date(year, 12, 31) else f"（截至{chinese_date(as_of)}）"
    params = {
        "count": count,
        "total": total,
        "gap": total - count,
        "days": days,
        "year": year,
        "until": until,
    }
    code = "org_contact_days_pass" if not shortfalls else "org_contact_days_fail"
    return _result(
        "contact.days", rule, not shortfalls, count, total, total, code, params, shortfalls
    )


def check_associations(
    associations: Sequence[AssociationFact], rules: OrganisationRules
) -> tuple[OrganisationResult, ...]:
    """grassroots.association, one result per part (vice_chair, full_time_member, chair_post,
    part_time_members), each with its own level from the file."""
    parts: list[tuple[str, CountRule | CheckRule | MaximumRule]] = [
        ("vice_chair", rules.association_vice_chair),
        ("full_time_member", rules.association_full_time_member),
        ("chair_post", rules.association_chair_post),
        ("part_time_members", rules.association_part_time_members),
    ]
    results: list[OrganisationResult] = []
    for part, rule in parts:
        rule_id = f"grassroots.association.{part}"
        figure = {"minimum": getattr(rule, "at_least", 0), "maximum": getattr(rule, "at_most", 0)}
        if not associations:
            results.append(
                _result(
                    rule_id,
                    rule,
                    False,
                    0,
                    0,
                    0,
                    "org_associations_empty",
                    {},
                    [
                        _short(
                            "社区（村）残疾人协会",
                            FixRegister.ORGANISATIONS,
                            None,
                            "org_short_no_associations",
                        )
                    ],
                )
            )
            continue
        shortfalls: list[Shortfall] = []
        for association in associations:
            problem = _association_problem(association, part, rule)
            if problem is not None:
                shortfalls.append(
                    Shortfall(
                        association.name,
                        FixRegister.ORGANISATIONS,
                        association.id,
                        problem,
                        township_id=association.township_id,
                    )
                )
        total = len(associations)
        count = total - len(shortfalls)
        params = {"count": count, "total": total, "gap": total - count, **figure}
        code = f"org_association_{part}_{'pass' if not shortfalls else 'fail'}"
        results.append(
            _result(rule_id, rule, not shortfalls, count, total, total, code, params, shortfalls)
        )
    return tuple(results)


def _association_problem(
    association: AssociationFact, part: str, rule: CountRule | CheckRule | MaximumRule
) -> str | None:
    officers = association.officers

    def holding(role: OfficerRole) -> list[OfficerFact]:
        return [o for o in officers if o.role is role]

    if part == "vice_chair":
        assert isinstance(rule, CountRule)
        vice = holding(OfficerRole.VICE_CHAIR)
        n = sum(1 for o in vice if o.disabled or o.relative)
        if n >= rule.at_least:
            return None
        if not vice:
            return message("org_short_no_vice_chair", {"minimum": rule.at_least})
        return message(
            "org_short_vice_chair",
            {"names": "、".join(o.name for o in vice), "count": n, "minimum": rule.at_least},
        )
    if part == "full_time_member":
        assert isinstance(rule, CountRule)
        n = len(holding(OfficerRole.FULL_TIME_MEMBER))
        if n >= rule.at_least:
            return None
        return message("org_short_full_time", {"count": n, "minimum": rule.at_least})
    if part == "chair_post":
        chairs = holding(OfficerRole.CHAIR)
        if any(o.committee_post for o in chairs):
            return None
        if not chairs:
            return message("org_short_no_chair")
        return message("org_short_chair_post", {"names": "、".join(o.name for o in chairs)})
    assert isinstance(rule, MaximumRule)
    n = len(holding(OfficerRole.PART_TIME_MEMBER))
    if n <= rule.at_most:
        return None
    return message("org_short_part_time", {"count": n, "maximum": rule.at_most})


def check_home_coverage(
    townships: Sequence[TownshipFact], rules: OrganisationRules, *, year: int
) -> OrganisationResult:
    rule = rules.home_coverage
    figures = {
        "model": rule.model_homes_per_township,
        "village": rule.village_disabled_residents,
        "community": rule.community_residents,
    }
    if not townships:
        return _result(
            "home.coverage",
            rule,
            False,
            0,
            0,
            0,
            "org_homes_empty",
            figures,
            [_short("街乡镇", FixRegister.TOWNSHIPS, None, "org_short_no_townships")],
        )
    total = 0
    shortfalls: list[Shortfall] = []
    for township in townships:
        total += 1
        if township.model_homes < rule.model_homes_per_township:
            shortfalls.append(
                _short(
                    township.name,
                    FixRegister.HOMES,
                    None,
                    "org_short_model_homes",
                    township_id=township.id,
                    count=township.model_homes,
                    required=rule.model_homes_per_township,
                )
            )
        for place in township.places:
            village = place.kind is PlaceKind.VILLAGE
            figure = place.disabled_residents if village else place.residents
            threshold = rule.village_disabled_residents if village else rule.community_residents
            needs = figure is None or figure >= threshold
            if place.homes > 0:
                total += figure is not None and figure >= threshold
                continue
            if not needs:
                continue
            total += 1
            subject = f"{township.name}{place.name}"
            if figure is None:
                code = "org_short_no_figure_village" if village else "org_short_no_figure_community"
                shortfalls.append(
                    _short(
                        subject,
                        FixRegister.POPULATION,
                        None,
                        code,
                        township_id=township.id,
                        year=year,
                    )
                )
            else:
                code = "org_short_village_home" if village else "org_short_community_home"
                shortfalls.append(
                    _short(
                        subject,
                        FixRegister.HOMES,
                        None,
                        code,
                        township_id=township.id,
                        year=year,
                        figure=figure,
                        threshold=threshold,
                    )
                )
    count = total - len(shortfalls)
    params = {"count": count, "total": total, "gap": total - count, **figures}
    code = "org_homes_pass" if not shortfalls else "org_homes_fail"
    return _result(
        "home.coverage", rule, not shortfalls, count, total, total, code, params, shortfalls
    )


def check_yearly_review(
    items: Sequence[AgendaFact], rules: OrganisationRules, *, year: int, as_of: date
) -> OrganisationResult:
    rule = rules.presidium_yearly_review
    in_year = [i for i in items if i.meeting_date.year == year and i.meeting_date <= as_of]

    def found(kind: AgendaKind, keywords: tuple[str, ...]) -> AgendaFact | None:
        return next(
            (i for i in in_year if i.kind is kind or any(k in i.title for k in keywords)), None
        )

    reviews = [
        (
            "工作报告",
            found(AgendaKind.WORK_REPORT, rule.work_report_keywords),
            AgendaKind.WORK_REPORT,
        ),
        ("预算执行", found(AgendaKind.BUDGET, rule.budget_keywords), AgendaKind.BUDGET),
    ]
    shortfalls = [
        _short(
            "主席团会议", FixRegister.MEETINGS, None, "org_short_review", year=year, kind=kind.value
        )
        for _what, item, kind in reviews
        if item is None
    ]
    count = sum(1 for _what, item, _kind in reviews if item is not None)
    if shortfalls:
        missing = "和".join(f"“{s_kind.value}”" for _w, item, s_kind in reviews if item is None)
        params: dict[str, object] = {"year": year, "missing": missing}
        code = "org_review_fail"
    else:
        meetings = "、".join(dict.fromkeys(item.meeting for _w, item, _k in reviews if item))
        params = {"year": year, "meetings": meetings}
        code = "org_review_pass"
    return _result(
        "presidium.yearly_review", rule, not shortfalls, count, 2, 2, code, params, shortfalls
    )


# --- helpers ---------------------------------------------------------------------------------


def _short(
    subject: str,
    register: FixRegister,
    record_id: int | None,
    code: str,
    *,
    person_id: int | None = None,
    township_id: int | None = None,
    **params: Any,
) -> Shortfall:
    return Shortfall(
        subject,
        register.value,
        record_id,
        message(code, params),
        person_id=person_id,
        township_id=township_id,
    )


class _Cited(Protocol):
    @property
    def level(self) -> Level: ...
    @property
    def source(self) -> str: ...
    @property
    def wording(self) -> str: ...


def _result(
    rule_id: str,
    rule: _Cited,
    met: bool,
    count: int,
    total: int,
    required: int | None,
    code: str,
    params: Mapping[str, Any],
    shortfalls: Sequence[Shortfall],
) -> OrganisationResult:
    status: Status = "pass" if met else "fail" if rule.level is Level.ERROR else "warn"
    return OrganisationResult(
        id=rule_id,
        level=rule.level,
        status=status,
        count=count,
        total=total,
        required=required,
        message=message(code, params),
        shortfalls=tuple(shortfalls),
        name=RULE_NAMES[rule_id],
        source=rule.source,
        wording=rule.wording,
    )


def _percent(count: int, total: int) -> str:
    """count / total as a percentage, one decimal, rounded half up, exactly: 1 of 11 → 9.1%."""
    units, rest = divmod(count * 1000, total)
    units += 2 * rest >= total
    return f"{units // 10}.{units % 10}%"


def _threshold(numerator: int, denominator: int) -> str:
    """1/10 → 10%; 1/8 → 12.5%; 1/3 → 1/3 (a share that has no short percentage)."""
    tenths, rest = divmod(numerator * 1000, denominator)
    if rest:
        return f"{numerator}/{denominator}"
    return f"{tenths // 10}%" if tenths % 10 == 0 else f"{tenths // 10}.{tenths % 10}%"
