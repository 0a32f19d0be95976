"""Handling a numbered motion (DOMAIN §4): 交办, 签收 and 退办, 延期, and 沟通 with the proposer."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from models.domain.errors import DomainError
from models.domain.motion_workflow import (
    CONTACT_STATES,
    STATE_NAMES,
    HandlingRole,
    MotionAction,
    MotionState,
)
from models.entities import Assignment, AssignmentExtension, Contact, HandlingUnit, Motion
from models.entities.base import utcnow
from models.services.common.access import guarded
from models.services.common.text import fitted
from models.services.motions import _rules as dl
from models.services.motions._rows import (
    editing_motion,
    lead_assignment,
    load_motion,
    require_motion_scope,
    row_of,
)
from models.services.motions._workflow import move_motion
from models.services.motions.contracts import MotionRow
from models.store.unit_of_work import Database


@guarded("motions.assign")
def assign_motion(
    db: Database,
    *,
    user: str,
    motion_id: int,
    expected_version: int | None,
    units: Sequence[tuple[int, HandlingRole]],
    assigned_on: date,
    reason: str | None = None,
) -> tuple[MotionRow, str | None]:
    """交办 (or 重新交办 after 退办): one 主办, any 协办; returns the row and a calendar warning."""
    roles = [role for _, role in units]
    if roles.count(HandlingRole.LEAD) != 1 or any(r not in tuple(HandlingRole) for r in roles):
        raise DomainError("motion_one_lead_unit", field="units")
    if len({unit_id for unit_id, _ in units}) != len(units):
        raise DomainError("motion_unit_twice", field="units")
    rules, calendar = dl.rules_and_calendar(db)
    with editing_motion(db, user, motion_id, expected_version) as (uow, motion):
        session = uow.session
        action = (
            MotionAction.REASSIGN
            if motion.state is MotionState.UNIT_RETURNED
            else MotionAction.ASSIGN
        )
        move_motion(session, motion, action, reason=reason)
        for old in motion.assignments:
            old.active = False
        reply = dl.reply_due(assigned_on, rules, calendar)
        co_due = dl.co_unit_due(assigned_on, rules, calendar)
        for unit_id, role in units:
            unit = session.get(HandlingUnit, unit_id)
            if unit is None:
                raise DomainError("handling_unit_not_found", field="units", unit_id=unit_id)
            if not unit.active:  # stopped while the clerk's form was open
                raise DomainError("handling_unit_stopped", field="units", name=unit.name)
            session.add(
                Assignment(
                    motion=motion,
                    unit=unit,
                    role=HandlingRole(role),
                    assigned_on=assigned_on,
                    due_on=reply.due if role == HandlingRole.LEAD else co_due.due,
                    active=True,
                )
            )
        row = row_of(session, motion)
    return row, reply.warning


def _active_lead(motion: Motion) -> Assignment:
    assignment = lead_assignment(motion)
    if assignment is None:
        raise DomainError("motion_not_assigned")
    return assignment


@guarded("motions.unit_handling")
def receive_motion(
    db: Database, *, user: str, motion_id: int, expected_version: int | None, received_on: date
) -> MotionRow:
    """签收 by the lead unit."""
    with editing_motion(db, user, motion_id, expected_version) as (uow, motion):
        session = uow.session
        require_motion_scope(motion, "motions.unit_handling")
        move_motion(session, motion, MotionAction.RECEIVE)
        _active_lead(motion).received_on = received_on
        row = row_of(session, motion)
    return row


@guarded("motions.unit_handling")
def unit_return(
    db: Database,
    *,
    user: str,
    motion_id: int,
    expected_version: int | None,
    reason: str | None,
    returned_on: date,
) -> MotionRow:
    """退办 by the lead unit, with a reason, within the window after assignment."""
    rules, calendar = dl.rules_and_calendar(db)
    with editing_motion(db, user, motion_id, expected_version) as (uow, motion):
        session = uow.session
        require_motion_scope(motion, "motions.unit_handling")
        assignment = lead_assignment(motion)
        move_motion(session, motion, MotionAction.UNIT_RETURN, reason=reason)
        assert assignment is not None  # an assigned motion has its lead unit
        last_day = dl.unit_return_last_day(assignment.assigned_on, rules, calendar)
        if returned_on > last_day:
            raise DomainError(
                "return_window_passed",
                field="returned_on",
                last_day=last_day.isoformat(),
                days=rules.unit_return_window_working_days,
            )
        assignment.returned_on = returned_on
        assignment.return_reason = (reason or "").strip()
        for a in motion.assignments:  # the secretariat reassigns the whole motion
            a.active = False
        row = row_of(session, motion)
    return row


@guarded("motions.assign")
def extend_deadline(
    db: Database,
    *,
    user: str,
    motion_id: int,
    expected_version: int | None,
    new_due: date,
    reason: str | None,
    granted_on: date,
) -> MotionRow:
    """延期: a reason, and the new deadline no later than the cap after assignment."""
    rules, _calendar = dl.rules_and_calendar(db)
    with editing_motion(db, user, motion_id, expected_version) as (uow, motion):
        session = uow.session
        assignment = lead_assignment(motion)
        move_motion(session, motion, MotionAction.EXTEND, reason=reason)
        assert assignment is not None  # a received or handled motion has its lead unit
        dl.check_extension(assignment.assigned_on, new_due, rules)
        if new_due <= assignment.due_on:
            raise DomainError("extension_not_later", field="new_due", due=str(assignment.due_on))
        session.add(
            AssignmentExtension(
                assignment=assignment,
                previous_due=assignment.due_on,
                new_due=new_due,
                reason=(reason or "").strip(),
                granted_on=granted_on,
                granted_by=user,
            )
        )
        assignment.due_on = new_due
        motion.updated_at = utcnow()  # the extension is an edit of the motion (version bump)
        row = row_of(session, motion)
    return row


@guarded("motions.unit_handling")
def record_contact(
    db: Database,
    *,
    user: str,
    motion_id: int,
    contact_date: date,
    method: str,
    note: str | None = None,
) -> None:
    """沟通 with the proposer (date, method such as 电话、座谈、走访, note)."""
    text = fitted(method, Contact.method, field="method", label="沟通方式")
    if text is None:
        raise DomainError("motion_field_required", field="method", label="沟通方式")
    with db.unit_of_work(user) as uow:
        motion = load_motion(uow.session, motion_id)
        require_motion_scope(motion, "motions.unit_handling")
        if motion.state not in CONTACT_STATES:
            raise DomainError(
                "motion_contact_state",
                field="contact_date",
                state=STATE_NAMES[motion.state],
            )
        uow.session.add(
            Contact(
                motion_id=motion.id,
                contact_date=contact_date,
                method=text,
                note=(note or "").strip() or None,
                recorded_by=user,
            )
        )
        uow.commit()
