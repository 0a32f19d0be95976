"""PersonDialog on the real window: adding, live ID checks, refusals and stale saves."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtCore import Qt

from models.domain.identity import check_digit
from models.services.people.commands import reveal_id_number, update_person
from models.services.people.contracts import PersonDraft
from models.services.people.queries import get_person
from models.store.engine import create_database_engine
from models.store.unit_of_work import Database
from views.people.person_dialog import PersonDialog

from .helpers import CJK, ModalAnswerer, WindowHarness, shot, type_text, unnamed_focusable


def valid_id(birth: str = "19900101", sequence: str = "135", area: str = "110109") -> str:
    """A well-formed ID; an odd sequence ends in a man's number (男, the dialog's default)."""
    first17 = f"{area}{birth}{sequence}"
    return first17 + check_digit(first17)


def wrong_check_digit(number: str) -> str:
    wrong = next(d for d in "0123456789X" if d != number[-1])
    return number[:-1] + wrong


@pytest.fixture
def dialog(harness: WindowHarness) -> Iterator[PersonDialog]:
    dialog = PersonDialog(harness.window.runner, harness.window.ctx, parent=harness.window)
    harness.qtbot.addWidget(dialog)
    dialog.show()
    yield dialog
    harness.idle()
    dialog.close()


@pytest.fixture
def other_clerk(harness: WindowHarness) -> Iterator[Database]:
    """A second connection to the same file: another clerk's computer."""
    engine = create_database_engine(f"sqlite:///{harness.db_path}")
    yield Database(engine)
    engine.dispose()


def click_save(harness: WindowHarness, dialog: PersonDialog) -> None:
    harness.qtbot.mouseClick(dialog.ok_button(), Qt.MouseButton.LeftButton)


def is_marked(widget) -> bool:
    return widget.property("invalid") is True


def test_add_person_appears_in_registry_and_database(
    harness: WindowHarness, dialog: PersonDialog
) -> None:
    h = harness
    number = valid_id()
    type_text(h.qtbot, dialog.name, "测试新人")
    h.qtbot.keyClicks(dialog.id_number, number)
    h.qtbot.keyClicks(dialog.phone, "13800138000")
    assert dialog.ok_button().isEnabled(), dialog.message.text()
    assert dialog.ethnicity.text() == "汉族"
    with h.qtbot.waitSignal(dialog.accepted, timeout=10_000):
        click_save(h, dialog)
    h.idle()
    assert not dialog.isVisible()
    assert dialog.saved is not None and dialog.saved.name == "测试新人"

    saved = h.person(dialog.saved.id)
    assert (saved.name, saved.gender.value, saved.phone, saved.ethnicity, saved.birth_date) == (
        "测试新人",
        "男",
        "13800138000",
        "汉族",
        date(1990, 1, 1),
    )
    assert [p.id for p in h.people(search="csxr")] == [saved.id]  # its pinyin initials
    assert reveal_id_number(h.ctx.db, user="test", person_id=saved.id) == number
    logged = [line for line in h.log_since(0) if line[1:3] == ("person", str(saved.id))]
    assert logged and logged[0][3] == "clerk"

    h.choose("人员库")
    hits = h.type_search("csxr")
    assert [e.name for e in hits] == ["测试新人"]
    assert hits[0].id_number != number and hits[0].id_number.endswith(number[-4:])
    assert h.cell(0, "出生日期") == "1990-01-01"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        (wrong_check_digit(valid_id()), "校验位"),
        ("110109900101135", "15位"),
        ("1101091990010113", "格式"),
        ("11010919900101135A", "格式"),
        (valid_id(birth="19901332"), "出生日期"),
        (valid_id(birth="21000101"), "出生日期"),
    ],
    ids=["check-digit", "15-digit", "16-digit", "letter", "bad-birth-date", "future-birth"],
)
def test_invalid_id_is_named_in_chinese_and_save_is_off(
    harness: WindowHarness, dialog: PersonDialog, typed: str, expected: str
) -> None:
    h = harness
    type_text(h.qtbot, dialog.name, "王测试")
    h.qtbot.keyClicks(dialog.id_number, typed)
    text = dialog.message.text()
    assert text.startswith("错误：") and "身份证号" in text and expected in text, text
    assert re.search(f"[{CJK}]", text)
    assert not dialog.ok_button().isEnabled()
    assert dialog.id_number.text() == typed
    assert is_marked(dialog.id_number) and not is_marked(dialog.name)
    # The whole message is shown once the layout has settled: wrapped, not clipped.
    message = dialog.message
    h.qtbot.waitUntil(
        lambda: message.height() >= message.heightForWidth(message.width()), timeout=2000
    )
    if "校验位" in text:
        shot(dialog, "person-dialog-invalid-id")
    # Clicking the disabled button does nothing: the dialog stays, nothing is written.
    before = len(h.people())
    click_save(h, dialog)
    h.idle()
    assert dialog.isVisible() and dialog.result() == 0
    assert len(h.people()) == before
    assert dialog.id_number.text() == typed


def test_correcting_the_id_clears_the_error(harness: WindowHarness, dialog: PersonDialog) -> None:
    h = harness
    number = valid_id()
    type_text(h.qtbot, dialog.name, "王测试")
    h.qtbot.keyClicks(dialog.id_number, wrong_check_digit(number))
    assert not dialog.ok_button().isEnabled()
    h.qtbot.keyClick(dialog.id_number, Qt.Key.Key_Backspace)
    h.qtbot.keyClicks(dialog.id_number, number[-1])
    assert dialog.ok_button().isEnabled()
    assert dialog.message.text() == ""
    assert not is_marked(dialog.id_number)


def test_gender_mismatch_only_warns(harness: WindowHarness, dialog: PersonDialog) -> None:
    h = harness
    type_text(h.qtbot, dialog.name, "王测试")
    h.qtbot.keyClicks(dialog.id_number, valid_id(sequence="246"))  # even: a woman's number
    assert dialog.message.text().startswith("提醒：")
    assert "性别" in dialog.message.text()
    assert dialog.ok_button().isEnabled()


def test_duplicate_id_refused_on_submit_keeps_dialog_and_input(
    harness: WindowHarness, dialog: PersonDialog
) -> None:
    h = harness
    registered = h.people()[0]
    holder, gender = registered.name, registered.gender.value
    number = reveal_id_number(h.ctx.db, user="test", person_id=registered.id)
    type_text(h.qtbot, dialog.name, "重复登记")
    dialog.gender.setCurrentText(gender)
    h.qtbot.keyClicks(dialog.id_number, number)
    h.qtbot.keyClicks(dialog.phone, "13700000000")
    assert dialog.ok_button().isEnabled(), dialog.message.text()
    before = len(h.people())
    click_save(h, dialog)
    h.qtbot.waitUntil(lambda: "已登记" in dialog.message.text(), timeout=10_000)
    h.idle()
    text = dialog.message.text()
    assert text.startswith("错误：") and "身份证号" in text and holder in text, text
    assert dialog.isVisible() and dialog.result() == 0
    assert dialog.name.text() == "重复登记"
    assert dialog.id_number.text() == number
    assert dialog.phone.text() == "13700000000"
    assert dialog.ok_button().isEnabled()
    assert is_marked(dialog.id_number)
    assert len(h.people()) == before


def open_editor(h: WindowHarness, person_id: int, db: Database) -> PersonDialog:
    person = get_person(db, person_id=person_id)
    dialog = PersonDialog(h.window.runner, h.window.ctx, person, h.window)
    h.qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def change_elsewhere(db: Database, person_id: int, version: int) -> None:
    row = get_person(db, person_id=person_id)
    update_person(
        db,
        user="other_clerk",
        person_id=person_id,
        expected_version=version,
        draft=PersonDraft(
            name=row.name,
            gender=row.gender.value,
            id_number="",
            ethnicity="回族",
            birth_date=row.birth_date,
            phone="13911112222",
        ),
    )


STALE = re.compile(r"该记录已被 other_clerk 于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 修改")


def test_stale_save_names_who_and_when_and_reloads(
    harness: WindowHarness, other_clerk: Database
) -> None:
    h = harness
    entry = h.select(lambda e: True)
    dialog = open_editor(h, entry.person_id, other_clerk)
    assert dialog.windowTitle() == "编辑人员"
    assert dialog.name.text() == entry.name
    assert dialog.id_number.text() == "" and entry.id_number in dialog.id_number.placeholderText()
    version = dialog.person.version
    change_elsewhere(other_clerk, entry.person_id, version)

    dialog.phone.clear()
    h.qtbot.keyClicks(dialog.phone, "13000000000")
    answerer = ModalAnswerer(button="重新载入").start()
    try:
        click_save(h, dialog)
        h.qtbot.waitUntil(lambda: bool(answerer.seen), timeout=10_000)
        h.qtbot.waitUntil(lambda: "已载入最新内容" in dialog.message.text(), timeout=10_000)
    finally:
        answerer.stop()
    h.idle()
    (box,) = answerer.seen
    assert box["title"] == "记录已被修改"
    assert STALE.search(box["text"]), box["text"]
    assert {"重新载入", "取消"} <= set(box["buttons"])
    # The form now shows the other clerk's values and the new version.
    assert dialog.isVisible()
    assert dialog.phone.text() == "13911112222"
    assert dialog.ethnicity.text() == "回族"
    assert dialog.person.version == version + 1
    assert dialog.message.text().startswith("提醒：")

    # Saving again now succeeds on top of the other clerk's change.
    dialog.phone.clear()
    h.qtbot.keyClicks(dialog.phone, "13000000000")
    with h.qtbot.waitSignal(dialog.accepted, timeout=10_000):
        click_save(h, dialog)
    h.idle()
    stored = h.person(entry.person_id)
    assert (stored.phone, stored.ethnicity, stored.version, stored.updated_by) == (
        "13000000000",
        "回族",
        version + 2,
        "clerk",
    )


def test_stale_save_cancelled_keeps_what_was_typed(
    harness: WindowHarness, other_clerk: Database
) -> None:
    h = harness
    entry = h.select(lambda e: True)
    dialog = open_editor(h, entry.person_id, other_clerk)
    change_elsewhere(other_clerk, entry.person_id, dialog.person.version)
    dialog.phone.clear()
    h.qtbot.keyClicks(dialog.phone, "13000000000")
    answerer = ModalAnswerer(button="取消").start()
    try:
        click_save(h, dialog)
        h.qtbot.waitUntil(lambda: STALE.search(dialog.message.text()) is not None, timeout=10_000)
    finally:
        answerer.stop()
    h.idle()
    assert dialog.isVisible()
    assert dialog.phone.text() == "13000000000"
    assert dialog.message.text().startswith("错误：")
    assert h.person(entry.person_id).phone == "13911112222"


def test_person_dialogs_have_accessible_names(
    harness: WindowHarness, dialog: PersonDialog, other_clerk: Database
) -> None:
    h = harness
    problems = unnamed_focusable(dialog)
    assert not problems, "PersonDialog (add): " + "; ".join(problems)
    entry = h.select(lambda e: True)
    editor = open_editor(h, entry.person_id, other_clerk)
    problems = unnamed_focusable(editor)
    assert not problems, "PersonDialog (edit): " + "; ".join(problems)
    editor.close()
