"""The start-up notice of overdue and due-soon motions: a status-bar button, never a modal box."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QPushButton, QWidget

if TYPE_CHECKING:  # the data layer is imported on the lane, after the first paint
    from models.services.motions.contracts import DueCounts


class DueNotice(QPushButton):
    """Flat status-bar button; hidden until there is something overdue or due soon."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFlat(True)
        self.setAccessibleName(self.tr("提案到期提醒"))
        self.setToolTip(self.tr("打开提案窗口，查看逾期和即将到期的提案"))
        self.counts: DueCounts | None = None
        self.hide()

    def show_counts(self, counts: DueCounts) -> None:
        self.counts = counts
        text = (
            self.tr("提案：逾期 %1 件，即将到期 %2 件")
            .replace("%1", str(counts.overdue))
            .replace("%2", str(counts.due_soon))
        )
        self.setText(text)
        self.setAccessibleDescription(text)
        self.setVisible(counts.overdue > 0 or counts.due_soon > 0)
