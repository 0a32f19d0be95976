"""The tree of the federation's bodies on the left of the main window."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem, QWidget

from models.domain.vocabulary import ASSOCIATION_NAMES, BODY_NAMES, Association, BodyKind
from views.qt_values import USER_ROLE

REGISTRY = "registry"
_ROLE = USER_ROLE


class Navigation(QTreeWidget):
    """Emits (kind, association) for a body, or None for the person registry (人员库)."""

    body_chosen = Signal(object, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHeaderHidden(True)
        self.setAccessibleName(self.tr("机构导航"))
        self.setAccessibleDescription(
            self.tr("选择代表大会、主席团、执行理事会、党组、专门协会或人员库")
        )
        for kind in (
            BodyKind.CONGRESS,
            BodyKind.PRESIDIUM,
            BodyKind.EXECUTIVE_COUNCIL,
            BodyKind.PARTY_GROUP,
        ):
            self._add(None, BODY_NAMES[kind], (kind, None))
        self._associations = associations = self._add(None, self.tr("专门协会"), None)
        for association in Association:
            self._add(
                associations, ASSOCIATION_NAMES[association], (BodyKind.ASSOCIATION, association)
            )
        self._add(None, self.tr("人员库"), REGISTRY)
        self.expandAll()
        self.currentItemChanged.connect(self._on_current)

    def finish(self) -> None:
        """What needs Qt's enums, after the first paint (views/qt_values.py): the heading of the
        special associations cannot be selected. Nothing shows it before then."""
        from PySide6.QtCore import Qt

        heading = self._associations
        heading.setFlags(heading.flags() & ~Qt.ItemFlag.ItemIsSelectable)

    def _add(self, parent: QTreeWidgetItem | None, text: str, data: object) -> QTreeWidgetItem:
        item = QTreeWidgetItem([text])
        item.setData(0, _ROLE, data)
        if parent is None:
            self.addTopLevelItem(item)
        else:
            parent.addChild(item)
        return item

    def _on_current(self, item: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None) -> None:
        if item is None:
            return
        data = item.data(0, _ROLE)
        if data is None:
            return
        self.body_chosen.emit(None if data == REGISTRY else data, item.text(0))

    def select_text(self, text: str) -> None:
        from PySide6.QtCore import Qt

        for item in self.findItems(text, Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive):
            self.setCurrentItem(item)
            return
