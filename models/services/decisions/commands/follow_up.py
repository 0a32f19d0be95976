"""Carrying out a 通过 decision: follow-up entries (owner, due date, progress) until done."""

from __future__ import annotations

from datetime import date

from models.domain.errors import DomainError
from models.domain.major_decision import DecisionAction, DecisionState
from models.entities import DecisionFollowUp
from models.services.common.access import guarded
from models.services.common.text import fitted
from models.services.decisions._core import (
    decision_rules_in_force,
    detail,
    editing_decision,
    move_decision,
    touch,
)
from models.services.decisions.contracts import DecisionDetail
from models.store.unit_of_work import Database


@guarded("decisions.edit")
def add_follow_up(
    db: Database,
    *,
    user: str,
    decision_id: int,
    expected_version: int | None,
    task: str,
    owner: str,
    due_on: date | None,
) -> DecisionDetail:
    """The first entry puts a 通过 decision 执行中; later ones add to it."""
    rules = decision_rules_in_force(db)
    if not (task or "").strip():
        raise DomainError("motion_field_required", field="task", label="执行事项")
    who = fitted(owner, DecisionFollowUp.owner, field="owner", label="责任人")
    if who is None:
        raise DomainError("motion_field_required", field="owner", label="责任人")
    with editing_decision(db, user, decision_id, expected_version) as (uow, decision):
        session = uow.session
        if DecisionState(decision.state) is not DecisionState.IMPLEMENTING:
            move_decision(session, decision, DecisionAction.START_FOLLOW_UP, rules)
        session.add(
            DecisionFollowUp(
                decision_id=decision.id,
                task=task.strip(),
                owner=who,
                due_on=due_on,
                updated_by=user,
            )
        )
        touch(session, decision)
        result = detail(session, decision, rules)
    return result


@guarded("decisions.edit")
def update_follow_up(
    db: Database,
    *,
    user: str,
    decision_id: int,
    expected_version: int | None,
    follow_up_id: int,
    progress: str | None,
    done_on: date | None,
) -> DecisionDetail:
    rules = decision_rules_in_force(db)
    with editing_decision(db, user, decision_id, expected_version) as (uow, decision):
        session = uow.session
        entry = next((f for f in decision.follow_ups if f.id == follow_up_id), None)
        if entry is None:
            raise DomainError("decision_follow_up_not_found", follow_up_id=follow_up_id)
        if DecisionState(decision.state) is not DecisionState.IMPLEMENTING:
            move_decision(session, decision, DecisionAction.START_FOLLOW_UP, rules)
        entry.progress = (progress or "").strip() or None
        entry.done_on = done_on
        entry.updated_by = user
        touch(session, decision)
        result = detail(session, decision, rules)
    return result


@guarded("decisions.edit")
def complete_decision(
    db: Database,
    *,
    user: str,
    decision_id: int,
    expected_version: int | None,
    completed_on: date,
) -> DecisionDetail:
    """已完成: every follow-up done and every after-step (任前公示) recorded."""
    rules = decision_rules_in_force(db)
    with editing_decision(db, user, decision_id, expected_version) as (uow, decision):
        move_decision(uow.session, decision, DecisionAction.COMPLETE, rules)
        decision.completed_on = completed_on
        result = detail(uow.session, decision, rules)
    return result
