"""A member's per-term facts by hand: 加入本届 and 编辑本届信息 driven from the keyboard."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget

from models.domain.vocabulary import BodyKind, MembershipStatus
from models.services.people.commands import end_membership, update_membership
from models.services.people.queries import get_membership
from models.services.slates.queries import check_term
from models.store.engine import create_database_engine
from models.store.unit_of_work import Database
from views.people.membership_dialog import EditMembershipDialog, MembershipDialog

from .helpers import ModalAnswerer, WindowHarness, shot, type_text, unnamed_focusable
from .test_membership_dialogs import open_join_dialog

MODIFIERS = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
# The 7th congress sits in the demo; its members can be corrected.
SITTING = "第七届（现任）"


@pytest.fixture
def dialogs(harness: WindowHarness) -> Iterator[list]:
    opened: list = []
    yield opened
    harness.idle()
    for dialog in opened:
        dialog.close()


@pytest.fixture
def other_clerk(harness: WindowHarness) -> Iterator[Database]:
    """A second connection to the same file: another clerk's computer."""
    engine = create_database_engine(f"sqlite:///{harness.db_path}")
    yield Database(engine)
    engine.dispose()


def sitting(h: WindowHarness) -> None:
    """The window opens on the congress's current term, the 7th in the demo."""
    assert h.roster.term_box.currentText() == SITTING


def open_edit(h: WindowHarness, entry, opened: list) -> EditMembershipDialog:
    dialog = EditMembershipDialog(h.window.runner, h.window.ctx, entry, h.window)
    h.qtbot.addWidget(dialog)
    opened.append(dialog)
    dialog.show()
    h.idle()  # the membership, then the term's electoral units
    assert dialog.facts is not None, dialog.message.text()
    activate(h, dialog)
    return dialog


def open_join(h: WindowHarness, opened: list) -> MembershipDialog:
    dialog = open_join_dialog(h, opened)
    activate(h, dialog)
    return dialog


def activate(h: WindowHarness, dialog: QWidget) -> None:
    dialog.activateWindow()
    h.qtbot.waitUntil(dialog.isActiveWindow, timeout=5_000)


def alt(h: WindowHarness, dialog: QWidget, letter: str) -> QWidget:
    """Press Alt+letter as a clerk would; the widget that has the focus afterwards."""
    target = QApplication.focusWidget() or dialog
    h.qtbot.keyClick(target, getattr(Qt.Key, f"Key_{letter}"), Qt.KeyboardModifier.AltModifier)
    focused = QApplication.focusWidget()
    assert focused is not None
    return focused


def choose(h: WindowHarness, dialog: QWidget, letter: str, combo, text: str) -> None:
    """Reach a drop-down by its mnemonic, then step to `text` with the arrow keys."""
    assert alt(h, dialog, letter) is combo
    h.qtbot.keyClick(combo, Qt.Key.Key_Home)
    for _ in range(combo.count()):
        if combo.currentText() == text:
            return
        h.qtbot.keyClick(combo, Qt.Key.Key_Down)
    raise AssertionError(f"{text} not in the list")


def full_id(h: WindowHarness, person_id: int) -> str:
    ((number,),) = h.query("select id_number from person where id = ?", person_id)
    return number


def stored(h: WindowHarness, membership_id: int) -> tuple:
    ((row,),) = [
        h.query(
            "select disability_category, disability_grade, cert_number, political_status,"
            " is_frontline, version from membership where id = ?",
            membership_id,
        )
    ]
    return row


def save_with_enter(h: WindowHarness, dialog: QWidget, field: QWidget) -> None:
    with h.qtbot.waitSignal(dialog.accepted, timeout=10_000):
        h.qtbot.keyClick(field, Qt.Key.Key_Return)
    h.idle()


def save_answering(h: WindowHarness, dialog: EditMembershipDialog, button: str) -> dict:
    """Press Enter to save and answer the box that follows with `button`; that box."""
    answerer = ModalAnswerer(button=button).start()
    try:
        h.qtbot.keyClick(dialog.facts.work_unit, Qt.Key.Key_Return)
        h.qtbot.waitUntil(lambda: bool(answerer.seen), timeout=10_000)
        h.idle()
    finally:
        answerer.stop()
    return answerer.seen[0]


def without_disability(entry) -> bool:
    return entry.status is MembershipStatus.ELECTED and not entry.category


def mnemonics(root: QWidget) -> list[str]:
    texts = [w.text() for w in root.findChildren(QLabel) + root.findChildren(QAbstractButton)]
    return [m.upper() for t in texts for m in re.findall(r"&(\w)", t) if t]


# --- 编辑本届信息 ------------------------------------------------------------------------------


def test_edit_member_corrects_the_disability_by_keyboard(harness: WindowHarness, dialogs):
    h = harness
    sitting(h)
    entry = h.select(without_disability)
    assert h.window.edit_member_action.isEnabled()
    assert h.window.edit_member_action.shortcut().toString() == "Ctrl+Shift+M"
    dialog = open_edit(h, entry, dialogs)
    facts = dialog.facts
    assert dialog.windowTitle() == "编辑本届信息"
    assert dialog.term_label.text() == "第七届代表大会"
    assert facts.unit.currentData() == entry.electoral_unit
    assert not facts.multi.isEnabled() and not facts.relatives.isEnabled()
    before = stored(h, entry.membership_id)

    choose(h, dialog, "C", facts.category, "肢体")
    choose(h, dialog, "G", facts.grade, "三级")
    number = full_id(h, entry.person_id)
    assert alt(h, dialog, "N") is facts.cert
    h.qtbot.keyClicks(facts.cert, number + "42")  # 肢体, but 二级
    assert "第20位" in dialog.message.text() and "2级" in dialog.message.text()
    assert facts.cert.property("invalid") is True and not dialog.ok_button().isEnabled()
    choose(h, dialog, "G", facts.grade, "二级")
    assert dialog.ok_button().isEnabled(), dialog.message.text()
    assert alt(h, dialog, "E") is facts.frontline
    h.qtbot.keyClick(facts.frontline, Qt.Key.Key_Space)
    shot(dialog, "edit-membership-dialog")
    save_with_enter(h, dialog, facts.cert)

    assert stored(h, entry.membership_id) == (
        "肢体",
        2,
        number + "42",
        before[3],
        int(not before[4]),
        before[5] + 1,
    )
    assert dialog.saved is not None
    assert dialog.saved.cert_number == number[:6] + "*" * 10 + number[-2:] + "42"
    row = h.row_of(lambda e: e.membership_id == entry.membership_id)
    assert h.cell(row, "残疾类别") == "肢体"
    # The change log has the edit, the certificate masked like the ID.
    (after,) = [
        a
        for (a,) in h.query(
            "select after from change_log where entity = 'membership' and entity_id = ?"
            " and action = 'update' order by id desc limit 1",
            str(entry.membership_id),
        )
    ]
    assert number not in after and "********" in after


def test_the_stored_certificate_is_kept_without_retyping(harness: WindowHarness, dialogs):
    h = harness
    sitting(h)
    entry = h.select(lambda e: without_disability(e))
    number = full_id(h, entry.person_id)
    detail = get_membership(h.ctx.db, membership_id=entry.membership_id)
    update_membership(
        h.ctx.db,
        user="setup",
        membership_id=detail.id,
        expected_version=detail.version,
        draft=replace(detail.as_draft(), cert_number=number + "11"),
    )
    dialog = open_edit(h, h.select(lambda e: e.membership_id == entry.membership_id), dialogs)
    facts = dialog.facts
    assert facts.cert.text() == number[:6] + "*" * 10 + number[-2:] + "11"
    assert facts.category.currentText() == "视力" and facts.grade.currentText() == "一级"
    # The kept certificate still has to agree with the category the clerk picks.
    choose(h, dialog, "C", facts.category, "听力")
    assert "第19位" in dialog.message.text() and not dialog.ok_button().isEnabled()
    choose(h, dialog, "C", facts.category, "视力")
    assert alt(h, dialog, "W") is facts.work_unit
    facts.work_unit.clear()
    type_text(h.qtbot, facts.work_unit, "区盲人协会 主席")
    save_with_enter(h, dialog, facts.work_unit)
    assert stored(h, entry.membership_id)[2] == number + "11"
    assert h.query(
        "select work_unit_and_post from membership where id = ?", entry.membership_id
    ) == [("区盲人协会 主席",)]


def test_an_invited_delegate_keeps_having_no_unit(harness: WindowHarness, dialogs):
    h = harness
    sitting(h)
    entry = h.select(without_disability)
    detail = get_membership(h.ctx.db, membership_id=entry.membership_id)
    update_membership(
        h.ctx.db,
        user="setup",
        membership_id=detail.id,
        expected_version=detail.version,
        draft=replace(detail.as_draft(), delegate_type="特邀", electoral_unit=None),
    )
    dialog = open_edit(h, h.select(lambda e: e.membership_id == entry.membership_id), dialogs)
    facts = dialog.facts
    assert facts.unit.count() > 2  # the term's units arrived
    assert (facts.unit.currentData(), facts.delegate_type.currentText()) == (None, "特邀")
    choose(h, dialog, "X", facts.urban_rural, "农村")
    save_with_enter(h, dialog, facts.urban_rural)
    assert (dialog.saved.electoral_unit, dialog.saved.urban_rural.value) == (None, "农村")


def test_a_certificate_of_someone_else_is_caught_as_typed(harness: WindowHarness, dialogs):
    h = harness
    sitting(h)
    entry = h.select(without_disability)
    number = full_id(h, entry.person_id)
    dialog = open_edit(h, entry, dialogs)
    facts = dialog.facts
    other = number[:14] + ("0000" if number[14:] != "0000" else "1111")
    assert alt(h, dialog, "N") is facts.cert
    h.qtbot.keyClicks(facts.cert, other + "41")
    assert "前18位" in dialog.message.text() and not dialog.ok_button().isEnabled()
    facts.cert.clear()
    h.qtbot.keyClicks(facts.cert, "1234")
    assert "20位" in dialog.message.text()
    facts.cert.clear()
    h.qtbot.keyClicks(facts.cert, number + "41")
    # A valid certificate fills in the category and grade it says.
    assert (facts.category.currentText(), facts.grade.currentText()) == ("肢体", "一级")
    assert dialog.ok_button().isEnabled(), dialog.message.text()


def test_a_mismatch_hidden_by_the_mask_is_refused_on_saving(harness: WindowHarness, dialogs):
    """The form sees the ID masked; the core compares the whole number and names the field."""
    h = harness
    sitting(h)
    entry = h.select(without_disability)
    number = full_id(h, entry.person_id)
    other_year = str(int(number[6:10]) + 1)
    cert = number[:6] + other_year + number[10:] + "41"
    dialog = open_edit(h, entry, dialogs)
    facts = dialog.facts
    assert alt(h, dialog, "N") is facts.cert
    h.qtbot.keyClicks(facts.cert, cert)
    assert dialog.ok_button().isEnabled(), dialog.message.text()
    h.qtbot.keyClick(facts.cert, Qt.Key.Key_Return)
    h.qtbot.waitUntil(lambda: "前18位" in dialog.message.text(), timeout=10_000)
    h.idle()
    assert dialog.isVisible() and dialog.message.text().startswith("错误：")
    assert facts.cert.property("invalid") is True and facts.cert.text() == cert
    assert stored(h, entry.membership_id)[:3] == (None, None, None)


def test_multiple_and_relative_facts_only_when_they_apply(harness: WindowHarness, dialogs):
    h = harness
    sitting(h)
    entry = h.select(without_disability)
    dialog = open_edit(h, entry, dialogs)
    facts = dialog.facts
    choose(h, dialog, "C", facts.category, "多重")
    assert facts.multi.isEnabled()
    assert dialog.message.text().startswith("提醒：") and dialog.ok_button().isEnabled()
    assert alt(h, dialog, "H") is facts.multi.boxes[next(iter(facts.multi.boxes))]
    h.qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)  # 视力
    h.qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    h.qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    h.qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    h.qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)  # 肢体
    assert facts.multi.checked() == ("视力", "肢体")
    assert alt(h, dialog, "F") is facts.is_relative
    h.qtbot.keyClick(facts.is_relative, Qt.Key.Key_Space)
    assert facts.relatives.isEnabled() and "亲友残疾类别" in dialog.message.text()
    assert alt(h, dialog, "K") is facts.relatives.first()
    h.qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
    choose(h, dialog, "X", facts.urban_rural, "农村")
    save_with_enter(h, dialog, facts.urban_rural)
    detail = get_membership(h.ctx.db, membership_id=entry.membership_id)
    assert [c.value for c in detail.multi_components] == ["视力", "肢体"]
    assert (detail.is_relative, [c.value for c in detail.relative_categories]) == (True, ["视力"])
    assert detail.urban_rural.value == "农村"


def test_a_stale_edit_is_refused_and_the_typing_kept(
    harness: WindowHarness, dialogs, other_clerk: Database
):
    h = harness
    sitting(h)
    entry = h.select(without_disability)
    dialog = open_edit(h, entry, dialogs)
    detail = dialog.detail
    update_membership(
        other_clerk,
        user="colleague",
        membership_id=detail.id,
        expected_version=detail.version,
        draft=replace(detail.as_draft(), work_unit_and_post="另一位同事改过"),
    )
    political = dialog.facts.political
    assert alt(h, dialog, "O") in (political, political.lineEdit())
    political.setEditText("")
    type_text(h.qtbot, political.lineEdit(), "中共党员")
    assert "colleague" in save_answering(h, dialog, "取消")["text"]
    assert dialog.isVisible() and dialog.message.text().startswith("错误：")
    assert dialog.facts.political.currentText() == "中共党员"  # what the clerk typed stays
    assert stored(h, entry.membership_id)[5] == detail.version + 1  # the colleague's only

    # Saving again, the clerk chooses to load the colleague's version and edit that.
    save_answering(h, dialog, "重新载入")
    assert dialog.facts.work_unit.text() == "另一位同事改过"
    assert dialog.detail.version == detail.version + 1
    assert "已载入最新内容" in dialog.message.text()
    political.setEditText("")
    type_text(h.qtbot, political.lineEdit(), "民主党派成员")
    save_with_enter(h, dialog, dialog.facts.work_unit)
    assert stored(h, entry.membership_id)[3:6:2] == ("民主党派成员", detail.version + 2)


def test_the_window_opens_the_edit_dialog_on_the_selected_member(harness: WindowHarness):
    h = harness
    entry = h.select(without_disability)
    seen: list = []

    def look(modal) -> None:
        seen.append((type(modal).__name__, modal.windowTitle()))
        h.qtbot.waitUntil(lambda: modal.facts is not None, timeout=10_000)
        seen.append(modal.detail.id)
        modal.reject()

    answerer = ModalAnswerer(answer=look).start()
    try:
        h.qtbot.keyClick(h.roster.table, Qt.Key.Key_M, MODIFIERS)
        h.qtbot.waitUntil(lambda: len(seen) == 2, timeout=10_000)
    finally:
        answerer.stop()
    assert seen == [("EditMembershipDialog", "编辑本届信息"), entry.membership_id]


def test_an_ended_membership_is_refused_in_the_dialog(
    harness: WindowHarness, dialogs, other_clerk: Database
):
    h = harness
    sitting(h)
    entry = h.select(without_disability)
    dialog = open_edit(h, entry, dialogs)
    end_membership(
        other_clerk,
        user="colleague",
        membership_id=entry.membership_id,
        expected_version=None,
        end_date=date(2025, 10, 31),
        reason="辞职",
    )
    dialog.detail = get_membership(h.ctx.db, membership_id=entry.membership_id)  # not stale
    choose(h, dialog, "C", dialog.facts.category, "精神")
    h.qtbot.keyClick(dialog.facts.category, Qt.Key.Key_Return)
    h.qtbot.waitUntil(lambda: "2025-10-31" in dialog.message.text(), timeout=10_000)
    h.idle()
    assert dialog.isVisible() and "不能再修改本届信息" in dialog.message.text()
    assert dialog.facts.category.currentText() == "精神"
    assert stored(h, entry.membership_id)[0] is None


# --- 加入本届 with every fact -----------------------------------------------------------------


def test_join_by_hand_with_a_disability_counts_in_the_slate_check(harness: WindowHarness, dialogs):
    h = harness
    h.choose_term("第八届（筹备中）")
    on_term = {e.person_id for e in h.members("代表大会", 8)}
    names = [p.name for p in h.people()]
    person = next(
        p for p in h.people() if p.id not in on_term and sum(p.name in n for n in names) == 1
    )
    _, report = check_term(h.ctx.db, kind=BodyKind.CONGRESS, term=8)
    disabled_before = report.result("congress.disabled_or_relative_share").count

    dialog = open_join(h, dialogs)
    type_text(h.qtbot, dialog.search, person.name)
    assert dialog.chosen_person().person_id == person.id
    choose(h, dialog, "C", dialog.facts.category, "肢体")
    choose(h, dialog, "G", dialog.facts.grade, "二级")
    assert alt(h, dialog, "L") is dialog.facts.role_model
    h.qtbot.keyClick(dialog.facts.role_model, Qt.Key.Key_Space)
    assert dialog.ok_button().isEnabled(), dialog.message.text()
    shot(dialog, "join-membership-dialog")
    with (
        h.qtbot.waitSignal(h.roster.roster_shown, timeout=10_000),
        h.qtbot.waitSignal(dialog.accepted, timeout=10_000),
    ):
        h.qtbot.keyClick(dialog.facts.grade, Qt.Key.Key_Return)
    h.idle()

    row = h.row_of(lambda e: e.person_id == person.id)
    assert h.cell(row, "残疾类别") == "肢体"
    _, report = check_term(h.ctx.db, kind=BodyKind.CONGRESS, term=8)
    disabled = report.result("congress.disabled_or_relative_share")
    assert disabled.count == disabled_before + 1
    (added,) = [m for m in h.person(person.id).memberships if m.term.term == 8]
    assert added.id in disabled.counted_rows


def test_role_model_without_disability_is_a_reminder(harness: WindowHarness, dialogs):
    h = harness
    h.choose_term("第八届（筹备中）")
    dialog = open_join(h, dialogs)
    dialog.picker.setCurrentRow(0)
    assert alt(h, dialog, "L") is dialog.facts.role_model
    h.qtbot.keyClick(dialog.facts.role_model, Qt.Key.Key_Space)
    assert dialog.message.text().startswith("提醒：") and "助残先进" in dialog.message.text()
    assert dialog.ok_button().isEnabled()


@pytest.mark.parametrize("body", ["代表大会", "主席团", "执行理事会"])
def test_both_dialogs_are_named_and_their_mnemonics_unique(
    harness: WindowHarness, dialogs, body: str
):
    h = harness
    h.choose(body)
    join = open_join(h, dialogs)
    assert not unnamed_focusable(join), unnamed_focusable(join)
    letters = mnemonics(join)
    assert len(letters) == len(set(letters)) >= 18, letters
    edit = open_edit(h, h.select(lambda e: e.membership_id is not None), dialogs)
    assert not unnamed_focusable(edit), unnamed_focusable(edit)
    letters = mnemonics(edit)
    assert len(letters) == len(set(letters)) >= 16, letters
    # Tab from the last fact reaches 保存, not the top of the form.
    edit.facts.volunteer.setFocus()
    h.qtbot.keyClick(edit.facts.volunteer, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is edit.ok_button()
