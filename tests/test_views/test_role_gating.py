"""The gate itself: a refused button stays disabled whatever the window says, with the reason."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QComboBox, QLineEdit, QPushButton, QWidget

from models.domain.roles import Role
from views.permissions import Gate, gate, read_only, refusal_of

from .roles_support import as_role, assert_refused, reason


def test_a_refused_button_stays_disabled_and_says_why(harness, qtbot):
    ctx = as_role(harness.ctx, Role.READONLY)
    button = QPushButton("保存")
    qtbot.addWidget(button)
    button.setToolTip("保存所改")
    assert not gate(button, ctx, "people.edit")
    assert_refused(button, Role.READONLY, "people.edit")
    button.setEnabled(True)  # what a window's own update method does on a selection
    button.setToolTip("所选会议还没有纪要")  # and a tooltip it sets for a state
    assert_refused(button, Role.READONLY, "people.edit")


def test_an_allowed_button_keeps_its_own_tooltip_and_state(harness, qtbot):
    ctx = as_role(harness.ctx, Role.SECRETARIAT)
    button = QPushButton("保存")
    qtbot.addWidget(button)
    button.setToolTip("保存所改")
    button.setEnabled(False)
    assert gate(button, ctx, "people.edit")
    assert button.toolTip() == "保存所改" and not button.isEnabled()
    button.setEnabled(True)
    assert button.isEnabled() and refusal_of(button) is None


def test_gating_again_for_an_allowed_action_gives_the_button_back(harness, qtbot):
    unit = as_role(harness.ctx, Role.UNIT)
    button = QPushButton("办理")
    qtbot.addWidget(button)
    button.setToolTip("办理所选提案")
    button.setAccessibleDescription("签收、退办或办理")
    assert not gate(button, unit, "motions.assign")
    assert_refused(button, Role.UNIT, "motions.assign")
    assert gate(button, unit, "motions.unit_handling")
    assert button.isEnabled() and button.toolTip() == "办理所选提案"
    assert button.accessibleDescription() == "签收、退办或办理"
    button.setEnabled(False)  # no guard is left behind
    button.setEnabled(True)
    assert button.isEnabled() and refusal_of(button) is None


def test_a_refused_action_says_why_in_its_status_tip_and_does_not_come_back(harness, qtbot):
    ctx = as_role(harness.ctx, Role.LEADER)
    holder = QWidget()
    qtbot.addWidget(holder)
    action = QAction("保存调整…", holder)
    action.setStatusTip("保存试算")
    gate(action, ctx, "slates.apply_trial")
    action.setEnabled(True)
    assert_refused(action, Role.LEADER, "slates.apply_trial")


def test_leader_signs_only_when_the_rules_say_so(harness):
    assert not Gate(as_role(harness.ctx, Role.LEADER)).allowed("meetings.finalise")
    assert Gate(as_role(harness.ctx, Role.LEADER, leader_signs=True)).allowed("meetings.finalise")
    assert Gate(harness.ctx).allowed("accounts.manage")  # sign-in not required: an administrator


def test_read_only_fields_can_be_read_not_changed(qtbot):
    form = QWidget()
    qtbot.addWidget(form)
    text, choice = QLineEdit("张三", form), QComboBox(form)
    choice.addItems(["男", "女"])
    read_only(form)
    assert text.isReadOnly() and text.text() == "张三"
    choice.setEnabled(True)
    assert not choice.isEnabled()


def test_reason_names_role_and_action():
    assert reason(Role.READONLY, "people.edit") == (
        "当前账户（只读）无权登记和修改人员信息。如需办理，请联系本会的管理员。"
    )
