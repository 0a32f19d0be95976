"""What both settings dialogs share: the profile's fields, checking a chosen rules file, and the
rules in words."""

from __future__ import annotations

from pathlib import Path, PurePath
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QLineEdit, QWidget

from models.domain.messages import message
from models.services.federation.contracts import (
    PROFILE_FIELDS,
    REQUIRED_FIELDS,
    SHIPPED_ORIGIN,
    Profile,
    ProfileDraft,
    RulesFile,
    RulesInForce,
)
from views.background import Runner
from views.form_dialog import FormDialog
from views.ops import federation as ops

if TYPE_CHECKING:
    from models.services.common.context import AppContext

# Label with its mnemonic, and what a screen reader says beside it.
_LABELS = {
    "full_name": ("本会全称(&N)：", "如 门头沟区残疾人联合会；印在各类文书上"),
    "short_name": ("简称(&S)：", "发文字号用的简称，如 门残联"),
    "district": ("所在区(&D)：", "如 门头沟区"),
    "address": ("通信地址(&A)：", "印在交办单等文书上，可留空"),
    "postcode": ("邮政编码(&P)：", "6 位数字，可留空"),
    "telephone": ("联系电话(&T)：", "可留空"),
}
_PLACEHOLDERS = {
    "full_name": "门头沟区残疾人联合会",
    "short_name": "门残联",
    "district": "门头沟区",
}


def tr(text: str) -> str:
    return QCoreApplication.translate("ProfileFields", text)


class ProfileFields:
    """Adds the six fields to a form; required ones are checked as the clerk types."""

    def __init__(self, form: FormDialog) -> None:
        self.form = form
        self.edits: dict[str, QLineEdit] = {}
        for name, _label, limit in PROFILE_FIELDS:
            label, description = _LABELS[name]
            edit = QLineEdit()
            edit.setMaxLength(limit)
            if name in _PLACEHOLDERS:
                edit.setPlaceholderText(tr("如 %1").replace("%1", _PLACEHOLDERS[name]))
            self.edits[name] = form.add_field(name, tr(label), edit, tr(description))

    def fill(self, profile: Profile) -> None:
        for name, value in profile.draft().__dict__.items():
            self.edits[name].setText(value)

    def draft(self) -> ProfileDraft:
        return ProfileDraft(**{name: edit.text() for name, edit in self.edits.items()})

    def missing(self) -> str | None:
        """The first required field left blank, or None."""
        for name in REQUIRED_FIELDS:
            if not self.edits[name].text().strip():
                return name
        return None


def rules_text(rules: RulesInForce | RulesFile | None, *, whole_path: bool = True) -> str:
    """mentougou-2019《门头沟区残疾人联合会改革方案》（程序自带）; a district's file by its path
    (or, where room is short, its name)."""
    if rules is None:
        return tr("（尚未记录，检查名单时使用程序自带的规则）")
    if rules.origin == SHIPPED_ORIGIN:
        origin = tr("程序自带")
    else:
        path = rules.origin if whole_path else PurePath(rules.origin).name
        origin = tr("文件 %1").replace("%1", path)
    return f"{rules.rules_id}《{rules.title}》（{origin}）"


class ProfileForm(FormDialog):
    """A form with the profile's fields that can check a rules file chosen from disk."""

    def __init__(
        self, runner: Runner, ctx: AppContext, title: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(runner, title, parent)
        self.ctx = ctx

    def add_profile_fields(self) -> ProfileFields:
        self.profile_fields = ProfileFields(self)
        for edit in self.profile_fields.edits.values():
            edit.textChanged.connect(self.validate)
        self.ok_button().setEnabled(False)
        self.ok_button().setDefault(True)
        return self.profile_fields

    def validate(self, *, quiet_when_blank: bool = False) -> bool:
        """Both names are required; before anything is typed that may be a hint, not an error."""
        missing = self.profile_fields.missing()
        if missing is not None:
            typed = any(e.text() for e in self.profile_fields.edits.values())
            label = "本会全称" if missing == "full_name" else "简称"
            text = message("missing_required", {"label": label})
            self.show_problem(missing, text, is_error=typed or not quiet_when_blank)
            self.ok_button().setEnabled(False)
            return False
        self.clear_problem()
        self.ok_button().setEnabled(True)
        return True

    def choose_rules(self, path: Path | None = None) -> None:
        """Pick a .toml file (unless given) and check it on the lane; an error names the key."""
        if path is None:
            chosen, _ = QFileDialog.getOpenFileName(
                self, tr("选择规则文件"), "", tr("规则文件 (*.toml)")
            )
            if not chosen:
                return
            path = Path(chosen)
        ctx, text = self.ctx, str(path)
        self.message.setText(tr("正在检查规则文件…"))
        self.runner.submit(
            lambda: ops.rules_file(ctx, path=text),
            on_done=self.rules_read,
            on_error=self.rules_refused,
        )

    def rules_read(self, rules: RulesFile) -> None:  # pragma: no cover - each dialog's own
        raise NotImplementedError

    def rules_refused(self, error: BaseException) -> None:  # pragma: no cover
        raise NotImplementedError
