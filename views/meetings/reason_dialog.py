"""Asks why final minutes are being changed; without a reason there is no amendment."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from views.form_dialog import FormDialog


class ReasonDialog(FormDialog):
    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(None, self.tr("修正纪要"), parent)  # type: ignore[arg-type]
        self.add_field(
            "meeting",
            self.tr("会议："),
            QLabel(title),
        )
        self.reason = QLineEdit()
        self.add_field(
            "reason",
            self.tr("修正原因(&R)："),
            self.reason,
            self.tr("必填：原内容和修正后的内容都会保留，重新打印纪要时一并注明"),
        )
        self.reason.setPlaceholderText(self.tr("如：经会议主持人核对，原纪要漏记……"))
        hint = QLabel(
            self.tr("纪要已定稿。填写原因后可修改会议信息、议题、出席情况和纪要，保存时记为修正。")
        )
        hint.setWordWrap(True)
        self.form.insertRow(0, hint)
        self.ok_button().setText(self.tr("开始修正"))

    def text(self) -> str:
        return self.reason.text().strip()

    def submit(self) -> None:
        if not self.text():
            self.show_problem("reason", self.tr("修正已定稿的纪要，须填写修正原因。"))
            self.reason.setFocus()
            return
        self.accept()
