"""工作日历: the years of the working-day calendar and, for the chosen year, its special days.

The dialog edits one year at a time as a draft (views/motions/calendar_days.py) and saves it with
one service call on the Runner's lane; the service checks the rules and refuses a year another
clerk changed meanwhile. Deleting a year is its own call, after a confirmation.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from models.domain.errors import DomainError
from models.services.motions.contracts import FIRST_YEAR, LAST_YEAR, CalendarYear
from views.background import Runner
from views.error_presenter import describe
from views.motions.calendar_days import HOLIDAY, MAKE_UP, CalendarDays
from views.ops import motion_lists as ops
from views.permissions import gate_editor

if TYPE_CHECKING:
    from models.services.common.changes import Outcome
    from models.services.common.context import AppContext


def missing_years(years: list[int], today: date) -> list[int]:
    """Years a deadline may soon need without data: from this year to the one after the last."""
    if not years:
        return [today.year]
    after_last = max(years) + 1
    low, high = min(today.year, after_last), max(today.year, after_last)
    return [y for y in range(low, high + 1) if y not in years]


def open_calendar_editor(runner: Runner, ctx: AppContext, parent: QWidget) -> CalendarEditor:
    """The parent's calendar editor, made on first use and raised after that."""
    editor = parent.findChild(CalendarEditor)
    if editor is None:
        editor = CalendarEditor(runner, ctx, parent)
    elif not editor.is_dirty():
        editor.load()  # another clerk may have added a year since
    editor.show()
    editor.raise_()
    editor.activateWindow()
    return editor


class CalendarEditor(QDialog):
    saved = Signal(object)  # the calendar after a save, a removal or an import

    def __init__(self, runner: Runner, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner, self.ctx = runner, ctx
        self.stored: dict[int, CalendarYear] = {}
        self.base: CalendarYear | None = None  # the chosen year as loaded (empty when new)
        self.setWindowTitle(self.tr("工作日历"))
        self.setAccessibleName(self.tr("工作日历"))

        self.year_list = QListWidget()
        self.year_list.setAccessibleName(self.tr("年份"))
        self.year_list.setAccessibleDescription(self.tr("工作日历中已有数据的年份"))
        self.missing = QLabel()
        self.missing.setWordWrap(True)
        self.missing.setAccessibleName(self.tr("尚无数据的年份"))
        self.add_year_button = QPushButton(self.tr("添加年份(&Y)…"))
        self.add_year_button.clicked.connect(lambda: self.add_year())
        self.remove_year_button = QPushButton(self.tr("删除年份(&R)"))
        self.remove_year_button.clicked.connect(lambda: self.remove_year())
        self.import_button = QPushButton(self.tr("从文件导入(&I)…"))
        self.import_button.setToolTip(self.tr("导入与 cn-workdays.toml 格式相同的日历文件"))
        self.import_button.clicked.connect(lambda: self.import_file())
        self.days = CalendarDays()
        self.days.changed.connect(self._draft_changed)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("提示"))
        self.save_button = QPushButton(self.tr("保存(&S)"))
        self.save_button.setToolTip(self.tr("保存本年的放假与调休安排（Ctrl+S）"))
        self.save_button.clicked.connect(lambda: self.save())
        save_shortcut = QShortcut(QKeySequence.StandardKey.Save, self)
        save_shortcut.activated.connect(self.save)
        close = QPushButton(self.tr("关闭"))
        close.setAutoDefault(False)
        close.clicked.connect(self.reject)

        left = QVBoxLayout()
        for widget in (
            self.year_list,
            self.missing,
            self.add_year_button,
            self.remove_year_button,
            self.import_button,
        ):
            left.addWidget(widget)
        columns = QHBoxLayout()
        columns.addLayout(left)
        columns.addWidget(self.days, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.message, 1)
        bottom.addWidget(self.save_button)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addLayout(bottom)
        self.year_list.currentItemChanged.connect(self._year_clicked)
        self.resize(900, 560)
        gate_editor(self, ctx, "motions.calendar", spare=(close,))
        self._update_buttons()
        self.load()

    @property
    def year(self) -> int | None:
        return self.days.year

    # --- loading and showing --------------------------------------------------------------------

    def load(self, wanted: int | None = None) -> None:
        self.message.setText(self.tr("正在载入…"))
        ctx = self.ctx
        self.runner.submit(
            lambda: ops.calendar_years(ctx),
            on_done=lambda years: self._loaded(years, wanted),
            on_error=lambda e: self.message.setText(describe(e)),
        )

    def _loaded(self, years: tuple[CalendarYear, ...], wanted: int | None = None) -> None:
        """Show the stored calendar; the draft is dropped, so callers ask first."""
        self.stored = {y.year: y for y in years}
        self.message.setText("")
        if wanted is None and self.year in self.stored:
            wanted = self.year
        if wanted is None and self.stored:
            today = date.today().year
            wanted = max((y for y in self.stored if y <= today), default=min(self.stored))
        self._choose(self.stored.get(wanted, CalendarYear(wanted)) if wanted else None)

    def _choose(self, entry: CalendarYear | None) -> None:
        self.base = entry
        self.days.show_year(entry)
        self._show_years()
        self._update_buttons()

    def _show_years(self) -> None:
        self.year_list.blockSignals(True)
        self.year_list.clear()
        shown = set(self.stored) | ({self.year} if self.year else set())
        for year in sorted(shown):
            entry = self.stored.get(year)
            if entry is None:
                text = self.tr("%1年（未保存）").replace("%1", str(year))
            else:
                text = (
                    self.tr("%1年：放假 %2 天，调休上班 %3 天")
                    .replace("%1", str(year))
                    .replace("%2", str(len(entry.holidays)))
                    .replace("%3", str(len(entry.make_up_days)))
                )
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, year)
            self.year_list.addItem(item)
            if year == self.year:
                self.year_list.setCurrentItem(item)
        self.year_list.blockSignals(False)
        missing = missing_years(list(self.stored), date.today())
        self.missing.setText(
            self.tr("%1年尚无数据：\n落在该年的期限只按周末计算。").replace(
                "%1", "、".join(str(y) for y in missing)
            )
            if missing
            else ""
        )

    def _update_buttons(self) -> None:
        dirty = self.is_dirty()
        self.remove_year_button.setEnabled(self.year is not None)
        self.save_button.setEnabled(dirty)
        self.setWindowTitle(self.tr("工作日历") + (self.tr("（未保存）") if dirty else ""))

    def _draft_changed(self) -> None:
        self.message.setText("")
        self._update_buttons()

    # --- the draft ------------------------------------------------------------------------------

    def is_dirty(self) -> bool:
        base = self.base
        if base is None:
            return False
        return (
            base.year not in self.stored
            or self.days.days(HOLIDAY) != base.holidays
            or self.days.days(MAKE_UP) != base.make_up_days
            or self.days.note_text() != base.note
        )

    def confirm_discard(self) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("有未保存的修改"),
            self.tr("%1年的工作日历有未保存的修改，放弃这些修改吗？").replace("%1", str(self.year)),
        )
        return answer == QMessageBox.StandardButton.Yes

    def _year_clicked(self, item: QListWidgetItem | None, _previous: object) -> None:
        if item is None or item.data(Qt.ItemDataRole.UserRole) == self.year:
            return
        if self.is_dirty() and not self.confirm_discard():
            self._show_years()  # back to the year being edited
            return
        year = item.data(Qt.ItemDataRole.UserRole)
        self.message.setText("")
        self._choose(self.stored.get(year, CalendarYear(year)))

    # --- years ----------------------------------------------------------------------------------

    def add_year(self, year: int | None = None) -> None:
        if year is None:
            suggested = max(self.stored, default=date.today().year - 1) + 1
            year, ok = QInputDialog.getInt(
                self, self.tr("添加年份"), self.tr("年份："), suggested, FIRST_YEAR, LAST_YEAR
            )
            if not ok:
                return
        if year == self.year or (self.is_dirty() and not self.confirm_discard()):
            return
        self._choose(self.stored.get(year, CalendarYear(year)))
        self.message.setText(
            self.tr("请按国务院办公厅的通知添加放假日期和调休上班日期，然后保存。")
            if year not in self.stored
            else ""
        )

    def remove_year(self, *, confirmed: bool = False) -> None:
        year = self.year
        if year is None:
            return
        if not confirmed:
            answer = QMessageBox.question(
                self,
                self.tr("删除年份"),
                self.tr("删除%1年的工作日历吗？删除后，落在该年的期限只按周末计算。").replace(
                    "%1", str(year)
                ),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        if year not in self.stored:  # never saved: nothing to ask the database
            self._loaded(tuple(self.stored.values()))
            return
        ctx = self.ctx
        self._submit(
            lambda: ops.remove_calendar_year(ctx, year=year),
            None,
            self.tr("已删除%1年的工作日历。").replace("%1", str(year)),
        )

    def import_file(self, path: Path | None = None) -> None:
        if self.is_dirty() and not self.confirm_discard():
            return
        if path is None:
            chosen, _ = QFileDialog.getOpenFileName(
                self, self.tr("导入工作日历"), "", self.tr("工作日历 (*.toml)")
            )
            if not chosen:
                return
            path = Path(chosen)
        self.message.setText(self.tr("正在导入…"))
        ctx, chosen_path = self.ctx, path
        self.runner.submit_command(
            lambda: ops.import_calendar(ctx, path=chosen_path),
            on_done=self._imported,
            on_error=self._refused,
        )

    def _imported(self, result: tuple[tuple[int, ...], tuple[CalendarYear, ...]]) -> None:
        taken, years = result
        self._loaded(years, taken[-1])
        self.message.setText(
            self.tr("已导入%1年的工作日历。").replace("%1", "、".join(str(y) for y in taken))
        )
        self.saved.emit(years)

    # --- saving and closing ---------------------------------------------------------------------

    def save(self) -> None:
        year = self.year
        if year is None or not self.is_dirty():
            return
        days = self.days
        holidays, make_up, note = days.days(HOLIDAY), days.days(MAKE_UP), days.note_text()
        expected = self.base if year in self.stored else CalendarYear(year)
        self.save_button.setEnabled(False)
        self.message.setText(self.tr("正在保存…"))
        ctx = self.ctx
        self._submit(
            lambda: ops.set_calendar_year(
                ctx,
                year=year,
                holidays=holidays,
                make_up_days=make_up,
                note=note,
                expected=expected,
            ),
            year,
            self.tr("已保存%1年的工作日历。").replace("%1", str(year)),
        )

    def _submit(
        self,
        work: Callable[[], Outcome[tuple[CalendarYear, ...]]],
        year: int | None,
        done_text: str,
    ) -> None:
        def done(years: tuple[CalendarYear, ...]) -> None:
            self._loaded(years, year)
            self.message.setText(done_text)
            self.saved.emit(years)

        self.runner.submit_command(work, on_done=done, on_error=self._refused, initiator=self)

    def _refused(self, error: BaseException) -> None:
        """Keep the draft; point at the day the rules refuse."""
        self._update_buttons()
        self.message.setText(self.tr("错误：") + describe(error))
        day = error.params.get("day") if isinstance(error, DomainError) else None
        if day:
            self.days.select_day(date.fromisoformat(day))

    def reject(self) -> None:
        """Esc, the 关闭 button and the window's ✕ all come here."""
        if self.is_dirty():
            if not self.confirm_discard():
                return
            self._loaded(tuple(self.stored.values()))  # reopening shows the stored calendar
        super().reject()
