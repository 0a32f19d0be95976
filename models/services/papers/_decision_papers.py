"""The plain data of the 三重一大 papers, read from the services' rows: the record and the register.

What the record prints at the discussion step comes from the discussions themselves (the step is
never recorded as such): the latest meeting's date and its outcome, 暂缓表决 as not yet decided,
an emergency decision as taken by one person and reported (or still to be reported).
"""

from __future__ import annotations

from models.documents.papers.decision_record import (
    Attachment,
    DecisionRecordData,
    DiscussionRecord,
    Emergency,
    FollowUpLine,
    PositionLine,
    Recusal,
    Reopening,
    StepLine,
)
from models.documents.papers.decision_register import DecisionRegisterData, RegisterLine
from models.domain.dates import chinese_date
from models.domain.decision_rules import DISCUSSION_STEP, TIMING_NAMES
from models.domain.errors import DomainError
from models.domain.major_decision import DecisionResult, DecisionState, amount_words
from models.services.decisions.contracts import (
    DecisionDetail,
    DiscussionRow,
    FollowUpRow,
    ReopeningRow,
    StepRow,
)
from models.services.decisions.queries import get_decision, list_decisions
from models.services.papers._common import today
from models.services.papers._refusal import bad_arguments
from models.store.unit_of_work import Database

HASH_DIGITS = 12  # what the record prints of a file's SHA-256


def _discussion_step(step: StepRow, detail: DecisionDetail) -> StepLine:
    timing = TIMING_NAMES[step.timing]
    decided = [d for d in detail.discussions if d.result is not DecisionResult.DEFERRED]
    if decided:
        last = decided[-1]
        return StepLine(
            step.kind,
            timing,
            done_on=last.meeting_date,
            participants=last.attendance,
            summary=f"{last.meeting}集体讨论，表决结果：{last.result.value}",
        )
    if detail.emergency_by is not None:
        reported = (
            f"已向{detail.row.meeting}报告"
            if detail.row.state is DecisionState.REPORTED
            else "须向下次会议报告"
        )
        return StepLine(
            step.kind,
            timing,
            not_applicable=True,
            na_reason=f"紧急处置，由{detail.emergency_by}决定，{reported}",
        )
    if detail.discussions:
        last = detail.discussions[-1]
        return StepLine(step.kind, timing, summary=f"{last.meeting}暂缓表决")
    return StepLine(step.kind, timing)


def _step(step: StepRow) -> StepLine:
    return StepLine(
        kind=step.kind,
        timing=TIMING_NAMES[step.timing],
        done_on=step.done_on,
        participants=step.participants or "",
        summary=step.summary or "",
        not_applicable=step.not_applicable,
        na_reason=step.na_reason,
        na_accepted_by=step.na_accepted_by,
        attachments=tuple(Attachment(a.filename, a.sha256[:HASH_DIGITS]) for a in step.attachments),
    )


def _reopening(r: ReopeningRow) -> Reopening:
    return Reopening(r.requested_by, r.requested_on, r.agree, r.members, r.passed)


def _discussion(d: DiscussionRow, reopenings: tuple[ReopeningRow, ...]) -> DiscussionRecord:
    return DiscussionRecord(
        meeting=d.meeting,
        meeting_date=d.meeting_date,
        agenda_item=d.agenda_item,
        presiding=d.presiding or "—",
        leader=d.leader or "—",
        expected=d.members,
        attendance_words=d.attendance,
        present=d.present,
        recused=tuple(
            Recusal(p.name, p.recusal_reason or "") for p in d.participants if p.presence == "回避"
        ),
        absent=tuple(p.name for p in d.participants if p.presence == "缺席"),
        positions=tuple(
            PositionLine(p.order, p.name, p.stance, p.remarks or "", p.reserved_opinion)
            for p in d.positions
        ),
        agree=d.agree,
        disagree=d.disagree,
        defer=d.defer,
        result=d.result.value,
        reopenings=tuple(_reopening(r) for r in reopenings),
        note=d.note or "",
    )


def _discussions(detail: DecisionDetail) -> tuple[DiscussionRecord, ...]:
    """Each 复议 request goes with the discussion it asked to reopen: the latest one before it."""
    rows = detail.discussions
    records = []
    for n, d in enumerate(rows):
        until = rows[n + 1].meeting_date if n + 1 < len(rows) else None
        mine = tuple(
            r
            for r in detail.reopenings
            if r.requested_on >= d.meeting_date and (until is None or r.requested_on < until)
        )
        records.append(_discussion(d, mine))
    return tuple(records)


def _follow_up(f: FollowUpRow) -> FollowUpLine:
    return FollowUpLine(f.owner, f.due_on, f.progress or "", f.done_on, f.task)


def _emergency(detail: DecisionDetail) -> Emergency | None:
    if detail.emergency_by is None or detail.emergency_on is None:
        return None
    reported = detail.row.state is DecisionState.REPORTED
    return Emergency(
        decided_by=detail.emergency_by,
        decided_on=detail.emergency_on,
        reason=detail.emergency_reason or "",
        reported_at=detail.row.meeting if reported else None,
        reported_on=detail.row.meeting_date if reported else None,
    )


def decision_record_data(db: Database, *, decision_id: int | None) -> DecisionRecordData:
    """三重一大事项决策记录表 of one decision."""
    if decision_id is None:
        raise bad_arguments("打印三重一大事项决策记录表需要指明事项（--decision ID）")
    try:
        detail = get_decision(db, decision_id=decision_id)
    except DomainError as error:
        if error.code == "decision_not_found":
            raise bad_arguments(f"没有编号为 {decision_id} 的三重一大事项") from error
        raise
    row = detail.row
    return DecisionRecordData(
        title=row.title,
        category=row.category.value,
        deciding_body=row.body_name,
        state=row.state_name,
        printed_on=today(),
        amount_text=amount_words(row.amount_yuan),
        background=detail.background,
        emergency=_emergency(detail),
        steps=tuple(
            _discussion_step(s, detail) if s.kind == DISCUSSION_STEP else _step(s)
            for s in detail.steps
        ),
        discussions=_discussions(detail),
        follow_ups=tuple(_follow_up(f) for f in detail.follow_ups),
    )


def _follow_up_words(detail: DecisionDetail) -> str:
    if detail.row.state is DecisionState.DONE:
        return f"{chinese_date(detail.completed_on)}完成" if detail.completed_on else "已完成"
    if not detail.follow_ups:
        return ""
    done = sum(1 for f in detail.follow_ups if f.done_on is not None)
    return f"已完成{done}项，共{len(detail.follow_ups)}项"


def _register_line(detail: DecisionDetail) -> RegisterLine:
    row = detail.row
    latest = detail.discussions[-1] if detail.discussions else None
    return RegisterLine(
        title=row.title,
        category=row.category.value,
        deciding_body=row.body_name,
        state=row.state_name,
        amount_text=amount_words(row.amount_yuan),
        meeting=row.meeting,
        meeting_date=row.meeting_date,
        expected=latest.members if latest else None,
        recused=latest.recused if latest else None,
        present=latest.present if latest else None,
        result=latest.result.value if latest else None,
        follow_up=_follow_up_words(detail),
    )


def decision_register_data(db: Database, *, year: int | None) -> DecisionRegisterData:
    """三重一大事项年度台账: the year's decisions in the order they were registered."""
    if year is None:
        raise bad_arguments("打印三重一大事项年度台账需要指明年度（--year YYYY）")
    if not 2000 <= year <= 2100:
        raise DomainError("calendar_year_invalid", field="year", year=year)
    details = [get_decision(db, decision_id=r.id) for r in list_decisions(db, year=year)]
    return DecisionRegisterData(
        year=year, lines=tuple(_register_line(d) for d in details), printed_on=today()
    )
