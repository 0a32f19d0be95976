"""The operations of the 提案 windows: reads return contracts, commands return an Outcome.

Each is one line over models.services.motions (queries, commands); the clerk and the database come
from the AppContext. The service modules are imported inside the functions so that importing this
module (and the windows that do) pulls in no SQLAlchemy before the first paint.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from models.domain.motion_statistics import GroupedStatistics
    from models.domain.motion_workflow import HandlingRole
    from models.importing.motion_reader import MotionSheet
    from models.services.common.changes import Outcome
    from models.services.common.context import AppContext
    from models.services.decisions.contracts import AttachmentFile
    from models.services.motions.commands.co_units import CoUnitEntry
    from models.services.motions.contracts import (
        DueCounts,
        LetterSummary,
        MemberChoice,
        MotionDetail,
        MotionDraft,
        MotionRow,
        ReplyDraft,
    )
    from models.services.motions.importing import MotionImportOutcome
    from models.services.motions.queries import MotionAttachmentRow


# ---------------------------------------------------------------- reads


def term_motions(ctx: AppContext, *, term: int | None = None) -> list[MotionRow]:
    from models.services.motions import queries

    return queries.term_motion_rows(ctx.db, term=term, reader=ctx.account)


def motion(ctx: AppContext, *, motion_id: int) -> MotionDetail:
    from models.services.motions import queries

    return queries.get_motion(ctx.db, motion_id, reader=ctx.account)


def reply_letter(ctx: AppContext, *, motion_id: int) -> LetterSummary | None:
    from models.services.motions import queries

    return queries.reply_letter_summary(ctx.db, motion_id, reader=ctx.account)


def merged_followers(ctx: AppContext, *, motion_id: int) -> list[MotionRow]:
    from models.services.motions import queries

    return queries.merged_follower_rows(ctx.db, motion_id, reader=ctx.account)


def handling_units(ctx: AppContext) -> list[tuple[int, str]]:
    from models.services.motions import queries

    return queries.list_handling_units(ctx.db)


def reply_classes(ctx: AppContext) -> tuple[tuple[str, str], ...]:
    from models.services.motions import queries

    return queries.reply_classes(ctx.db)


def due_counts(ctx: AppContext) -> DueCounts:
    from models.services.motions import queries

    return queries.due_counts(ctx.db, reader=ctx.account)


def term_statistics(ctx: AppContext) -> GroupedStatistics:
    from models.services.motions import queries

    return queries.term_statistics(ctx.db, reader=ctx.account)


# ---------------------------------------------------------------- intake


def advance_motion(
    ctx: AppContext, *, motion_id: int, version: int | None, action: str, reason: str | None = None
) -> Outcome[MotionRow]:
    from models.services.motions.commands import intake

    return ctx.command(
        lambda db, user: intake.advance_motion(
            db, user=user, motion_id=motion_id, expected_version=version, action=action,
            reason=reason,
        )
    )  # fmt: skip


def accept_motion(ctx: AppContext, *, motion_id: int, version: int | None) -> Outcome[MotionRow]:
    from models.services.motions.commands import intake

    return ctx.command(
        lambda db, user: intake.accept_motion(
            db, user=user, motion_id=motion_id, expected_version=version
        )
    )


def merge_motion(
    ctx: AppContext, *, motion_id: int, version: int | None, lead_id: int
) -> Outcome[MotionRow]:
    from models.services.motions.commands import intake

    return ctx.command(
        lambda db, user: intake.merge_motion(
            db, user=user, motion_id=motion_id, expected_version=version, lead_id=lead_id
        )
    )


# ---------------------------------------------------------------- handling


def assign_motion(
    ctx: AppContext,
    *,
    motion_id: int,
    version: int | None,
    units: Sequence[tuple[int, HandlingRole]],
    assigned_on: date,
) -> Outcome[tuple[MotionRow, str | None]]:
    from models.services.motions.commands import handling

    return ctx.command(
        lambda db, user: handling.assign_motion(
            db, user=user, motion_id=motion_id, expected_version=version, units=units,
            assigned_on=assigned_on,
        )
    )  # fmt: skip


def receive_motion(
    ctx: AppContext, *, motion_id: int, version: int | None, received_on: date
) -> Outcome[MotionRow]:
    from models.services.motions.commands import handling

    return ctx.command(
        lambda db, user: handling.receive_motion(
            db, user=user, motion_id=motion_id, expected_version=version, received_on=received_on
        )
    )


def unit_return(
    ctx: AppContext, *, motion_id: int, version: int | None, reason: str | None, on: date
) -> Outcome[MotionRow]:
    from models.services.motions.commands import handling

    return ctx.command(
        lambda db, user: handling.unit_return(
            db, user=user, motion_id=motion_id, expected_version=version, reason=reason,
            returned_on=on,
        )
    )  # fmt: skip


def extend_deadline(
    ctx: AppContext,
    *,
    motion_id: int,
    version: int | None,
    new_due: date,
    reason: str | None,
    on: date,
) -> Outcome[MotionRow]:
    from models.services.motions.commands import handling

    return ctx.command(
        lambda db, user: handling.extend_deadline(
            db, user=user, motion_id=motion_id, expected_version=version, new_due=new_due,
            reason=reason, granted_on=on,
        )
    )  # fmt: skip


def record_contact(
    ctx: AppContext, *, motion_id: int, contact_date: date, method: str, note: str | None = None
) -> Outcome[None]:
    from models.services.motions.commands import handling

    return ctx.command(
        lambda db, user: handling.record_contact(
            db, user=user, motion_id=motion_id, contact_date=contact_date, method=method,
            note=note,
        )
    )  # fmt: skip


# ---------------------------------------------------------------- reply and feedback


def send_reply(
    ctx: AppContext, *, motion_id: int, version: int | None, reply: ReplyDraft
) -> Outcome[MotionRow]:
    from models.services.motions.commands import replies

    return ctx.command(
        lambda db, user: replies.send_reply(
            db, user=user, motion_id=motion_id, expected_version=version, reply=reply
        )
    )


def rate_motion(
    ctx: AppContext,
    *,
    motion_id: int,
    version: int | None,
    attitude: str,
    result: str,
    rated_on: date,
    remarks: str | None = None,
) -> Outcome[MotionRow]:
    from models.services.motions.commands import replies

    return ctx.command(
        lambda db, user: replies.rate_motion(
            db, user=user, motion_id=motion_id, expected_version=version, attitude=attitude,
            result=result, rated_on=rated_on, remarks=remarks,
        )
    )  # fmt: skip


def feedback_timeout(
    ctx: AppContext, *, motion_id: int, version: int | None, on: date
) -> Outcome[MotionRow]:
    from models.services.motions.commands import replies

    return ctx.command(
        lambda db, user: replies.feedback_timeout(
            db, user=user, motion_id=motion_id, expected_version=version, on=on
        )
    )


# ---------------------------------------------------------------- many motions from a file


def preview_motion_file(ctx: AppContext, *, path: Path, term: int | None = None) -> MotionSheet:
    from models.services.motions import importing

    # The window reads the file in a child process: a hostile file ends the child, not the window.
    return importing.preview_motions(ctx.db, path=path, term=term, isolated=True)


def import_motion_file(
    ctx: AppContext, *, path: Path, term: int | None = None, valid_only: bool = False
) -> Outcome[MotionImportOutcome]:
    from models.services.motions import importing

    return ctx.command(
        lambda db, user: importing.import_motions(
            db, user=user, path=path, term=term, valid_only=valid_only
        )
    )


# ---------------------------------------------------------------- 协办单位意见


def co_unit_entries(ctx: AppContext, *, motion_id: int) -> list[CoUnitEntry]:
    from models.services.motions.commands import co_units

    return co_units.co_unit_entries(ctx.db, motion_id=motion_id)


def record_co_unit_opinion(
    ctx: AppContext,
    *,
    motion_id: int,
    unit_id: int,
    text: str,
    given_on: date,
    given_by: str | None,
) -> Outcome[MotionRow]:
    from models.services.motions.commands import co_units

    return ctx.command(
        lambda db, user: co_units.record_co_unit_opinion(
            db, user=user, motion_id=motion_id, unit_id=unit_id, text=text, given_on=given_on,
            given_by=given_by,
        )
    )  # fmt: skip


# ---------------------------------------------------------------- 新建提案, 编辑, 重新提交


def presidium_members(ctx: AppContext, *, term: int | None = None) -> list[MemberChoice]:
    from models.services.motions import queries

    return queries.presidium_members(ctx.db, term=term)


def current_presidium_term(ctx: AppContext) -> int | None:
    from models.services.motions import queries

    return queries.current_term(ctx.db)


def motion_draft(ctx: AppContext, *, motion_id: int) -> tuple[int | None, MotionDraft]:
    from models.services.motions import queries

    return queries.motion_draft(ctx.db, motion_id)


def add_motion(ctx: AppContext, *, draft: MotionDraft, term: int | None) -> Outcome[MotionRow]:
    from models.services.motions.commands import entry

    return ctx.command(lambda db, user: entry.add_motion(db, user=user, draft=draft, term=term))


def edit_motion(
    ctx: AppContext, *, motion_id: int, version: int | None, draft: MotionDraft
) -> Outcome[MotionRow]:
    from models.services.motions.commands import entry

    return ctx.command(
        lambda db, user: entry.edit_motion(
            db, user=user, motion_id=motion_id, expected_version=version, draft=draft
        )
    )


def resubmit_motion(
    ctx: AppContext, *, motion_id: int, version: int | None, draft: MotionDraft
) -> Outcome[MotionRow]:
    from models.services.motions.commands import entry

    return ctx.command(
        lambda db, user: entry.resubmit_motion(
            db, user=user, motion_id=motion_id, expected_version=version, draft=draft
        )
    )


def reject_motion(
    ctx: AppContext, *, motion_id: int, version: int | None, reason: str, as_suggestion: bool
) -> Outcome[MotionRow]:
    """不予立案, optionally 转为意见建议 (DOMAIN §4)."""
    from models.services.motions.commands import intake

    return ctx.command(
        lambda db, user: intake.advance_motion(
            db,
            user=user,
            motion_id=motion_id,
            expected_version=version,
            action="reject",
            reason=reason,
            as_suggestion=as_suggestion,
        )
    )


# ---------------------------------------------------------------- attachments (附件)


def motion_attachments(ctx: AppContext, *, motion_id: int) -> list[MotionAttachmentRow]:
    from models.services.motions.queries import motion_attachments as listed

    return listed(ctx.db, motion_id)


def motion_attachment_content(ctx: AppContext, *, attachment_id: int) -> AttachmentFile:
    from models.services.motions.queries import motion_attachment_content as content

    return content(ctx.db, attachment_id)


def attach_to_motion(ctx: AppContext, *, motion_id: int, path: Path) -> Outcome[int]:
    from models.services.motions.commands import attachments

    return ctx.command(
        lambda db, user: attachments.attach_to_motion(db, user=user, motion_id=motion_id, path=path)
    )


def remove_motion_attachment(ctx: AppContext, *, attachment_id: int) -> Outcome[None]:
    from models.services.motions.commands import attachments

    return ctx.command(
        lambda db, user: attachments.remove_motion_attachment(
            db, user=user, attachment_id=attachment_id
        )
    )
