"""The 三重一大 operations the windows call: reads return contracts, actions return an Outcome."""

from __future__ import annotations

from datetime import date

from models.domain.vocabulary import BodyKind
from models.services.common.changes import Outcome
from models.services.common.context import AppContext
from models.services.decisions import queries
from models.services.decisions.commands import discussion, follow_up, matters, steps
from models.services.decisions.contracts import (
    AttachmentFile,
    DecisionDetail,
    DecisionDraft,
    DecisionRow,
    DiscussionDraft,
    DiscussionWorkbench,
    MeetingChoice,
)

# --- reads ----------------------------------------------------------------------------------------


def decisions(ctx: AppContext, *, year: int | None) -> list[DecisionRow]:
    return queries.list_decisions(ctx.db, year=year)


def decision(ctx: AppContext, *, decision_id: int) -> DecisionDetail:
    return queries.get_decision(ctx.db, decision_id=decision_id)


def agenda_meetings(ctx: AppContext, *, body: BodyKind, after: date) -> list[MeetingChoice]:
    return queries.agenda_meetings(ctx.db, body=body, after=after)


def report_meetings(ctx: AppContext, *, body: BodyKind, since: date | None) -> list[MeetingChoice]:
    return queries.report_meetings(ctx.db, body=body, since=since)


def discussion_workbench(ctx: AppContext, *, decision_id: int) -> DiscussionWorkbench:
    return queries.discussion_workbench(ctx.db, decision_id=decision_id)


def attachment_content(ctx: AppContext, *, attachment_id: int) -> AttachmentFile:
    return queries.attachment_content(ctx.db, attachment_id=attachment_id)


# --- the matter -----------------------------------------------------------------------------------


def create_decision(ctx: AppContext, *, draft: DecisionDraft) -> Outcome[DecisionDetail]:
    return ctx.command(lambda db, user: matters.create_decision(db, user=user, draft=draft))


def update_decision(
    ctx: AppContext, *, decision_id: int, expected_version: int | None, draft: DecisionDraft
) -> Outcome[DecisionDetail]:
    return ctx.command(
        lambda db, user: matters.update_decision(
            db, user=user, decision_id=decision_id, expected_version=expected_version, draft=draft
        )
    )


def record_emergency(
    ctx: AppContext, *, draft: DecisionDraft, decided_by: str, decided_on: date, reason: str
) -> Outcome[DecisionDetail]:
    return ctx.command(
        lambda db, user: matters.record_emergency(
            db, user=user, draft=draft, decided_by=decided_by, decided_on=decided_on, reason=reason
        )
    )


def report_emergency(
    ctx: AppContext, *, decision_id: int, expected_version: int | None, meeting_id: int
) -> Outcome[DecisionDetail]:
    return ctx.command(
        lambda db, user: matters.report_emergency(
            db,
            user=user,
            decision_id=decision_id,
            expected_version=expected_version,
            meeting_id=meeting_id,
        )
    )


# --- steps and files ------------------------------------------------------------------------------


def record_step(
    ctx: AppContext,
    *,
    decision_id: int,
    expected_version: int | None,
    kind: str,
    done_on: date,
    participants: str | None,
    summary: str | None,
) -> Outcome[DecisionDetail]:
    return ctx.command(
        lambda db, user: steps.record_step(
            db,
            user=user,
            decision_id=decision_id,
            expected_version=expected_version,
            kind=kind,
            done_on=done_on,
            participants=participants,
            summary=summary,
        )
    )


def mark_step_not_applicable(
    ctx: AppContext,
    *,
    decision_id: int,
    expected_version: int | None,
    kind: str,
    reason: str,
    accepted_by: str,
) -> Outcome[DecisionDetail]:
    return ctx.command(
        lambda db, user: steps.mark_step_not_applicable(
            db,
            user=user,
            decision_id=decision_id,
            expected_version=expected_version,
            kind=kind,
            reason=reason,
            accepted_by=accepted_by,
        )
    )


def add_attachment(
    ctx: AppContext,
    *,
    decision_id: int,
    expected_version: int | None,
    kind: str,
    filename: str,
    content: bytes,
) -> Outcome[DecisionDetail]:
    return ctx.command(
        lambda db, user: steps.add_attachment(
            db,
            user=user,
            decision_id=decision_id,
            expected_version=expected_version,
            kind=kind,
            filename=filename,
            content=content,
        )
    )


# --- the meeting ----------------------------------------------------------------------------------


def put_on_agenda(
    ctx: AppContext,
    *,
    decision_id: int,
    expected_version: int | None,
    meeting_id: int,
    placed_on: date,
) -> Outcome[DecisionDetail]:
    return ctx.command(
        lambda db, user: discussion.put_on_agenda(
            db,
            user=user,
            decision_id=decision_id,
            expected_version=expected_version,
            meeting_id=meeting_id,
            placed_on=placed_on,
        )
    )


def record_discussion(
    ctx: AppContext, *, decision_id: int, expected_version: int | None, draft: DiscussionDraft
) -> Outcome[DecisionDetail]:
    return ctx.command(
        lambda db, user: discussion.record_discussion(
            db, user=user, decision_id=decision_id, expected_version=expected_version, draft=draft
        )
    )


def reopen_decision(
    ctx: AppContext,
    *,
    decision_id: int,
    expected_version: int | None,
    requested_by: str,
    requested_on: date,
    agree: int,
    reason: str | None,
) -> Outcome[DecisionDetail]:
    return ctx.command(
        lambda db, user: discussion.reopen_decision(
            db,
            user=user,
            decision_id=decision_id,
            expected_version=expected_version,
            requested_by=requested_by,
            requested_on=requested_on,
            agree=agree,
            reason=reason,
        )
    )


# --- carrying it out ------------------------------------------------------------------------------


def add_follow_up(
    ctx: AppContext,
    *,
    decision_id: int,
    expected_version: int | None,
    task: str,
    owner: str,
    due_on: date | None,
) -> Outcome[DecisionDetail]:
    return ctx.command(
        lambda db, user: follow_up.add_follow_up(
            db,
            user=user,
            decision_id=decision_id,
            expected_version=expected_version,
            task=task,
            owner=owner,
            due_on=due_on,
        )
    )


def update_follow_up(
    ctx: AppContext,
    *,
    decision_id: int,
    expected_version: int | None,
    follow_up_id: int,
    progress: str | None,
    done_on: date | None,
) -> Outcome[DecisionDetail]:
    return ctx.command(
        lambda db, user: follow_up.update_follow_up(
            db,
            user=user,
            decision_id=decision_id,
            expected_version=expected_version,
            follow_up_id=follow_up_id,
            progress=progress,
            done_on=done_on,
        )
    )


def complete_decision(
    ctx: AppContext, *, decision_id: int, expected_version: int | None, completed_on: date
) -> Outcome[DecisionDetail]:
    return ctx.command(
        lambda db, user: follow_up.complete_decision(
            db,
            user=user,
            decision_id=decision_id,
            expected_version=expected_version,
            completed_on=completed_on,
        )
    )


def follow_up_due(ctx: AppContext) -> queries.FollowUpDue:
    """Open follow-ups past or near their due date (逾期跟进), and their decisions."""
    return queries.follow_up_due(ctx.db)
