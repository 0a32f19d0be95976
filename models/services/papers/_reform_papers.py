"""The yearly reform report's data: every check the plan asks for, gathered part by part.

The composition of the current congress, presidium and council (the slate checks), the
organisation rules (models/services/organisation/checking), the presidium term's motion figures, the
year's 三重一大 decisions and the associations' attendance at the council's meetings. Rule ids
are turned into words here; none reaches the paper.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from models.documents.paper import Bar, Chart
from models.documents.papers.reform_report import (
    ReformReportData,
    ReportPart,
    RuleResult,
    Shortfall,
    Status,
)
from models.domain.composition import SlateReport, check_slate
from models.domain.dates import chinese_date
from models.domain.errors import DomainError
from models.domain.motion_statistics import percent
from models.domain.organisation_rules import check_organisation
from models.domain.rule_titles import CATEGORY_TITLES, rule_title
from models.domain.vocabulary import BodyKind, TermStatus
from models.services.decisions.queries import list_decisions
from models.services.meetings.queries import association_attendance_report
from models.services.motions.queries import current_term, list_motions, term_statistics
from models.services.organisation.checking import (
    check_day,
    organisation_facts,
    organisation_rules_in_force,
)
from models.services.papers._common import organisation_name, today
from models.services.papers._reform_organisation import organisation_parts as organisation_parts_of
from models.services.slates.queries import load_term_slate, rules_in_force
from models.store.unit_of_work import Database

FIRST_YEAR, LAST_YEAR = 1900, 9999

_BODY_WORDS = {"congress": "代表大会", "presidium": "主席团", "council": "执行理事会"}


class CheckResult(Protocol):
    """The result shape of DOMAIN §3, as the slate checks and the organisation checks give it."""

    @property
    def id(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def count(self) -> int: ...
    @property
    def total(self) -> int: ...
    @property
    def required(self) -> int | None: ...
    @property
    def message(self) -> str: ...


def rule_name(rule_id: str) -> str:
    """congress.category.blind → 代表大会：盲人（至少1名）; an id nobody named → 其他检查项目."""
    body = _BODY_WORDS.get(rule_id.split(".")[0], "")
    title = rule_title(rule_id)
    if not body or title == rule_id:
        return "其他检查项目"
    return f"{body}：{title}"


def _status(text: str) -> Status:
    return {"pass": "pass", "fail": "fail", "warn": "warn"}.get(text, "skipped")  # type: ignore[return-value]


def result_line(result: CheckResult) -> RuleResult:
    """A check's result as the report prints it: 实际 count/total, 要求 ≥ required."""
    if result.status == "skipped":
        figure = "—"
    elif result.total:
        figure = f"{result.count}/{result.total}"
    else:
        figure = str(result.count)
    # no minimum, or a minimum of nobody (a rule for every member when there are none)
    required = f"≥{result.required}" if result.required else "—"
    return RuleResult(
        rule_name(result.id), _status(result.status), figure, required, result.message
    )


# -- 一、二 the composition of the bodies ----------------------------------------------------------


def _slate_report(db: Database, kind: BodyKind) -> tuple[int | None, SlateReport] | None:
    """The current term's check, or None when the body has no current term."""
    try:
        slate = load_term_slate(db, kind=kind, term=None, default=TermStatus.CURRENT)
        rules = rules_in_force(db)
    except DomainError:
        return None
    if slate.term_status != TermStatus.CURRENT:
        return None
    report = check_slate(
        slate.people,
        rules,
        kind.value,
        previous=slate.previous,
        delegates_ids=slate.delegate_ids,
    )
    return slate.term, report


def category_chart(title: str, report: SlateReport, body: str, unit: str) -> Chart | None:
    """Each category's count against its minimum (the quota's one member)."""
    bars = []
    for key, name in CATEGORY_TITLES.items():
        found = [r for r in report.results if r.id == f"{body}.category.{key}"]
        if found:
            r = found[0]
            bars.append(Bar(name, r.count, target=r.required))
    if not bars:
        return None
    return Chart(
        title,
        tuple(bars),
        unit=unit,
        note="注：竖线为方案要求的最少人数；红色为未达到要求的类别。",
    )


def _term_words(term: int | None, body: str) -> str:
    return f"第{term}届{body}" if term is not None else body


def composition_parts(db: Database) -> tuple[ReportPart, list[RuleResult]]:
    """The congress and presidium part; the council's results go to the 执行理事会 part."""
    results: list[RuleResult] = []
    remarks: list[str] = []
    charts: list[Chart] = []
    for kind, word, unit in (
        (BodyKind.CONGRESS, "代表大会", "人"),
        (BodyKind.PRESIDIUM, "主席团", "人"),
    ):
        found = _slate_report(db, kind)
        if found is None:
            remarks.append(f"尚无现任{word}，未检查其构成。")
            continue
        term, report = found
        remarks.append(f"按{_term_words(term, word)}名单检查，共{report.total}人。")
        results += [result_line(r) for r in report.results]
        chart = category_chart(f"{_term_words(term, word)}各类别人数", report, kind.value, unit)
        if chart is not None:
            charts.append(chart)
    council: list[RuleResult] = []
    found = _slate_report(db, BodyKind.EXECUTIVE_COUNCIL)
    if found is not None:
        council = [result_line(r) for r in found[1].results]
    part = ReportPart("congress", tuple(results), charts=tuple(charts), remarks=tuple(remarks))
    return part, council


# -- 六 motions ------------------------------------------------------------------------------


def motions_part(db: Database) -> ReportPart:
    term = current_term(db)
    if term is None:
        return ReportPart("motions", remarks=("尚无现任主席团，未统计提案办理情况。",))
    stats = term_statistics(db, term=term).overall
    remarks = (
        f"第{term}届主席团委员提案共{stats.total}件，立案{stats.numbered}件，"
        f"已答复{stats.replied}件；答复率{percent(stats.reply_rate)}，"
        f"按时答复率{percent(stats.on_time_rate)}，沟通率{percent(stats.contact_rate)}，"
        f"办理态度满意率{percent(stats.attitude.rate)}，"
        f"办理结果满意率{percent(stats.result.rate)}。",
    )
    overdue = [m for m in list_motions(db, term=term) if m.is_overdue]
    result = RuleResult(
        "提案按期答复",
        "fail" if overdue else ("pass" if stats.numbered else "skipped"),
        f"逾期{len(overdue)}件" if stats.numbered else "—",
        "无逾期",
        f"{len(overdue)}件提案逾期未答复" if overdue else "",
    )
    shortfalls: tuple[Shortfall, ...] = ()
    if overdue:
        rows = tuple(
            (
                m.number_text or "",
                m.title,
                m.lead_unit or "",
                chinese_date(m.deadline) if m.deadline else "",
            )
            for m in overdue
        )
        shortfalls = (
            Shortfall(
                "逾期未答复的提案",
                ("编号", "提案标题", "主办单位", "答复期限"),
                rows,
                widths=(0.12, 0.44, 0.22, 0.22),
            ),
        )
    return ReportPart("motions", (result,), shortfalls, remarks=remarks)


# -- 七 三重一大 -------------------------------------------------------------------------------


def decisions_part(db: Database, year: int) -> ReportPart:
    rows = list_decisions(db, year=year)
    decided = [r for r in rows if r.result is not None]
    if not rows:
        return ReportPart("decisions", remarks=(f"{year}年没有登记三重一大事项。",))
    gaps = [r for r in decided if r.missing_steps]
    soft = [r for r in decided if not r.missing_steps and r.warnings]
    if not decided:
        status: Status = "skipped"
    else:
        status = "fail" if gaps else ("warn" if soft else "pass")
    result = RuleResult(
        "三重一大事项决策程序完整",
        status,
        f"{len(decided) - len(gaps)}/{len(decided)}" if decided else "—",
        "每项程序齐全",
        f"{len(gaps)}项缺少必经程序" if gaps else (f"{len(soft)}项缺少建议程序" if soft else ""),
    )
    table = tuple(
        (r.title, str(r.category), r.state_name, "、".join((*r.missing_steps, *r.warnings)))
        for r in (*gaps, *soft)
    )
    remarks = (f"{year}年登记三重一大事项{len(rows)}项，已作出决定{len(decided)}项。",)
    shortfalls = (
        (
            Shortfall(
                "程序不完整的事项",
                ("事项", "类别", "状态", "缺少的程序"),
                table,
                widths=(0.34, 0.18, 0.16, 0.32),
            ),
        )
        if table
        else ()
    )
    return ReportPart("decisions", (result,), shortfalls, remarks=remarks)


# -- 八 专门协会 -------------------------------------------------------------------------------


def associations_part(db: Database, year: int) -> ReportPart:
    report = association_attendance_report(db, year=year)
    held = len(report.meetings)
    if not held:
        return ReportPart("associations", remarks=(f"{year}年执行理事会没有召开会议。",))
    results = []
    bars = []
    for row in report.rows:
        came = row.as_attendee + row.as_member + row.by_substitute
        if row.not_attended:
            status: Status = "warn"
        elif row.not_recorded == row.meetings_held:
            status = "skipped"
        else:
            status = "pass"
        notes = []
        if row.by_substitute:
            notes.append(f"委托列席{row.by_substitute}次")
        if row.not_attended:
            notes.append(f"未列席{row.not_attended}次")
        if row.not_recorded:
            notes.append(f"{row.not_recorded}次未录入")
        results.append(
            RuleResult(
                f"{row.name}主席列席执行理事会会议",
                status,
                f"{came}/{row.meetings_held}",
                f"{row.meetings_held}次",
                "，".join(notes),
            )
        )
        bars.append(Bar(row.name, came, target=row.meetings_held))
    chart = Chart(
        f"{year}年专门协会列席执行理事会会议次数",
        tuple(bars),
        unit="次",
        note="注：竖线为全年召开的执行理事会会议次数。",
    )
    remarks = (f"{year}年执行理事会召开会议{held}次。",)
    return ReportPart("associations", tuple(results), charts=(chart,), remarks=remarks)


# -- the whole report ------------------------------------------------------------------------


def organisation_parts(db: Database, year: int) -> list[ReportPart]:
    """二 to 五 (and the presidium's yearly review in 一) from the organisation registers, checked
    as `yishi check organisation` checks them, the facts read once for the results and charts."""
    day = check_day(year, None)
    rules, _rules_id = organisation_rules_in_force(db)
    with db.session_factory() as session:
        facts = organisation_facts(session, year=year, as_of=day)
    results = check_organisation(facts, rules)
    return organisation_parts_of(results, facts, rules, {})


def combine(parts: Sequence[ReportPart]) -> list[ReportPart]:
    """Parts of the same key (the slate checks' and the registers' for one part) made one, in
    the order they came."""
    out: dict[str, ReportPart] = {}
    for part in parts:
        have = out.get(part.key)
        if have is None:
            out[part.key] = part
            continue
        out[part.key] = ReportPart(
            part.key,
            (*have.results, *part.results),
            (*have.shortfalls, *part.shortfalls),
            (*have.charts, *part.charts),
            (*have.remarks, *part.remarks),
        )
    return list(out.values())


def _plan(db: Database) -> str:
    try:
        return rules_in_force(db).title
    except DomainError:
        return "改革方案"


def reform_report_data(db: Database, *, year: int | None) -> ReformReportData:
    if year is None:
        raise DomainError("reform_report_year_missing")
    if isinstance(year, bool) or not isinstance(year, int) or not FIRST_YEAR <= year <= LAST_YEAR:
        raise DomainError("organisation_year_invalid", year=year)
    congress, council = composition_parts(db)
    parts = combine(
        [
            congress,
            ReportPart("council", tuple(council)),
            *organisation_parts(db, year),
            motions_part(db),
            decisions_part(db, year),
            associations_part(db, year),
        ]
    )
    return ReformReportData(
        organisation=organisation_name(db),
        year=year,
        on=today(),
        parts=tuple(parts),
        plan=_plan(db),
    )
