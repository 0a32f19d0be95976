"""The minutes tab: per agenda item the discussion and the decision; 定稿, and the amendment history."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from models.domain.meeting_vocabulary import MinutesStatus
from models.services.meetings.contracts import MeetingDetail, MinutesRow, MinutesSection
from views.meetings.amendment_table_model import AmendmentTableModel, beijing


def _editor(name: str) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setTabChangesFocus(True)
    edit.setAccessibleName(name)
    edit.setMinimumHeight(edit.fontMetrics().lineSpacing() * 4)
    return edit


def minutes_state(minutes: MinutesRow | None) -> str:
    if minutes is None:
        return "纪要状态：未写"
    if minutes.status is MinutesStatus.DRAFT:
        return "纪要状态：草稿（可直接修改）"
    when = beijing(minutes.finalised_at) if minutes.finalised_at else ""
    text = f"纪要状态：已定稿（{when}，{minutes.finalised_by or ''}）"
    if minutes.amendments:
        text += f"，修正 {len(minutes.amendments)} 处"
    return text


class MinutesPanel(QWidget):
    changed = Signal()
    finalise_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._editors: list[tuple[int, QPlainTextEdit, QPlainTextEdit]] = []
        self._loaded: list[MinutesSection] = []
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.state.setAccessibleName(self.tr("纪要状态"))
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setAccessibleName(self.tr("纪要说明"))
        self.finalise_button = QPushButton(self.tr("定稿(&F)…"))
        self.finalise_button.setToolTip(
            self.tr("定稿后纪要锁定；之后的修改须作为修正并填写原因，原内容保留")
        )
        self.finalise_button.clicked.connect(self.finalise_requested)
        self.sections = QWidget()
        self.sections_layout = QVBoxLayout(self.sections)
        self.sections_scroll = QScrollArea()
        self.sections_scroll.setWidgetResizable(True)
        self.sections_scroll.setWidget(self.sections)
        self.sections_scroll.setAccessibleName(self.tr("各项议题的纪要"))
        self.sections_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        self.history_model = AmendmentTableModel(self)
        self.history = QTableView()
        self.history.setModel(self.history_model)
        self.history.setAccessibleName(self.tr("修正记录"))
        self.history.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.history.setWordWrap(True)
        header = self.history.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.history_box = QGroupBox(self.tr("修正记录（重新打印纪要时一并注明）"))
        box_layout = QVBoxLayout(self.history_box)
        box_layout.addWidget(self.history)

        top = QHBoxLayout()
        top.addWidget(self.state, 1)
        top.addWidget(self.finalise_button)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.sections_scroll)
        splitter.addWidget(self.history_box)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([420, 240])
        for column, width in enumerate((125, 70, 180, 200, 200)):
            header.resizeSection(column, width)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.note)
        layout.addWidget(splitter, 1)

    def load(self, detail: MeetingDetail) -> None:
        """Editors for the saved agenda items; their ids are what the minutes are written to."""
        while self.sections_layout.count():
            taken = self.sections_layout.takeAt(0)
            widget = taken.widget() if taken is not None else None
            if widget is not None:
                # Hidden at once: deleteLater alone leaves the old sections painted until then.
                widget.hide()
                widget.deleteLater()
        self._editors = []
        for item in detail.agenda:
            box = QGroupBox(f"{item.position}. {item.title}（{item.kind.value}）")
            form = QFormLayout(box)
            label = f"第{item.position}项议题"
            summary = _editor(self.tr("%1的讨论情况").replace("%1", label))
            decision = _editor(self.tr("%1的决定事项").replace("%1", label))
            summary.setPlainText(item.summary or "")
            decision.setPlainText(item.decision or "")
            form.addRow(self.tr("讨论情况："), summary)
            form.addRow(self.tr("决定事项："), decision)
            for edit in (summary, decision):
                edit.textChanged.connect(self.changed)
            self._editors.append((item.id, summary, decision))
            self.sections_layout.addWidget(box)
        self.sections_layout.addStretch(1)
        self._loaded = self.section_drafts()
        minutes = detail.minutes
        self.state.setText(minutes_state(minutes))
        self.note.setText(
            self.tr("还没有保存的议题：请先在“议题”页添加议题并保存，再写纪要。")
            if not detail.agenda
            else ""
        )
        self.note.setVisible(not detail.agenda)
        self.history_model.set_rows(minutes.amendments if minutes is not None else ())
        self.history_box.setVisible(bool(minutes is not None and minutes.amendments))
        self.history.resizeRowsToContents()

    def section_drafts(self) -> list[MinutesSection]:
        return [
            MinutesSection(
                agenda_item_id=item_id,
                summary=summary.toPlainText().strip() or None,
                decision=decision.toPlainText().strip() or None,
            )
            for item_id, summary, decision in self._editors
        ]

    def is_dirty(self) -> bool:
        return self.section_drafts() != self._loaded

    def set_read_only(self, read_only: bool) -> None:
        for _id, summary, decision in self._editors:
            summary.setReadOnly(read_only)
            decision.setReadOnly(read_only)

    def focus_item(self, row: int) -> None:
        if 0 <= row < len(self._editors):
            editor = self._editors[row][1]
            self.sections_scroll.ensureWidgetVisible(editor)
            editor.setFocus()

    def editors(self, row: int) -> tuple[QPlainTextEdit, QPlainTextEdit]:
        _id, summary, decision = self._editors[row]
        return summary, decision
