"""At start: an encrypted database asks for its passphrase, or the printed recovery key."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

# Called with what the clerk typed: None when it opened the database, else the message to show.
Verify = Callable[[str], str | None]


class DatabasePasswordDialog(QDialog):
    """打开 (Enter) tries the passphrase and stays open with the reason when it is wrong;
    退出 (Esc) closes the program. 改用恢复密钥 shows what is typed, for a key read off paper."""

    def __init__(self, path: str, verify: Verify, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.verify = verify
        self.setWindowTitle(self.tr("打开加密的数据库"))
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("身" * 32))
        intro = QLabel(
            self.tr(
                "数据库 %1 已加密。请输入密码；忘记密码时，可改用加密时打印的恢复密钥。"
            ).replace("%1", path)
        )
        intro.setWordWrap(True)
        intro.setAccessibleName(self.tr("说明"))

        self.secret = QLineEdit()
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret.setAccessibleName(self.tr("数据库密码"))
        self.secret.textChanged.connect(self._typed)
        self.secret_label = QLabel(self.tr("密码(&P)："))
        self.secret_label.setBuddy(self.secret)
        # Wide enough for either name, so switching to the recovery key does not clip it.
        self.secret_label.setMinimumWidth(
            self.secret_label.fontMetrics().horizontalAdvance(self.tr("恢复密钥(K)：")) + 8
        )
        self.use_recovery = QCheckBox(self.tr("改用恢复密钥(&R)"))
        self.use_recovery.setAccessibleName(self.tr("改用恢复密钥"))
        self.use_recovery.setAccessibleDescription(
            self.tr("恢复密钥是六组、每组五个字母或数字，大小写和空格均可")
        )
        self.use_recovery.toggled.connect(self._recovery_toggled)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setAccessibleName(self.tr("错误"))
        self.problem.setStyleSheet("color: #b00020;")
        self.problem.setVisible(False)

        form = QFormLayout()
        form.addRow(self.secret_label, self.secret)
        form.addRow("", self.use_recovery)

        self.buttons = QDialogButtonBox()
        self.open_button = self.buttons.addButton(
            self.tr("打开(&O)"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.open_button.setAccessibleName(self.tr("打开数据库"))
        self.open_button.setDefault(True)
        self.open_button.setEnabled(False)
        self.quit_button = self.buttons.addButton(
            self.tr("退出(&Q)"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.quit_button.setAccessibleName(self.tr("退出程序"))
        self.quit_button.setAutoDefault(False)
        self.buttons.accepted.connect(self.try_open)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.setTabOrder(self.secret, self.use_recovery)
        self.setTabOrder(self.use_recovery, self.open_button)
        self.setTabOrder(self.open_button, self.quit_button)
        self.secret.setFocus()

    def _typed(self, text: str) -> None:
        self.open_button.setEnabled(bool(text.strip()))

    def _recovery_toggled(self, on: bool) -> None:
        if on:
            self.secret_label.setText(self.tr("恢复密钥(&K)："))
            self.secret.setAccessibleName(self.tr("恢复密钥"))
            self.secret.setEchoMode(QLineEdit.EchoMode.Normal)
            self.secret.setPlaceholderText("XXXXX-XXXXX-XXXXX-XXXXX-XXXXX-XXXXX")
        else:
            self.secret_label.setText(self.tr("密码(&P)："))
            self.secret.setAccessibleName(self.tr("数据库密码"))
            self.secret.setEchoMode(QLineEdit.EchoMode.Password)
            self.secret.setPlaceholderText("")
        self.secret.setFocus()

    def try_open(self) -> None:
        text = self.secret.text()
        if not text.strip():
            return
        problem = self.verify(text)
        if problem is None:
            self.accept()
            return
        self.problem.setText(problem)
        self.problem.setVisible(True)
        self.secret.selectAll()
        self.secret.setFocus()
