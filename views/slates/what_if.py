"""What-if state of a slate: who is toggled out, which reserves are toggled in; undoable steps."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from PySide6.QtGui import QUndoCommand

from models.domain.slate import SlateRecord


@dataclass
class WhatIf:
    """The stored slate stays as it is; this says which rows a clerk is trying out."""

    people: list[SlateRecord]
    reserves: list[SlateRecord]
    left_out: set[int] = field(default_factory=set)
    brought_in: set[int] = field(default_factory=set)

    def effective(self) -> list[SlateRecord]:
        """The slate as it would stand: at its real new total, never a pretended one."""
        return [p for p in self.people if p.row not in self.left_out] + [
            r for r in self.reserves if r.row in self.brought_in
        ]

    def is_counted(self, record: SlateRecord, *, reserve: bool) -> bool:
        return record.row in self.brought_in if reserve else record.row not in self.left_out

    def toggle(self, row: int, *, reserve: bool) -> None:
        chosen = self.brought_in if reserve else self.left_out
        chosen.symmetric_difference_update({row})

    def is_changed(self) -> bool:
        return bool(self.left_out or self.brought_in)


class ToggleCommand(QUndoCommand):
    """Toggling rows in or out; several toggles (a suggested swap) undo as one step."""

    def __init__(
        self,
        state: WhatIf,
        toggles: Iterable[tuple[int, bool]],
        text: str,
        changed: Callable[[], None],
    ) -> None:
        super().__init__(text)
        self._state = state
        self._toggles = tuple(toggles)
        self._changed = changed

    def redo(self) -> None:
        for row, reserve in self._toggles:
            self._state.toggle(row, reserve=reserve)
        self._changed()

    def undo(self) -> None:
        for row, reserve in reversed(self._toggles):
            self._state.toggle(row, reserve=reserve)
        self._changed()
