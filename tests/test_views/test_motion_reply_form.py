"""The reply form of a lead motion with merged motions (demo): 联合答复 or 分别答复, and the detail."""

from __future__ import annotations

from typing import Any

from models.domain.motion_workflow import MotionAction, MotionState
from views.motions.handling_forms import ReplyForm
from views.motions.motion_detail import MotionDetailWindow
from views.motions.motion_list import MotionList

from .helpers import WindowHarness, shot
from .test_motion_forms import open_form
from .test_motions import open_list

LEAD_NUMBER = "门残联函〔2026〕91号"


def open_motion(h: WindowHarness, window: MotionList, motion_id: int) -> MotionDetailWindow:
    h.idle()
    row = next(r for r in range(window.model.rowCount()) if window.model.motion(r).id == motion_id)
    window.table.selectRow(row)
    detail = window.open_motion()
    assert detail is not None
    h.idle()
    assert detail.detail is not None
    return detail


def lead_with_followers(window: MotionList) -> tuple[Any, list[Any]]:
    """A demo lead in 办理中 and its merged motions."""
    for lead in window._all:
        followers = [
            r for r in window._all if r.lead_motion_id == lead.id and r.state is MotionState.MERGED
        ]
        if lead.state is MotionState.HANDLING and followers:
            return lead, followers
    raise AssertionError("the demo has a lead in 办理中 with a merged motion")


def fill(form: ReplyForm) -> None:
    form.reply_class.setCurrentIndex(form.reply_class.findData("A"))
    form.signer.setText("张主席")
    form.document_number.setText(LEAD_NUMBER)


def test_separate_letters_take_their_own_numbers(harness: WindowHarness) -> None:
    window = open_list(harness)
    lead, followers = lead_with_followers(window)
    plain = next(
        r
        for r in window._all
        if r.state is MotionState.HANDLING
        and not any(f.lead_motion_id == r.id for f in window._all)
    )
    detail = open_motion(harness, window, plain.id)
    form = open_form(harness, detail, MotionAction.REPLY)
    assert isinstance(form, ReplyForm) and form.merged is None  # no choice without 并案
    form.reject()
    detail.close()

    detail = open_motion(harness, window, lead.id)
    form = open_form(harness, detail, MotionAction.REPLY)
    assert isinstance(form, ReplyForm) and form.merged is not None
    merged = form.merged
    assert merged.joint.isChecked() and not merged.table.isEnabled()
    assert lead.proposer in merged.joint_note.text()
    merged.separate.click()
    assert merged.table.isEnabled() and merged.table.rowCount() == len(followers)
    assert [merged.table.item(i, 1).text() for i in range(len(followers))] == [
        f.title for f in followers
    ]
    fill(form)
    first = merged.number_edits[followers[0].id]
    first.setText(LEAD_NUMBER)  # the lead's number again: refused, nothing written
    harness.qtbot.wait(50)  # the whole table shows, not clipped by the dialog's width
    assert merged.table.visibleRegion().boundingRect().width() == merged.table.width()
    shot(form, "reply-form-separate")
    form.ok_button().click()
    harness.idle()
    assert form.isVisible() and "填了两次" in form.message.text()
    assert merged.property("invalid") is True
    assert harness.query("SELECT count(*) FROM motion_reply WHERE motion_id = ?", lead.id) == [(0,)]

    first.setText("门残联函〔2026〕92号")
    form.ok_button().click()
    harness.idle()
    harness.idle()
    assert not form.isVisible()
    rows = harness.query(
        "SELECT document_number, joint_reply_id FROM motion_reply WHERE motion_id = ?",
        followers[0].id,
    )
    assert rows == [("门残联函〔2026〕92号", None)]
    detail.close()
    window.close()


def test_a_joint_letter_and_the_follower_detail(harness: WindowHarness) -> None:
    window = open_list(harness)
    lead, followers = lead_with_followers(window)
    detail = open_motion(harness, window, lead.id)
    assert detail.fact_labels["答复函"].text() == "—"
    form = open_form(harness, detail, MotionAction.REPLY)
    assert isinstance(form, ReplyForm) and form.merged is not None
    fill(form)
    shot(form, "reply-form-joint")
    form.ok_button().click()
    harness.idle()
    harness.idle()
    assert not form.isVisible()
    assert "联合答复" in detail.fact_labels["答复函"].text()
    numbers = harness.query(
        "SELECT r.document_number, r.joint_reply_id IS NOT NULL FROM motion_reply r "
        "JOIN motion m ON m.id = r.motion_id WHERE m.id = ? OR m.lead_motion_id = ? ORDER BY r.id",
        lead.id,
        lead.id,
    )
    assert numbers == [(LEAD_NUMBER, 0)] + [(LEAD_NUMBER, 1)] * len(followers)
    detail.close()

    follower = open_motion(harness, window, followers[0].id)
    text = follower.fact_labels["答复函"].text()
    assert f"随主案{lead.number_text}联合答复" in text and LEAD_NUMBER in text
    assert follower.detail.row.state is MotionState.REPLIED
    shot(follower, "follower-detail-joint")
    follower.close()
    window.close()
