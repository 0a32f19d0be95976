"""The parts every list dialog shares (届次管理, 选举单位与名额, 承办单位): the buttons beside the
list (新增, 改名, 上移 …), their column, and the message line under it."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget


def side_button(text: str, tip: str, slot: Callable[[], object]) -> QPushButton:
    """Named for screen readers by its text without the mnemonic or the ellipsis; never the
    default button, so Enter in the list's editor saves the cell and presses nothing else."""
    widget = QPushButton(text)
    widget.setToolTip(tip)
    widget.setAccessibleName(text.replace("(&", "(").split("(")[0].rstrip("…"))
    widget.setAccessibleDescription(tip)
    widget.setAutoDefault(False)
    widget.clicked.connect(lambda: slot())
    return widget


def side_column(buttons: Sequence[QWidget], close: QWidget) -> QVBoxLayout:
    """The buttons from the top, the close button at the bottom."""
    column = QVBoxLayout()
    for button in buttons:
        column.addWidget(button)
    column.addStretch(1)
    column.addWidget(close)
    return column


def message_line(name: str) -> QLabel:
    """What the last action did or why it was refused; wraps, and can be selected to copy."""
    label = QLabel()
    label.setWordWrap(True)
    label.setAccessibleName(name)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label
