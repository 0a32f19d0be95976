"""Bulk actions on the motion list: 批量交办 (批量打印答复函 is views/documents/reply_letters.py).

Each motion is its own service call on the Runner's one lane, submitted only after the previous
one has answered, so a QProgressDialog can show i/n and stop cleanly between two motions.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING, TypeVar, cast

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressDialog,
    QVBoxLayout,
    QWidget,
)

from models.domain.motion_workflow import HandlingRole, MotionState
from views.background import Runner
from views.error_presenter import describe
from views.form_dialog import date_edit

if TYPE_CHECKING:
    from models.services.common.changes import Outcome

Item = TypeVar("Item")

ASSIGNABLE = frozenset({MotionState.ACCEPTED, MotionState.UNIT_RETURNED})


class BulkAssignDialog(QDialog):
    """One 主办 unit, any 协办 units and the 交办 date, for several motions at once."""

    def __init__(self, units: list[tuple[int, str]], count: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("批量交办"))
        self.setAccessibleName(self.windowTitle())
        intro = QLabel(self.tr("交办所选的 %1 件提案。").replace("%1", str(count)))
        self.lead = QComboBox()
        self.lead.setAccessibleName(self.tr("主办单位"))
        self.lead.addItem(self.tr("（请选择）"), None)
        for unit_id, name in units:
            self.lead.addItem(name, unit_id)
        self.co_units = QListWidget()
        self.co_units.setAccessibleName(self.tr("协办单位"))
        self.co_units.setAccessibleDescription(self.tr("空格勾选协办单位，可选多个"))
        for unit_id, name in units:
            item = QListWidgetItem(name)
            item.setData(Qt.ItemDataRole.UserRole, unit_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.co_units.addItem(item)
        today = date.today()
        self.assigned_on = date_edit(today, self.tr("交办日期"))
        self.message = QLabel()
        self.message.setAccessibleName(self.tr("提示"))
        self.message.setWordWrap(True)

        form = QFormLayout()
        for text, widget in (
            (self.tr("主办单位(&L)："), self.lead),
            (self.tr("协办单位(&O)："), self.co_units),
            (self.tr("交办日期(&D)："), self.assigned_on),
        ):
            label = QLabel(text)
            label.setBuddy(widget)
            form.addRow(label, widget)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("交办"))
        ok.setAccessibleName(self.tr("交办"))
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("取消"))
        cancel.setAccessibleName(self.tr("取消"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

    def set_co_unit(self, unit_id: int, checked: bool = True) -> None:
        for i in range(self.co_units.count()):
            item = self.co_units.item(i)
            if item.data(Qt.ItemDataRole.UserRole) == unit_id:
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def units(self) -> list[tuple[int, HandlingRole]]:
        chosen: list[tuple[int, HandlingRole]] = []
        lead = self.lead.currentData()
        if lead is not None:
            chosen.append((lead, HandlingRole.LEAD))
        for i in range(self.co_units.count()):
            item = self.co_units.item(i)
            unit_id = item.data(Qt.ItemDataRole.UserRole)
            if item.checkState() == Qt.CheckState.Checked and unit_id != lead:
                chosen.append((unit_id, HandlingRole.CO))
        return chosen

    def day(self) -> date:
        d = self.assigned_on.date()
        return date(d.year(), d.month(), d.day())

    def submit(self) -> None:
        if self.lead.currentData() is None:
            self.message.setText(self.tr("请选择一个主办单位。"))
            self.lead.setFocus()
            return
        self.accept()


class SequentialJob(QObject):
    """Run `work(item)` on the lane for each item, one after another, with a progress dialog.

    With `command`, `work` returns an Outcome and each item's changes reach every window as the
    Runner reports them. `finished` carries (results, failures, cancelled): results as
    (item, result) and failures as (item, Chinese reason)."""

    finished = Signal(object, object, bool)

    def __init__(
        self,
        runner: Runner,
        title: str,
        items: Sequence[Item],
        work: Callable[[Item], object],
        parent: QWidget | None = None,
        *,
        command: bool = False,
    ) -> None:
        super().__init__(parent)
        listed = list(items)
        self.runner = runner
        self.items: Sequence[object] = listed
        # The items' own type is known only here: keep `work` applied to them by position.
        self._work_at: Callable[[int], object] = lambda index: work(listed[index])
        self.command = command
        self.results: list[tuple[object, object]] = []
        self.failures: list[tuple[object, str]] = []
        self.cancelled = False
        self.done = False
        self.progress = QProgressDialog(title, self.tr("取消"), 0, len(self.items), parent)
        self.progress.setWindowTitle(title)
        self.progress.setAccessibleName(title)
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(0)
        self.progress.setAutoReset(False)
        self.progress.setAutoClose(False)
        self.progress.canceled.connect(self.cancel)
        self._index = 0
        self.reached = 0

    def start(self) -> None:
        self.progress.setValue(0)
        self.progress.show()
        self._next()

    def cancel(self) -> None:
        self.cancelled = True

    def _next(self) -> None:
        n = len(self.items)
        self.cancelled = self.cancelled or self.progress.wasCanceled()
        if self.cancelled or self._index >= n:
            self._finish()
            return
        item = self.items[self._index]
        self.progress.setLabelText(
            self.tr("正在处理第 %1/%2 件…")
            .replace("%1", str(self._index + 1))
            .replace("%2", str(n))
        )
        index, work_at = self._index, self._work_at

        def done(result: object) -> None:
            self._answered(item, result, None)

        def failed(error: BaseException) -> None:
            self._answered(item, None, error)

        if self.command:
            command = cast("Callable[[int], Outcome[object]]", work_at)
            self.runner.submit_command(lambda: command(index), on_done=done, on_error=failed)
        else:
            self.runner.submit(lambda: work_at(index), on_done=done, on_error=failed)

    def _answered(self, item: object, result: object, error: BaseException | None) -> None:
        if error is None:
            self.results.append((item, result))
        else:
            self.failures.append((item, describe(error)))
        self._index += 1
        self.progress.setValue(self._index)
        self.reached = self._index  # the dialog resets itself once closed
        self._next()

    def _finish(self) -> None:
        self.done = True
        self.progress.canceled.disconnect(self.cancel)  # closing a progress dialog cancels it
        self.progress.close()
        self.finished.emit(self.results, self.failures, self.cancelled)
