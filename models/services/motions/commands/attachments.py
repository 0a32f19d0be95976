"""附件 of a motion (the scanned paper, supporting material): added from a file, removed while
the motion is still with the secretariat.

Kept like the 三重一大 attachments: the whole file in the database with its original name, size
and SHA-256, so a shared database and a backup carry it. The very same content twice on one
motion is refused as a duplicate. Each addition and removal is a row of the motion's history.
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import undefer

from models.domain.errors import DomainError
from models.domain.motion_workflow import STATE_NAMES, MotionState
from models.entities import Motion, MotionAttachment, MotionStateChange
from models.entities.base import utcnow
from models.importing.workbook import missing_or_folder
from models.services.common.access import guarded
from models.services.motions._rows import editing_motion
from models.store.failures import refusal
from models.store.unit_of_work import Database

MAX_ATTACHMENT_MB = 50
MAX_ATTACHMENT_BYTES = MAX_ATTACHMENT_MB * 1024 * 1024
ATTACH_ACTION = "添加附件"
REMOVE_ACTION = "删除附件"
MAX_NAME = 255  # MotionAttachment.filename
# Removing is for the secretariat's intake: once accepted, the motion's papers are the record.
REMOVABLE_STATES = frozenset(
    {MotionState.SUBMITTED, MotionState.UNDER_REVIEW, MotionState.REVISING}
)


def _read(path: Path) -> tuple[str, bytes]:
    """The file's name and bytes, or the refusal that says what is wrong with the path."""
    problem = missing_or_folder(path)
    if problem is not None:
        raise problem
    name = path.name
    try:
        size = path.stat().st_size
        if size > MAX_ATTACHMENT_BYTES:
            raise DomainError(
                "motion_attachment_too_large",
                field="path",
                filename=name,
                limit_mb=MAX_ATTACHMENT_MB,
            )
        content = path.read_bytes()
    except OSError as error:
        raise (refusal(error) or DomainError("file_missing", path=str(path))) from error
    if not content:
        raise DomainError("motion_attachment_empty", field="path", filename=name)
    if len(content) > MAX_ATTACHMENT_BYTES:  # grew while read
        raise DomainError(
            "motion_attachment_too_large", field="path", filename=name, limit_mb=MAX_ATTACHMENT_MB
        )
    if len(name) > MAX_NAME:  # keep the extension: the viewer chooses by it
        suffix = Path(name).suffix[:20]
        name = name[: MAX_NAME - len(suffix)] + suffix
    return name, content


def _record(motion: Motion, action: str, filename: str, at: datetime, user: str) -> None:
    motion.changes.append(
        MotionStateChange(
            at=at,
            by=user,
            action=action,
            from_state=motion.state,
            to_state=motion.state,
            reason=filename,
        )
    )


@guarded("motions.intake")
def attach_to_motion(db: Database, *, user: str, motion_id: int, path: Path | str) -> int:
    """添加附件: the file at `path` (at most 50 MB, not empty) with its SHA-256; returns its id."""
    name, content = _read(Path(path))
    digest = hashlib.sha256(content).hexdigest()
    with editing_motion(db, user, motion_id, None) as (uow, motion):
        session = uow.session
        same = session.scalars(
            select(MotionAttachment.filename).where(
                MotionAttachment.motion_id == motion.id, MotionAttachment.sha256 == digest
            )
        ).first()
        if same is not None:
            raise DomainError("motion_attachment_same", field="path", filename=name, existing=same)
        now = session.info.get("now", utcnow)()
        attachment = MotionAttachment(
            motion_id=motion.id,
            filename=name,
            sha256=digest,
            size=len(content),
            content=content,
            added_at=now,
            added_by=user,
        )
        session.add(attachment)
        _record(motion, ATTACH_ACTION, name, now, user)
        session.flush()
        attachment_id = attachment.id
    return attachment_id


@guarded("motions.intake")
def remove_motion_attachment(db: Database, *, user: str, attachment_id: int) -> None:
    """删除附件 while the motion is 已提交, 审查中 or 退回修改; its history keeps the name."""
    with db.session_factory() as session:
        motion_id = session.scalar(
            select(MotionAttachment.motion_id).where(MotionAttachment.id == attachment_id)
        )
    if motion_id is None:
        raise DomainError("motion_attachment_not_found", attachment_id=attachment_id)
    with editing_motion(db, user, motion_id, None) as (uow, motion):
        session = uow.session
        # Loaded whole: the audit log's snapshot of the deleted row reads every column.
        attachment = session.get(
            MotionAttachment, attachment_id, options=[undefer(MotionAttachment.content)]
        )
        if attachment is None:
            raise DomainError("motion_attachment_not_found", attachment_id=attachment_id)
        if motion.state not in REMOVABLE_STATES:
            raise DomainError(
                "motion_attachment_not_removable",
                filename=attachment.filename,
                title=motion.title,
                state=STATE_NAMES[motion.state],
            )
        _record(motion, REMOVE_ACTION, attachment.filename, session.info.get("now", utcnow)(), user)
        session.delete(attachment)
        session.flush()
