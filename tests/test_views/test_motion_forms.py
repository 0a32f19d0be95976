"""The handling forms on the demo: each makes its move through the real service."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QDate

from models.domain.motion_workflow import HandlingRole, MotionAction, MotionState
from views.motions.handling_forms import (
    AssignForm,
    ExtendForm,
    MergeForm,
    RatingForm,
    UnitReturnForm,
)
from views.motions.motion_detail import MotionDetailWindow
from views.motions.reply_dialog import ReplyForm

from .helpers import WindowHarness, unnamed_focusable
from .test_motions import motion, open_detail, open_list


def open_form(h: WindowHarness, detail: MotionDetailWindow, action: MotionAction) -> object:
    button = detail.action_buttons[action]
    assert button.isEnabled()
    button.click()
    h.idle()
    form = detail.form
    assert form is not None and form.isVisible()
    assert unnamed_focusable(form) == []
    return form


def history_count(h: WindowHarness, motion_id: int) -> int:
    return len(motion(h, motion_id).history)


def test_reply_form_sends_the_reply(harness: WindowHarness) -> None:
    window = open_list(harness)
    detail = open_detail(harness, window, MotionState.HANDLING)
    row = detail.detail.row
    form = open_form(harness, detail, MotionAction.REPLY)
    assert isinstance(form, ReplyForm)
    text = form.text.toPlainText()
    assert f"《{row.title}》" in text and "收悉，现答复如下" in text and "{" not in text
    assert any("所提问题已经解决或基本解决" in form.reply_class.itemText(i) for i in range(4))

    # Without a class, then without a signer: refused, the field named, the input kept.
    form.ok_button().click()
    assert "答复类别" in form.message.text()
    form.reply_class.setCurrentIndex(form.reply_class.findData("A"))
    form.document_number.setText("门残联函〔2026〕12号")
    form.ok_button().click()
    assert "签发人" in form.message.text()
    assert form.signer.property("invalid") is True
    assert form.isVisible() and form.document_number.text() == "门残联函〔2026〕12号"
    # The service refuses the same draft too, and the form names the field.
    form.send(form.draft())
    harness.idle()
    assert form.isVisible() and form.signer.property("invalid") is True
    assert form.document_number.text() == "门残联函〔2026〕12号"

    form.signer.setText("张主席")
    form.handler.setText("李办事员")
    form.phone.setText("0731-1234567")
    form.ok_button().click()
    harness.idle()
    harness.idle()
    assert not form.isVisible()
    assert detail.detail.row.state is MotionState.REPLIED
    reply_class, number, signer, _sent = motion(harness, row.id).replies[-1]
    assert (reply_class, signer, number) == ("A", "张主席", "门残联函〔2026〕12号")
    assert "答复" in detail.history.item(detail.history.rowCount() - 1, 2).text()
    detail.close()
    window.close()


def test_assign_form_shows_the_deadline(harness: WindowHarness) -> None:
    window = open_list(harness)
    detail = open_detail(harness, window, MotionState.ACCEPTED)
    motion_id = detail.motion_id
    before = history_count(harness, motion_id)
    form = open_form(harness, detail, MotionAction.ASSIGN)
    assert isinstance(form, AssignForm)
    assert form.lead.count() > 2
    form.ok_button().click()
    assert "主办单位" in form.message.text()
    form.lead.setCurrentIndex(1)
    co_id = form.co_units.item(1).data(0x0100)
    form.set_co_unit(co_id)
    form.ok_button().click()
    harness.idle()
    harness.idle()
    assert form.isVisible() and "办理期限" in form.message.text()
    assert form.deadline.text() != "—"
    assert detail.detail.row.state is MotionState.ASSIGNED
    assert history_count(harness, motion_id) == before + 1
    assignments = motion(harness, motion_id).assignments
    roles = [role for _unit, role, _on, _due, active in assignments if active]
    assert sorted(roles) == sorted([HandlingRole.LEAD, HandlingRole.CO])
    form.ok_button().click()
    assert not form.isVisible()
    detail.close()
    window.close()


def test_rating_form_closes_the_motion(harness: WindowHarness) -> None:
    window = open_list(harness)
    detail = open_detail(harness, window, MotionState.REPLIED)
    motion_id = detail.motion_id
    form = open_form(harness, detail, MotionAction.RATE)
    assert isinstance(form, RatingForm)
    form.attitude.setCurrentIndex(form.attitude.findData("满意"))
    form.ok_button().click()
    assert "办理结果" in form.message.text()
    form.result_box.setCurrentIndex(form.result_box.findData("基本满意"))
    form.remarks.setText("感谢")
    form.ok_button().click()
    harness.idle()
    harness.idle()
    assert not form.isVisible()
    assert detail.detail.row.state is MotionState.CLOSED
    assert motion(harness, motion_id).feedback[-1] == ("满意", "基本满意", False)
    assert detail.history.item(detail.history.rowCount() - 1, 4).text() == "感谢"
    detail.close()
    window.close()


def test_extend_form_moves_the_deadline(harness: WindowHarness) -> None:
    window = open_list(harness)
    detail = open_detail(harness, window, MotionState.HANDLING)
    motion_id = detail.motion_id
    before = history_count(harness, motion_id)
    old = detail.detail.row.deadline
    form = open_form(harness, detail, MotionAction.EXTEND)
    assert isinstance(form, ExtendForm)
    new = old + timedelta(days=10)
    form.new_due.setDate(QDate(new.year, new.month, new.day))
    form.ok_button().click()
    assert "理由" in form.message.text() and form.reason.property("invalid") is True
    form.reason.setText("需要协调财政资金")
    form.ok_button().click()
    harness.idle()
    harness.idle()
    assert not form.isVisible(), form.message.text()
    assert detail.detail.row.deadline == new
    assert history_count(harness, motion_id) == before + 1
    detail.close()
    window.close()


def test_unit_return_form(harness: WindowHarness) -> None:
    window = open_list(harness)
    detail = open_detail(harness, window, MotionState.ASSIGNED)
    motion_id = detail.motion_id
    form = open_form(harness, detail, MotionAction.UNIT_RETURN)
    assert isinstance(form, UnitReturnForm)
    form.ok_button().click()
    assert "理由" in form.message.text()
    form.reason.setText("不属于本单位职责")
    day = next(
        on
        for _unit, role, on, _due, active in motion(harness, motion_id).assignments
        if active and role is HandlingRole.LEAD
    )
    form.returned_on.setDate(QDate(day.year, day.month, day.day))
    form.ok_button().click()
    harness.idle()
    harness.idle()
    assert not form.isVisible()
    assert detail.detail.row.state is MotionState.UNIT_RETURNED
    assert MotionAction.REASSIGN in detail.action_buttons
    assert detail.action_buttons[MotionAction.REASSIGN].isEnabled()
    detail.close()
    window.close()


def test_merge_form_follows_the_lead(harness: WindowHarness) -> None:
    window = open_list(harness)
    detail = open_detail(harness, window, MotionState.UNDER_REVIEW)
    motion_id = detail.motion_id
    form = open_form(harness, detail, MotionAction.MERGE)
    assert isinstance(form, MergeForm)
    form.ok_button().click()
    assert "主案" in form.message.text()
    assert form.lead.count() > 1
    form.lead.setCurrentIndex(1)
    lead_id = form.lead.currentData()
    form.ok_button().click()
    harness.idle()
    harness.idle()
    assert not form.isVisible()
    assert detail.detail.row.state is MotionState.MERGED
    assert motion(harness, motion_id).row.lead_motion_id == lead_id
    detail.close()
    window.close()


def test_extend_beyond_the_cap_is_refused_and_kept(harness: WindowHarness) -> None:
    window = open_list(harness)
    detail = open_detail(harness, window, MotionState.HANDLING)
    form = open_form(harness, detail, MotionAction.EXTEND)
    assert isinstance(form, ExtendForm)
    far = detail.detail.row.deadline + timedelta(days=3650)
    form.new_due.setDate(QDate(far.year, far.month, far.day))
    form.reason.setText("需要协调财政资金")
    form.ok_button().click()
    harness.idle()
    assert form.isVisible() and form.message.text().startswith("错误")
    assert form.reason.text() == "需要协调财政资金"
    assert form.new_due.date() == QDate(far.year, far.month, far.day)
    assert detail.detail.row.state is MotionState.HANDLING
    form.reject()
    detail.close()
    window.close()
