"""The discussion recorder: the item's attendance with recusals, positions in speaking order,
and a live line with the attendance words, the quorum and the would-be result.

The line uses the same domain functions as the service (item_count, tally,
expected_last_speaker), so the clerk sees a problem before saving; saving is one
record_discussion call, and a refusal keeps everything typed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from models.domain.major_decision import (
    ItemPresence,
    Stance,
    expected_last_speaker,
    item_count,
    tally,
)
from models.services.decisions.contracts import (
    DecisionDetail,
    DiscussionDraft,
    DiscussionWorkbench,
    ParticipantDraft,
    PositionDraft,
    RosterLine,
)
from views.background import Runner
from views.decisions.form_base import DecisionForm
from views.ops import decisions as ops

if TYPE_CHECKING:
    from models.services.common.context import AppContext

PRESENCES = tuple(p.value for p in ItemPresence)
STANCES = tuple(s.value for s in Stance)


@dataclass
class Spoken:
    person_id: int
    stance: str = Stance.AGREE.value
    remarks: str = ""
    reserved: bool = False


def person_box(lines: Iterable[RosterLine], chosen: int | None) -> QComboBox:
    box = QComboBox()
    box.addItem("（无）", None)
    for line in lines:
        box.addItem(f"{line.name}（{line.post}）" if line.post else line.name, line.person_id)
    box.setCurrentIndex(max(box.findData(chosen), 0) if chosen is not None else 0)
    return box


class DiscussionForm(DecisionForm):
    def __init__(
        self,
        runner: Runner,
        ctx: AppContext,
        detail: DecisionDetail,
        bench: DiscussionWorkbench,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner, ctx, "", detail.row.title, parent)
        self.retitle(self.tr("记录集体讨论"))
        self.detail, self.rules, self.roster = detail, bench.rules, bench.roster
        self.names = {line.person_id: line.name for line in self.roster.lines}
        self.setMinimumSize(960, 760)
        meeting = f"{self.roster.meeting_date.isoformat()} {detail.row.meeting or ''}"
        self.add_field("meeting", self.tr("会议："), QLabel(meeting))

        self.attendance = QTableWidget(len(self.roster.lines), 4)
        self.attendance.setHorizontalHeaderLabels(
            [self.tr("姓名"), self.tr("职务"), self.tr("出席情况"), self.tr("回避理由")]
        )
        self.attendance.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.attendance.verticalHeader().setVisible(False)
        self.attendance.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.attendance.horizontalHeader().setStretchLastSection(True)
        self.presence: dict[int, QComboBox] = {}
        self.reasons: dict[int, QLineEdit] = {}
        for i, line in enumerate(self.roster.lines):
            for column, text in enumerate((line.name, line.post)):
                item = QTableWidgetItem(text)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.attendance.setItem(i, column, item)
            box = QComboBox()
            box.addItems(list(PRESENCES))
            box.setCurrentText(line.presence.value)
            box.setAccessibleName(self.tr("%1的出席情况").replace("%1", line.name))
            box.currentIndexChanged.connect(lambda _i: self._presence_changed())
            reason = QLineEdit()
            reason.setAccessibleName(self.tr("%1的回避理由").replace("%1", line.name))
            reason.setPlaceholderText(self.tr("回避时必填"))
            reason.textChanged.connect(lambda _t: self.clear_problem())
            self.attendance.setCellWidget(i, 2, box)
            self.attendance.setCellWidget(i, 3, reason)
            self.presence[line.person_id], self.reasons[line.person_id] = box, reason
        self.add_field(
            "participants",
            self.tr("本议题出席(&A)："),
            self.attendance,
            self.tr("按会议签到预填；有利害关系的成员选“回避”并写明理由"),
        )

        self.leader = person_box(self.roster.lines, self.roster.leader_id)
        self.add_field(
            "leader_id",
            self.tr("主要负责同志(&L)："),
            self.leader,
            self.tr("党组书记或理事长，末位表态"),
        )
        self.presiding = person_box(self.roster.lines, self.roster.presiding_id)
        self.add_field(
            "presiding_id",
            self.tr("主持人(&H)："),
            self.presiding,
            self.tr("主要负责同志缺席或回避时由主持人末位表态"),
        )

        self.positions: list[Spoken] = []
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [self.tr("姓名"), self.tr("表态"), self.tr("发言要点／意见"), self.tr("保留意见")]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.up_button = QPushButton(self.tr("上移(&U)"))
        self.up_button.clicked.connect(lambda: self.move_speaker(-1))
        self.down_button = QPushButton(self.tr("下移(&W)"))
        self.down_button.clicked.connect(lambda: self.move_speaker(1))
        order_box = QWidget()
        order_layout = QHBoxLayout(order_box)
        order_layout.setContentsMargins(0, 0, 0, 0)
        order_layout.addWidget(self.table, 1)
        move_buttons = QVBoxLayout()
        move_buttons.addWidget(self.up_button)
        move_buttons.addWidget(self.down_button)
        move_buttons.addStretch(1)
        order_layout.addLayout(move_buttons)
        self.form.addRow(self.tr("表态（按发言顺序）："), order_box)
        self.fields["positions"] = self.table
        self.table.setAccessibleName(self.tr("表态（按发言顺序）"))

        self.check = QLabel()
        self.check.setWordWrap(True)
        self.check.setAccessibleName(self.tr("核对结果"))
        self.form.addRow(self.tr("核对："), self.check)
        self.deferred = QCheckBox(self.tr("暂缓表决(&Z)"))
        self.deferred.setAccessibleName(self.tr("暂缓表决"))
        self.deferred.toggled.connect(lambda _on: self._update_check())
        self.add_field("deferred", "", self.deferred)
        self.deferred.setAccessibleName(self.tr("暂缓表决"))
        self.note = self.add_field("note", self.tr("备注(&N)："), QLineEdit())

        self.leader.currentIndexChanged.connect(lambda _i: self._sync_positions())
        self.presiding.currentIndexChanged.connect(lambda _i: self._sync_positions())
        self.ok_button().setText(self.tr("保存讨论结果"))
        self._presence_changed()

    # --- attendance -----------------------------------------------------------------------------

    def presence_of(self, person_id: int) -> ItemPresence:
        return ItemPresence(self.presence[person_id].currentText())

    def present_ids(self) -> list[int]:
        return [
            line.person_id
            for line in self.roster.lines
            if self.presence_of(line.person_id) is ItemPresence.PRESENT
        ]

    def set_presence(self, person_id: int, presence: str, reason: str = "") -> None:
        self.presence[person_id].setCurrentText(presence)
        self.reasons[person_id].setText(reason)

    def _presence_changed(self) -> None:
        for person_id, box in self.presence.items():
            self.reasons[person_id].setEnabled(box.currentText() == ItemPresence.RECUSED.value)
        self._sync_positions()

    def last_speaker(self) -> int | None:
        return expected_last_speaker(
            self.leader.currentData(), self.presiding.currentData(), set(self.present_ids())
        )

    # --- positions ------------------------------------------------------------------------------

    def _sync_positions(self) -> None:
        """Present members only, typed values kept; the expected last speaker moved last."""
        self._read_positions()
        present = self.present_ids()
        kept = [p for p in self.positions if p.person_id in present]
        known = {p.person_id for p in kept}
        kept += [Spoken(pid) for pid in present if pid not in known]
        last = self.last_speaker()
        if last is not None:
            kept.sort(key=lambda p: p.person_id == last)  # stable: others keep their order
        self.positions = kept
        self._show_positions()

    def _cells(self, row: int) -> tuple[QComboBox, QLineEdit, QCheckBox] | None:
        """The stance, remarks and reserved-opinion widgets of a row, once it is shown."""
        stance, remarks, reserved = (self.table.cellWidget(row, c) for c in (1, 2, 3))
        if (
            isinstance(stance, QComboBox)
            and isinstance(remarks, QLineEdit)
            and isinstance(reserved, QCheckBox)
        ):
            return stance, remarks, reserved
        return None

    def _read_positions(self) -> None:
        for row, spoken in enumerate(self.positions):
            cells = self._cells(row)
            if cells is None:
                continue
            stance, remarks, reserved = cells
            spoken.stance = stance.currentText()
            spoken.remarks = remarks.text()
            spoken.reserved = reserved.isChecked()

    def _show_positions(self, select: int | None = None) -> None:
        self.table.setRowCount(len(self.positions))
        for row, spoken in enumerate(self.positions):
            name = self.names[spoken.person_id]
            item = QTableWidgetItem(name)
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.table.setItem(row, 0, item)
            stance = QComboBox()
            stance.addItems(list(STANCES))
            stance.setCurrentText(spoken.stance)
            stance.setAccessibleName(self.tr("%1的表态").replace("%1", name))
            stance.currentIndexChanged.connect(lambda _i: self._update_check())
            remarks = QLineEdit(spoken.remarks)
            remarks.setAccessibleName(self.tr("%1的发言要点").replace("%1", name))
            reserved = QCheckBox()
            reserved.setChecked(spoken.reserved)
            reserved.setAccessibleName(self.tr("%1保留意见").replace("%1", name))
            self.table.setCellWidget(row, 1, stance)
            self.table.setCellWidget(row, 2, remarks)
            self.table.setCellWidget(row, 3, reserved)
        if select is not None:
            self.table.selectRow(select)
        self._update_check()

    def move_speaker(self, step: int, row: int | None = None) -> None:
        """Move the selected (or given) speaker up or down the speaking order."""
        if row is None:
            rows = self.table.selectionModel().selectedRows()
            if not rows:
                return
            row = rows[0].row()
        target = row + step
        if not 0 <= row < len(self.positions) or not 0 <= target < len(self.positions):
            return
        self._read_positions()
        self.positions[row], self.positions[target] = self.positions[target], self.positions[row]
        self._show_positions(select=target)

    def position_row(self, person_id: int) -> int:
        return next(i for i, p in enumerate(self.positions) if p.person_id == person_id)

    def set_position(
        self, person_id: int, stance: str, remarks: str = "", reserved: bool = False
    ) -> None:
        cells = self._cells(self.position_row(person_id))
        assert cells is not None
        cells[0].setCurrentText(stance)
        cells[1].setText(remarks)
        cells[2].setChecked(reserved)

    # --- the live check -------------------------------------------------------------------------

    def check_text(self) -> str:
        self._read_positions()
        members = len(self.roster.lines)
        recused = sum(1 for pid in self.presence if self.presence_of(pid) is ItemPresence.RECUSED)
        present = self.present_ids()
        count = item_count(members, recused, len(present), self.rules.quorum)
        parts = [
            count.words,
            (
                self.tr("法定人数：至少%1人，已达到")
                if count.is_met
                else self.tr("法定人数：至少%1人，未达到，不能讨论决定（可暂缓表决）")
            ).replace("%1", str(count.required)),
        ]
        if self.deferred.isChecked():
            parts.append(self.tr("结果：暂缓表决"))
            return "；".join(parts) + "。"
        outcome = tally(
            [Stance(p.stance) for p in self.positions], count.expected, self.rules.pass_rule
        )
        parts.append(
            self.tr("同意%1人，不同意%2人，缓议%3人；通过需同意%4人，结果：%5")
            .replace("%1", str(outcome.agree))
            .replace("%2", str(outcome.disagree))
            .replace("%3", str(outcome.defer))
            .replace("%4", str(outcome.required))
            .replace("%5", outcome.result.value)
        )
        last = self.last_speaker()
        if last is not None and self.positions and self.positions[-1].person_id != last:
            parts.append(self.tr("注意：应由%1末位表态").replace("%1", self.names[last]))
        return "；".join(parts) + "。"

    def _update_check(self) -> None:
        text = self.check_text()
        self.check.setText(text)
        # A line that will be refused (or will not pass) is repeated in red; the words say why.
        trouble = "未达到" in text or "注意" in text or "结果：未通过" in text
        self.check.setStyleSheet("color: #c0392b;" if trouble else "")

    # --- saving ---------------------------------------------------------------------------------

    def draft(self) -> DiscussionDraft:
        self._read_positions()
        return DiscussionDraft(
            participants=[
                ParticipantDraft(
                    line.person_id,
                    self.presence_of(line.person_id).value,
                    self.reasons[line.person_id].text().strip() or None,
                )
                for line in self.roster.lines
            ],
            positions=[
                PositionDraft(p.person_id, p.stance, p.remarks.strip() or None, p.reserved)
                for p in self.positions
            ],
            presiding_id=self.presiding.currentData(),
            leader_id=self.leader.currentData(),
            deferred=self.deferred.isChecked(),
            note=self.note.text().strip() or None,
        )

    def submit(self) -> None:
        draft = self.draft()
        ctx, decision_id, version = self.ctx, self.detail.id, self.detail.version
        self.save(
            lambda: ops.record_discussion(
                ctx, decision_id=decision_id, expected_version=version, draft=draft
            )
        )
