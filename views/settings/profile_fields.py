"""The profile's fields as both settings dialogs show them, and the rules in force in words."""

from __future__ import annotations

from pathlib import PurePath

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLineEdit

from models.services.federation.contracts import (
    PROFILE_FIELDS,
    REQUIRED_FIELDS,
    SHIPPED_ORIGIN,
    Profile,
    ProfileDraft,
    RulesFile,
    RulesInForce,
)
from views.form_dialog import FormDialog

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
