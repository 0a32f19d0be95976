"""The main window on the demo federation: bodies, terms, instant search, shortcuts, the font."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from models.domain.identity import check_digit
from views.ops.settings import font_preset
from views.people.membership_dialog import EndMembershipDialog, MembershipDialog
from views.people.person_dialog import PersonDialog

from .helpers import CJK, ModalAnswerer, WindowHarness, shot, unnamed_focusable

ASSOCIATIONS = [
    "盲人协会",
    "聋人协会",
    "肢残人协会",
    "智力残疾人及亲友协会",
    "精神残疾人及亲友协会",
]


def new_id(birth: str, sequence: str) -> str:
    first17 = f"110109{birth}{sequence}"
    return first17 + check_digit(first17)


def members_of(h: WindowHarness, body: str, term: int | None) -> set[int]:
    """Membership ids of a term, ended ones included (what the roster must list)."""
    return {e.membership_id for e in h.members(body, term) if e.membership_id is not None}


def test_opens_on_the_congress_with_its_current_term(harness: WindowHarness) -> None:
    h = harness
    window = h.window
    shot(window, "main-window")
    assert window.navigation.currentItem().text(0) == "代表大会"
    assert h.roster.title.text() == "代表大会"
    assert h.term_labels() == ["第七届（现任）", "第八届（筹备中）"]
    assert h.roster.term_box.currentText() == "第七届（现任）"
    assert {e.membership_id for e in h.entries()} == members_of(h, "代表大会", 7)
    assert h.roster.count_label.text() == f"共 {len(h.entries())} 人"
    assert str(h.db_path) in window.database_label.text()
    assert "clerk" in window.user_label.text()
    # A person is selected by no one yet: only the actions that need no row are on.
    assert window.add_person_action.isEnabled()
    assert window.add_member_action.isEnabled()
    assert not window.edit_person_action.isEnabled()
    assert not window.end_member_action.isEnabled()
    # The ID column shows masked numbers only.
    for row in range(min(20, len(h.entries()))):
        assert "*" in h.cell(row, "身份证号")


def test_navigation_lists_every_body_and_shows_its_roster(harness: WindowHarness) -> None:
    h = harness
    navigation = h.window.navigation
    top = [navigation.topLevelItem(i).text(0) for i in range(navigation.topLevelItemCount())]
    assert top == ["代表大会", "主席团", "执行理事会", "党组", "专门协会", "人员库"]
    associations = navigation.topLevelItem(4)
    assert [associations.child(i).text(0) for i in range(associations.childCount())] == (
        ASSOCIATIONS
    )
    assert not associations.flags() & Qt.ItemFlag.ItemIsSelectable

    h.choose("主席团")
    assert h.roster.title.text() == "主席团"
    assert h.term_labels() == ["第七届（现任）", "第八届（筹备中）"]
    assert {e.membership_id for e in h.entries()} == members_of(h, "主席团", 7)
    assert h.cell(0, "职务")  # member columns

    assert h.choose_term("第八届（筹备中）") == len(members_of(h, "主席团", 8))
    assert {e.membership_id for e in h.entries()} == members_of(h, "主席团", 8)

    h.choose("执行理事会")
    assert h.term_labels() == ["第七届（现任）"]
    assert {e.membership_id for e in h.entries()} == members_of(h, "执行理事会", 7)

    h.choose("党组")
    assert h.roster.term_box.count() == 1  # a standing body: one unnumbered term
    assert {e.membership_id for e in h.entries()} == members_of(h, "党组", None)

    for name in ASSOCIATIONS:
        h.choose(name)
        assert h.roster.title.text() == name
        assert {e.membership_id for e in h.entries()} == members_of(h, name, 7)
        assert h.entries(), name

    shown = h.choose("人员库")
    assert shown == len(h.people())
    assert not h.roster.term_box.isEnabled()
    assert h.headers() == ["姓名", "性别", "身份证号", "出生日期", "联系电话", "现任职务"]
    assert not h.window.add_member_action.isEnabled()

    # Back to a body: member columns and its terms again.
    h.choose("代表大会")
    assert h.term_labels() == ["第七届（现任）", "第八届（筹备中）"]
    assert h.headers()[3] == "状态"


@pytest.mark.parametrize("body", ["人员库", "代表大会"])
def test_search_by_pinyin_initials(harness: WindowHarness, body: str) -> None:
    h = harness
    if body != "代表大会":
        h.choose(body)
    everyone = h.entries()
    hits = h.type_search("zs")
    # The window's instant search finds whom the database-side search finds, on this roster.
    found = {p.id for p in h.people(search="zs")}
    assert {e.person_id for e in hits} == {e.person_id for e in everyone if e.person_id in found}
    if body == "人员库":
        assert hits, "the demo has someone whose initials contain zs"
    assert h.roster.count_label.text() == f"找到 {len(hits)} 人"
    h.roster.search.clear()
    assert len(h.entries()) == len(everyone)


def test_search_by_name_characters_and_id_digits(harness: WindowHarness) -> None:
    h = harness
    h.choose("人员库")
    everyone = h.entries()
    surname = "张"
    hits = h.type_search(surname)
    assert hits
    assert {e.person_id for e in hits} == {e.person_id for e in everyone if surname in e.name}

    # The last four digits of one person's ID number.
    target = everyone[len(everyone) // 2]
    tail = target.id_tail[-4:]
    hits = h.type_search(tail)
    assert target.person_id in {e.person_id for e in hits}
    assert {e.person_id for e in hits} == {p.id for p in h.people(search=tail)}

    shot(h.window, "main-window-search")
    hits = h.type_search("没有这个人")
    assert hits == []
    assert h.roster.count_label.text() == "找到 0 人"


def test_shortcuts_exist_for_the_main_actions(harness: WindowHarness) -> None:
    window = harness.window
    by_shortcut = {}
    for action in window.actions():
        for sequence in action.shortcuts():
            by_shortcut.setdefault(sequence.toString(), []).append(action.text())
    expected = {
        "Ctrl+N": "新增人员",
        "Ctrl+E": "编辑人员",
        "Ctrl+M": "加入本届",
        "Ctrl+D": "结束任职",
        "Ctrl+I": "查看完整身份证号",
        "F5": "刷新",
        "Ctrl+F": "查找",
    }
    for keys, text in expected.items():
        assert by_shortcut.get(keys) == [text], (keys, by_shortcut.get(keys))
    # Tool tips tell the keys too.
    assert "Ctrl+N" in window.add_person_action.toolTip()


def press(harness: WindowHarness, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    window = harness.window
    window.activateWindow()
    harness.qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5000)
    harness.qtbot.keyClick(window.roster.table, key, modifier)


def test_f5_reloads_the_roster(harness: WindowHarness) -> None:
    h = harness
    shown = len(h.entries())
    with h.qtbot.waitSignal(h.roster.roster_shown, timeout=10_000) as blocker:
        press(h, Qt.Key.Key_F5)
    h.idle()
    assert blocker.args == [shown]


def test_ctrl_f_moves_to_the_search_box(harness: WindowHarness) -> None:
    h = harness
    h.roster.table.setFocus()
    press(h, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    h.qtbot.waitUntil(lambda: h.roster.search.hasFocus(), timeout=2000)


def test_find_action_itself_focuses_the_search_box(harness: WindowHarness) -> None:
    h = harness
    h.type_search("zs")
    h.roster.table.setFocus()
    (find,) = [a for a in h.window.actions() if a.text() == "查找"]
    find.trigger()
    assert QApplication.focusWidget() is h.roster.search
    assert h.roster.search.selectedText() == "zs"


@pytest.mark.parametrize(
    ("key", "dialog", "needs_row"),
    [
        (Qt.Key.Key_N, PersonDialog, False),
        (Qt.Key.Key_E, PersonDialog, True),
        (Qt.Key.Key_M, MembershipDialog, False),
        (Qt.Key.Key_D, EndMembershipDialog, True),
    ],
)
def test_shortcut_opens_its_dialog(
    harness: WindowHarness, key: Qt.Key, dialog: type, needs_row: bool
) -> None:
    h = harness
    if needs_row:
        h.select(lambda e: e.status is not None and e.status.value != "ended")
    answerer = ModalAnswerer().start()
    try:
        press(h, key, Qt.KeyboardModifier.ControlModifier)
        h.qtbot.waitUntil(lambda: bool(answerer.seen), timeout=10_000)
    finally:
        answerer.stop()
    h.idle()
    assert answerer.seen[0]["type"] == dialog.__name__


def test_reveal_shows_the_whole_number_and_is_logged(
    harness: WindowHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    h = harness
    asked = []

    def question(*args, **kwargs):
        asked.append(args)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    entry = h.select(lambda e: True)
    before = h.last_log_id()
    answerer = ModalAnswerer(button="OK").start()
    try:
        assert h.window.reveal_action.isEnabled()
        h.window.reveal_action.trigger()
        h.qtbot.waitUntil(lambda: bool(answerer.seen), timeout=10_000)
    finally:
        answerer.stop()
    h.idle()
    assert len(asked) == 1 and entry.name in asked[0][2]
    assert h.log_since(before) == [("reveal", "person", str(entry.person_id), "clerk")]
    # The whole number: unmasked, ending as the roster's masked one does.
    name, full = answerer.seen[0]["text"].split("：")
    assert name == entry.name and "*" not in full and "*" in entry.id_number
    assert (len(full), full[-4:]) == (18, entry.id_number[-4:])


def test_reveal_refused_at_the_question_logs_nothing(
    harness: WindowHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    h = harness
    monkeypatch.setattr(
        QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.No)
    )
    h.select(lambda e: True)
    before = h.last_log_id()
    h.window.reveal_action.trigger()
    h.idle()
    assert h.log_since(before) == []


def test_app_font_is_the_shipped_noto_sans_sc_at_a_point_size(harness: WindowHarness) -> None:
    font = QApplication.font()
    assert font.families()[0] == "Noto Sans SC"
    assert font.pixelSize() == -1
    assert font.pointSizeF() > 0
    table_font = harness.roster.table.font()
    assert table_font.families()[0] == "Noto Sans SC"
    assert re.search(f"[{CJK}]", harness.window.windowTitle())


def test_main_window_widgets_have_accessible_names(harness: WindowHarness) -> None:
    h = harness
    problems = unnamed_focusable(h.window)
    assert not problems, "focusable widgets without an accessible name: " + "; ".join(problems)
    h.choose("人员库")
    problems = unnamed_focusable(h.window)
    assert not problems, "focusable widgets without an accessible name: " + "; ".join(problems)


def test_each_body_shows_the_columns_that_matter_for_it(harness: WindowHarness) -> None:
    h = harness
    assert {"选举单位", "代表类型"} <= set(h.headers())
    assert "任职方式" not in h.headers()
    h.choose("执行理事会")
    assert "任职方式" in h.headers()
    assert "选举单位" not in h.headers()
    h.choose("人员库")
    assert h.headers() == ["姓名", "性别", "身份证号", "出生日期", "联系电话", "现任职务"]


def test_the_word_font_preset_is_chosen_in_the_file_menu(harness: WindowHarness) -> None:
    h = harness
    window = h.window
    h.qtbot.waitUntil(window.fonts_menu.isEnabled, timeout=10_000)
    checked = [a.data() for a in window.font_actions.actions() if a.isChecked()]
    assert checked == ["government"]
    stock = next(a for a in window.font_actions.actions() if a.data() == "stock")
    stock.trigger()
    h.idle()
    assert font_preset(h.ctx) == "stock"


def test_the_toolbar_offers_every_main_window(harness: WindowHarness) -> None:
    from PySide6.QtWidgets import QToolBar

    toolbar = harness.window.findChild(QToolBar, "main_toolbar")
    texts = [action.text() for action in toolbar.actions()]
    for wanted in ("新增人员", "名单构成", "会议", "提案", "刷新"):
        assert wanted in texts
