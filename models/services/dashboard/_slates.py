"""The slate rules of the current and preparing terms of the congress, the presidium and the
council, as dashboard groups, and the category chart of each — by the slates feature's check."""

from __future__ import annotations

from fractions import Fraction

from sqlalchemy import select

from models.domain.composition import RuleResult, SlateReport
from models.domain.errors import DomainError
from models.domain.messages import message
from models.domain.motion_statistics import percent
from models.domain.rule_titles import rule_title
from models.domain.rules import Rules
from models.domain.vocabulary import BODY_NAMES, BodyKind, TermStatus, term_display_name
from models.entities import Body, Term
from models.services.dashboard.contracts import (
    ChartBar,
    ChartData,
    ReformResult,
    ResultGroup,
    Shortfall,
    Target,
    TargetKind,
)
from models.services.slates.contracts import SLATE_BODIES
from models.services.slates.queries import check_term, rules_in_force
from models.store.unit_of_work import Database

_STATUS_WORDS = {TermStatus.CURRENT: "现任", TermStatus.DRAFT: "筹备中"}
_CHARTED = (BodyKind.CONGRESS, BodyKind.PRESIDIUM)


def slate_groups(db: Database) -> tuple[list[ResultGroup], list[ChartData]]:
    """One group per term checked: current first, then the one being prepared, by body."""
    try:
        rules = rules_in_force(db)
    except DomainError as error:
        note = f"无法检查名单构成：{message(error.code, error.params)}"
        return [ResultGroup("slates", "名单构成", (), note=note)], []
    with db.session_factory() as session:
        terms = session.execute(
            select(Term.id, Term.ordinal, Term.status, Body.kind)
            .join(Body, Body.id == Term.body_id)
            .where(
                Body.kind.in_(SLATE_BODIES),
                Body.association.is_(None),
                Term.status.in_(tuple(_STATUS_WORDS)),
            )
        ).all()
    order = {kind: i for i, kind in enumerate(SLATE_BODIES)}
    terms = sorted(terms, key=lambda t: (order[t.kind], t.status is not TermStatus.CURRENT))
    groups: list[ResultGroup] = []
    charts: list[ChartData] = []
    for term_id, ordinal, status, kind in terms:
        _slate, report = check_term(db, kind=kind, term=ordinal, rules=rules)
        title = f"{term_display_name(ordinal)}{BODY_NAMES[kind]}（{_STATUS_WORDS[status]}）名单构成"
        target = Target(TargetKind.SLATE, body=kind, term_id=term_id)
        groups.append(
            ResultGroup(
                key=f"slates.{kind.value}.{ordinal}",
                title=title,
                results=tuple(_result(r, target) for r in report.results),
                note="" if report.total else "名单中还没有人，各项规则暂不适用。",
            )
        )
        if kind in _CHARTED and status is TermStatus.CURRENT and report.total:
            charts.append(_chart(kind, ordinal, report, rules))
    if not terms:
        groups.append(
            ResultGroup(
                "slates",
                "名单构成",
                (),
                note="代表大会、主席团和执行理事会都还没有现任或筹备中的届次。",
            )
        )
    return groups, charts


def figure_of(result: RuleResult) -> str:
    if result.status == "skipped":
        return "—"
    if result.required is None:
        return f"{result.count}/{result.total}"
    if result.id.endswith("_share") and result.total:
        share = percent(Fraction(result.count, result.total))
        return f"{share}（{result.count}/{result.total}），至少 {result.required} 人"
    return f"{result.count} 人，至少 {result.required} 人"


def _result(result: RuleResult, target: Target) -> ReformResult:
    failing = result.status in ("fail", "warn")
    return ReformResult(
        id=result.id,
        label=rule_title(result.id),
        level=result.level,
        status=result.status,
        figure=figure_of(result),
        message=result.message,
        shortfalls=(Shortfall(f"{result.message}（在名单构成中调整）", target),) if failing else (),
        target=target,
    )


def kind_key(kind: BodyKind) -> str:
    return "council" if kind is BodyKind.EXECUTIVE_COUNCIL else kind.value


def _chart(kind: BodyKind, ordinal: int | None, report: SlateReport, rules: Rules) -> ChartData:
    """The two shares against their quota, then each representation category against its
    minimum: every bar a share of the body (the mark: the least the rule asks)."""
    names = {c.key: c.name for c in rules.slates.categories}
    shares = {
        "disabled_or_relative_share": "残疾人及亲友",
        "model_or_frontline_share": "自强模范和基层一线",
    }
    bars = []
    for result in report.results:
        parts = result.id.split(".")
        required = result.required
        if len(parts) == 2 and parts[1] in shares:
            share = percent(Fraction(result.count, result.total)) if result.total else "—"
            rule = getattr(getattr(rules.slates, kind_key(kind)), parts[1])
            least = percent(rule.at_least, 0) if required else ""
            text = share + (f"（至少 {least}）" if least else "")
            bars.append(ChartBar(shares[parts[1]], result.count, result.total, required, text))
        elif len(parts) == 3 and parts[1] == "category":
            text = f"{result.count} 人" + (f"（至少 {required} 人）" if required else "")
            bars.append(
                ChartBar(names.get(parts[2], parts[2]), result.count, result.total, required, text)
            )
    title = f"{term_display_name(ordinal)}{BODY_NAMES[kind]}构成（占全体的比例，竖线为最低要求）"
    return ChartData(f"composition.{kind.value}", title, tuple(bars))
