"""The motions on the dashboard: today's overdue and due-soon motions (the status-bar notice's
rule), and the presidium's current term's 答复率, 按时答复率 and 满意率 with the motions behind them."""

from __future__ import annotations

from datetime import date

from models.domain.composition import Status
from models.domain.dates import chinese_date
from models.domain.deadlines import is_due_soon
from models.domain.errors import DomainError, Level
from models.domain.motion_statistics import (
    REPLIED_STATES,
    SATISFIED,
    MotionFigures,
    rate_with_counts,
    statistics,
)
from models.domain.motion_workflow import OVERDUE_STATES
from models.domain.vocabulary import term_display_name
from models.services.dashboard.contracts import (
    ItemKind,
    ReformResult,
    ResultGroup,
    Shortfall,
    Target,
    TargetKind,
    TodayItem,
)
from models.services.motions import _rules as motion_rules
from models.services.motions._rows import figures_of, motion_row, term_motions
from models.services.motions.contracts import MotionRow
from models.store.unit_of_work import Database

NO_TARGET = "规则文件未规定目标比例：只列数字，不判断达标与否。"


def _named(row: MotionRow) -> str:
    return f"{row.number_text or '未编号'}《{row.title}》"


def motion_items(db: Database, on: date) -> list[TodayItem]:
    """Overdue, then due soon (the rules' working days on the database's calendar), by deadline."""
    rows = _current_rows(db, on)
    if not rows:
        return []
    rules, calendar = motion_rules.rules_and_calendar(db)
    items: list[TodayItem] = []
    waiting = [r for r in rows if r.deadline is not None and r.state in OVERDUE_STATES]
    for row in sorted(waiting, key=lambda r: (r.deadline, r.id)):
        assert row.deadline is not None
        unit = f"，主办：{row.lead_unit}" if row.lead_unit else ""
        target = Target(TargetKind.MOTION, id=row.id)
        if row.is_overdue:
            text = f"提案{_named(row)}已逾期（答复期限 {chinese_date(row.deadline)}{unit}）"
            items.append(TodayItem(ItemKind.MOTION_OVERDUE, text, row.deadline, target))
        elif is_due_soon(row.deadline, on, rules, calendar):
            text = f"提案{_named(row)}即将到期（答复期限 {chinese_date(row.deadline)}{unit}）"
            items.append(TodayItem(ItemKind.MOTION_DUE_SOON, text, row.deadline, target))
    return items


def _current_rows(db: Database, on: date) -> list[MotionRow]:
    with db.session_factory() as session:
        try:
            _term, motions = term_motions(session, None)
        except DomainError:  # no current presidium term: no motions to chase
            return []
        return [motion_row(m, on) for m in motions]


def motion_group(db: Database, on: date) -> ResultGroup:
    """The figures of the motion statistics, with the motions that lower each figure."""
    with db.session_factory() as session:
        try:
            term, motions = term_motions(session, None)
        except DomainError:
            return ResultGroup(
                "motions", "提案办理", (), note="主席团还没有现任届次，暂无提案数字。"
            )
        pairs = [(motion_row(m, on), figures_of(m)) for m in motions]
        ordinal = term.ordinal
    stats = statistics(f for _row, f in pairs)
    numbered = [(r, f) for r, f in pairs if f.number is not None]
    replied = [(r, f) for r, f in numbered if f.state in REPLIED_STATES]

    def late(f: MotionFigures) -> bool:
        return not (f.replied_on and f.due_at_reply and f.replied_on <= f.due_at_reply)

    def unsatisfied(f: MotionFigures) -> bool:
        return f.result_rating is not None and f.result_rating not in SATISFIED

    rated = stats.result.rated
    results = (
        _figure(
            "motions.reply_rate",
            "答复率",
            rate_with_counts(stats.replied, stats.numbered),
            [(r, "尚未答复") for r, f in numbered if f.state not in REPLIED_STATES],
        ),
        _figure(
            "motions.on_time_rate",
            "按时答复率",
            rate_with_counts(stats.on_time, stats.replied),
            [(r, "答复晚于期限") for r, f in replied if late(f)],
        ),
        _figure(
            "motions.satisfaction_rate",
            "满意率（办理结果）",
            rate_with_counts(rated - stats.result.unsatisfied, rated),
            [(r, "办理结果不满意") for r, f in numbered if unsatisfied(f)],
        ),
    )
    return ResultGroup(
        "motions", f"{term_display_name(ordinal)}主席团提案办理", results, note=NO_TARGET
    )


def _figure(
    rule_id: str, label: str, figure: str, short: list[tuple[MotionRow, str]]
) -> ReformResult:
    """No target in the rules file: a figure is `pass` when it can be computed, else `skipped`;
    the motions that lower it are listed all the same."""
    status: Status = "skipped" if figure == "—" else "pass"
    return ReformResult(
        id=rule_id,
        label=label,
        level=Level.WARNING,
        status=status,
        figure=figure,
        message=f"{label} {figure}（{NO_TARGET}）",
        shortfalls=tuple(
            Shortfall(f"{_named(row)}：{why}", Target(TargetKind.MOTION, id=row.id))
            for row, why in short
        ),
        target=Target(TargetKind.MOTION_STATISTICS),
        has_target=False,
    )
