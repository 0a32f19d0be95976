"""One register's list in the 组织建设台账: its filters, its buttons and its sortable table.

新增 (Ctrl+N), 编辑 (Ctrl+E; Enter or a double click opens the record, read-only for a reader),
结束… for records that end or 删除 for a field visit or a year's figures, 历史. Every database
call runs on the Runner's lane; the list reloads when a command changed the registers.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from models.services.common.changes import Changes
from models.services.organisation.contracts import ENDING_REGISTERS, REGISTER_NAMES, Register
from views.background import Runner
from views.error_presenter import describe, show_error
from views.ops import organisation as ops
from views.organisation.record_forms import RecordForm
from views.organisation.small_dialogs import EndForm, HistoryDialog
from views.organisation.table_models import RegisterTableModel
from views.permissions import gate
from views.row_table_view import row_table_view

if TYPE_CHECKING:
    from models.services.common.context import AppContext

YEARS_BACK = 5
YEAR_FILTER = {Register.VISITS, Register.POPULATION}
TOWNSHIP_FILTER = {Register.PLACES, Register.POPULATION, Register.HOMES, Register.ORGANISATIONS}
MEMBER_FILTER = {Register.VISITS, Register.CONTACTS}
EDIT = "organisation.edit"


def register_word(register: Register) -> str:
    return "成员" if register is Register.OFFICERS else REGISTER_NAMES[register]


class RegisterPanel(QWidget):
    """`shortcuts` is False for a second panel in the same tab (an organisation's officers):
    Ctrl+N and Ctrl+E belong to the first. `parent_key` ties the panel to a master record."""

    loaded = Signal()
    selection_changed = Signal()

    def __init__(
        self,
        runner: Runner,
        ctx: AppContext,
        register: Register,
        *,
        shortcuts: bool = True,
        parent_key: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.runner, self.ctx, self.register = runner, ctx, register
        self.parent_key = parent_key
        self.parent_id: int | None = None  # the master record (an organisation) when tied
        self.select_id: int | None = None  # select this row once loaded (a saved record)
        self.form: Any = None  # the last dialog opened, for tests
        self.loads = 0
        word = register_word(register)
        ending = register in ENDING_REGISTERS

        self.ended_box: QCheckBox | None = None
        self.year_box: QComboBox | None = None
        self.township_box: QComboBox | None = None
        self.member_box: QComboBox | None = None
        filters = QHBoxLayout()
        if register in YEAR_FILTER:
            self.year_box = QComboBox()
            self.year_box.setAccessibleName(self.tr("年度"))
            this_year = date.today().year
            for year in range(this_year, this_year - YEARS_BACK - 1, -1):
                self.year_box.addItem(self.tr("%1年").replace("%1", str(year)), year)
            self.year_box.addItem(self.tr("全部年度"), None)
            default = this_year if register is Register.VISITS else None
            self.year_box.setCurrentIndex(self.year_box.findData(default))
            self._add_filter(filters, self.tr("年度(&Y)："), self.year_box)
        if register in TOWNSHIP_FILTER:
            self.township_box = QComboBox()
            self.township_box.setAccessibleName(self.tr("街乡镇"))
            self.township_box.addItem(self.tr("全部街乡镇"), None)
            self._add_filter(filters, self.tr("街乡镇(&T)："), self.township_box)
        if register in MEMBER_FILTER:
            self.member_box = QComboBox()
            self.member_box.setAccessibleName(self.tr("成员"))
            self.member_box.addItem(self.tr("全部成员"), None)
            self._add_filter(filters, self.tr("成员(&M)："), self.member_box)
        if ending:
            self.ended_box = QCheckBox(
                self.tr("显示已结束(&S)") if shortcuts else self.tr("显示已卸任(&W)")
            )
            self.ended_box.setAccessibleName(self.ended_box.text().split("(")[0])
            filters.addWidget(self.ended_box)
        filters.addStretch(1)
        self.count = QLabel(self.tr("正在载入…"))
        self.count.setAccessibleName(self.tr("%1数").replace("%1", word))
        filters.addWidget(self.count)

        self.model = RegisterTableModel(register, self)
        self.table = row_table_view(
            self.model,
            name=self.tr("%1列表").replace("%1", word),
            description=self.tr("回车或双击打开所选记录；点击表头排序"),
            open_row=self.open_selected,
            open_text=self.tr("打开"),
        )
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(
            -1, self.table.horizontalHeader().sortIndicatorOrder()
        )
        self.table.setWordWrap(False)

        if shortcuts:
            add_text, edit_text = self.tr("新增(&N)…"), self.tr("编辑(&E)…")
        else:
            add_text, edit_text = self.tr("新增成员(&A)…"), self.tr("编辑成员(&D)…")
        self.add_button = QPushButton(add_text)
        self.add_button.setToolTip(self.tr("新增一条%1记录").replace("%1", word))
        self.add_button.clicked.connect(lambda: self.add_record())
        self.edit_button = QPushButton(edit_text)
        self.edit_button.setToolTip(self.tr("修改所选记录"))
        self.edit_button.clicked.connect(lambda: self.edit_selected())
        if shortcuts:
            self.add_button.setShortcut(QKeySequence("Ctrl+N"))
            self.add_button.setToolTip(self.add_button.toolTip() + "（Ctrl+N）")
            self.edit_button.setShortcut(QKeySequence("Ctrl+E"))
            self.edit_button.setToolTip(self.tr("修改所选记录（Ctrl+E 或回车）"))
        if ending:
            self.end_button = QPushButton(
                self.tr("结束(&J)…") if shortcuts else self.tr("卸任(&X)…")
            )
            self.end_button.setToolTip(self.tr("记下结束日期；记录保留在台账中"))
            self.end_button.clicked.connect(lambda: self.end_selected())
        else:
            self.end_button = QPushButton(self.tr("删除(&X)…"))
            self.end_button.setToolTip(self.tr("删除录错的记录（须确认）"))
            self.end_button.clicked.connect(lambda: self.remove_selected())
        self.history_button = QPushButton(
            self.tr("历史(&H)…") if shortcuts else self.tr("成员历史(&I)…")
        )
        self.history_button.setToolTip(self.tr("所选记录的新增、修改和结束"))
        self.history_button.clicked.connect(lambda: self.show_history())
        for button in (self.add_button, self.edit_button, self.end_button):
            gate(button, ctx, EDIT)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.end_button, self.history_button):
            button.setAccessibleName(button.text().split("(")[0])
            buttons.addWidget(button)
        self.button_row = buttons
        buttons.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(filters)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)

        for box in (self.year_box, self.township_box, self.member_box):
            if box is not None:
                box.currentIndexChanged.connect(lambda _i: self.load())
        if self.ended_box is not None:
            self.ended_box.toggled.connect(lambda _on: self.load())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selection_moved())
        self.model.modelReset.connect(self._update_buttons)
        runner.data_changed.connect(self._on_data_changed)
        self._update_buttons()

    def _add_filter(self, layout: QHBoxLayout, text: str, box: QComboBox) -> None:
        box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        label = QLabel(text)
        label.setBuddy(box)
        layout.addWidget(label)
        layout.addWidget(box)

    # --- loading -------------------------------------------------------------------------------

    def load(self) -> None:
        if self.parent_key is not None and self.parent_id is None:
            self.model.set_rows([])
            self.count.setText(self.tr("请先在上面选择一个组织"))
            self._update_buttons()
            return
        ctx, register = self.ctx, self.register
        options: dict[str, Any] = {}
        if self.ended_box is not None:
            options["include_ended"] = self.ended_box.isChecked()
        for key, box in (
            ("year", self.year_box),
            ("township_id", self.township_box),
            ("person_id", self.member_box),
        ):
            if box is not None and box.currentData() is not None:
                options[key] = box.currentData()
        self.loads += 1
        self.runner.submit(
            lambda: ops.records(ctx, register=register, **options),
            on_done=self._loaded,
            on_error=lambda e: self.count.setText(describe(e)),
        )
        if self.township_box is not None:
            self.runner.submit(
                lambda: ops.records(ctx, register=Register.TOWNSHIPS),
                on_done=lambda rows: self._refill(
                    self.township_box, [(r.id, r.name) for r in rows]
                ),
                on_error=lambda e: self.count.setText(describe(e)),
            )
        if self.member_box is not None:
            self.runner.submit(
                lambda: ops.contact_members(ctx),
                on_done=lambda rows: self._refill(
                    self.member_box, [(r.person_id, r.name) for r in rows]
                ),
                on_error=lambda e: self.count.setText(describe(e)),
            )

    def _refill(self, box: QComboBox | None, items: list[tuple[int, str]]) -> None:
        """A filter's choices, its first entry (全部…) and the current choice kept."""
        assert box is not None
        current, first = box.currentData(), box.itemText(0)
        box.blockSignals(True)
        box.clear()
        box.addItem(first, None)
        for item_id, text in items:
            box.addItem(text, item_id)
        box.setCurrentIndex(max(box.findData(current), 0))
        box.blockSignals(False)

    def _loaded(self, rows: list[Any]) -> None:
        if self.parent_key is not None:
            rows = [r for r in rows if getattr(r, self.parent_key) == self.parent_id]
        selected = self.selected()
        wanted = self.select_id if self.select_id is not None else getattr(selected, "id", None)
        self.select_id = None
        self.model.set_rows(rows)
        self.count.setText(self.tr("共 %1 条").replace("%1", str(len(rows))))
        if rows:
            index = self.model.row_of(wanted) if wanted is not None else -1
            self.table.selectRow(max(index, 0))
        self._selection_moved()
        self.loaded.emit()

    def _on_data_changed(self, changes: object, _initiator: object) -> None:
        if isinstance(changes, Changes) and changes.organisation:
            self.load()

    def set_parent_record(self, parent_id: int | None) -> None:
        if parent_id != self.parent_id:
            self.parent_id = parent_id
            self.load()

    # --- the selection -------------------------------------------------------------------------

    def selected(self) -> Any:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def select(self, record_id: int) -> None:
        self.table.selectRow(self.model.row_of(record_id))

    def _selection_moved(self) -> None:
        self._update_buttons()
        self.selection_changed.emit()

    def _update_buttons(self) -> None:
        row = self.selected()
        tied_off = self.parent_key is not None and self.parent_id is None
        self.add_button.setEnabled(not tied_off)
        ended = getattr(row, "ended_on", None) is not None
        self.edit_button.setEnabled(row is not None)
        self.end_button.setEnabled(row is not None and not ended)
        self.history_button.setEnabled(row is not None)

    # --- actions -------------------------------------------------------------------------------

    def _fixed(self) -> dict[str, Any]:
        return {self.parent_key: self.parent_id} if self.parent_key is not None else {}

    def add_record(self) -> RecordForm | None:
        if self.parent_key is not None and self.parent_id is None:
            return None
        return self._open_form(None)

    def edit_selected(self) -> RecordForm | None:
        row = self.selected()
        return self._open_form(row) if row is not None else None

    def open_selected(self) -> RecordForm | None:
        """Enter or a double click: the form, read-only for a role that may not edit."""
        return self.edit_selected()

    def _open_form(self, row: Any) -> RecordForm:
        form = RecordForm(
            self.runner, self.ctx, self.register, row, fixed=self._fixed(), parent=self
        )
        form.saved.connect(self._saved)
        self.form = form
        form.open()
        return form

    def _saved(self, row: Any) -> None:
        # The Runner reports the change and every list reloads; select the saved record then.
        self.select_id = row.id

    def end_selected(self) -> EndForm | None:
        row = self.selected()
        if row is None or getattr(row, "ended_on", None) is not None:
            return None
        form = EndForm(
            self.runner, self.ctx, self.register, row, register_word(self.register), parent=self
        )
        form.ended.connect(self._saved)
        self.form = form
        form.open()
        return form

    def remove_selected(self) -> None:
        row = self.selected()
        if row is None or not self.confirm_remove(row):
            return
        ctx, register = self.ctx, self.register
        self.runner.submit_command(
            lambda: ops.remove_record(
                ctx, register=register, record_id=row.id, expected_version=row.version
            ),
            on_done=lambda _none: None,
            on_error=lambda error: show_error(self, error),
            initiator=self,
        )

    def confirm_remove(self, row: Any) -> bool:
        what = (
            self.tr("%1 %2 的走访记录")
            .replace("%1", row.visited_on.isoformat())
            .replace("%2", row.member)
            if self.register is Register.VISITS
            else self.tr("%1 %2年的人口数据").replace("%1", row.place).replace("%2", str(row.year))
        )
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("删除%1").replace("%1", register_word(self.register)),
            self.tr("确定删除%1吗？删除记入操作日志。").replace("%1", what),
            parent=self,
        )
        box.setAccessibleName(box.windowTitle())
        delete = box.addButton(self.tr("删除"), QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(box.addButton(self.tr("取消"), QMessageBox.ButtonRole.RejectRole))
        box.exec()
        return box.clickedButton() is delete

    def show_history(self) -> HistoryDialog | None:
        row = self.selected()
        if row is None:
            return None
        dialog = HistoryDialog(self.runner, self.ctx, self.register, row, parent=self)
        self.form = dialog
        dialog.open()
        return dialog
