"""组织建设台账 offscreen on a database built without the demo: a township, a place and a cadre
added through the forms, edited, ended, their history shown; a refusal at its field; a reader's
buttons disabled with the reason. Screenshots go to $YISHI_SHOT_DIR (tests/test_views/helpers)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QMenu, QPlainTextEdit

from desktop.gui import build_window, open_context
from desktop.settings import StartupSettings
from models.domain.roles import Role
from models.services.organisation.contracts import Register
from models.store import migrate
from models.store.engine import create_database_engine
from tests.test_services._organisation import build_district
from views.background import Runner
from views.organisation.record_forms import RecordForm
from views.organisation.register_panel import RegisterPanel
from views.organisation.registers_window import RegistersWindow
from views.organisation.small_dialogs import EndForm, HistoryDialog

from .helpers import ModalAnswerer, shot, sqlite_url, unnamed_focusable
from .roles_support import as_role, assert_refused


class Office:
    def __init__(self, path: Path, runner: Runner, ctx: Any) -> None:
        self.path, self.runner, self.ctx = path, runner, ctx


@pytest.fixture
def office(qtbot, tmp_path) -> Iterator[Office]:
    path = tmp_path / "yishi.sqlite3"
    engine = create_database_engine(sqlite_url(path))
    migrate.upgrade(engine)
    engine.dispose()
    runner = Runner()
    ctx = open_context(StartupSettings(database_url=sqlite_url(path), user="clerk"))
    yield Office(path, runner, ctx)
    assert runner.wait_idle(10_000)
    assert ctx.db is not None
    ctx.db.engine.dispose()


def idle(qtbot, runner: Runner) -> None:
    """The lane empty and what it delivered handled (a save's reload comes after its result)."""
    for _ in range(3):
        qtbot.waitUntil(runner.is_idle, timeout=20_000)
        qtbot.wait(20)


def open_window(qtbot, office: Office, ctx: Any = None) -> RegistersWindow:
    window = RegistersWindow(office.runner, ctx or office.ctx)
    qtbot.addWidget(window)
    window.show()
    idle(qtbot, office.runner)
    return window


def texts(panel: RegisterPanel, header: str) -> list[str]:
    model = panel.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    column = headers.index(header)
    return [model.index(r, column).data() for r in range(model.rowCount())]


def line(form: RecordForm, key: str) -> QLineEdit:
    widget = form.fields[key]
    assert isinstance(widget, QLineEdit)
    return widget


def choose(form: RecordForm, key: str, text: str) -> None:
    combo = form.fields[key]
    assert isinstance(combo, QComboBox)
    index = combo.findText(text)
    assert index >= 0, f"{text} not among {[combo.itemText(i) for i in range(combo.count())]}"
    combo.setCurrentIndex(index)


def save(qtbot, office: Office, form: RecordForm | EndForm) -> None:
    form.ok_button().click()
    idle(qtbot, office.runner)


def add(qtbot, office: Office, window: RegistersWindow, register: Register) -> RecordForm:
    panel = window.show_register(register)
    panel.add_button.click()
    form = panel.form
    assert isinstance(form, RecordForm) and form.isVisible()
    idle(qtbot, office.runner)  # the pickers are filled
    return form


def test_registers_are_kept_through_the_forms(qtbot, office, qtmodeltester) -> None:
    window = open_window(qtbot, office)
    assert [window.tabs.tabText(i) for i in range(window.tabs.count())] == [
        "干部", "联系点", "走访记录", "基层组织", "温馨家园", "村和社区", "人口数据", "街乡镇",
    ]  # fmt: skip
    assert unnamed_focusable(window) == []

    # A township, then a community of it: the place form's township picker offers it.
    form = add(qtbot, office, window, Register.TOWNSHIPS)
    assert form.windowTitle() == "新增街乡镇"
    line(form, "name").setText("城关街道")
    choose(form, "kind", "街道")
    save(qtbot, office, form)
    assert not form.isVisible()
    townships = window.panels[Register.TOWNSHIPS]
    assert texts(townships, "名称") == ["城关街道"] and texts(townships, "类别") == ["街道"]

    form = add(qtbot, office, window, Register.PLACES)
    choose(form, "township_id", "城关街道")
    line(form, "name").setText("幸福社区")
    choose(form, "kind", "社区")
    shot(form, "organisation_place_form")
    save(qtbot, office, form)
    places = window.panels[Register.PLACES]
    assert texts(places, "名称") == ["幸福社区"] and texts(places, "街乡镇") == ["城关街道"]
    qtmodeltester.check(places.model)

    # A cadre with a category and a start date.
    form = add(qtbot, office, window, Register.CADRES)
    line(form, "name").setText("王建国")
    line(form, "post").setText("理事长")
    choose(form, "employment", "专职")
    disabled = form.fields["disabled"]
    assert isinstance(disabled, QCheckBox)
    disabled.setChecked(True)
    choose(form, "disability_category", "肢体")
    line(form, "started_on").setText("2024-01-05")
    shot(form, "organisation_cadre_form")
    save(qtbot, office, form)
    cadres = window.panels[Register.CADRES]
    assert texts(cadres, "姓名") == ["王建国"]
    assert texts(cadres, "残疾人") == ["是"] and texts(cadres, "起始日期") == ["2024-01-05"]
    assert cadres.selected().name == "王建国"

    # Edit: Ctrl+E opens the form filled in; the change shows in the list.
    window.show_register(Register.CADRES)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    cadres.table.setFocus()
    added = cadres.form
    qtbot.keyClick(cadres.table, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: cadres.form is not added)  # a button's shortcut clicks it shortly
    form = cadres.form
    assert isinstance(form, RecordForm) and form.windowTitle() == "编辑干部"
    idle(qtbot, office.runner)
    assert line(form, "name").text() == "王建国" and line(form, "started_on").text() == "2024-01-05"
    line(form, "post").setText("党组书记、理事长")
    leadership = form.fields["leadership"]
    assert isinstance(leadership, QCheckBox)
    leadership.setChecked(True)
    save(qtbot, office, form)
    assert texts(cadres, "职务") == ["党组书记、理事长"] and texts(cadres, "领导班子") == ["是"]
    shot(window, "organisation_registers_cadres")

    # End: the date asked, the record gone from the list until 显示已结束 is ticked.
    cadres.end_button.click()
    end = cadres.form
    assert isinstance(end, EndForm) and "确定结束“王建国”吗" in end.intro.text()
    end.day.setDate(end.day.date().addDays(-1))
    shot(end, "organisation_end_form")
    save(qtbot, office, end)
    assert texts(cadres, "姓名") == []
    assert cadres.ended_box is not None
    cadres.ended_box.setChecked(True)
    idle(qtbot, office.runner)
    assert texts(cadres, "姓名") == ["王建国"] and texts(cadres, "结束日期") != [""]
    assert not cadres.end_button.isEnabled()  # already ended

    # History: added, edited and ended, newest first.
    cadres.history_button.click()
    history = cadres.form
    assert isinstance(history, HistoryDialog)
    idle(qtbot, office.runner)
    assert history.model.rowCount() >= 3
    shot(history, "organisation_history")
    history.close()


def test_a_refusal_is_shown_at_its_field_and_what_was_typed_stays(qtbot, office) -> None:
    window = open_window(qtbot, office)
    form = add(qtbot, office, window, Register.CADRES)
    line(form, "post").setText("副理事长")
    choose(form, "employment", "挂职")
    save(qtbot, office, form)  # no name
    assert form.isVisible()
    assert form.fields["name"].property("invalid") is True
    assert form.message.text().startswith("错误：")
    assert line(form, "post").text() == "副理事长"
    shot(form, "organisation_refusal")
    # A date the form cannot read is named before anything is sent.
    line(form, "name").setText("李四")
    line(form, "started_on").setText("2024-13-01")
    save(qtbot, office, form)
    assert form.fields["started_on"].property("invalid") is True
    assert "不是有效日期" in form.message.text()
    assert window.panels[Register.CADRES].model.rowCount() == 0
    form.reject()


def test_a_reader_sees_the_registers_read_only(qtbot, office) -> None:
    writer = open_window(qtbot, office)
    form = add(qtbot, office, writer, Register.TOWNSHIPS)
    line(form, "name").setText("城关街道")
    save(qtbot, office, form)
    writer.close()

    reader = as_role(office.ctx, Role.READONLY)
    window = open_window(qtbot, office, reader)
    for panel in window.panels.values():
        for button in (panel.add_button, panel.edit_button, panel.end_button):
            assert_refused(button, Role.READONLY, "organisation.edit")
    townships = window.show_register(Register.TOWNSHIPS)
    assert texts(townships, "名称") == ["城关街道"]
    assert townships.history_button.isEnabled()
    opened = townships.open_selected()  # Enter or a double click: the record, read-only
    assert isinstance(opened, RecordForm) and opened.refused
    idle(qtbot, office.runner)
    assert line(opened, "name").isReadOnly() and not opened.ok_button().isEnabled()
    opened.reject()


def test_the_main_window_opens_the_registers_from_its_menu(qtbot, office) -> None:
    window = build_window(
        StartupSettings(database_url=sqlite_url(office.path), user="clerk"), interactive=False
    )
    qtbot.addWidget(window)
    action = window.registers_action
    assert action.shortcut() == QKeySequence("Ctrl+Shift+O")
    assert not action.isEnabled()  # until the database is open
    others = [
        a
        for a in window.findChildren(type(action))
        if a is not action and a.shortcut() == action.shortcut()
    ]
    assert others == []
    (menu,) = [m for m in window.menuBar().findChildren(QMenu) if m.title() == "组织(&O)"]
    assert action in menu.actions()
    window.ctx = office.ctx
    registers = window.open_registers()
    assert isinstance(registers, RegistersWindow)
    assert window.open_registers() is registers  # one window, raised again
    idle(qtbot, window.runner)
    window.ctx = None
    registers.close()


def choose_starting(form: RecordForm, key: str, text: str) -> None:
    combo = form.fields[key]
    assert isinstance(combo, QComboBox)
    items = [combo.itemText(i) for i in range(combo.count())]
    index = next((i for i, t in enumerate(items) if t.startswith(text)), -1)
    assert index >= 0, f"{text} not among {items}"
    combo.setCurrentIndex(index)


def test_an_organisation_with_its_officers_and_a_members_visit(qtbot, office) -> None:
    build_district(office.ctx.db)
    window = open_window(qtbot, office)

    form = add(qtbot, office, window, Register.ORGANISATIONS)
    choose(form, "kind", "社区残协")
    line(form, "name").setText("东辛房社区残疾人协会")
    choose(form, "township_id", "大峪街道")
    # The place list follows the township: only its places, by their own names.
    places = form.fields["place_id"]
    assert isinstance(places, QComboBox)
    assert [places.itemText(i) for i in range(places.count())] == ["（无）", "东辛房社区"]
    choose(form, "place_id", "东辛房社区")
    save(qtbot, office, form)
    organisations = window.panels[Register.ORGANISATIONS]
    officers = window.panels[Register.OFFICERS]
    assert texts(organisations, "名称") == ["东辛房社区残疾人协会"]
    assert officers.parent_id == organisations.selected().id

    officers.add_button.click()
    form = officers.form
    assert isinstance(form, RecordForm) and form.windowTitle() == "新增基层组织成员"
    idle(qtbot, office.runner)
    choose(form, "role", "主席")
    line(form, "name").setText("刘明")
    choose(form, "committee_post", "副主任")
    save(qtbot, office, form)
    assert texts(officers, "姓名") == ["刘明"]
    assert texts(officers, "居（村）委会职务") == ["副主任"]
    assert texts(organisations, "主席") == ["刘明"]
    shot(window, "organisation_registers_organisations")

    # A member's visit: the member picker lists the party group and council; 删除 asks first.
    form = add(qtbot, office, window, Register.VISITS)
    choose_starting(form, "person_id", "李理事长")
    choose(form, "place_id", "桥户营村（王平镇）")
    content = form.fields["content"]
    assert isinstance(content, QPlainTextEdit)
    content.setPlainText("入户问需，了解辅具需求")
    shot(form, "organisation_visit_form")
    save(qtbot, office, form)
    visits = window.panels[Register.VISITS]
    assert texts(visits, "成员") == ["李理事长"] and texts(visits, "地点") == ["桥户营村"]
    shot(window, "organisation_registers_visits")
    assert visits.year_box is not None
    visits.year_box.setCurrentIndex(visits.year_box.findData(date.today().year - 1))
    idle(qtbot, office.runner)
    assert texts(visits, "成员") == []
    visits.year_box.setCurrentIndex(visits.year_box.findData(date.today().year))
    idle(qtbot, office.runner)
    answerer = ModalAnswerer(button="删除").start()
    visits.end_button.click()
    idle(qtbot, office.runner)
    answerer.stop()
    assert [s["title"] for s in answerer.seen] == ["删除走访记录"]
    assert texts(visits, "成员") == []
