"""The motions window as each role sees it: what a 承办单位, a 只读 clerk, a leader and the
secretariat may press, the rest greyed with the reason; a selection does not bring it back."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QPushButton
from sqlalchemy import select

from models.domain.motion_workflow import MotionAction, MotionState
from models.domain.roles import Role
from models.entities import Assignment, HandlingUnit, Motion
from views.motions.calendar_editor import open_calendar_editor
from views.motions.handling_units_dialog import HandlingUnitsDialog, open_handling_units
from views.motions.motion_detail import MotionDetailWindow
from views.motions.motion_list import MotionList
from views.motions.reply_templates_dialog import open_reply_templates

from .helpers import WindowHarness
from .roles_support import as_role, assert_not_refused, assert_refused

A = MotionAction
SHOTS = Path("/tmp/gating")


def open_as(h: WindowHarness, role: Role, **account: object) -> MotionList:
    # Another account: the motions window of the one before goes, as when signing out.
    for earlier in h.window.findChildren(MotionList):
        earlier.close()
        earlier.setParent(None)
        earlier.deleteLater()
    h.window.ctx = as_role(h.ctx, role, **account)  # type: ignore[arg-type]
    window = h.window.open_motions()
    assert isinstance(window, MotionList)
    h.idle()
    return window


def detail_in(h: WindowHarness, window: MotionList, state: MotionState) -> MotionDetailWindow:
    row = next(r for r in range(window.model.rowCount()) if window.model.motion(r).state is state)
    window.table.selectRow(row)
    detail = window.open_motion()
    assert detail is not None
    h.idle()
    assert detail.detail is not None
    return detail


def list_buttons(window: MotionList) -> dict[str, object]:
    return {
        "motions.intake": [window.new_button, window.new_shortcut, window.import_button],
        "motions.assign": [window.assign_button],
        "papers.print": [window.print_button, window.papers_button],
        "motions.calendar": [window.calendar_button],
        "motions.units": [window.units_button],
        "motions.reply_templates": [window.templates_button],
    }


def lead_unit_in(h: WindowHarness, state: MotionState) -> dict[str, object]:
    """A 承办单位 account of the unit leading a motion in `state`: it sees only its own motions."""
    with h.ctx.db.session_factory() as session:
        unit_id, name = session.execute(
            select(HandlingUnit.id, HandlingUnit.name)
            .join(Assignment, Assignment.unit_id == HandlingUnit.id)
            .join(Motion, Motion.id == Assignment.motion_id)
            .where(Motion.state == state, Assignment.active.is_(True), Assignment.role == "主办")
            .order_by(HandlingUnit.id)
            .limit(1)
        ).one()
    return {"unit_id": unit_id, "unit_name": name}


def test_a_unit_account_sees_only_what_it_may_do(harness: WindowHarness) -> None:
    unit = lead_unit_in(harness, MotionState.ASSIGNED)
    window = open_as(harness, Role.UNIT, **unit)
    for action, targets in list_buttons(window).items():
        for target in targets:  # type: ignore[attr-defined]
            assert_refused(target, Role.UNIT, action)
    assert_not_refused([window.open_button, window.statistics_button])
    # Only its own unit's motions are listed.
    rows = [window.model.motion(r) for r in range(window.model.rowCount())]
    assert rows and all(unit["unit_name"] in (r.lead_unit or "") for r in rows)
    # Selecting motions is what enables 批量交办 for the secretariat: not for a unit.
    window.table.selectAll()
    window.table.selectRow(0)
    assert window.open_button.isEnabled()
    assert_refused(window.assign_button, Role.UNIT, "motions.assign")
    SHOTS.mkdir(exist_ok=True)
    assert window.grab().save(str(SHOTS / "motions_unit.png"))

    detail = detail_in(harness, window, MotionState.ASSIGNED)
    buttons = detail.action_buttons
    assert_not_refused([buttons[A.RECEIVE], buttons[A.UNIT_RETURN]])
    assert buttons[A.RECEIVE].isEnabled()
    assert_refused(detail.attachments.add_button, Role.UNIT, "motions.intake")
    assert_refused(detail.papers_button, Role.UNIT, "papers.print")
    assert detail.attachments.open_button.property("yishiRefusal") is None
    detail.close()
    window.close()

    window = open_as(harness, Role.UNIT, **lead_unit_in(harness, MotionState.RECEIVED))
    received = detail_in(harness, window, MotionState.RECEIVED)
    assert_not_refused([received.action_buttons[A.START_HANDLING]])
    assert_refused(received.action_buttons[A.EXTEND], Role.UNIT, "motions.assign")
    received.load()  # a reload rebuilds the moves: still gated
    harness.idle()
    assert_refused(received.action_buttons[A.EXTEND], Role.UNIT, "motions.assign")
    received.close()
    window.close()

    window = open_as(harness, Role.UNIT, **lead_unit_in(harness, MotionState.HANDLING))
    handling = detail_in(harness, window, MotionState.HANDLING)
    assert_not_refused([handling.action_buttons[A.REPLY], handling.contacts.button])
    assert_refused(handling.action_buttons[A.EXTEND], Role.UNIT, "motions.assign")
    handling.close()
    window.close()


def test_a_read_only_clerk_reads_and_prints_but_handles_nothing(harness: WindowHarness) -> None:
    window = open_as(harness, Role.READONLY)
    for action, targets in list_buttons(window).items():
        for target in targets:  # type: ignore[attr-defined]
            if action == "papers.print":
                assert_not_refused([target])
            else:
                assert_refused(target, Role.READONLY, action)
    detail = detail_in(harness, window, MotionState.SUBMITTED)
    for button in detail.action_buttons.values():
        assert_refused(button, Role.READONLY, "motions.intake")
    assert detail.edit_button is None or not detail.edit_button.isEnabled()
    detail.close()
    handling = detail_in(harness, window, MotionState.HANDLING)
    assert_refused(handling.contacts.button, Role.READONLY, "motions.unit_handling")
    assert_refused(handling.action_buttons[A.REPLY], Role.READONLY, "motions.reply")
    handling.close()
    window.close()


@pytest.mark.parametrize("leader_signs", [False, True])
def test_a_leader_replies_only_when_the_rules_say_leaders_sign(
    harness: WindowHarness, leader_signs: bool
) -> None:
    window = open_as(harness, Role.LEADER, leader_signs=leader_signs)
    assert_refused(window.assign_button, Role.LEADER, "motions.assign")
    handling = detail_in(harness, window, MotionState.HANDLING)
    reply = handling.action_buttons[A.REPLY]
    if leader_signs:
        assert_not_refused([reply])
        assert reply.isEnabled()
    else:
        assert_refused(reply, Role.LEADER, "motions.reply")
    handling.close()
    window.close()


def test_the_secretariat_does_the_work_but_not_the_calendar(harness: WindowHarness) -> None:
    window = open_as(harness, Role.SECRETARIAT)
    assert_refused(window.calendar_button, Role.SECRETARIAT, "motions.calendar")
    others = [t for a, ts in list_buttons(window).items() if a != "motions.calendar" for t in ts]  # type: ignore[attr-defined]
    assert_not_refused(others)
    assert window.new_button.isEnabled() and window.units_button.isEnabled()
    window.close()


def test_the_lists_behind_the_motions_are_read_only_for_a_role_that_may_not_keep_them(
    harness: WindowHarness,
) -> None:
    """承办单位, 工作日历 and 答复函模板 open only from buttons a reader cannot press; should they
    open anyway (another door, a later window), nothing in them changes a record."""
    h = harness
    window = open_as(h, Role.SECRETARIAT)
    reader = as_role(h.ctx, Role.READONLY)
    units = open_handling_units(h.window.runner, reader, window)
    calendar = open_calendar_editor(h.window.runner, reader, window)
    templates = open_reply_templates(h.window.runner, reader, window)
    h.idle()
    for dialog, action in (
        (units, "motions.units"),
        (calendar, "motions.calendar"),
        (templates, "motions.reply_templates"),
    ):
        buttons = [
            b
            for b in dialog.findChildren(QPushButton)
            if b.text().replace("&", "") not in ("关闭", "关闭(C)", "取消")
        ]
        assert buttons
        for button in buttons:
            assert_refused(button, Role.READONLY, action)
    units.table.selectRow(0)
    units.start_rename()  # what a double click on a row does
    assert units.mode is None and not units.editor.isVisible()
    assert templates.name.isReadOnly() and templates.text.isReadOnly()
    assert templates.motion.isEnabled()  # choosing a motion to preview with is reading
    # The secretariat keeps its units and templates; the calendar stays the administrator's.
    secretariat = as_role(h.ctx, Role.SECRETARIAT)
    units.close()
    calendar.close()
    templates.close()
    units = HandlingUnitsDialog(h.window.runner, secretariat, window)
    h.idle()
    assert_not_refused([units.add_button, units.rename_button])
    units.close()
    window.close()
