"""协办单位意见 in the motion detail on the demo: the button, the form (keyboard, names), a refusal
that keeps the text, the saved opinion in the history and in the reply letter's data."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate

from models.domain.motion_workflow import HandlingRole, MotionState
from views.motions.handling_forms import CoUnitOpinionForm
from views.ops import motions as ops

from .helpers import WindowHarness, shot, type_text, unnamed_focusable
from .test_motions import ctx, motion, open_list


def _with_co_unit(h: WindowHarness) -> int:
    for row in ops.term_motions(ctx(h)):
        if row.state is not MotionState.HANDLING or row.lead_motion_id is not None:
            continue
        if any(a and r is HandlingRole.CO for _u, r, _a, _d, a in motion(h, row.id).assignments):
            return row.id
    raise AssertionError("the demo has a motion in 办理中 with a 协办 unit")


def test_a_co_unit_opinion_is_entered_from_the_detail(harness: WindowHarness) -> None:
    h = harness
    motion_id = _with_co_unit(h)
    window = open_list(h)
    window.table.selectRow(
        next(r for r in range(window.model.rowCount()) if window.model.motion(r).id == motion_id)
    )
    detail = window.open_motion()
    h.idle()
    assert detail is not None and detail.co_unit_button.isEnabled()
    assert detail.co_unit_button.accessibleName() == "协办单位意见"
    history = len(motion(h, motion_id).history)

    detail.co_unit_button.click()
    h.idle()
    form = detail.co_unit_form
    assert isinstance(form, CoUnitOpinionForm) and form.isVisible()
    assert unnamed_focusable(form) == []
    entries = ops.co_unit_entries(ctx(h), motion_id=motion_id)
    assert [form.unit.itemText(i) for i in range(form.unit.count())] == [e.unit for e in entries]
    # Keyboard: the labels' mnemonics reach every field, and Tab leaves the opinion text.
    assert form.form.labelForField(form.text).buddy() is form.text
    assert form.text.tabChangesFocus()

    form.ok_button().click()  # no text: refused in the form, nothing written
    assert "协办单位意见" in form.message.text() and form.isVisible()
    assert len(motion(h, motion_id).history) == history

    form.given_on.setDate(QDate(2026, 2, 3))
    type_text(h.qtbot, form.given_by, "赵科长")
    type_text(h.qtbot, form.text, "同意主办单位意见，配合做好相关工作。")
    shot(form, "co_unit_opinion_form")
    form.ok_button().click()
    h.idle()
    assert not form.isVisible()
    assert "已登记协办单位意见" in detail.message.text()
    after = motion(h, motion_id).history
    assert len(after) == history + 1 and after[-1].action == "协办单位意见"
    entry = next(
        e for e in ops.co_unit_entries(ctx(h), motion_id=motion_id) if e.unit == entries[0].unit
    )
    assert (entry.text, entry.given_on, entry.given_by) == (
        "同意主办单位意见，配合做好相关工作。",
        date(2026, 2, 3),
        "赵科长",
    )
    shot(detail, "motion_detail_co_unit")
    detail.close()
    window.close()
