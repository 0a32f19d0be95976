"""The reply form of a lead motion with merged motions (demo): 联合答复 or 分别答复, and the detail."""

from __future__ import annotations

from typing import TYPE_CHECKING

from models.domain.motion_workflow import MotionAction, MotionState
from views.motions.motion_detail import MotionDetailWindow
from views.motions.motion_list import MotionList
from views.motions.reply_dialog import ReplyForm
from views.ops import motions as ops

from .helpers import WindowHarness, shot
from .test_motion_forms import open_form
from .test_motions import ctx, motion, open_list

if TYPE_CHECKING:
    from models.services.motions.contracts import MotionRow

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


def shown(window: MotionList) -> list[MotionRow]:
    return [window.model.motion(r) for r in range(window.model.rowCount())]


def lead_with_followers(window: MotionList) -> tuple[MotionRow, list[MotionRow]]:
    """A demo lead in 办理中 and its merged motions, as the list shows them."""
    rows = shown(window)
    for lead in rows:
        followers = [
            r for r in rows if r.lead_motion_id == lead.id and r.state is MotionState.MERGED
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
        for r in shown(window)
        if r.state is MotionState.HANDLING
        and not any(f.lead_motion_id == r.id for f in shown(window))
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
    # The whole table shows, not clipped by the dialog's width.
    harness.qtbot.waitUntil(
        lambda: merged.table.visibleRegion().boundingRect().width() == merged.table.width()
    )
    shot(form, "reply-form-separate")
    form.ok_button().click()
    harness.idle()
    assert form.isVisible() and "填了两次" in form.message.text()
    assert merged.property("invalid") is True
    assert motion(harness, lead.id).replies == ()

    first.setText("门残联函〔2026〕92号")
    form.ok_button().click()
    harness.idle()
    harness.idle()
    assert not form.isVisible()
    assert [number for _c, number, _s, _d in motion(harness, followers[0].id).replies] == [
        "门残联函〔2026〕92号"
    ]
    letter = ops.reply_letter(ctx(harness), motion_id=followers[0].id)
    assert letter is not None and not letter.joint
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
    for answered in (lead, *followers):
        assert [number for _c, number, _s, _d in motion(harness, answered.id).replies] == [
            LEAD_NUMBER
        ]
        letter = ops.reply_letter(ctx(harness), motion_id=answered.id)
        assert letter is not None and letter.joint and letter.lead_number == lead.number_text
        assert letter.numbers == tuple(m.number_text for m in (lead, *followers))
    detail.close()

    follower = open_motion(harness, window, followers[0].id)
    text = follower.fact_labels["答复函"].text()
    assert f"随主案{lead.number_text}联合答复" in text and LEAD_NUMBER in text
    assert follower.detail.row.state is MotionState.REPLIED
    shot(follower, "follower-detail-joint")
    follower.close()
    window.close()
