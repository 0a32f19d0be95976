"""What the signed-in role may not do, shown before the clerk clicks: a refused button or action is
disabled with the reason as its tooltip, and stays disabled whatever the window's own logic says.

The core refuses anyway (services/common/access.py); this only spares the clerk a refusal they
could not have foreseen. Disabled-with-reason is the default, because a clerk of that role looks
for the button and must learn why it does not work (and whom to ask). `conceal` hides a whole area
only where it makes no sense for the role at all.

Windows enable their buttons by selection and state in their own update method; `gate` installs a
guard so that a later `setEnabled(True)` there cannot bring a refused button back, and `Gate`
lets that same method ask `allowed(action)` when it decides what else to offer.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

if TYPE_CHECKING:
    from models.services.common.context import AppContext

# Dynamic properties on a gated widget or action: why it is refused (tests read it) and the
# tooltip it had before, given back when the same widget is gated for an allowed action.
REFUSAL_PROPERTY = "yishiRefusal"
_OWN_TIP_PROPERTY = "yishiOwnToolTip"
_OWN_STATUS_PROPERTY = "yishiOwnStatusTip"
_OWN_DESCRIPTION_PROPERTY = "yishiOwnDescription"

Gated = QAbstractButton | QAction


class _KeepDisabled(QObject):
    """Child of a widget or action: disables it again whenever anything enables it, and puts the
    reason back when the window's own logic sets another tooltip (one that explains a state)."""

    def __init__(self, target: QWidget | QAction, reason: str | None = None) -> None:
        super().__init__(target)
        self.target = target
        self.reason = reason
        if isinstance(target, QAction):
            target.changed.connect(self._recheck)
        else:
            target.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.EnabledChange, QEvent.Type.ToolTipChange):
            self._recheck()
        return False

    def _recheck(self) -> None:
        target = self.target
        if target.isEnabled():
            target.setEnabled(False)  # the nested change sees it disabled: no loop
        if self.reason is not None and target.toolTip() != self.reason:
            target.setToolTip(self.reason)
        reason = self.reason
        if isinstance(target, QAction) and reason is not None and target.statusTip() != reason:
            target.setStatusTip(reason)

    def release(self) -> None:
        if isinstance(self.target, QAction):
            self.target.changed.disconnect(self._recheck)
        else:
            self.target.removeEventFilter(self)
        self.setParent(None)
        self.deleteLater()


def _guard_of(target: QWidget | QAction) -> _KeepDisabled | None:
    return next((c for c in target.children() if isinstance(c, _KeepDisabled)), None)


def keep_disabled(target: QWidget | QAction, reason: str | None = None) -> None:
    """Disable for good: the window's own logic may call setEnabled(True) and nothing happens."""
    target.setEnabled(False)
    guard = _guard_of(target)
    if guard is None:
        _KeepDisabled(target, reason)
    elif reason is not None:
        guard.reason = reason


def gate(target: Gated, ctx: AppContext | None, action: str) -> bool:
    """Disable `target` with the reason in its tooltip (and status tip) when the account may not
    take `action`, and keep it so. An allowed target is left as it is, unless an earlier gate
    refused it (a button whose action follows the selection): then it gets its own tooltip back
    and is enabled for the window's update method to narrow again. True when allowed."""
    reason = ctx.refusal(action) if ctx is not None else None
    guard = _guard_of(target)
    if reason is None:
        if guard is not None and guard.reason is not None:  # refused by a role, not read-only
            guard.release()
            target.setProperty(REFUSAL_PROPERTY, "")
            target.setToolTip(str(target.property(_OWN_TIP_PROPERTY) or ""))
            if isinstance(target, QAction):
                target.setStatusTip(str(target.property(_OWN_STATUS_PROPERTY) or ""))
            else:
                own = target.property(_OWN_DESCRIPTION_PROPERTY)
                target.setAccessibleDescription(str(own or ""))
            target.setEnabled(True)
        return True
    if guard is None:  # what the target said before it was refused
        target.setProperty(_OWN_TIP_PROPERTY, target.toolTip())
        if isinstance(target, QAction):
            target.setProperty(_OWN_STATUS_PROPERTY, target.statusTip())
        else:
            target.setProperty(_OWN_DESCRIPTION_PROPERTY, target.accessibleDescription())
    target.setProperty(REFUSAL_PROPERTY, reason)
    target.setToolTip(reason)
    if isinstance(target, QAction):
        target.setStatusTip(reason)
    else:  # a screen reader reads the description, not the tooltip, when a button has one
        target.setAccessibleDescription(reason)
    keep_disabled(target, reason)
    return False


def refusal_of(target: Gated) -> str | None:
    """The reason a gated button or action is refused, or None."""
    value = target.property(REFUSAL_PROPERTY)
    return str(value) if value else None


def conceal(widget: QWidget, ctx: AppContext | None, action: str) -> bool:
    """Hide an area that makes no sense for a role that may not take `action`. True if allowed."""
    allowed = ctx is None or ctx.refusal(action) is None
    if not allowed:
        widget.setVisible(False)
    return allowed


def read_only(*roots: QWidget, spare: Iterable[QObject] = ()) -> None:
    """Fields a clerk may read but not change: text stays selectable and copyable, choices and
    ticks do not move, tables do not open an editor. Buttons are left to `gate`."""
    kept = set(spare)
    for root in roots:
        for widget in [root, *root.findChildren(QWidget)]:
            if widget in kept:
                continue
            if isinstance(widget, QLineEdit | QAbstractSpinBox | QTextEdit | QPlainTextEdit):
                widget.setReadOnly(True)
            elif isinstance(widget, QComboBox) or (
                isinstance(widget, QAbstractButton) and widget.isCheckable()
            ):
                keep_disabled(widget)
            elif isinstance(widget, QAbstractItemView):
                widget.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)


def gate_editor(
    root: QWidget, ctx: AppContext | None, action: str, *, spare: Iterable[QObject] = ()
) -> bool:
    """An editor whose every button changes one kind of record (the calendar, the handling
    units, the reply templates): all its buttons, shortcuts and actions but `spare` (关闭) are
    gated by `action`, and when refused its fields are read-only. True when allowed."""
    if ctx is None or ctx.refusal(action) is None:
        return True
    kept = set(spare)
    for button in root.findChildren(QAbstractButton):
        if button not in kept and not button.isCheckable():
            gate(button, ctx, action)
    for item in root.findChildren(QAction):
        if item not in kept:
            gate(item, ctx, action)
    for shortcut in root.findChildren(QShortcut):
        if shortcut not in kept:
            shortcut.setEnabled(False)
    read_only(root, spare=kept)
    return False


class Gate:
    """One window's role check, asked by the window's own update method."""

    def __init__(self, ctx: AppContext | None) -> None:
        self.ctx = ctx

    def refusal(self, action: str) -> str | None:
        return self.ctx.refusal(action) if self.ctx is not None else None

    def allowed(self, action: str) -> bool:
        return self.refusal(action) is None

    def __call__(self, target: Gated, action: str) -> bool:
        return gate(target, self.ctx, action)
