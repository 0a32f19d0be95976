"""First run: a database without a profile asks for it and for the rules file, or builds the demo
for a clerk who only wants to look."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from models.services.federation.contracts import FirstRun, RulesFile
from views.background import Runner
from views.error_presenter import describe
from views.ops import federation as ops
from views.permissions import gate
from views.settings.profile_fields import ProfileForm, rules_text

if TYPE_CHECKING:
    from models.services.common.context import AppContext


class FirstRunDialog(ProfileForm):
    """保存 writes the profile (and the chosen rules file) in one step; 生成演示数据 builds the
    demo on the lane instead; 稍后再说 (Esc) closes, and the dialog comes back next time."""

    demo_built = Signal()

    def __init__(self, runner: Runner, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(runner, ctx, self.tr("首次使用：填写本会信息"), parent)
        # Room for a rules file's id, title and origin on one line.
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("身" * 50))
        self.chosen: RulesFile | None = None  # a district's own file; None keeps the one in force
        self.facts: FirstRun | None = None
        intro = QLabel(
            self.tr(
                "这是一个新的数据库。请填写本会信息（印在文书上，简称用于发文字号），\n"
                "并确认检查名单所依据的规则文件。只想先看看？可以生成演示数据。"
            )
        )
        intro.setWordWrap(True)
        intro.setAccessibleName(self.tr("说明"))
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(0, intro)
        self.add_profile_fields()

        self.rules_label = QLabel(self.tr("正在读取…"))
        self.rules_label.setAccessibleName(self.tr("规则文件"))
        self.choose_button = QPushButton(self.tr("选择文件(&F)…"))
        self.choose_button.setAccessibleName(self.tr("选择规则文件"))
        self.choose_button.setAccessibleDescription(
            self.tr("改用本区自己的规则文件（.toml）；文件有误时会指出出错的项")
        )
        self.choose_button.clicked.connect(lambda: self.choose_rules())
        self.choose_button.setAutoDefault(False)  # Enter in a field saves, it opens no file
        self.default_button = QPushButton(self.tr("用程序自带的(&U)"))
        self.default_button.setAccessibleName(self.tr("使用程序自带的规则文件"))
        self.default_button.clicked.connect(self.use_default_rules)
        self.default_button.setVisible(False)
        self.default_button.setAutoDefault(False)
        row = QHBoxLayout()
        row.addWidget(self.rules_label, 1)
        row.addWidget(self.choose_button)
        row.addWidget(self.default_button)
        self.form.addRow(self.tr("规则文件："), row)
        self.fields["rules"] = self.choose_button

        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # busy: the demo reports no steps
        self.progress.setAccessibleName(self.tr("正在生成演示数据"))
        self.progress.setVisible(False)
        layout.insertWidget(layout.count() - 1, self.progress)

        self.ok_button().setText(self.tr("保存并开始"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("稍后再说"))
        self.demo_button = self.buttons.addButton(
            self.tr("生成演示数据(&Y)"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.demo_button.setAccessibleName(self.tr("生成演示数据"))
        self.demo_button.setAccessibleDescription(
            self.tr("不填写本会信息，先用一个虚构的区残联看看程序能做什么")
        )
        self.demo_button.setAutoDefault(False)
        self.demo_button.setEnabled(False)
        self.demo_button.clicked.connect(self.build_demo)
        # Setting up the federation and building the demo are the administrator's.
        self.gate_save(ctx, "federation.set_up")
        gate(self.demo_button, ctx, "demo.generate")

        runner.submit(
            lambda: ops.first_run(ctx),
            on_done=self._loaded,
            on_error=lambda error: self.show_problem(None, describe(error)),
        )
        self.profile_fields.edits["full_name"].setFocus()

    def _loaded(self, facts: FirstRun) -> None:
        self.facts = facts
        self.rules_label.setText(rules_text(facts.rules))
        self.adjustSize()
        self.demo_button.setEnabled(facts.may_build_demo)
        if not facts.may_build_demo:
            self.demo_button.setToolTip(self.tr("数据库中已有其他数据，不能生成演示数据"))
        self.validate()

    def validate(self, *, quiet_when_blank: bool = True) -> bool:
        return super().validate(quiet_when_blank=quiet_when_blank)

    # --- the rules file -----------------------------------------------------------------------

    def rules_read(self, rules: RulesFile) -> None:
        self.chosen = rules
        # The file's name fits beside the buttons; its whole path is a hover away.
        self.rules_label.setText(rules_text(rules, whole_path=False))
        self.rules_label.setToolTip(rules.origin)
        self.adjustSize()
        self.default_button.setVisible(True)
        self.validate()

    def rules_refused(self, error: BaseException) -> None:
        self.show_problem("rules", describe(error))
        self.choose_button.setFocus()

    def use_default_rules(self) -> None:
        self.chosen = None
        self.rules_label.setText(rules_text(self.facts.rules if self.facts else None))
        self.rules_label.setToolTip("")
        self.default_button.setVisible(False)
        self.choose_button.setFocus()

    # --- saving, or the demo instead ----------------------------------------------------------

    def submit(self) -> None:
        if not self.validate():
            return
        draft, rules, ctx = self.profile_fields.draft(), self.chosen, self.ctx
        self.run_command(lambda: ops.set_up(ctx, draft=draft, rules=rules), self._saved)

    def _saved(self, _none: None) -> None:
        self.accept()

    def build_demo(self) -> None:
        self._set_busy(True)
        ctx = self.ctx
        self.runner.submit_command(
            lambda: ops.build_demo(ctx),
            on_done=self._demo_done,
            on_error=self._demo_failed,
            initiator=self,
        )

    def _set_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.message.setText(self.tr("正在生成演示数据，约需一分钟，请稍候…") if busy else "")
        for widget in (*self.profile_fields.edits.values(), self.choose_button, self.buttons):
            widget.setEnabled(not busy)

    def _demo_done(self, _summary: object) -> None:
        self._set_busy(False)
        self.demo_built.emit()
        self.accept()

    def _demo_failed(self, error: BaseException) -> None:
        self._set_busy(False)
        self.validate()
        self.show_problem(None, describe(error))

    def reject(self) -> None:
        if self.progress.isVisible():
            return  # the demo is being written: closing now would hide its outcome
        super().reject()
