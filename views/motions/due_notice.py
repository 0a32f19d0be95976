"""The start-up notices of overdue and due-soon motions, and of 三重一大 follow-ups past or near
their due date: status-bar buttons, never a modal box."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QPushButton, QWidget

if TYPE_CHECKING:  # the data layer is imported on the lane, after the first paint
    from models.services.decisions.queries import FollowUpDue
    from models.services.motions.contracts import DueCounts


class _CountNotice(QPushButton):
    """Flat status-bar button; hidden until there is something overdue or due soon."""

    def __init__(self, name: str, tip: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFlat(True)
        self.setAccessibleName(name)
        self.setToolTip(tip)
        self.hide()

    def _show_text(self, template: str, overdue: int, due_soon: int) -> None:
        text = template.replace("%1", str(overdue)).replace("%2", str(due_soon))
        self.setText(text)
        self.setAccessibleDescription(text)
        self.setVisible(overdue > 0 or due_soon > 0)


class DueNotice(_CountNotice):
    """Overdue and due-soon motions; a click opens the motions window."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("提案到期提醒"), self.tr("打开提案窗口，查看逾期和即将到期的提案"), parent
        )
        self.counts: DueCounts | None = None

    def show_counts(self, counts: DueCounts) -> None:
        self.counts = counts
        self._show_text(
            self.tr("提案：逾期 %1 件，即将到期 %2 件"), counts.overdue, counts.due_soon
        )


class FollowUpNotice(_CountNotice):
    """Open follow-ups of 三重一大 decisions past or near their due date; a click opens the
    register filtered to 逾期跟进."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("三重一大跟进到期提醒"),
            self.tr("打开三重一大事项台账，查看跟进事项逾期的决策"),
            parent,
        )
        self.counts: FollowUpDue | None = None

    def show_counts(self, counts: FollowUpDue) -> None:
        self.counts = counts
        self._show_text(
            self.tr("三重一大跟进：逾期 %1 项，即将到期 %2 项"), counts.overdue, counts.due_soon
        )
