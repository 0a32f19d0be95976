"""Joining a term and ending a membership from the window; history is kept."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt

from models.domain.vocabulary import BodyKind, EndReason, MembershipStatus
from models.services.people.contracts import MembershipRow
from views.people.membership_dialog import EndMembershipDialog, MembershipDialog

from .helpers import WindowHarness, shot, type_text, unnamed_focusable

END_DATE = "2025-10-31"


@pytest.fixture
def dialogs(harness: WindowHarness) -> Iterator[list]:
    """Dialogs a test opens, closed at its end."""
    opened: list = []
    yield opened
    harness.idle()
    for dialog in opened:
        dialog.close()


def open_end_dialog(h: WindowHarness, entry, opened: list) -> EndMembershipDialog:
    dialog = EndMembershipDialog(h.window.runner, h.window.ctx, entry, h.window)
    h.qtbot.addWidget(dialog)
    opened.append(dialog)
    dialog.show()
    return dialog


def open_join_dialog(h: WindowHarness, opened: list) -> MembershipDialog:
    body = h.roster.current_body()
    dialog = MembershipDialog(
        h.window.runner,
        h.window.ctx,
        kind=body[0],
        body_name=h.roster.title.text(),
        term=h.roster.current_term(),
        parent=h.window,
    )
    h.qtbot.addWidget(dialog)
    opened.append(dialog)
    dialog.show()
    h.idle()  # the registry and the electoral units arrive from the lane
    return dialog


def elected(entry) -> bool:
    return entry.status is MembershipStatus.ELECTED


def membership(h: WindowHarness, person_id: int, membership_id: int | None) -> MembershipRow:
    """One membership as the person query returns it."""
    (found,) = [m for m in h.person(person_id).memberships if m.id == membership_id]
    return found


def test_end_membership_keeps_the_row_with_reason_and_date(
    harness: WindowHarness, dialogs: list
) -> None:
    h = harness
    h.choose("主席团")
    shown = len(h.entries())
    entry = h.select(elected)
    assert h.window.end_member_action.isEnabled()
    dialog = open_end_dialog(h, entry, dialogs)
    assert entry.name in dialog.fields["person"].text()
    dialog.end_date.clear()
    h.qtbot.keyClicks(dialog.end_date, END_DATE)
    dialog.reason.setCurrentIndex(dialog.reason.findData("辞职"))
    type_text(h.qtbot, dialog.basis, "本人申请，主席团会议同意")
    assert dialog.ok_button().text() == "结束任职" and dialog.ok_button().isEnabled()
    with (
        h.qtbot.waitSignal(h.roster.roster_shown, timeout=10_000),
        h.qtbot.waitSignal(dialog.accepted, timeout=10_000),
    ):
        h.qtbot.mouseClick(dialog.ok_button(), Qt.MouseButton.LeftButton)
    h.idle()

    # Still listed, now as ended, with the reason and the date.
    assert len(h.entries()) == shown
    row = h.row_of(lambda e: e.membership_id == entry.membership_id)
    assert h.cell(row, "状态") == f"已离任（辞职，{END_DATE}）"
    ended = membership(h, entry.person_id, entry.membership_id)
    assert (ended.status, str(ended.end_date), ended.end_reason, ended.end_basis) == (
        MembershipStatus.ENDED,
        END_DATE,
        EndReason.RESIGNED,
        "本人申请，主席团会议同意",
    )
    # An ended membership cannot be ended again.
    h.select(lambda e: e.membership_id == entry.membership_id)
    assert not h.window.end_member_action.isEnabled()


def test_end_date_must_be_a_date(harness: WindowHarness, dialogs: list) -> None:
    h = harness
    entry = h.select(elected)
    dialog = open_end_dialog(h, entry, dialogs)
    dialog.end_date.clear()
    h.qtbot.keyClicks(dialog.end_date, "2025-13-40")
    assert not dialog.ok_button().isEnabled()
    assert "结束日期" in dialog.message.text()
    assert dialog.end_date.text() == "2025-13-40"


def test_end_before_start_is_refused_and_dialog_stays(
    harness: WindowHarness, dialogs: list
) -> None:
    h = harness
    entry = h.select(lambda e: elected(e) and e.start_date is not None)
    dialog = open_end_dialog(h, entry, dialogs)
    dialog.end_date.clear()
    h.qtbot.keyClicks(dialog.end_date, "2000-01-01")
    h.qtbot.mouseClick(dialog.ok_button(), Qt.MouseButton.LeftButton)
    h.qtbot.waitUntil(lambda: "2000-01-01" in dialog.message.text(), timeout=10_000)
    h.idle()
    assert dialog.isVisible() and dialog.result() == 0
    assert dialog.message.text().startswith("错误：")
    assert dialog.end_date.property("invalid") is True
    kept = membership(h, entry.person_id, entry.membership_id)
    assert (kept.status, kept.end_date) == (MembershipStatus.ELECTED, None)


def outsider(h: WindowHarness, body: str, term: int) -> tuple[int, str]:
    """Someone with a unique name (no other name contains it) who is not on the term yet."""
    on_term = {e.person_id for e in h.members(body, term)}
    people = sorted(h.people(), key=lambda p: p.id)
    names = [p.name for p in people]
    for person in people:
        if person.id not in on_term and sum(person.name in n for n in names) == 1:
            return person.id, person.name
    raise AssertionError("the demo has someone outside the term")


def test_add_member_to_the_eighth_congress(harness: WindowHarness, dialogs: list) -> None:
    h = harness
    assert h.roster.title.text() == "代表大会"
    shown = h.choose_term("第八届（筹备中）")
    person_id, name = outsider(h, "代表大会", 8)
    dialog = open_join_dialog(h, dialogs)
    assert dialog.windowTitle() == "加入第八届代表大会"
    assert dialog.picker.count() > 0
    assert not dialog.ok_button().isEnabled()  # nobody picked yet
    assert "请先查找并选择" in dialog.message.text()
    assert dialog.status.currentText() == "候选"  # a term in preparation starts with candidates
    assert dialog.unit.count() > 1 and dialog.unit.currentData() is not None

    type_text(h.qtbot, dialog.search, name)
    items = [dialog.picker.item(i) for i in range(dialog.picker.count())]
    assert [i.text().split()[0] for i in items] == [name]
    rect = dialog.picker.visualItemRect(items[0])
    h.qtbot.mouseClick(dialog.picker.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert dialog.chosen_person().person_id == person_id
    assert dialog.ok_button().isEnabled(), dialog.message.text()
    shot(dialog, "membership-dialog")
    unit = dialog.unit.currentData()

    with (
        h.qtbot.waitSignal(h.roster.roster_shown, timeout=10_000),
        h.qtbot.waitSignal(dialog.accepted, timeout=10_000),
    ):
        h.qtbot.mouseClick(dialog.ok_button(), Qt.MouseButton.LeftButton)
    h.idle()

    assert h.roster.term_box.currentText() == "第八届（筹备中）"
    assert len(h.entries()) == shown + 1
    row = h.row_of(lambda e: e.person_id == person_id)
    assert h.cell(row, "状态") == "候选"
    assert h.cell(row, "选举单位") == unit
    assert [
        (m.status, m.term.term, m.body_name)
        for m in h.person(person_id).memberships
        if m.term.term == 8 and m.body_name == "代表大会"
    ] == [(MembershipStatus.CANDIDATE, 8, "代表大会")]


def test_add_member_twice_is_refused_in_the_dialog(harness: WindowHarness, dialogs: list) -> None:
    h = harness
    h.choose("主席团")
    h.choose_term("第八届（筹备中）")
    member = h.entries()[0]
    dialog = open_join_dialog(h, dialogs)
    type_text(h.qtbot, dialog.search, member.id_number[-4:])
    for i in range(dialog.picker.count()):
        if dialog.picker.item(i).data(256).person_id == member.person_id:
            dialog.picker.setCurrentRow(i)
    assert dialog.chosen_person().person_id == member.person_id
    before = len(h.members("主席团", 8))
    h.qtbot.mouseClick(dialog.ok_button(), Qt.MouseButton.LeftButton)
    h.qtbot.waitUntil(lambda: dialog.message.text().startswith("错误："), timeout=10_000)
    h.idle()
    assert dialog.isVisible() and dialog.result() == 0
    assert len(h.members("主席团", 8)) == before


def test_membership_dialogs_have_accessible_names(harness: WindowHarness, dialogs: list) -> None:
    h = harness
    for body in ("代表大会", "执行理事会"):
        h.choose(body)
        join = open_join_dialog(h, dialogs)
        problems = unnamed_focusable(join)
        assert not problems, f"MembershipDialog ({body}): " + "; ".join(problems)
    end = open_end_dialog(h, h.select(elected), dialogs)
    problems = unnamed_focusable(end)
    assert not problems, "EndMembershipDialog: " + "; ".join(problems)


def test_kind_of_join_dialog_matches_body(harness: WindowHarness, dialogs: list) -> None:
    h = harness
    h.choose("执行理事会")
    dialog = open_join_dialog(h, dialogs)
    assert dialog.kind is BodyKind.EXECUTIVE_COUNCIL
    assert dialog.employment is not None and dialog.unit is None
