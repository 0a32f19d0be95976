"""The procedure steps of a 三重一大 matter: recorded, marked not applicable, files attached.

Attached files are kept whole in the database with their SHA-256 and original name, so a shared
database and a backup carry them. A file is never replaced: a new one is added beside the old,
and the very same content twice is refused as a duplicate.
"""

from __future__ import annotations

import hashlib
from datetime import date

from sqlalchemy.orm import Session

from models.domain.decision_rules import (
    DISCUSSION_STEP,
    DecisionCategory,
    DecisionRules,
    StepSpec,
    StepTiming,
)
from models.domain.errors import DomainError
from models.domain.major_decision import DecisionResult
from models.entities import DecisionAttachment, DecisionStep, MajorDecision
from models.entities.base import utcnow
from models.services.common.access import guarded
from models.services.common.text import fitted
from models.services.decisions._core import (
    decision_rules_in_force,
    detail,
    editing_decision,
    touch,
)
from models.services.decisions.contracts import DecisionDetail
from models.store.unit_of_work import Database

MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024


def _step_of(session: Session, decision: MajorDecision, kind: str) -> DecisionStep:
    """The step row of the category's list, created on first use; the discussion is not a step."""
    existing = next((s for s in decision.steps if s.kind == kind), None)
    if existing is not None:
        return existing
    step = DecisionStep(decision=decision, kind=kind, recorded_by=session.info["user_login"])
    session.add(step)
    return step


def _spec(db: Database, decision: MajorDecision, kind: str) -> tuple[DecisionRules, StepSpec]:
    rules = decision_rules_in_force(db)
    category = DecisionCategory(decision.category)
    wanted = (kind or "").strip()
    if wanted == DISCUSSION_STEP:
        raise DomainError("decision_step_discussion", field="kind")
    spec = rules.step(category, wanted)
    if spec is None:
        raise DomainError(
            "decision_step_unknown",
            field="kind",
            category=category.value,
            kind=kind,
            choices="、".join(
                s.kind for s in rules.steps_of(category) if s.kind != DISCUSSION_STEP
            ),
        )
    if spec.timing is StepTiming.AFTER and decision.result != DecisionResult.PASSED.value:
        raise DomainError("decision_step_after_early", field="kind", kind=spec.kind)
    return rules, spec


@guarded("decisions.edit")
def record_step(
    db: Database,
    *,
    user: str,
    decision_id: int,
    expected_version: int | None,
    kind: str,
    done_on: date,
    participants: str | None,
    summary: str | None,
) -> DecisionDetail:
    """The step as done: date, people, summary. Recording it again corrects the record."""
    with editing_decision(db, user, decision_id, expected_version) as (uow, decision):
        session = uow.session
        rules, spec = _spec(db, decision, kind)
        if summary is None or not summary.strip():
            raise DomainError("motion_field_required", field="summary", label="情况摘要")
        step = _step_of(session, decision, spec.kind)
        step.done_on = done_on
        step.participants = (participants or "").strip() or None
        step.summary = summary.strip()
        step.not_applicable, step.na_reason, step.na_accepted_by = False, None, None
        step.recorded_by = user
        touch(session, decision)
        result = detail(session, decision, rules)
    return result


@guarded("decisions.edit")
def mark_step_not_applicable(
    db: Database,
    *,
    user: str,
    decision_id: int,
    expected_version: int | None,
    kind: str,
    reason: str,
    accepted_by: str,
) -> DecisionDetail:
    """不适用, with a written reason and who accepted it; the record prints both."""
    with editing_decision(db, user, decision_id, expected_version) as (uow, decision):
        session = uow.session
        rules, spec = _spec(db, decision, kind)
        who = fitted(accepted_by, DecisionStep.na_accepted_by, field="accepted_by", label="认可人")
        if not (reason or "").strip() or who is None:
            raise DomainError(
                "decision_step_na_reason",
                field="reason" if not (reason or "").strip() else "accepted_by",
                kind=spec.kind,
            )
        step = _step_of(session, decision, spec.kind)
        step.not_applicable, step.na_reason, step.na_accepted_by = True, reason.strip(), who
        step.done_on, step.recorded_by = None, user
        touch(session, decision)
        result = detail(session, decision, rules)
    return result


@guarded("decisions.edit")
def add_attachment(
    db: Database,
    *,
    user: str,
    decision_id: int,
    expected_version: int | None,
    kind: str,
    filename: str,
    content: bytes,
) -> DecisionDetail:
    """A file for a recorded step, kept with its SHA-256; the same content twice is refused."""
    name = fitted(filename, DecisionAttachment.filename, field="filename", label="文件名")
    if name is None:
        raise DomainError("motion_field_required", field="filename", label="文件名")
    if not content:
        raise DomainError("decision_attachment_empty", field="filename", filename=name)
    if len(content) > MAX_ATTACHMENT_BYTES:
        raise DomainError(
            "decision_attachment_too_large", field="filename", filename=name, limit_mb=50
        )
    digest = hashlib.sha256(content).hexdigest()
    with editing_decision(db, user, decision_id, expected_version) as (uow, decision):
        session = uow.session
        rules, spec = _spec(db, decision, kind)
        step = _step_of(session, decision, spec.kind)
        same = next((a for a in step.attachments if a.sha256 == digest), None)
        if same is not None:
            raise DomainError(
                "decision_attachment_same", field="filename", filename=name, existing=same.filename
            )
        session.add(
            DecisionAttachment(
                step=step,
                filename=name,
                sha256=digest,
                size=len(content),
                content=content,
                added_at=session.info.get("now", utcnow)(),
                added_by=user,
            )
        )
        touch(session, decision)
        result = detail(session, decision, rules)
    return result
