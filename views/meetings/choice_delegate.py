"""A cell editor that offers a closed list of words (议题类别, 出席情况) in a combo box."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QStyleOptionViewItem, QWidget

# The model answers this role with the (text, value) pairs a cell may take.
CHOICES_ROLE = Qt.ItemDataRole.UserRole + 20

Index = QModelIndex | QPersistentModelIndex


class ChoiceDelegate(QStyledItemDelegate):
    """Commits on every pick, so one keystroke in the open combo changes the cell at once."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._commit: Callable[[], None] | None = None

    def createEditor(self, parent: QWidget, _option: QStyleOptionViewItem, index: Index) -> QWidget:
        box = QComboBox(parent)
        for text, value in index.data(CHOICES_ROLE) or []:
            box.addItem(text, value)
        header = index.model().headerData(index.column(), Qt.Orientation.Horizontal)
        box.setAccessibleName(str(header or ""))
        box.activated.connect(lambda _i, b=box: self._picked(b))
        return box

    def _picked(self, box: QComboBox) -> None:
        self.commitData.emit(box)
        self.closeEditor.emit(box, QStyledItemDelegate.EndEditHint.NoHint)

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        position = editor.findData(index.data(Qt.ItemDataRole.EditRole))
        editor.setCurrentIndex(max(position, 0))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(
        self, editor: QWidget, option: QStyleOptionViewItem, _index: Index
    ) -> None:
        editor.setGeometry(option.rect)
