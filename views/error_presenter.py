"""Turning any error from the core into a Chinese sentence and a dialog the clerk can act on."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from models.domain.errors import DomainError
from models.domain.messages import message


def describe(error: BaseException) -> str:
    if isinstance(error, DomainError):
        return message(error.code, error.params)
    first_line = (str(error).splitlines() or [type(error).__name__])[0]
    return f"发生意外错误，操作未完成：{first_line}"


def show_error(parent: QWidget | None, error: BaseException, title: str = "无法完成操作") -> None:
    box = QMessageBox(
        QMessageBox.Icon.Warning, title, describe(error), QMessageBox.StandardButton.Ok, parent
    )
    box.setAccessibleName(title)
    box.exec()
