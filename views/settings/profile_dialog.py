"""设置 → 本会信息: edit the federation's profile; see the rules in force and replace them.

更换规则文件… checks the chosen file on the lane (ProfileForm.choose_rules), asks, then replaces.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from models.services.federation.contracts import Profile, RulesFile, RulesInForce
from views.background import Runner
from views.error_presenter import describe
from views.ops import federation as ops
from views.permissions import gate
from views.settings.profile_fields import ProfileForm, rules_text

if TYPE_CHECKING:
    from models.services.common.context import AppContext


def _value_label(name: str) -> QLabel:
    """Read-only text a clerk can select and copy; the keyboard reaches it too."""
    label = QLabel()
    label.setWordWrap(True)
    label.setTextInteractionFlags(
        Qt.TextInteractionFlag.TextSelectableByMouse
        | Qt.TextInteractionFlag.TextSelectableByKeyboard
    )
    label.setAccessibleName(name)
    return label


class ProfileDialog(ProfileForm):
    def __init__(self, runner: Runner, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(runner, ctx, self.tr("本会信息"), parent)
        # A district's rules file is shown by its whole path.
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("身" * 40))
        self.saved: Profile | None = None
        self.rules: RulesInForce | None = None
        self.add_profile_fields()

        box = QGroupBox(self.tr("现行规则文件（只读）"))
        box.setAccessibleName(self.tr("现行规则文件"))
        rows = QFormLayout(box)
        self.rules_id = _value_label(self.tr("规则编号"))
        self.rules_title = _value_label(self.tr("方案名称"))
        self.rules_source = _value_label(self.tr("依据"))
        self.rules_origin = _value_label(self.tr("来源"))
        self.rules_recorded = _value_label(self.tr("记录"))
        for text, label in (
            (self.tr("编号："), self.rules_id),
            (self.tr("方案名称："), self.rules_title),
            (self.tr("依据："), self.rules_source),
            (self.tr("来源："), self.rules_origin),
            (self.tr("记录："), self.rules_recorded),
        ):
            rows.addRow(text, label)
        self.replace_button = QPushButton(self.tr("更换规则文件(&R)…"))
        self.replace_button.setAccessibleName(self.tr("更换规则文件"))
        self.replace_button.setAccessibleDescription(
            self.tr("选择一个新的规则文件（.toml），检查无误并确认后替换现行规则，更换记入操作日志")
        )
        self.replace_button.clicked.connect(lambda: self.choose_rules())
        self.replace_button.setAutoDefault(False)  # Enter in a field saves the profile
        rows.addRow(self.replace_button)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(1, box)  # after the profile's fields, before the message
        # Any clerk may read who the federation is and which rules are in force; changing either
        # is the administrator's (the fields turn read-only, the buttons say why).
        self.gate_save(ctx, "federation.set_up")
        gate(self.replace_button, ctx, "federation.rules")

        self.message.setText(self.tr("正在读取…"))
        runner.submit(
            lambda: (ops.profile(ctx), ops.rules_in_force(ctx)),
            on_done=self._loaded,
            on_error=lambda error: self.show_problem(None, describe(error)),
        )

    def _loaded(self, found: tuple[Profile | None, RulesInForce | None]) -> None:
        profile, rules = found
        if profile is not None:
            self.profile_fields.fill(profile)
        self.show_rules(rules)
        self.validate()

    def show_rules(self, rules: RulesInForce | None) -> None:
        self.rules = rules
        if rules is None:
            self.rules_id.setText(rules_text(None))
            for label in (self.rules_title, self.rules_source, self.rules_origin):
                label.setText("—")
            self.rules_recorded.setText("—")
            return
        self.rules_id.setText(rules.rules_id)
        self.rules_title.setText(rules.title or (rules.problem or "—"))
        self.rules_source.setText(rules.source or "—")
        self.rules_origin.setText(
            self.tr("程序自带")
            if rules.is_shipped
            else self.tr("文件 %1").replace("%1", rules.origin)
        )
        when = (
            rules.recorded_at.astimezone().strftime("%Y-%m-%d %H:%M") if rules.recorded_at else ""
        )
        self.rules_recorded.setText(f"{rules.recorded_by}　{when}".strip())
        self.adjustSize()

    def submit(self) -> None:
        if not self.validate():
            return
        draft, ctx = self.profile_fields.draft(), self.ctx
        self.run_command(lambda: ops.save_profile(ctx, draft=draft), self._saved)

    def _saved(self, profile: Profile) -> None:
        self.saved = profile
        self.accept()

    # --- replacing the rules ------------------------------------------------------------------

    def rules_refused(self, error: BaseException) -> None:
        self.show_problem(None, describe(error))
        self.replace_button.setFocus()

    def rules_read(self, rules: RulesFile) -> None:
        self.clear_problem()
        if not self.confirm_replace(rules):
            return
        ctx = self.ctx
        self.runner.submit_command(
            lambda: ops.replace_rules(ctx, rules=rules),
            on_done=self._replaced,
            on_error=self.rules_refused,
            initiator=self,
        )

    def confirm_replace(self, rules: RulesFile) -> bool:
        current = rules_text(self.rules)
        answer = QMessageBox.question(
            self,
            self.tr("更换规则文件"),
            self.tr(
                "把现行规则文件\n%1\n更换为\n%2\n吗？\n\n此后本数据库的名单检查都按新规则进行；"
                "更换会记入操作日志。"
            )
            .replace("%1", current)
            .replace("%2", rules_text(rules)),
        )
        return answer == QMessageBox.StandardButton.Yes

    def _replaced(self, rules: RulesInForce) -> None:
        self.show_rules(rules)
        self.message.setText(
            self.tr("已更换规则文件，现行规则为 %1。").replace("%1", rules.rules_id)
        )
