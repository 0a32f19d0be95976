"""The buttons beside a list in the dialogs that keep one (新增, 改名, 上移 …)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QPushButton


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
