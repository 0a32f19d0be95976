"""Qt values the main window's frame needs before its first paint, written as numbers.

PySide6 builds the whole `Qt` namespace — 94 Python enums, ~1,200 members, ~13 ms of CPU — the
first time anything touches `PySide6.QtCore.Qt` or receives a value of one of its enums. The
window paints its frame before that (desktop/gui.py starts it in two steps), so the frame passes
these numbers instead: as the int a Qt API takes (an item's data role), or through Qt's property
system, which turns an int into the property's enum. tests/test_views/test_qt_values.py checks
each against Qt's own enum.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtGui import QAction, QKeySequence

USER_ROLE = 256  # Qt.ItemDataRole.UserRole
TOOL_BUTTON_TEXT_ONLY = 1  # Qt.ToolButtonStyle.ToolButtonTextOnly, for the property toolButtonStyle


def set_shortcut(action: QAction, shortcut: QKeySequence) -> None:
    """`action.setShortcut(shortcut)`, done as Qt does it (`setShortcuts` with that one sequence):
    PySide's choice among setShortcut's overloads builds the `Qt` namespace."""
    action.setShortcuts([] if shortcut.isEmpty() else [shortcut])
