"""Driving 届次管理 as a clerk does: open it on a body, Alt+letter its actions, wait for a save."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QWidget

from models.domain.vocabulary import BodyKind
from views.terms.terms_dialog import TermsDialog

from .helpers import WindowHarness


def open_dialog(h: WindowHarness, kind: BodyKind, name: str) -> TermsDialog:
    dialog = TermsDialog(
        h.window.runner, h.ctx, kind=kind, association=None, body_name=name, parent=h.window
    )
    h.qtbot.addWidget(dialog)
    dialog.show()
    h.qtbot.waitUntil(lambda: dialog.loaded)
    activate(h, dialog)
    return dialog


def activate(h: WindowHarness, widget: QWidget) -> None:
    """Mnemonics reach only the active window."""
    widget.activateWindow()
    h.qtbot.waitUntil(widget.isActiveWindow)


def press(h: WindowHarness, dialog: TermsDialog, key: Qt.Key) -> QDialog:
    """Alt+key in the dialog; the sub-dialog it opened."""
    activate(h, dialog)
    dialog.table.setFocus()
    h.qtbot.keyClick(dialog.table, key, Qt.KeyboardModifier.AltModifier)
    h.qtbot.waitUntil(lambda: dialog.form is not None and dialog.form.isVisible())
    assert dialog.form is not None
    activate(h, dialog.form)
    return dialog.form


def saved(h: WindowHarness, dialog: TermsDialog) -> None:
    h.qtbot.waitUntil(lambda: dialog.form is None)
    h.idle()
    h.qtbot.waitUntil(lambda: dialog.loaded)


def column(dialog: TermsDialog, header: str) -> list[str]:
    model = dialog.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    return [model.index(r, headers.index(header)).data() for r in range(model.rowCount())]
