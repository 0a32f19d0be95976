"""The motions (提案) window of the presidium's current term: filters, overdue first, open detail."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from models.domain.motion_workflow import OVERDUE_STATES, STATE_NAMES
from models.services.papers.contracts import PaperFormat, ReplyLetters
from views.background import Runner
from views.documents.reply_letters import ReplyLetterJob
from views.error_presenter import describe
from views.motions.bulk_actions import ASSIGNABLE, BulkAssignDialog, SequentialJob
from views.motions.calendar_editor import open_calendar_editor
from views.motions.handling_units_dialog import open_handling_units
from views.motions.motion_detail import MotionDetailWindow
from views.motions.motion_filters import MotionFilters
from views.motions.motion_gates import gate_motion_list
from views.motions.motion_table_model import MotionTableModel, number_text
from views.motions.reply_templates_dialog import open_reply_templates
from views.ops import motions as ops
from views.row_table_view import row_table_view

if TYPE_CHECKING:
    from models.domain.motion_workflow import HandlingRole
    from models.services.common.changes import Changes, Outcome
    from models.services.common.context import AppContext
    from models.services.motions.contracts import MotionRow

DUE_SOON_DAYS = 7


class MotionList(QWidget):
    def __init__(self, runner: Runner, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.runner, self.ctx = runner, ctx
        self._all: list[MotionRow] = []
        self._wanted: int | None = None  # a motion to select once the list has loaded
        self.setWindowTitle(self.tr("提案"))
        self.setAccessibleName(self.windowTitle())

        self.filters = MotionFilters()
        self.overdue_summary = QLabel()
        self.overdue_summary.setAccessibleName(self.tr("逾期提醒"))
        self.overdue_summary.setWordWrap(True)

        self.model = MotionTableModel(self)
        self.table = row_table_view(
            self.model,
            name=self.tr("提案列表"),
            description=self.tr("回车或双击打开所选提案"),
            open_row=self.open_motion,
            open_text=self.tr("打开"),
            multiple=True,
        )

        self.open_button = QPushButton(self.tr("打开(&O)"))
        self.open_button.setToolTip(self.tr("查看所选提案的办理经过并办理（回车）"))
        self.open_button.clicked.connect(self.open_motion)
        self.assign_button = QPushButton(self.tr("批量交办(&A)…"))
        self.assign_button.setToolTip(self.tr("把所选的已立案或被退回的提案交给同一主办单位"))
        self.assign_button.clicked.connect(lambda: self.bulk_assign())
        self.print_button = QPushButton(self.tr("批量打印答复函(&P)…"))
        self.print_button.setToolTip(self.tr("把本届已答复或已办结的提案的答复函写到一个文件夹"))
        self.print_button.clicked.connect(lambda: self.print_replies())
        self.statistics_button = QPushButton(self.tr("统计(&T)"))
        self.statistics_button.setToolTip(self.tr("本届提案办理情况统计"))
        self.statistics_button.clicked.connect(lambda: self.open_statistics())
        self.job: SequentialJob | ReplyLetterJob | None = None
        self.report_box: QMessageBox | None = None
        self.last_report = ""
        refresh = QPushButton(self.tr("刷新"))
        refresh.setShortcut(QKeySequence.StandardKey.Refresh)
        refresh.clicked.connect(self.load)

        buttons = QHBoxLayout()
        buttons.addWidget(self._new_motion_button())
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.assign_button)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.statistics_button)
        self.calendar_button = QPushButton(self.tr("工作日历(&L)…"))
        self.calendar_button.clicked.connect(lambda: open_calendar_editor(runner, ctx, self))
        buttons.addWidget(self.calendar_button)
        self.units_button = QPushButton(self.tr("承办单位(&H)…"))
        self.units_button.clicked.connect(lambda: open_handling_units(runner, ctx, self))
        buttons.addWidget(self.units_button)
        self.import_button = QPushButton(self.tr("导入提案(&I)…"))
        self.import_button.clicked.connect(lambda: self.import_motions())
        buttons.addWidget(self.import_button)
        buttons.addWidget(self._papers_button())
        self.templates_button = QPushButton(self.tr("答复函模板(&W)…"))
        self.templates_button.clicked.connect(lambda: open_reply_templates(runner, ctx, self))
        buttons.addWidget(self.templates_button)
        buttons.addStretch(1)
        buttons.addWidget(refresh)
        gate_motion_list(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.overdue_summary)
        layout.addWidget(self.filters)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)

        self.filters.changed.connect(self._show)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        runner.data_changed.connect(self._on_data_changed)
        self.resize(1000, 600)
        self._update_buttons()
        self.load()

    # --- loading --------------------------------------------------------------------------------

    def load(self) -> None:
        ctx = self.ctx
        self.runner.submit(
            lambda: ops.term_motions(ctx),
            on_done=self._loaded,
            on_error=lambda e: self.filters.count.setText(describe(e)),
        )

    def _loaded(self, rows: list[MotionRow]) -> None:
        self._all = rows
        self.filters.set_rows(rows)
        self.overdue_summary.setText(self.reminder(rows))
        self._show()

    def reminder(self, rows: list[MotionRow]) -> str:
        """Overdue and due within DUE_SOON_DAYS, in words."""
        today = date.today()
        overdue = [r for r in rows if r.is_overdue]
        soon = [
            r
            for r in rows
            if not r.is_overdue
            and r.state in OVERDUE_STATES
            and r.deadline is not None
            and 0 <= (r.deadline - today).days <= DUE_SOON_DAYS
        ]
        parts = []
        if overdue:
            parts.append(
                self.tr("逾期 %1 件：%2")
                .replace("%1", str(len(overdue)))
                .replace("%2", "、".join(f"《{r.title}》" for r in overdue))
            )
        if soon:
            parts.append(
                self.tr("%1 日内到期 %2 件：%3")
                .replace("%1", str(DUE_SOON_DAYS))
                .replace("%2", str(len(soon)))
                .replace("%3", "、".join(f"《{r.title}》（{r.deadline}）" for r in soon))
            )
        return "；".join(parts) if parts else self.tr("没有逾期或即将到期的提案。")

    def visible_rows(self) -> list[MotionRow]:
        return self.filters.apply(self._all)

    def _show(self) -> None:
        selected = self.selected()
        rows = self.visible_rows()
        self.model.set_rows(rows)
        self.filters.show_count(len(rows), len(self._all))
        if rows:
            wanted = self._wanted if self._wanted is not None else selected.id if selected else None
            row = self.model.row_of(wanted) if wanted is not None else -1
            self.table.selectRow(max(row, 0))
            if row >= 0:
                self._wanted = None
                self.table.scrollTo(self.model.index(row, 0))
        self._update_buttons()

    def select_motion(self, motion_id: int) -> None:
        """Select the motion, now or once the list has loaded (the dashboard's click-through)."""
        self._wanted = motion_id
        if self._all:
            self._show()

    def _on_data_changed(self, changes: Changes, _initiator: object) -> None:
        if changes.motions:
            self.load()

    def selected(self) -> MotionRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.motion(rows[0].row()) if rows else None

    def selected_motions(self) -> list[MotionRow]:
        rows = sorted(i.row() for i in self.table.selectionModel().selectedRows())
        return [self.model.motion(r) for r in rows]

    def _update_buttons(self) -> None:
        self.open_button.setEnabled(self.selected() is not None)
        busy = self.job is not None and not self.job.done
        self.assign_button.setEnabled(self.selected() is not None and not busy)
        self.print_button.setEnabled(not busy)

    # --- actions --------------------------------------------------------------------------------

    def _new_motion_button(self) -> QPushButton:
        """新建提案 (Ctrl+N in this window): the form over the current presidium term."""
        button = QPushButton(self.tr("新建提案(&N)…"))
        button.setAccessibleName(self.tr("新建提案"))
        button.setToolTip(self.tr("登记一件收到的提案（Ctrl+N）"))
        button.clicked.connect(lambda: self.new_motion())
        shortcut = QAction(self.tr("新建提案"), self)
        shortcut.setShortcut(QKeySequence.StandardKey.New)
        shortcut.triggered.connect(lambda: self.new_motion())
        self.addAction(shortcut)
        self.new_button, self.new_shortcut = button, shortcut
        return button

    def new_motion(self) -> QWidget:
        from views.motions.motion_form import MotionEntryForm

        form = MotionEntryForm(self.runner, self.ctx, parent=self)
        self.entry_form = form
        form.open()
        return form

    def open_motion(self) -> MotionDetailWindow | None:
        motion = self.selected()
        if motion is None:
            return None
        window = next(
            (w for w in self.findChildren(MotionDetailWindow) if w.motion_id == motion.id), None
        )
        if window is None:
            window = MotionDetailWindow(self.runner, self.ctx, motion.id, parent=self)
        else:
            window.load()
        window.show()
        window.raise_()
        window.activateWindow()
        return window

    def import_motions(self, path: Path | None = None) -> QWidget | None:
        """导入提案…: a file of motions, previewed, then registered as submitted."""
        from views.motions.motion_import_dialog import start_motion_import

        return start_motion_import(self, self.runner, self.ctx, path=path)

    # --- bulk actions ---------------------------------------------------------------------------

    def bulk_assign(self) -> None:
        """Ask for the units, then assign every selected motion the list allows to be assigned."""
        chosen = self.selected_motions()
        if not chosen:
            return
        ctx = self.ctx
        self.runner.submit(
            lambda: ops.handling_units(ctx),
            on_done=lambda units: self._ask_units(chosen, units),
            on_error=lambda e: self._report(self.tr("批量交办"), describe(e)),
        )

    def _ask_units(self, chosen: list[MotionRow], units: list[tuple[int, str]]) -> None:
        dialog = BulkAssignDialog(units, len(chosen), self)
        self.assign_dialog = dialog
        dialog.accepted.connect(lambda: self.assign_motions(chosen, dialog.units(), dialog.day()))
        dialog.open()

    def assign_motions(
        self, chosen: list[MotionRow], units: list[tuple[int, HandlingRole]], day: date
    ) -> SequentialJob:
        """Assign each motion in its own call on the lane; the others are reported at the end."""
        allowed = [m for m in chosen if m.state in ASSIGNABLE]
        refused = [
            (m, self.tr("状态为“%1”，不能交办").replace("%1", STATE_NAMES[m.state]))
            for m in chosen
            if m.state not in ASSIGNABLE
        ]
        ctx = self.ctx

        def work(motion: MotionRow) -> Outcome[tuple[MotionRow, str | None]]:
            return ops.assign_motion(
                ctx, motion_id=motion.id, version=motion.version, units=units, assigned_on=day
            )

        job = SequentialJob(self.runner, self.tr("批量交办"), allowed, work, self, command=True)
        job.finished.connect(
            lambda results, failures, cancelled: self._assigned(
                results, [*refused, *failures], cancelled
            )
        )
        self._start(job)
        return job

    def _assigned(
        self,
        results: list[tuple[MotionRow, object]],
        failures: list[tuple[MotionRow, str]],
        cancelled: bool,
    ) -> None:
        lines = [self.tr("已交办 %1 件。").replace("%1", str(len(results)))]
        if cancelled:
            lines.append(self.tr("已取消，其余提案未交办。"))
        if failures:
            lines.append(self.tr("以下提案未交办："))
            lines += [f"{number_text(m)}《{m.title}》：{reason}" for m, reason in failures]
        self._report(self.tr("批量交办"), "\n".join(lines))

    def print_replies(self, directory: Path | None = None, fmt: str | None = None) -> None:
        """Write the term's 答复函 (replied or closed motions) one by one into `directory`;
        fmt "combined": all of them into the one PDF file `directory` names."""
        if fmt is None:
            formats = [self.tr("PDF"), self.tr("Word"), self.tr("合成一个 PDF（便于一次打印）")]
            choice, ok = QInputDialog.getItem(
                self, self.tr("批量打印答复函"), self.tr("格式："), formats, 0, False
            )
            if not ok:
                return
            fmt = {formats[1]: "docx", formats[2]: "combined"}.get(choice, "pdf")
        if fmt == "combined":
            self._print_combined_replies(directory)
            return
        if directory is None:
            folder = QFileDialog.getExistingDirectory(self, self.tr("答复函保存到"))
            if not folder:
                return
            directory = Path(folder)
        fmt = {"word": "docx", "pdf": "pdf", "docx": "docx"}.get(fmt.lower(), fmt)
        target = Path(directory)
        job = ReplyLetterJob(
            self.runner,
            self.ctx,
            term=None,
            fmt=PaperFormat(fmt),
            directory=target,
            parent=self,
        )
        job.finished.connect(lambda letters, error: self._printed(target, letters, error))
        self._start(job)

    def _print_combined_replies(self, path: Path | None) -> None:
        """All the term's 答复函 in one PDF for the printer, in the same loop as the batch."""
        if path is None:
            name, _filter = QFileDialog.getSaveFileName(
                self, self.tr("合成的答复函保存为"), "提案答复函.pdf", self.tr("PDF 文件 (*.pdf)")
            )
            if not name:
                return
            path = Path(name)
        target = Path(path)
        job = ReplyLetterJob(
            self.runner,
            self.ctx,
            term=None,
            fmt=PaperFormat.PDF,
            directory=target,
            combined=True,
            parent=self,
        )
        job.finished.connect(lambda letters, error: self._printed(target, letters, error))
        self._start(job)

    def _printed(
        self, directory: Path, letters: ReplyLetters | None, error: BaseException | None
    ) -> None:
        title = self.tr("批量打印答复函")
        if letters is None:
            self._report(title, describe(error) if error is not None else "")
            return
        if letters.total == 0:
            self._report(title, self.tr("本届没有已答复或已办结的提案。"))
            return
        done = self.tr("已写出 %1 个文件，保存在 %2。")
        if letters.files == (directory,):
            done = self.tr("已把 %3 份答复函合成一个 PDF：%2。").replace(
                "%3", str(letters.total - len(letters.failures))
            )
        lines = [done.replace("%1", str(len(letters.files))).replace("%2", str(directory))]
        if letters.cancelled:
            lines.append(self.tr("已取消，其余答复函未写出。"))
        lines += letters.warnings
        lines += [f"{numbers}：{describe(reason)}" for numbers, reason in letters.failures]
        self._report(title, "\n".join(lines))

    def _start(self, job: SequentialJob | ReplyLetterJob) -> None:
        self.job = job
        job.finished.connect(lambda *_: self._update_buttons())
        self._update_buttons()
        job.start()

    def _report(self, title: str, text: str) -> None:
        self.last_report = text
        box = QMessageBox(
            QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok, self
        )
        box.setAccessibleName(title)
        self.report_box = box
        box.open()

    def _papers_button(self) -> QPushButton:
        """预览打印: the selected motion's 提案表/交办单/答复函, the 汇总表, the blank 提案表."""
        from views.documents.motion_papers import motion_papers_button

        def chosen() -> int | None:
            motion = self.selected()
            return motion.id if motion is not None else None

        self.papers_button = motion_papers_button(
            self, self.runner, self.ctx, chosen, term_papers=True
        )
        return self.papers_button

    def open_statistics(self) -> QWidget | None:
        """The statistics window; imported here so the list opens even without that module."""
        try:
            from views.motions.statistics_view import StatisticsWindow
        except ImportError as exc:
            self._report(self.tr("统计"), describe(exc))
            return None
        window = StatisticsWindow(self.runner, self.ctx, self)
        window.show()
        window.raise_()
        window.activateWindow()
        return window
