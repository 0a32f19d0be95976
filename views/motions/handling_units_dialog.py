"""承办单位: the clerk's list of handling units, edited in place; every change is one service call."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from models.domain.errors import DomainError
from models.services.motions.contracts import HandlingUnitRow
from views.background import Runner
from views.error_presenter import describe
from views.form_dialog import INVALID_PROPERTY
from views.motions.handling_unit_editor import HandlingUnitEditor
from views.motions.handling_unit_table_model import KIND_NAMES, HandlingUnitTableModel
from views.ops import motion_lists as ops
from views.permissions import conceal, gate_editor
from views.side_button import message_line, side_button, side_column

if TYPE_CHECKING:
    from models.services.common.changes import Outcome
    from models.services.common.context import AppContext

T = TypeVar("T")


class HandlingUnitsDialog(QDialog):
    def __init__(self, runner: Runner, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner, self.ctx = runner, ctx
        self.busy = False
        self.mode: str | None = None  # "add" or "rename" while the editor is open
        self.editing: HandlingUnitRow | None = None  # the unit being renamed
        self.setWindowTitle(self.tr("承办单位"))
        self.setAccessibleName(self.windowTitle())
        intro = QLabel(
            self.tr(
                "交办时只列出在用的单位。交办过提案的单位不能删除，只能停用："
                "停用后，已交办给它的提案仍由它办理。"
            )
        )
        intro.setWordWrap(True)

        self.model = HandlingUnitTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("承办单位列表"))
        self.table.setAccessibleDescription(
            self.tr("Insert 新增，F2 重命名，Delete 删除，Alt+↑/↓ 调整顺序")
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda _index: self.start_rename())

        self.add_button = side_button(
            self.tr("新增(&N)"), self.tr("新增一个承办单位（Insert）"), self.start_add
        )
        self.rename_button = side_button(
            self.tr("重命名(&R)"), self.tr("修改所选单位的名称（F2）"), self.start_rename
        )
        self.kind_button = side_button(
            self.tr("改类别(&K)"), self.tr("在内设部门和外部单位之间切换"), self.toggle_kind
        )
        self.up_button = side_button(
            self.tr("上移(&U)"),
            self.tr("把所选单位上移一位（Alt+↑）"),
            lambda: self.move_selected(-1),
        )
        self.down_button = side_button(
            self.tr("下移(&W)"),
            self.tr("把所选单位下移一位（Alt+↓）"),
            lambda: self.move_selected(1),
        )
        self.active_button = side_button(
            self.tr("停用(&T)"), self.tr("停用或重新启用所选单位"), self.toggle_active
        )
        self.delete_button = side_button(
            self.tr("删除(&X)"), self.tr("删除从未交办过提案的单位（Delete）"), self.delete_selected
        )
        # The keys belong to the table: in the name field Delete and Alt+arrows edit text.
        for key, slot in (
            ("F2", self.start_rename),
            ("Del", self.delete_selected),
            ("Alt+Up", lambda: self.move_selected(-1)),
            ("Alt+Down", lambda: self.move_selected(1)),
        ):
            action = QAction(self.table)
            action.setShortcut(QKeySequence(key))
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.triggered.connect(slot)
            self.table.addAction(action)

        self.editor = HandlingUnitEditor()
        self.editor.save_requested.connect(self.save_edit)
        self.editor.cancelled.connect(self.cancel_edit)
        self.editor.problem_changed.connect(self._show_problem)
        self.editor.hide()

        self.message = message_line(self.tr("提示"))
        close = side_button(self.tr("关闭(&C)"), self.tr("关闭（Esc）"), self.close)

        side = side_column(
            (
                self.add_button,
                self.rename_button,
                self.kind_button,
                self.up_button,
                self.down_button,
                self.active_button,
                self.delete_button,
            ),
            close,
        )
        middle = QHBoxLayout()
        middle.addWidget(self.table, 1)
        middle.addLayout(side)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(middle, 1)
        layout.addWidget(self.editor)
        layout.addWidget(self.message)
        self.setStyleSheet(f'*[{INVALID_PROPERTY}="true"] {{ border: 2px solid #c0392b; }}')
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.resize(720, 460)
        # A reader may see the units; the edit panel (shown only while adding or renaming) is
        # hidden for good: an empty editor makes no sense to a role that cannot save it.
        self.may_edit = gate_editor(self, ctx, "motions.units", spare=(close,))
        conceal(self.editor, ctx, "motions.units")
        self._update_buttons()
        self.load()

    # --- loading and the selection --------------------------------------------------------------

    def rows(self) -> list[HandlingUnitRow]:
        return [self.model.unit(r) for r in range(self.model.rowCount())]

    def selected(self) -> HandlingUnitRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.unit(rows[0].row()) if rows else None

    def load(self, select_id: int | None = None) -> None:
        wanted = select_id if select_id is not None else getattr(self.selected(), "id", None)
        ctx = self.ctx
        self.runner.submit(
            lambda: ops.handling_unit_rows(ctx),
            on_done=lambda rows: self._loaded(rows, wanted),
            on_error=lambda e: self.show_message(describe(e)),
        )

    def _loaded(self, rows: list[HandlingUnitRow], select_id: int | None) -> None:
        self.model.set_rows(rows)
        row = self.model.row_of(select_id) if select_id is not None else -1
        if rows:
            self.table.selectRow(max(row, 0))
        self._update_buttons()

    def _update_buttons(self) -> None:
        unit = self.selected()
        free = not self.busy and self.mode is None
        self.add_button.setEnabled(free)
        for widget in (self.rename_button, self.kind_button, self.active_button):
            widget.setEnabled(free and unit is not None)
        rows = self.model.rowCount()
        index = self.model.row_of(unit.id) if unit is not None else -1
        self.up_button.setEnabled(free and index > 0)
        self.down_button.setEnabled(free and 0 <= index < rows - 1)
        self.delete_button.setEnabled(free and unit is not None)
        self.editor.save_button.setEnabled(not self.busy)
        self.table.setEnabled(self.mode is None)
        if unit is not None:
            self.active_button.setText(self.tr("停用(&T)") if unit.active else self.tr("启用(&T)"))
            other = "external" if unit.kind == "internal" else "internal"
            self.kind_button.setText(self.tr("改为%1(&K)").replace("%1", KIND_NAMES[other]))

    def show_message(self, text: str, *, is_error: bool = True, field: str | None = None) -> None:
        """The message says what is wrong in words; the name field also gets a border."""
        self.editor.mark(is_error and field == "name")
        prefix = self.tr("错误：") if is_error else ""
        self.message.setText(prefix + text if text else "")

    # --- adding and renaming --------------------------------------------------------------------

    def start_add(self) -> None:
        if self.busy or self.mode is not None:
            return
        self._open_editor("add", "")

    def start_rename(self) -> None:
        unit = self.selected()
        if unit is None or self.busy or self.mode is not None:
            return
        self._open_editor("rename", unit.name)

    def _open_editor(self, mode: str, name: str) -> None:
        if not self.may_edit:  # a double click on a row renames too: not for this role
            return
        self.mode = mode
        self.editing = self.selected() if mode == "rename" else None
        editing = self.editing.id if self.editing is not None else None
        others = [(r.name, r.active) for r in self.rows() if r.id != editing]
        self.show_message(
            self.tr("填写新单位的名称和类别，回车保存。")
            if mode == "add"
            else self.tr("修改“%1”的名称，回车保存；已交办的提案随之显示新名称。").replace(
                "%1", name
            ),
            is_error=False,
        )
        self._update_buttons()
        self.editor.start(name=name, with_kind=mode == "add", others=others)

    def cancel_edit(self) -> None:
        self.mode = None
        self.editor.hide()
        self.show_message("", is_error=False)
        self._update_buttons()
        self.table.setFocus()

    def _show_problem(self, problem: DomainError | None) -> None:
        if problem is None:
            self.show_message("", is_error=False)
        else:
            self.show_message(describe(problem), field=problem.field)

    def save_edit(self) -> None:
        if self.mode is None or self.busy:
            return
        problem = self.editor.problem()
        if problem is not None:
            self._show_problem(problem)
            self.editor.name_edit.setFocus()
            return
        ctx, name = self.ctx, self.editor.name()
        if self.mode == "add":
            kind = self.editor.kind()
            self._run(
                lambda: ops.add_handling_unit(ctx, name=name, kind=kind),
                lambda row: self.tr("已新增“%1”。").replace("%1", row.name),
            )
            return
        assert self.editing is not None
        unit_id, old, version = self.editing.id, self.editing.name, self.editing.version
        self._run(
            lambda: ops.rename_handling_unit(ctx, unit_id=unit_id, version=version, name=name),
            lambda row: self.tr("已把“%1”改名为“%2”。").replace("%1", old).replace("%2", row.name),
        )

    # --- the other changes ----------------------------------------------------------------------

    def toggle_kind(self) -> None:
        unit = self.selected()
        if unit is None or self.busy or self.mode is not None:
            return
        ctx, kind = self.ctx, "external" if unit.kind == "internal" else "internal"
        self._run(
            lambda: ops.set_handling_unit_kind(
                ctx, unit_id=unit.id, version=unit.version, kind=kind
            ),
            lambda row: (
                self.tr("“%1”现为%2。").replace("%1", row.name).replace("%2", KIND_NAMES[row.kind])
            ),
        )

    def toggle_active(self) -> None:
        unit = self.selected()
        if unit is None or self.busy or self.mode is not None:
            return
        ctx, active = self.ctx, not unit.active

        def said(row: HandlingUnitRow) -> str:
            if row.active:
                return self.tr("已启用“%1”，交办时可以选择它。").replace("%1", row.name)
            text = self.tr("已停用“%1”，交办时不再列出它。").replace("%1", row.name)
            if row.open_motions:
                text += self.tr("在办的 %1 件提案仍由它办理。").replace("%1", str(row.open_motions))
            return text

        self._run(
            lambda: ops.set_handling_unit_active(
                ctx, unit_id=unit.id, version=unit.version, active=active
            ),
            said,
        )

    def move_selected(self, step: int) -> None:
        unit = self.selected()
        if unit is None or self.busy or self.mode is not None:
            return
        ctx = self.ctx
        self._run(
            lambda: ops.move_handling_unit(ctx, unit_id=unit.id, version=unit.version, step=step),
            lambda _rows: "",
            unit.id,
        )

    def delete_selected(self) -> None:
        unit = self.selected()
        if unit is None or self.busy or self.mode is not None:
            return
        if unit.is_used:  # no use asking: the service would refuse
            self.show_message(describe(DomainError("handling_unit_in_use", name=unit.name)))
            return
        if not self.confirm_delete(unit):
            return
        ctx = self.ctx
        self._run(
            lambda: ops.delete_handling_unit(ctx, unit_id=unit.id, version=unit.version),
            lambda _none: self.tr("已删除“%1”。").replace("%1", unit.name),
        )

    def confirm_delete(self, unit: HandlingUnitRow) -> bool:
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("删除承办单位"),
            self.tr("确定删除承办单位“%1”吗？").replace("%1", unit.name),
            parent=self,
        )
        box.setAccessibleName(box.windowTitle())
        delete = box.addButton(self.tr("删除"), QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(box.addButton(self.tr("取消"), QMessageBox.ButtonRole.RejectRole))
        box.exec()
        return box.clickedButton() is delete

    # --- running a change -----------------------------------------------------------------------

    def _run(
        self,
        work: Callable[[], Outcome[T]],
        said: Callable[[T], str],
        select_id: int | None = None,
    ) -> None:
        """One command on the lane; on success reload, on a refusal keep what was typed.

        The Runner tells the other windows what changed (a renamed unit shows in the motion lists).
        """
        self.busy = True
        self._update_buttons()

        def done(result: T) -> None:
            self.busy = False
            self.mode = None
            self.editor.hide()
            self.show_message(said(result), is_error=False)
            wanted = select_id if select_id is not None else getattr(result, "id", None)
            self._update_buttons()  # enables the table again, so it can take the focus back
            self.table.setFocus()
            self.load(wanted)

        def failed(error: BaseException) -> None:
            self.busy = False
            field = error.field if isinstance(error, DomainError) else None
            self.show_message(describe(error), field=field)
            self._update_buttons()
            if field == "name" and self.mode is not None:
                self.editor.name_edit.setFocus()
            else:
                self.load()

        self.runner.submit_command(work, on_done=done, on_error=failed, initiator=self)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Insert adds; Esc leaves the name field first, and only then the dialog.

        Insert is a key press, not a shortcut: as a shortcut Qt never delivered it (offscreen).
        """
        if event.key() == Qt.Key.Key_Insert and not event.modifiers():
            self.start_add()
            return
        if event.key() == Qt.Key.Key_Escape and self.mode is not None:
            self.cancel_edit()
            return
        super().keyPressEvent(event)


def open_handling_units(runner: Runner, ctx: AppContext, parent: QWidget) -> HandlingUnitsDialog:
    """The one 承办单位 dialog of `parent`, raised if it is already open."""
    dialog = next(iter(parent.findChildren(HandlingUnitsDialog)), None)
    if dialog is None:
        dialog = HandlingUnitsDialog(runner, ctx, parent)
    else:
        dialog.load()
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog
