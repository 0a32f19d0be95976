"""The 承办单位 dialog on the demo: add, rename, stop a unit, delete only what was never assigned."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from models.domain.motion_workflow import HandlingRole, MotionAction, MotionState
from models.services.motions.commands.handling import assign_motion
from models.store.unit_of_work import open_database
from views.motions.handling_forms import AssignForm
from views.motions.handling_units_dialog import HandlingUnitsDialog
from views.motions.motion_list import MotionList
from views.ops import motion_lists as ops

from .helpers import ModalAnswerer, WindowHarness, shot, sqlite_url, type_text, unnamed_focusable
from .test_motion_forms import open_form
from .test_motions import ctx, open_detail, open_list, term_rows


def open_units(h: WindowHarness) -> tuple[MotionList, HandlingUnitsDialog]:
    window = open_list(h)
    window.units_button.click()
    h.idle()
    (dialog,) = window.findChildren(HandlingUnitsDialog)
    assert dialog.isVisible() and dialog.model.rowCount() > 0
    focus_table(h, dialog)
    return window, dialog


def focus_table(h: WindowHarness, dialog: HandlingUnitsDialog) -> None:
    """Keyboard shortcuts reach only the active window (again, after a message box)."""
    dialog.activateWindow()
    h.qtbot.waitUntil(dialog.isActiveWindow)
    dialog.table.setFocus()


def unit_in_db(h: WindowHarness, name: str) -> tuple[str, int] | None:
    """(kind, 1 when active) of the unit as the units query returns it; None when there is none."""
    rows = [(r.kind, int(r.active)) for r in ops.handling_unit_rows(ctx(h)) if r.name == name]
    return rows[0] if rows else None


def select(dialog: HandlingUnitsDialog, name: str) -> None:
    row = next(i for i, r in enumerate(dialog.rows()) if r.name == name)
    dialog.table.selectRow(row)
    dialog.table.setFocus()
    assert dialog.selected().name == name


def column(dialog: HandlingUnitsDialog, header: str) -> list[str]:
    model = dialog.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    c = headers.index(header)
    return [model.index(r, c).data() for r in range(model.rowCount())]


def retype(h: WindowHarness, dialog: HandlingUnitsDialog, text: str) -> None:
    edit = dialog.editor.name_edit
    edit.selectAll()
    h.qtbot.keyClick(edit, Qt.Key.Key_Backspace)
    type_text(h.qtbot, edit, text)


def test_a_unit_is_added_and_renamed_from_the_keyboard(
    harness: WindowHarness, qtmodeltester
) -> None:
    h = harness
    window, dialog = open_units(h)
    qtmodeltester.check(dialog.model)
    assert [dialog.model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)] == [
        "名称",
        "类别",
        "状态",
        "交办数",
    ]
    assert "内设部门" in column(dialog, "类别") and "外部单位" in column(dialog, "类别")
    assert unnamed_focusable(dialog) == []
    before = len(dialog.rows())

    dialog.table.setFocus()
    h.qtbot.keyClick(dialog.table, Qt.Key.Key_Insert)
    assert dialog.editor.isVisible() and dialog.editor.name_edit.hasFocus()
    # A name already taken, typed with a space: said at once, the field marked, nothing saved.
    type_text(h.qtbot, dialog.editor.name_edit, "区 教委")
    assert "已有承办单位“区教委”" in dialog.message.text()
    assert dialog.editor.name_edit.property("invalid") is True
    h.qtbot.keyClick(dialog.editor.name_edit, Qt.Key.Key_Return)
    h.idle()
    assert dialog.editor.isVisible() and dialog.editor.name_edit.text() == "区 教委"
    assert len(ops.handling_unit_rows(ctx(h))) == before

    retype(h, dialog, "区残疾人托养中心")
    assert dialog.message.text() == "" and dialog.editor.name_edit.property("invalid") is False
    dialog.editor.kind_box.setCurrentIndex(dialog.editor.kind_box.findData("external"))
    shot(dialog, "handling_units_add")
    h.qtbot.keyClick(dialog.editor.name_edit, Qt.Key.Key_Return)
    h.idle()
    h.idle()
    assert unit_in_db(h, "区残疾人托养中心") == ("external", 1)
    assert not dialog.editor.isVisible() and "已新增" in dialog.message.text()
    assert dialog.rows()[-1].name == "区残疾人托养中心"
    assert dialog.selected().name == "区残疾人托养中心"
    assert column(dialog, "交办数")[-1] == "未交办"

    # F2 renames; an empty name is refused inline, Esc leaves the editor and not the dialog.
    dialog.table.setFocus()
    h.qtbot.keyClick(dialog.table, Qt.Key.Key_F2)
    assert dialog.editor.isVisible() and not dialog.editor.kind_box.isVisible()
    retype(h, dialog, "")
    assert "请填写承办单位名称" in dialog.message.text()
    h.qtbot.keyClick(dialog.editor.name_edit, Qt.Key.Key_Escape)
    assert dialog.isVisible() and not dialog.editor.isVisible()
    h.qtbot.keyClick(dialog.table, Qt.Key.Key_F2)
    retype(h, dialog, "区残疾人托养服务中心")
    h.qtbot.keyClick(dialog.editor.name_edit, Qt.Key.Key_Return)
    h.idle()
    h.idle()
    assert unit_in_db(h, "区残疾人托养中心") is None
    assert unit_in_db(h, "区残疾人托养服务中心") == ("external", 1)
    assert "改名为“区残疾人托养服务中心”" in dialog.message.text()

    dialog.kind_button.click()
    h.idle()
    h.idle()
    assert unit_in_db(h, "区残疾人托养服务中心") == ("internal", 1)
    assert dialog.selected().kind == "internal"
    shot(dialog, "handling_units")
    dialog.close()
    window.close()


def test_a_deactivated_unit_is_not_offered_in_the_assign_form(harness: WindowHarness) -> None:
    h = harness
    window, dialog = open_units(h)
    select(dialog, "维权部")
    assert dialog.active_button.text().replace("&", "") == "停用(T)"
    dialog.active_button.click()
    h.idle()
    h.idle()
    assert unit_in_db(h, "维权部") == ("internal", 0)
    assert column(dialog, "状态")[dialog.model.row_of(dialog.selected().id)] == "停用"
    assert "交办时不再列出它" in dialog.message.text()

    detail = open_detail(h, window, MotionState.ACCEPTED)
    form = open_form(h, detail, MotionAction.ASSIGN)
    assert isinstance(form, AssignForm)
    offered = [form.lead.itemText(i) for i in range(form.lead.count())]
    assert "办公室" in offered and "维权部" not in offered
    assert "维权部" not in [form.co_units.item(i).text() for i in range(form.co_units.count())]
    form.reject()

    dialog.active_button.click()  # 启用 again: offered again
    h.idle()
    h.idle()
    assert unit_in_db(h, "维权部") == ("internal", 1)
    form = open_form(h, detail, MotionAction.ASSIGN)
    assert "维权部" in [form.lead.itemText(i) for i in range(form.lead.count())]
    form.reject()
    detail.close()
    dialog.close()
    window.close()


def test_delete_is_refused_for_a_unit_that_was_ever_assigned(harness: WindowHarness) -> None:
    h = harness
    window, dialog = open_units(h)
    used = next(r for r in dialog.rows() if r.motions)
    select(dialog, used.name)
    answerer = ModalAnswerer(button="删除").start()
    try:
        h.qtbot.keyClick(dialog.table, Qt.Key.Key_Delete)
        h.idle()
    finally:
        answerer.stop()
    assert answerer.seen == []  # nothing to confirm: it cannot be deleted
    assert dialog.message.text() == "错误：已有提案交办给该单位，只能停用。"
    assert unit_in_db(h, used.name) is not None

    # A new unit can be deleted, after a confirmation; 取消 keeps it.
    h.qtbot.keyClick(dialog.table, Qt.Key.Key_Insert)
    type_text(h.qtbot, dialog.editor.name_edit, "临时单位")
    h.qtbot.keyClick(dialog.editor.name_edit, Qt.Key.Key_Return)
    h.idle()
    h.idle()
    assert dialog.selected().name == "临时单位"
    answerer = ModalAnswerer(button="取消").start()
    try:
        h.qtbot.keyClick(dialog.table, Qt.Key.Key_Delete)
    finally:
        answerer.stop()
    assert [s["title"] for s in answerer.seen] == ["删除承办单位"]
    assert "临时单位" in answerer.seen[0]["text"]
    assert unit_in_db(h, "临时单位") is not None

    # Meanwhile another clerk assigns a motion to it: the service refuses the delete.
    other = open_database(sqlite_url(h.db_path))
    try:
        accepted = next(r for r in term_rows(h) if r.state is MotionState.ACCEPTED)
        assign_motion(
            other,
            user="other",
            motion_id=accepted.id,
            expected_version=accepted.version,
            units=[(dialog.selected().id, HandlingRole.LEAD)],
            assigned_on=date.today(),
        )
    finally:
        other.engine.dispose()
    focus_table(h, dialog)
    answerer = ModalAnswerer(button="删除").start()
    try:
        h.qtbot.keyClick(dialog.table, Qt.Key.Key_Delete)
        h.idle()
        h.idle()
    finally:
        answerer.stop()
    assert len(answerer.seen) == 1
    assert dialog.message.text() == "错误：已有提案交办给该单位，只能停用。"
    assert unit_in_db(h, "临时单位") is not None
    assert (
        column(dialog, "交办数")[dialog.model.row_of(dialog.selected().id)] == "1 件（在办 1 件）"
    )
    dialog.close()
    window.close()


def test_an_unused_unit_is_deleted_after_confirmation(harness: WindowHarness) -> None:
    h = harness
    window, dialog = open_units(h)
    h.qtbot.keyClick(dialog.table, Qt.Key.Key_Insert)
    type_text(h.qtbot, dialog.editor.name_edit, "临时单位")
    h.qtbot.keyClick(dialog.editor.name_edit, Qt.Key.Key_Return)
    h.idle()
    h.idle()
    count = dialog.model.rowCount()
    answerer = ModalAnswerer(button="删除").start()
    try:
        h.qtbot.keyClick(dialog.table, Qt.Key.Key_Delete)
        h.idle()
        h.idle()
    finally:
        answerer.stop()
    assert len(answerer.seen) == 1
    assert unit_in_db(h, "临时单位") is None
    assert dialog.model.rowCount() == count - 1 and "已删除" in dialog.message.text()
    dialog.close()
    window.close()


def test_units_move_up_and_down_with_alt_arrows(harness: WindowHarness) -> None:
    h = harness
    window, dialog = open_units(h)
    names = [r.name for r in dialog.rows()]
    select(dialog, names[1])
    assert dialog.up_button.isEnabled()
    h.qtbot.keyClick(dialog.table, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    h.idle()
    h.idle()
    assert [r.name for r in dialog.rows()][:2] == [names[1], names[0]]
    assert dialog.selected().name == names[1] and not dialog.up_button.isEnabled()
    order = [r.name for r in ops.handling_unit_rows(ctx(h))]
    assert order[:2] == [names[1], names[0]]
    h.qtbot.keyClick(dialog.table, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    h.idle()
    h.idle()
    assert [r.name for r in dialog.rows()] == names
    dialog.close()
    window.close()


def test_a_unit_another_clerk_changed_meanwhile_is_refused_as_stale(harness: WindowHarness) -> None:
    """The dialog sends the version it loaded: a rename by another clerk since then makes its
    change stale, said with who changed it; the list then shows the other clerk's name."""
    from models.services.motions.commands.units import rename_handling_unit

    h = harness
    window, dialog = open_units(h)
    select(dialog, "维权部")
    unit = dialog.selected()
    other = open_database(sqlite_url(h.db_path))
    try:
        rename_handling_unit(other, user="另一位秘书", unit_id=unit.id, name="权益维护部")
    finally:
        other.engine.dispose()
    dialog.kind_button.click()
    h.idle()
    h.idle()
    assert "另一位秘书" in dialog.message.text()
    assert unit_in_db(h, "权益维护部") == ("internal", 1)  # the kind was not changed
    h.qtbot.waitUntil(lambda: any(r.name == "权益维护部" for r in dialog.rows()))
    dialog.close()
    window.close()
