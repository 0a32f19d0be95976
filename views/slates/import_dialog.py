"""Importing a slate or roster file from the window: a preview of its rows, problems, the people
it describes otherwise and the units the term lacks; the import off the GUI thread."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QProgressDialog,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from models.domain.errors import Level
from models.domain.messages import message
from models.domain.vocabulary import BodyKind
from models.services.people.contracts import TermRow
from models.services.rosters.contracts import ImportChoices, PersonConflict, SheetPreview
from models.services.slates.contracts import ImportOutcome
from views.background import Runner
from views.error_presenter import show_error
from views.ops import slates as slates_ops

if TYPE_CHECKING:
    from models.services.common.context import AppContext

_CONFLICT_HEADERS = ("以文件为准", "行", "身份证号", "人员库中的姓名", "不一致之处")


def _busy(parent: QWidget, text: str) -> QProgressDialog:
    """An indeterminate bar: reading and importing are one step each, with no partial progress."""
    progress = QProgressDialog(text, "", 0, 0, parent)
    progress.setCancelButton(None)
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(0)
    progress.setAccessibleName(text)
    progress.show()
    return progress


def outcome_text(widget: QWidget, outcome: ImportOutcome) -> str:
    """What an import did, in a sentence or three."""
    text = (
        widget.tr("已导入 %1 行（新增人员 %2 人，更新人员 %3 人）。")
        .replace("%1", str(outcome.imported))
        .replace("%2", str(outcome.added_people))
        .replace("%3", str(outcome.updated_people))
    )
    if outcome.created_units:
        text += widget.tr("\n已新建选举单位：%1（名额为 0，请在“选举单位与名额”中设置）。").replace(
            "%1", "、".join(outcome.created_units)
        )
    kept = len(outcome.conflicts) - len(outcome.rows_from_file)
    if kept and outcome.imported:
        text += widget.tr("\n%1 人的身份信息与本表不一致，已保留人员库中的信息。").replace(
            "%1", str(kept)
        )
    if outcome.rejected_file:
        text += widget.tr("\n有错误的行已另存为：%1").replace("%1", str(outcome.rejected_file))
    return text


class PreviewPanel(QWidget):
    """A previewed file: counts, problems, conflicting person facts (each with its tick) and the
    units the term lacks (one tick creates them all). Shared by the slate and roster imports."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.preview: SheetPreview | None = None
        self.path: Path | None = None
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.problems = QPlainTextEdit()
        self.problems.setReadOnly(True)
        self.problems.setTabChangesFocus(True)  # a list to read: Tab moves on
        self.problems.setAccessibleName(self.tr("问题清单"))
        problems_label = QLabel(self.tr("问题清单(&P)："))
        problems_label.setBuddy(self.problems)
        self.conflicts_label = QLabel(
            self.tr(
                "与人员库不一致的人员(&C)：默认保留人员库中的信息；"
                "勾选“以文件为准”则按本表更新（空格键勾选）。"
            )
        )
        self.conflicts_label.setWordWrap(True)
        self.conflicts = QTableWidget(0, len(_CONFLICT_HEADERS))
        self.conflicts.setHorizontalHeaderLabels([self.tr(h) for h in _CONFLICT_HEADERS])
        self.conflicts.setAccessibleName(self.tr("与人员库不一致的人员"))
        self.conflicts.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.conflicts.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.conflicts.verticalHeader().setVisible(False)
        self.conflicts.horizontalHeader().setSectionResizeMode(
            len(_CONFLICT_HEADERS) - 1, QHeaderView.ResizeMode.Stretch
        )
        self.conflicts.setTabKeyNavigation(False)
        self.conflicts_label.setBuddy(self.conflicts)
        self.units_label = QLabel()
        self.units_label.setWordWrap(True)
        self.create_units = QCheckBox(self.tr("新建这些选举单位，名额为 0(&U)"))
        self.create_units.setAccessibleName(self.tr("新建本届没有的选举单位"))
        self.create_units.toggled.connect(self._show_current)
        self._ticked: set[int] = set()
        self.conflicts.itemChanged.connect(self._tick_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (
            self.summary,
            problems_label,
            self.problems,
            self.units_label,
            self.create_units,
            self.conflicts_label,
            self.conflicts,
        ):
            layout.addWidget(widget)
        self.clear()

    def clear(self) -> None:
        self.preview, self.path = None, None
        self._ticked.clear()
        self.summary.setText(self.tr("尚未选择名单文件。"))
        self.problems.clear()
        for widget in (self.units_label, self.create_units, self.conflicts_label, self.conflicts):
            widget.setVisible(False)
        self.changed.emit()

    def show_preview(self, preview: SheetPreview, path: Path) -> None:
        self.preview, self.path = preview, path
        self._ticked.clear()
        has_units = bool(preview.unknown_units)
        self.units_label.setText(
            self.tr("本届没有的选举单位：%1。不新建则这些行不能导入。").replace(
                "%1", "、".join(preview.unknown_units)
            )
        )
        self.units_label.setVisible(has_units)
        self.create_units.setVisible(has_units)
        self.create_units.blockSignals(True)
        self.create_units.setChecked(False)
        self.create_units.blockSignals(False)
        self._show_current()

    def current(self) -> SheetPreview | None:
        """The preview as the units tick makes it."""
        if self.preview is None:
            return None
        if self.create_units.isChecked() and self.preview.with_units is not None:
            return self.preview.with_units
        return self.preview

    def has_errors(self) -> bool:
        current = self.current()
        return current is not None and bool(current.sheet.excluded_rows)

    def has_rows(self) -> bool:
        current = self.current()
        return current is not None and bool(current.sheet.records)

    def choices(self, *, valid_only: bool) -> ImportChoices:
        current = self.current()
        rows = {c.row for c in current.conflicts} if current else set()
        return ImportChoices(
            valid_only=valid_only,
            rows_from_file=frozenset(self._ticked & rows),
            # Not isVisible(): the choices are read after the preview dialog has closed.
            create_units=bool(current and current.unknown_units) and self.create_units.isChecked(),
        )

    def _show_current(self) -> None:
        current = self.current()
        if current is None or self.path is None:
            return
        sheet = current.sheet
        warnings = [p for p in sheet.problems if p.level is Level.WARNING]
        self.summary.setText(
            self.tr("%1：读取 %2 行，无误 %3 行，有错误 %4 行，提醒 %5 条，与人员库不一致 %6 人。")
            .replace("%1", self.path.name)
            .replace("%2", str(sheet.total))
            .replace("%3", str(len(sheet.records)))
            .replace("%4", str(len(sheet.excluded_rows)))
            .replace("%5", str(len(warnings)))
            .replace("%6", str(len(current.conflicts)))
        )
        lines = [
            f"第 {p.row} 行［{p.column}］{'错误' if p.level is Level.ERROR else '提醒'}："
            f"{message(p.code, p.params)}"
            for p in sheet.problems
        ]
        self.problems.setPlainText("\n".join(lines) or self.tr("没有发现问题。"))
        self._fill_conflicts(current.conflicts)
        self.changed.emit()

    def _fill_conflicts(self, conflicts: tuple[PersonConflict, ...]) -> None:
        self.conflicts.blockSignals(True)
        self.conflicts.setRowCount(len(conflicts))
        for index, conflict in enumerate(conflicts):
            tick = QTableWidgetItem()
            tick.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            tick.setCheckState(
                Qt.CheckState.Checked if conflict.row in self._ticked else Qt.CheckState.Unchecked
            )
            tick.setData(Qt.ItemDataRole.UserRole, conflict.row)
            tick.setData(
                Qt.ItemDataRole.AccessibleTextRole,
                self.tr("第%1行以文件为准").replace("%1", str(conflict.row)),
            )
            facts = "；".join(
                self.tr("%1：人员库“%2”，本表“%3”")
                .replace("%1", f.column)
                .replace("%2", f.registry)
                .replace("%3", f.file)
                for f in conflict.facts
            )
            cells = (str(conflict.row), conflict.id_number, conflict.name, facts)
            self.conflicts.setItem(index, 0, tick)
            for column, text in enumerate(cells, start=1):
                item = QTableWidgetItem(text)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                self.conflicts.setItem(index, column, item)
        self.conflicts.resizeColumnsToContents()
        self.conflicts.blockSignals(False)
        self.conflicts_label.setVisible(bool(conflicts))
        self.conflicts.setVisible(bool(conflicts))

    def _tick_changed(self, item: QTableWidgetItem) -> None:
        if item.column() != 0:
            return
        row = int(item.data(Qt.ItemDataRole.UserRole))
        if item.checkState() is Qt.CheckState.Checked:
            self._ticked.add(row)
        else:
            self._ticked.discard(row)

    def set_from_file(self, sheet_row: int, taken: bool) -> None:
        """Tick or untick 以文件为准 for the person on that sheet row."""
        for index in range(self.conflicts.rowCount()):
            item = self.conflicts.item(index, 0)
            if item is not None and int(item.data(Qt.ItemDataRole.UserRole)) == sheet_row:
                item.setCheckState(Qt.CheckState.Checked if taken else Qt.CheckState.Unchecked)


def import_buttons(dialog: QDialog, buttons: QDialogButtonBox) -> tuple[QPushButton, QPushButton]:
    """全部导入 and 只导入无误的行, added to `buttons`."""
    import_all = buttons.addButton(
        dialog.tr("全部导入(&I)"), QDialogButtonBox.ButtonRole.AcceptRole
    )
    import_valid = buttons.addButton(
        dialog.tr("只导入无误的行(&O)"), QDialogButtonBox.ButtonRole.AcceptRole
    )
    import_valid.setToolTip(dialog.tr("有错误的行将另存为 .rejected.xlsx，不会丢失"))
    return import_all, import_valid


def enable_imports(panel: PreviewPanel, import_all: QWidget, import_valid: QWidget) -> None:
    """全部导入 only without errors; 只导入无误的行 only when there are both."""
    import_all.setEnabled(panel.has_rows() and not panel.has_errors())
    import_valid.setVisible(panel.has_rows() and panel.has_errors())


class ImportPreview(QDialog):
    """A slate file previewed: what it holds, what is wrong, and how to import it."""

    def __init__(self, preview: SheetPreview, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("导入名单预览"))
        self.setAccessibleName(self.tr("导入名单预览"))
        self.panel = PreviewPanel()
        self.reserve = QCheckBox(self.tr("作为候补人选导入(&R)"))
        buttons = QDialogButtonBox()
        self.import_all, self.import_valid = import_buttons(self, buttons)
        cancel = buttons.addButton(self.tr("取消"), QDialogButtonBox.ButtonRole.RejectRole)
        self.valid_only = False
        self.import_all.clicked.connect(self.accept)
        self.import_valid.clicked.connect(self._valid_only)
        cancel.clicked.connect(self.reject)
        self.panel.changed.connect(
            lambda: enable_imports(self.panel, self.import_all, self.import_valid)
        )
        layout = QVBoxLayout(self)
        for widget in (self.panel, self.reserve, buttons):
            layout.addWidget(widget)
        self.panel.show_preview(preview, path)
        self.resize(760, 560)

    def choices(self) -> ImportChoices:
        return self.panel.choices(valid_only=self.valid_only)

    def _valid_only(self) -> None:
        self.valid_only = True
        self.accept()


def start_import(
    parent: QWidget,
    runner: Runner,
    ctx: AppContext,
    *,
    kind: BodyKind,
    term: TermRow,
    done: Callable[[], None],
    path: Path | None = None,
) -> None:
    """Pick a file (unless given), preview it on the lane, then import it on the lane."""
    if path is None:
        chosen, _ = QFileDialog.getOpenFileName(
            parent, parent.tr("选择名单文件"), "", parent.tr("Excel 名单 (*.xlsx *.xls)")
        )
        if not chosen:
            return
        path = Path(chosen)
    reading = _busy(parent, parent.tr("正在读取名单…"))

    def previewed(preview: SheetPreview) -> None:
        reading.close()
        dialog = ImportPreview(preview, path, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        choices, reserve = dialog.choices(), dialog.reserve.isChecked()
        importing = _busy(parent, parent.tr("正在导入名单…"))

        def import_failed(error: BaseException) -> None:
            importing.close()
            show_error(parent, error)

        runner.submit_command(
            lambda: slates_ops.import_slate_file(
                ctx, path=path, kind=kind, term=term.term, choices=choices, reserve=reserve
            ),
            on_done=lambda outcome: imported(importing, outcome),
            on_error=import_failed,
        )

    def imported(importing: QProgressDialog, outcome: ImportOutcome) -> None:
        importing.close()
        QMessageBox.information(parent, parent.tr("导入完成"), outcome_text(parent, outcome))
        done()

    def preview_failed(error: BaseException) -> None:
        reading.close()
        show_error(parent, error)

    runner.submit(
        lambda: slates_ops.preview_slate_file(ctx, path=path, kind=kind, term_id=term.id),
        on_done=previewed,
        on_error=preview_failed,
    )
