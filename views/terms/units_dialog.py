"""选举单位与名额: a congress term's electoral units, their order and their seats, edited in place.

Units are shared by every congress term; seats belong to the term shown. Every change is one
command (views/ops/units.py); the table is reloaded from the core after each.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QRegularExpression,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from models.domain.vocabulary import term_display_name
from models.services.common.changes import RecordKind
from models.services.electoral.contracts import UNIT_KINDS, TermUnits, UnitRow
from models.services.people.contracts import TermRow
from views.background import Runner
from views.error_presenter import describe
from views.form_dialog import FormDialog
from views.ops import units as ops
from views.permissions import REFUSAL_PROPERTY, gate
from views.row_table_model import RowTableModel
from views.side_button import message_line, side_button, side_column

if TYPE_CHECKING:
    from models.services.common.changes import Changes, Outcome
    from models.services.common.context import AppContext

T = TypeVar("T")
SEATS_COLUMN = 3
_DIGITS = QRegularExpression(r"^\d{0,5}$")


class UnitTableModel(RowTableModel):
    """序号, 选举单位, 类型, 名额 (editable), 已用人数. An edit is handed to the dialog, which saves it
    as a command; the table shows the saved value when it reloads."""

    numbered = False  # 序号 is a column of its own, the units' order
    COLUMNS = (
        ("序号", lambda r: str(r.order)),
        ("选举单位", lambda r: r.name),
        ("类型", lambda r: r.kind),
        ("名额", lambda r: "未分配" if r.seats is None else str(r.seats)),
        ("已用人数", lambda r: str(r.members)),
    )
    seats_edited = Signal(object, str)  # UnitRow, the text typed

    def unit(self, row: int) -> UnitRow:
        return self.row_at(row)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == SEATS_COLUMN:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def extra_data(self, index: QModelIndex | QPersistentModelIndex, role: int) -> Any:
        row = self.row_at(index.row())
        if role == Qt.ItemDataRole.EditRole and index.column() == SEATS_COLUMN:
            return "" if row.seats is None else str(row.seats)
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in (0, 3, 4):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == SEATS_COLUMN:
            return "输入名额后回车保存；清空表示本届不给该单位分配名额"
        return None

    def setData(
        self,
        index: QModelIndex | QPersistentModelIndex,
        value: Any,
        role: int = Qt.ItemDataRole.EditRole,
    ) -> bool:
        if role != Qt.ItemDataRole.EditRole or index.column() != SEATS_COLUMN:
            return False
        self.seats_edited.emit(self.row_at(index.row()), str(value).strip())
        return False


class SeatsDelegate(QStyledItemDelegate):
    """The 名额 cell takes digits only, and its editor says what it is to a screen reader."""

    def createEditor(
        self,
        parent: QWidget,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> QWidget:
        editor = QLineEdit(parent)
        editor.setValidator(QRegularExpressionValidator(_DIGITS, editor))
        editor.setAccessibleName("名额")
        editor.setAccessibleDescription("0 或正整数；清空表示不分配名额")
        return editor


class UnitEditor(FormDialog):
    """新增 (name, kind, seats in the term) or 改名 (name and kind) of one unit."""

    def __init__(
        self,
        runner: Runner,
        ctx: AppContext,
        *,
        term: TermUnits,
        unit: UnitRow | None,
        parent: QWidget | None = None,
    ) -> None:
        title = self.tr("新增选举单位") if unit is None else self.tr("选举单位改名")
        super().__init__(runner, title, parent)
        self.ctx, self.term, self.unit = ctx, term, unit
        self.saved: UnitRow | None = None
        self.name_edit = self.add_field(
            "name", self.tr("名称(&M)："), QLineEdit(unit.name if unit else "")
        )
        self.name_edit.setPlaceholderText(self.tr("如 大峪街道、王平镇、特邀"))
        self.kind_box = self.add_field("kind", self.tr("类型(&T)："), QComboBox())
        if unit is None:
            self.kind_box.addItem(self.tr("按名称判断（街道、镇，其余为界别）"), None)
        for kind in UNIT_KINDS:
            self.kind_box.addItem(kind, kind)
        if unit is not None:
            self.kind_box.setCurrentIndex(self.kind_box.findData(unit.kind))
        self.seats_edit: QLineEdit | None = None
        if unit is None:
            self.seats_edit = self.add_field(
                "seats",
                self.tr("%1名额(&S)：").replace("%1", term.term_name),
                QLineEdit(),
                self.tr("0 或正整数；不填表示暂不分配名额"),
            )
            self.seats_edit.setValidator(QRegularExpressionValidator(_DIGITS, self.seats_edit))
        else:
            self.show_problem(
                None,
                self.tr("各届共用这个单位：改名后，已登记在该单位的人员显示新名称。"),
                is_error=False,
            )
        self.name_edit.selectAll()
        self.name_edit.setFocus()
        self.gate_save(ctx, "electoral.edit")

    def submit(self) -> None:
        ctx, term_id = self.ctx, self.term.term_id
        name, kind = self.name_edit.text(), self.kind_box.currentData()
        if not name.strip():
            self.show_problem("name", self.tr("请填写选举单位的名称。"))
            self.name_edit.setFocus()
            return
        if self.unit is None:
            text = self.seats_edit.text() if self.seats_edit is not None else ""
            seats = int(text) if text else None
            self.run_command(
                lambda: ops.add_unit(ctx, term_id=term_id, name=name, kind=kind, seats=seats),
                self._saved,
            )
            return
        unit_id = self.unit.id
        self.run_command(
            lambda: ops.rename_unit(ctx, term_id=term_id, unit_id=unit_id, name=name, kind=kind),
            self._saved,
        )

    def _saved(self, row: UnitRow) -> None:
        self.saved = row
        self.accept()


class UnitsDialog(QDialog):
    def __init__(
        self, runner: Runner, ctx: AppContext, *, term: TermRow, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.runner, self.ctx, self.term = runner, ctx, term
        self.units: TermUnits | None = None
        self.busy = False
        term_name = f"{term_display_name(term.term)}{term.body_name}"
        self.setWindowTitle(self.tr("选举单位与名额 — %1").replace("%1", term_name))
        self.setAccessibleName(self.windowTitle())
        intro = QLabel(
            self.tr(
                "选举单位各届共用，名额是%1的。在“名额”一栏直接输入数字后回车即保存，"
                "清空表示本届不给该单位分配名额。已有人员登记的单位不能删除。"
            ).replace("%1", term_name)
        )
        intro.setWordWrap(True)

        self.model = UnitTableModel(self)
        self.model.seats_edited.connect(self.save_seats)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(SEATS_COLUMN, SeatsDelegate(self.table))
        self.table.setAccessibleName(self.tr("选举单位列表"))
        self.table.setAccessibleDescription(
            self.tr("名额一栏输入数字回车保存；Insert 新增，Delete 删除，Ctrl+↑/↓ 调整顺序")
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.setTabKeyNavigation(False)  # Tab leaves the table for the buttons
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(self._double_clicked)

        self.add_button = side_button(
            self.tr("新增(&N)…"), self.tr("新增一个选举单位（Insert）"), self.add_unit
        )
        self.rename_button = side_button(
            self.tr("改名(&R)…"), self.tr("修改所选单位的名称或类型"), self.rename_unit
        )
        self.up_button = side_button(
            self.tr("上移(&U)"),
            self.tr("把所选单位上移一位（Ctrl+↑）"),
            lambda: self.move_selected(-1),
        )
        self.down_button = side_button(
            self.tr("下移(&D)"),
            self.tr("把所选单位下移一位（Ctrl+↓）"),
            lambda: self.move_selected(1),
        )
        self.delete_button = side_button(
            self.tr("删除(&X)"),
            self.tr("删除没有人员登记的单位，连同它在各届的名额（Delete）"),
            self.delete_unit,
        )
        self.close_button = side_button(self.tr("关闭(&C)"), self.tr("关闭（Esc）"), self.close)
        for key, slot, context in (
            ("Ctrl+Up", lambda: self.move_selected(-1), Qt.ShortcutContext.WindowShortcut),
            ("Ctrl+Down", lambda: self.move_selected(1), Qt.ShortcutContext.WindowShortcut),
            ("Del", self.delete_unit, Qt.ShortcutContext.WidgetShortcut),
        ):
            action = QAction(self.table if key == "Del" else self)
            action.setShortcut(QKeySequence(key))
            action.setShortcutContext(context)
            action.triggered.connect(slot)
            (self.table if key == "Del" else self).addAction(action)
            gate(action, ctx, "electoral.edit")  # a refused action's shortcut does not fire
        for button in (
            self.add_button,
            self.rename_button,
            self.up_button,
            self.down_button,
            self.delete_button,
        ):
            gate(button, ctx, "electoral.edit")
        if ctx.refusal("electoral.edit") is not None:
            # The 名额 cells are typed into in place: a reader's table opens no editor.
            self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)

        self.total = QLabel()
        self.total.setAccessibleName(self.tr("名额合计"))
        self.total.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message = message_line(self.tr("提示"))

        side = side_column(
            (
                self.add_button,
                self.rename_button,
                self.up_button,
                self.down_button,
                self.delete_button,
            ),
            self.close_button,
        )
        middle = QHBoxLayout()
        middle.addWidget(self.table, 1)
        middle.addLayout(side)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(middle, 1)
        layout.addWidget(self.total)
        layout.addWidget(self.message)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.runner.data_changed.connect(self._data_changed)
        self.resize(640, 520)
        self._update_buttons()
        self.table.setFocus()
        self.load()

    # --- loading and the selection --------------------------------------------------------------

    def rows(self) -> list[UnitRow]:
        return [self.model.unit(r) for r in range(self.model.rowCount())]

    def selected(self) -> UnitRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.unit(rows[0].row()) if rows else None

    def load(self, select_id: int | None = None) -> None:
        wanted = select_id if select_id is not None else getattr(self.selected(), "id", None)
        ctx, term_id = self.ctx, self.term.id
        self.runner.submit(
            lambda: ops.term_units(ctx, term_id=term_id),
            on_done=lambda units: self._loaded(units, wanted),
            on_error=lambda e: self.show_message(describe(e)),
        )

    def _loaded(self, units: TermUnits, select_id: int | None) -> None:
        self.units = units
        self.model.set_rows(units.units)
        row = self.model.row_of(select_id) if select_id is not None else -1
        if units.units:
            self.select_row(max(row, 0))
        self.total.setText(
            self.tr("共 %1 个选举单位，%2 个分配了名额；名额合计 %3 名，已用 %4 人。")
            .replace("%1", str(len(units.units)))
            .replace("%2", str(units.allocated))
            .replace("%3", str(units.total_seats))
            .replace("%4", str(units.members))
            if units.units
            else self.tr("还没有选举单位：按“新增”添加，或用 yishi units set 一次设置。")
        )
        self._update_buttons()

    def select_row(self, row: int) -> None:
        """The row, with the 名额 cell current: typing a number there edits the seats."""
        self.table.selectRow(row)
        self.table.setCurrentIndex(self.model.index(row, SEATS_COLUMN))

    def _data_changed(self, changes: Changes, initiator: object) -> None:
        """Another window changed terms or memberships (a person now in a unit): show it."""
        ours = initiator is self or (
            isinstance(initiator, UnitEditor) and initiator.parent() is self
        )
        if not ours and changes.kinds & {RecordKind.TERMS, RecordKind.MEMBERSHIPS}:
            self.load()

    def _update_buttons(self) -> None:
        unit = self.selected()
        free = not self.busy
        self.add_button.setEnabled(free)
        self.rename_button.setEnabled(free and unit is not None)
        index = self.model.row_of(unit.id) if unit is not None else -1
        self.up_button.setEnabled(free and index > 0)
        self.down_button.setEnabled(free and 0 <= index < self.model.rowCount() - 1)
        self.delete_button.setEnabled(free and unit is not None)

    def show_message(self, text: str, *, is_error: bool = True) -> None:
        prefix = self.tr("错误：") if is_error and text else ""
        self.message.setText(prefix + text)

    def _double_clicked(self, index: QModelIndex) -> None:
        if index.column() != SEATS_COLUMN and self.rename_button.property(REFUSAL_PROPERTY) is None:
            self.rename_unit()

    # --- the changes ----------------------------------------------------------------------------

    def save_seats(self, unit: UnitRow, text: str) -> None:
        seats = int(text) if text else None
        if seats == unit.seats or self.busy:
            return
        ctx, term_id = self.ctx, self.term.id

        def said(row: UnitRow) -> str:
            if row.seats is None:
                return self.tr("%1本届不再分配名额。").replace("%1", row.name)
            return (
                self.tr("%1的名额已改为 %2 名。")
                .replace("%1", row.name)
                .replace("%2", str(row.seats))
            )

        self._run(
            lambda: ops.set_unit_seats(ctx, term_id=term_id, unit_id=unit.id, seats=seats),
            said,
            unit.id,
        )

    def add_unit(self) -> None:
        self._edit(None)

    def rename_unit(self) -> None:
        unit = self.selected()
        if unit is not None:
            self._edit(unit)

    def _edit(self, unit: UnitRow | None) -> None:
        if self.busy or self.units is None:
            return
        editor = UnitEditor(self.runner, self.ctx, term=self.units, unit=unit, parent=self)
        if editor.exec() == QDialog.DialogCode.Accepted and editor.saved is not None:
            row = editor.saved
            if unit is None:
                self.show_message(self.tr("已新增“%1”。").replace("%1", row.name), is_error=False)
            else:
                self.show_message(
                    self.tr("已把“%1”改为“%2”（%3）。")
                    .replace("%1", unit.name)
                    .replace("%2", row.name)
                    .replace("%3", row.kind),
                    is_error=False,
                )
            self.load(row.id)
        self.table.setFocus()

    def move_selected(self, step: int) -> None:
        unit = self.selected()
        if unit is None or self.busy:
            return
        rows = self.rows()
        at = self.model.row_of(unit.id)
        if not 0 <= at + step < len(rows):
            return
        ctx, term_id = self.ctx, self.term.id
        self._run(
            lambda: ops.move_unit(ctx, term_id=term_id, unit_id=unit.id, step=step),
            lambda _units: "",
            unit.id,
        )

    def delete_unit(self) -> None:
        unit = self.selected()
        if unit is None or self.busy:
            return
        if unit.is_used:  # no use asking: the core would refuse, and says who uses it
            ctx, term_id = self.ctx, self.term.id
            self._run(
                lambda: ops.remove_unit(ctx, term_id=term_id, unit_id=unit.id),
                lambda _row: "",
            )
            return
        if not self.confirm_delete(unit):
            return
        ctx, term_id = self.ctx, self.term.id
        self._run(
            lambda: ops.remove_unit(ctx, term_id=term_id, unit_id=unit.id),
            lambda row: self.tr("已删除“%1”。").replace("%1", row.name),
        )

    def confirm_delete(self, unit: UnitRow) -> bool:
        text = self.tr("确定删除选举单位“%1”吗？").replace("%1", unit.name)
        if unit.seats is not None:
            text += self.tr("它在各届的名额（本届 %1 名）也一并删除。").replace(
                "%1", str(unit.seats)
            )
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("删除选举单位"), text, parent=self)
        box.setAccessibleName(box.windowTitle())
        delete = box.addButton(self.tr("删除"), QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(box.addButton(self.tr("取消"), QMessageBox.ButtonRole.RejectRole))
        box.exec()
        return box.clickedButton() is delete

    def _run(
        self, work: Callable[[], Outcome[T]], said: Callable[[T], str], select_id: int | None = None
    ) -> None:
        """One command on the lane; then reload from the core, or say why it was refused."""
        self.busy = True
        self._update_buttons()

        def done(result: T) -> None:
            self.busy = False
            self.show_message(said(result), is_error=False)
            self.load(select_id)

        def failed(error: BaseException) -> None:
            self.busy = False
            self.show_message(describe(error))
            self.load()

        self.runner.submit_command(work, on_done=done, on_error=failed, initiator=self)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Insert adds (a key press: as a shortcut Qt never delivered it offscreen)."""
        if event.key() == Qt.Key.Key_Insert and not event.modifiers():
            self.add_unit()
            return
        super().keyPressEvent(event)
