"""沟通 recorded in the motion window: the form, the detail's table, and 沟通率 in the statistics."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate

from models.domain.motion_workflow import CONTACT_STATES, MotionState
from models.services.motions.contracts import ReplyDraft
from views.motions.contact_form import ContactForm
from views.motions.motion_detail import MotionDetailWindow
from views.ops import motions as ops

from .helpers import WindowHarness, shot, type_text, unnamed_focusable
from .test_motions import ctx, motion, open_detail, open_list


def open_contact_form(h: WindowHarness, detail: MotionDetailWindow) -> ContactForm:
    assert detail.contacts.button.isEnabled()
    detail.contacts.button.click()
    form = detail.contact_form
    assert form is not None and form.isVisible()
    assert unnamed_focusable(form) == []
    return form


def test_a_contact_before_the_reply_shows_in_the_detail_and_counts(harness: WindowHarness) -> None:
    h = harness
    context = ctx(h)
    window = open_list(h)
    detail = open_detail(h, window, MotionState.HANDLING)
    motion_id = detail.detail.row.id
    assert motion(h, motion_id).contacts == ()
    before = ops.term_statistics(context).overall
    assert detail.contacts.table.rowCount() == 0

    form = open_contact_form(h, detail)
    assert [form.method.itemText(i) for i in range(form.method.count())] == [
        "电话",
        "面谈",
        "书面",
        "座谈会",
        "其他",
    ]
    # No method: refused by the form, the field named.
    form.method.setEditText("")
    form.ok_button().click()
    assert "沟通方式" in form.message.text() and form.isVisible()

    day = date.today() - timedelta(days=3)
    form.contact_date.setDate(QDate(day.year, day.month, day.day))
    form.method.setEditText("走访")  # the combo is editable: any method may be typed
    type_text(h.qtbot, form.note, "提案人对办理思路表示认可")
    form.ok_button().click()
    h.idle()
    assert not form.isVisible()
    assert "已记录沟通" in detail.message.text()
    shot(detail, "motion-detail-contact")

    table = detail.contacts.table
    assert table.rowCount() == 1
    cells = [table.item(0, c).text() for c in range(4)]
    assert cells == [day.isoformat(), "走访", "提案人对办理思路表示认可", "clerk"]
    assert motion(h, motion_id).contacts == ((day, "走访", "提案人对办理思路表示认可", "clerk"),)

    # Once the motion is replied, the contact before the reply counts in 沟通率.
    row = detail.detail.row
    today = date.today()
    draft = ReplyDraft(
        reply_class="A", text="答复。", signer="王主任", signed_on=today, sent_on=today
    )
    followers = ops.merged_followers(context, motion_id=row.id)  # replied with it, uncontacted
    ops.send_reply(context, motion_id=row.id, version=row.version, reply=draft)
    after = ops.term_statistics(context).overall
    assert after.replied == before.replied + 1 + len(followers)
    assert after.contacted == before.contacted + 1
    detail.close()
    window.close()


def test_contact_is_offered_only_while_the_motion_is_handled(harness: WindowHarness) -> None:
    window = open_list(harness)
    for state in (MotionState.DRAFT, MotionState.CLOSED, MotionState.HANDLING):
        detail = open_detail(harness, window, state)
        assert detail.contacts.button.isEnabled() is (state in CONTACT_STATES)
        assert (detail.open_contact_form() is None) is (state not in CONTACT_STATES)
        if detail.contact_form is not None:
            detail.contact_form.reject()
        detail.close()
    window.close()
