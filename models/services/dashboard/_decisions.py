"""三重一大 on the dashboard: open procedure steps, unreported emergencies and follow-ups past or
near their due date (today's list), and the year's procedure gaps (a group) — read through the
decisions feature's register rows, which already apply the rules' steps per category."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from models.domain.composition import Status
from models.domain.dates import chinese_date
from models.domain.deadlines import is_due_soon
from models.domain.errors import Level
from models.domain.major_decision import DecisionResult, DecisionState
from models.entities import DecisionFollowUp, MajorDecision
from models.services.dashboard.contracts import (
    ItemKind,
    ReformResult,
    ResultGroup,
    Shortfall,
    Target,
    TargetKind,
    TodayItem,
)
from models.services.decisions.contracts import DecisionRow
from models.services.decisions.queries import list_decisions
from models.services.motions._rules import rules_and_calendar
from models.store.unit_of_work import Database

# Still being prepared or put into effect: their open steps are work for today.
_OPEN = (DecisionState.DRAFT, DecisionState.READY, DecisionState.DEFERRED)
_DISCUSSED = (DecisionState.DECIDED, DecisionState.IMPLEMENTING, DecisionState.DONE)


@dataclass(frozen=True)
class _FollowUp:
    decision_id: int
    year: int
    title: str
    task: str
    owner: str
    due_on: date


def _open_follow_ups(db: Database) -> list[_FollowUp]:
    """Follow-ups not done, with a due date, of decisions not yet 已完成: one query."""
    with db.session_factory() as session:
        rows = session.execute(
            select(
                DecisionFollowUp.decision_id,
                MajorDecision.year,
                MajorDecision.title,
                DecisionFollowUp.task,
                DecisionFollowUp.owner,
                DecisionFollowUp.due_on,
            )
            .join(MajorDecision, MajorDecision.id == DecisionFollowUp.decision_id)
            .where(
                DecisionFollowUp.done_on.is_(None),
                DecisionFollowUp.due_on.is_not(None),
                MajorDecision.state != DecisionState.DONE,
            )
            .order_by(DecisionFollowUp.due_on, DecisionFollowUp.id)
        ).all()
    return [
        _FollowUp(d, y, title, task, owner, due) for d, y, title, task, owner, due in rows if due
    ]


def _target(decision_id: int) -> Target:
    return Target(TargetKind.DECISION, id=decision_id)


def _gap(row: DecisionRow, on: date) -> tuple[str, ...]:
    """Steps a matter lacks that are due by `on`: the gates once its meeting day has come, the
    after-steps (任前公示) once passed."""
    if row.state in _OPEN and row.meeting_date is not None and row.meeting_date <= on:
        return row.missing_steps
    if row.result is DecisionResult.PASSED:
        return row.missing_steps
    return ()


def decision_items(db: Database, on: date) -> list[TodayItem]:
    rows = list_decisions(db)
    items: list[TodayItem] = []
    for row in rows:
        target = _target(row.id)
        if row.state is DecisionState.EMERGENCY:
            text = f"紧急处置《{row.title}》尚未向会议报告"
            items.append(TodayItem(ItemKind.EMERGENCY_UNREPORTED, text, None, target))
        elif row.missing_steps and (row.state in _OPEN or row.result is DecisionResult.PASSED):
            when = (
                f"，{row.meeting}（{chinese_date(row.meeting_date)}）" if row.meeting_date else ""
            )
            text = f"三重一大《{row.title}》尚缺：{'、'.join(row.missing_steps)}{when}"
            items.append(TodayItem(ItemKind.DECISION_STEPS, text, row.meeting_date, target))
    rules, calendar = rules_and_calendar(db)
    for f in _open_follow_ups(db):
        text = f"《{f.title}》跟进事项“{f.task}”（{f.owner}，{chinese_date(f.due_on)}到期）"
        if f.due_on < on:
            items.append(
                TodayItem(
                    ItemKind.FOLLOW_UP_OVERDUE, text + "已逾期", f.due_on, _target(f.decision_id)
                )
            )
        elif is_due_soon(f.due_on, on, rules, calendar):
            items.append(
                TodayItem(
                    ItemKind.FOLLOW_UP_DUE_SOON, text + "即将到期", f.due_on, _target(f.decision_id)
                )
            )
    return items


def decision_group(db: Database, year: int, on: date) -> ResultGroup:
    rows = list_decisions(db, year=year)
    matters = [r for r in rows if r.state not in (DecisionState.EMERGENCY, DecisionState.REPORTED)]
    gaps = [(r, _gap(r, on)) for r in matters]
    emergencies = [r for r in rows if r.state in (DecisionState.EMERGENCY, DecisionState.REPORTED)]
    discussed = [r for r in matters if r.state in _DISCUSSED]
    follow_ups = [f for f in _open_follow_ups(db) if f.year == year and f.due_on < on]
    results = (
        _check(
            "decisions.required_steps",
            "必经程序完成",
            Level.ERROR,
            len(matters),
            [Shortfall(f"《{r.title}》尚缺：{'、'.join(g)}", _target(r.id)) for r, g in gaps if g],
            "件事项",
        ),
        _check(
            "decisions.emergency_reported",
            "紧急处置向会议报告",
            Level.ERROR,
            len(emergencies),
            [
                Shortfall(f"紧急处置《{r.title}》尚未报告", _target(r.id))
                for r in emergencies
                if r.state is DecisionState.EMERGENCY
            ],
            "件紧急处置",
        ),
        _check(
            "decisions.recommended_steps",
            "前期调查研究",
            Level.WARNING,
            len(discussed),
            [
                Shortfall(f"《{r.title}》未记录：{'、'.join(r.warnings)}", _target(r.id))
                for r in discussed
                if r.warnings
            ],
            "件已讨论的事项",
        ),
        _check(
            "decisions.follow_ups",
            "跟进事项按期完成",
            Level.WARNING,
            len(follow_ups),
            [
                Shortfall(
                    f"《{f.title}》跟进事项“{f.task}”（{f.owner}）{chinese_date(f.due_on)}到期，尚未完成",
                    _target(f.decision_id),
                )
                for f in follow_ups
            ],
            "项到期的跟进事项",
            every_one_short=True,
        ),
    )
    note = "" if rows else f"{year}年还没有登记三重一大事项。"
    return ResultGroup("decisions", f"{year}年三重一大事项程序", results, note=note)


def _check(
    rule_id: str,
    label: str,
    level: Level,
    total: int,
    short: list[Shortfall],
    noun: str,
    *,
    every_one_short: bool = False,
) -> ReformResult:
    """`total` the records the rule looks at; each shortfall one that falls short. A rule whose
    every record is a shortfall (overdue follow-ups) passes only when there are none."""
    status: Status
    if every_one_short:
        status = "pass" if not short else ("fail" if level is Level.ERROR else "warn")
        figure = f"{len(short)} 项逾期"
    elif not total:
        status, figure = "skipped", "—"
    else:
        status = "pass" if not short else ("fail" if level is Level.ERROR else "warn")
        figure = f"{total - len(short)}/{total}"
    message = (
        f"{label}：共 {total} {noun}，{len(short)} 件未做到"
        if short and not every_one_short
        else f"{label}：{len(short)} {noun}已过期未完成"
        if short
        else f"{label}：没有{noun}"
        if status == "skipped"
        else f"{label}：均已做到"
    )
    return ReformResult(
        id=rule_id,
        label=label,
        level=level,
        status=status,
        figure=figure,
        message=message,
        shortfalls=tuple(short),
    )
