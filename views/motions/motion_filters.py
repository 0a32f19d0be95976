"""The motion list's filter bar: state, 承办单位, 类别, overdue only, and a title/proposer search.

The unit and category choices are the ones that occur in the loaded motions, so a filter never
offers a choice that shows an empty list; a choice survives a reload while it still occurs.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QLineEdit, QWidget

from models.domain.motion_workflow import STATE_NAMES, MotionState

if TYPE_CHECKING:
    from models.services.motions.contracts import MotionRow


class MotionFilters(QWidget):
    """Emits `changed` whenever a filter changes; `apply` keeps the rows every filter accepts."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state_box = QComboBox()
        self.state_box.addItem(self.tr("全部状态"), None)
        for state in MotionState:
            self.state_box.addItem(STATE_NAMES[state], state.value)
        self.unit_box = QComboBox()
        self.unit_box.addItem(self.tr("全部承办单位"), None)
        self.category_box = QComboBox()
        self.category_box.addItem(self.tr("全部类别"), None)
        self.overdue_box = QCheckBox(self.tr("只看逾期(&D)"))
        self.overdue_box.setAccessibleName(self.tr("只看逾期"))
        self.search = QLineEdit()
        self.search.setAccessibleName(self.tr("查找提案"))
        self.search.setAccessibleDescription(self.tr("按标题或提案人查找"))
        self.search.setPlaceholderText(self.tr("标题或提案人"))
        self.search.setClearButtonEnabled(True)
        self.count = QLabel(self.tr("正在载入…"))
        self.count.setAccessibleName(self.tr("提案数"))

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for text, name, widget in (
            (self.tr("状态(&S)："), self.tr("状态"), self.state_box),
            (self.tr("承办单位(&U)："), self.tr("承办单位"), self.unit_box),
            (self.tr("类别(&G)："), self.tr("类别"), self.category_box),
        ):
            label = QLabel(text)
            label.setBuddy(widget)
            widget.setAccessibleName(name)
            layout.addWidget(label)
            layout.addWidget(widget)
        layout.addWidget(self.overdue_box)
        search_label = QLabel(self.tr("查找(&F)："))
        search_label.setBuddy(self.search)
        layout.addWidget(search_label)
        layout.addWidget(self.search, 1)
        layout.addWidget(self.count)

        for box in (self.state_box, self.unit_box, self.category_box):
            box.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.overdue_box.toggled.connect(lambda _on: self.changed.emit())
        self.search.textChanged.connect(lambda _t: self.changed.emit())

    def set_rows(self, rows: Sequence[MotionRow]) -> None:
        """Offer the units and categories of `rows`, keeping the current choice where it occurs."""
        _refill(self.unit_box, (r.lead_unit for r in rows))
        _refill(self.category_box, (r.category for r in rows))

    def accepts(self, row: MotionRow) -> bool:
        state, unit = self.state_box.currentData(), self.unit_box.currentData()
        category, text = self.category_box.currentData(), self.search.text().strip()
        return (
            (state is None or row.state == state)
            and (unit is None or row.lead_unit == unit)
            and (category is None or row.category == category)
            and (not self.overdue_box.isChecked() or row.is_overdue)
            and (not text or text in row.title or text in row.proposer)
        )

    def apply(self, rows: Iterable[MotionRow]) -> list[MotionRow]:
        return [r for r in rows if self.accepts(r)]

    def show_count(self, shown: int, total: int) -> None:
        text = self.tr("共 %1 件").replace("%1", str(shown))
        if shown != total:
            text += self.tr("（全部 %1 件）").replace("%1", str(total))
        self.count.setText(text)


def _refill(box: QComboBox, values: Iterable[str | None]) -> None:
    """The "全部…" item first, then the values that occur (sorted), without signals."""
    wanted = box.currentData()
    everything = box.itemText(0)
    box.blockSignals(True)
    box.clear()
    box.addItem(everything, None)
    for value in sorted({v for v in values if v}):
        box.addItem(value, value)
    box.setCurrentIndex(max(box.findData(wanted), 0))
    box.blockSignals(False)
