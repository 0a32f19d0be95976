"""导入在任名单: a term's sitting members from the office's own spreadsheet, previewed first."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from models.domain.vocabulary import Association, BodyKind, TermStatus
from models.services.people.contracts import TermRow
from models.services.rosters.contracts import SheetPreview
from models.services.slates.contracts import ImportOutcome
from views.background import Runner
from views.error_presenter import show_error
from views.ops import slates as slates_ops
from views.permissions import gate
from views.slates.import_dialog import PreviewPanel, enable_imports, import_buttons, outcome_text

if TYPE_CHECKING:
    from models.services.common.context import AppContext


class RosterImportDialog(QDialog):
    """Choose a file, see its preview (rows, problems, people and units to decide on), import."""

    def __init__(
        self,
        runner: Runner,
        ctx: AppContext,
        *,
        kind: BodyKind,
        association: Association | None,
        term: TermRow,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.runner, self.ctx = runner, ctx
        self.kind, self.association, self.term = kind, association, term
        self.outcome: ImportOutcome | None = None
        title = (
            self.tr("导入在任名单 — %1%2").replace("%1", term.name).replace("%2", term.body_name)
        )
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        since = (
            self.tr("自本届开始之日 %1 起").replace("%1", term.start_date.isoformat())
            if term.start_date
            else self.tr("（本届尚未填写开始日期，任职开始日期将空缺）")
        )
        intro = QLabel(
            self.tr(
                "名单中的人员将作为%1%2的在任成员（当选）%3。人员按身份证号与人员库匹配，"
                "不会重复登记。名单的格式见“保存模板”。"
            )
            .replace("%1", term.name)
            .replace("%2", term.body_name)
            .replace("%3", since)
        )
        if term.status is TermStatus.PAST:
            intro.setText(
                self.tr("%1%2已是往届，不能导入在任名单。")
                .replace("%1", term.name)
                .replace("%2", term.body_name)
            )
        intro.setWordWrap(True)
        self.file = QLineEdit()
        self.file.setAccessibleName(self.tr("名单文件"))
        self.file.setPlaceholderText(self.tr("Excel 名单文件（.xlsx 或 .xls）的路径"))
        file_label = QLabel(self.tr("名单文件(&F)："))
        file_label.setBuddy(self.file)
        self.browse = QPushButton(self.tr("选择文件(&B)…"))
        self.browse.setAccessibleName(self.tr("选择名单文件"))
        self.read_button = QPushButton(self.tr("预览(&V)"))
        self.read_button.setAccessibleName(self.tr("读取并预览名单"))
        self.template_button = QPushButton(self.tr("保存模板(&T)…"))
        self.template_button.setAccessibleName(self.tr("保存在任名单模板"))
        self.panel = PreviewPanel()
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setAccessibleName(self.tr("进度"))
        self.progress.setVisible(False)
        self.status = QLabel()
        self.status.setWordWrap(True)
        buttons = QDialogButtonBox()
        self.import_all, self.import_valid = import_buttons(self, buttons)
        self.close_button = buttons.addButton(
            self.tr("关闭"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.import_all.setAccessibleName(self.tr("全部导入"))
        self.import_valid.setAccessibleName(self.tr("只导入无误的行"))
        self.close_button.setAccessibleName(self.tr("关闭"))
        self.import_all.setEnabled(False)
        self.import_valid.setVisible(False)

        self.browse.clicked.connect(self.choose_file)
        self.read_button.clicked.connect(self.read_file)
        self.template_button.clicked.connect(self.save_template)
        self.file.returnPressed.connect(self.read_file)
        self.import_all.clicked.connect(lambda: self.start_import(valid_only=False))
        self.import_valid.clicked.connect(lambda: self.start_import(valid_only=True))
        self.close_button.clicked.connect(self.reject)
        self.panel.changed.connect(self._update_buttons)

        file_row = QHBoxLayout()
        for widget in (file_label, self.file, self.browse, self.read_button, self.template_button):
            file_row.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(file_row)
        layout.addWidget(self.panel, 1)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        for widget in (self.file, self.browse, self.read_button):
            widget.setEnabled(term.status is not TermStatus.PAST)
        # Previewing a file changes nothing: a clerk who may not import may still check one.
        gate(self.import_all, ctx, "rosters.import")
        gate(self.import_valid, ctx, "rosters.import")
        self.resize(820, 600)

    # --- reading ---------------------------------------------------------------------------------

    def choose_file(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(
            self, self.tr("选择在任名单文件"), "", self.tr("Excel 名单 (*.xlsx *.xls)")
        )
        if chosen:
            self.file.setText(chosen)
            self.read_file()

    def read_file(self) -> None:
        text = self.file.text().strip()
        if not text:
            self.file.setFocus()
            return
        path = Path(text).expanduser()
        self.outcome = None
        self.panel.clear()
        self._busy(self.tr("正在读取名单…"))
        self.runner.submit(
            lambda: slates_ops.preview_roster(
                self.ctx,
                path=path,
                kind=self.kind,
                association=self.association,
                term_id=self.term.id,
            ),
            on_done=lambda preview: self._previewed(preview, path),
            on_error=self._failed,
        )

    def _previewed(self, preview: SheetPreview, path: Path) -> None:
        self._idle("")
        self.panel.show_preview(preview, path)
        if self.import_all.isEnabled():
            self.import_all.setDefault(True)

    def save_template(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(
            self, self.tr("保存在任名单模板"), self.tr("在任名单模板.xlsx"), "Excel (*.xlsx)"
        )
        if chosen:
            self.write_template(Path(chosen))

    def write_template(self, path: Path) -> None:
        if path.suffix.lower() != ".xlsx":
            path = path.with_name(path.name + ".xlsx")
        self.runner.submit(
            lambda: slates_ops.write_roster_template(self.ctx, path=path),
            on_done=lambda written: self.status.setText(
                self.tr("已保存模板：%1").replace("%1", str(written))
            ),
            on_error=self._failed,
        )

    # --- importing -------------------------------------------------------------------------------

    def start_import(self, *, valid_only: bool) -> None:
        path = self.panel.path
        if path is None:
            return
        choices = self.panel.choices(valid_only=valid_only)
        self._busy(self.tr("正在导入名单…"))
        self.runner.submit_command(
            lambda: slates_ops.import_roster(
                self.ctx,
                path=path,
                kind=self.kind,
                association=self.association,
                term=self.term.term,
                choices=choices,
            ),
            on_done=self._imported,
            on_error=self._failed,
        )

    def _imported(self, outcome: ImportOutcome) -> None:
        self.outcome = outcome
        if outcome.imported:
            self._idle(outcome_text(self, outcome))
            self.import_all.setEnabled(False)
            self.import_valid.setVisible(False)
            self.close_button.setDefault(True)
            self.close_button.setFocus()
        else:
            # Rows turned bad between the preview and the import (the file or the units changed).
            self._idle(self.tr("名单中有错误，未导入任何数据。请重新预览。"))

    # --- state -----------------------------------------------------------------------------------

    def _busy(self, text: str) -> None:
        self.progress.setVisible(True)
        self.status.setText(text)
        for widget in (self.import_all, self.import_valid, self.read_button, self.browse):
            widget.setEnabled(False)

    def _idle(self, text: str) -> None:
        self.progress.setVisible(False)
        self.status.setText(text)
        self.read_button.setEnabled(True)
        self.browse.setEnabled(True)
        self.import_valid.setEnabled(True)
        self._update_buttons()

    def _failed(self, error: BaseException) -> None:
        self._idle("")
        show_error(self, error)

    def _update_buttons(self) -> None:
        if self.outcome is not None and self.outcome.imported:
            return
        enable_imports(self.panel, self.import_all, self.import_valid)
