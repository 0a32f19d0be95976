"""设置 → 自动备份…: the folder (a USB stick, a network share), when (off, on exit, daily) and how
many backups to keep. SQLite only: a PostgreSQL database is backed up with the server's tools."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QComboBox, QFileDialog, QLineEdit, QPushButton, QSpinBox, QWidget

from views.background import Runner
from views.error_presenter import describe
from views.form_dialog import FormDialog
from views.ops import backup as ops
from views.permissions import gate

if TYPE_CHECKING:
    from models.services.common.auto_backup import AutoBackup
    from models.services.common.context import AppContext

# The schedules as the clerk reads them, in the order offered.
SCHEDULES = (
    ("off", "不自动备份"),
    ("exit", "每次退出程序时"),
    ("daily", "每天一次（当天第一次打开程序时）"),
)


class AutoBackupDialog(FormDialog):
    def __init__(self, runner: Runner, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(runner, self.tr("自动备份"), parent)
        self.ctx = ctx
        self.saved: AutoBackup | None = None
        # A folder on a share is shown by its whole path.
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("身" * 40))
        self.folder = self.add_field(
            "folder",
            self.tr("备份文件夹(&F)："),
            QLineEdit(),
            self.tr(
                "备份写入的文件夹，如 U 盘或网络共享文件夹；每份备份名为 yishi-日期-时间.sqlite3"
            ),
        )
        self.folder.setPlaceholderText(self.tr("如 E:\\议事备份"))
        self.browse = QPushButton(self.tr("选择文件夹(&B)…"))
        self.browse.setAccessibleName(self.tr("选择备份文件夹"))
        self.browse.setAutoDefault(False)
        self.browse.clicked.connect(self.choose_folder)
        self.form.addRow("", self.browse)
        self.schedule = self.add_field(
            "schedule",
            self.tr("自动备份(&S)："),
            QComboBox(),
            self.tr("何时自动备份：不自动、每次退出程序时，或每天一次"),
        )
        for code, text in SCHEDULES:
            self.schedule.addItem(self.tr(text), code)
        self.keep = self.add_field(
            "keep",
            self.tr("保留份数(&K)："),
            QSpinBox(),
            self.tr("文件夹中只保留最近的几份自动备份，更早的自动删除"),
        )
        self.keep.setRange(1, 1000)
        self.keep.setValue(10)
        self.keep.setSuffix(self.tr(" 份"))
        self.setTabOrder(self.folder, self.browse)
        self.setTabOrder(self.browse, self.schedule)
        self.setTabOrder(self.schedule, self.keep)
        self.setTabOrder(self.keep, self.ok_button())
        if not self.gate_save(ctx, "settings.edit"):
            gate(self.browse, ctx, "settings.edit")

        if not ops.is_sqlite(ctx):
            for widget in (self.folder, self.browse, self.schedule, self.keep, self.ok_button()):
                widget.setEnabled(False)
            self.show_problem(
                None,
                self.tr("共享 PostgreSQL 数据库由服务器备份（如 pg_dump），本程序不做自动备份。"),
                is_error=False,
            )
            return
        self.message.setText(self.tr("正在读取…"))
        runner.submit(
            lambda: ops.setting(ctx),
            on_done=self.fill,
            on_error=lambda error: self.show_problem(None, describe(error)),
        )

    def fill(self, setting: AutoBackup) -> None:
        self.folder.setText(setting.folder or "")
        self.schedule.setCurrentIndex(max(0, self.schedule.findData(setting.schedule)))
        self.keep.setValue(setting.keep)
        self.clear_problem()

    def choose_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(
            self, self.tr("选择备份文件夹"), self.folder.text()
        )
        if chosen:
            self.folder.setText(chosen)

    def submit(self) -> None:
        ctx = self.ctx
        folder, schedule, keep = (
            self.folder.text().strip(),
            str(self.schedule.currentData()),
            self.keep.value(),
        )
        self.run_command(
            lambda: ops.set_setting(ctx, folder=folder, schedule=schedule, keep=keep),
            self._saved,
        )

    def _saved(self, setting: AutoBackup) -> None:
        self.saved = setting
        self.accept()
