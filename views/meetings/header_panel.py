"""The meeting's header as a form: number, date, time, place, host, recorder and status."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, time
from typing import Any

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from models.domain.meeting_vocabulary import MEETING_STATUS_NAMES, MeetingStatus
from models.services.meetings.contracts import MeetingDraft, MeetingRow
from views.form_dialog import INVALID_PROPERTY, accessible_label, name_widget

_TIME = re.compile(r"^\s*(\d{1,2})\s*[:：]\s*(\d{2})\s*$")


class HeaderProblem(ValueError):
    def __init__(self, field: str, text: str) -> None:
        super().__init__(text)
        self.field = field


def parse_time(text: str) -> time | None:
    """ "9:30" (or 9：30) → 09:30; empty → None; anything else → ValueError."""
    if not text.strip():
        return None
    match = _TIME.match(text)
    if not match or int(match[1]) > 23 or int(match[2]) > 59:
        raise ValueError(text)
    return time(int(match[1]), int(match[2]))


def time_text(at: time | None) -> str:
    return "" if at is None else f"{at.hour}:{at.minute:02d}"


class HeaderPanel(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._row: MeetingRow | None = None
        self._loaded: tuple[Any, ...] | None = None
        self.form = QFormLayout()
        # A form line as wide as the window is hard to read: keep it to about 40 characters.
        outer = QVBoxLayout(self)
        holder = QWidget()
        holder.setLayout(self.form)
        holder.setMaximumWidth(self.fontMetrics().horizontalAdvance("会" * 44))
        outer.addWidget(holder)
        outer.addStretch(1)
        self.meeting = QLabel()
        self.number = QSpinBox()
        self.number.setRange(0, 999)
        self.number.setSpecialValueText(self.tr("自动编号"))
        self.meeting_date = QDateEdit()
        self.meeting_date.setCalendarPopup(True)
        self.meeting_date.setDisplayFormat("yyyy-MM-dd")
        self.start_time = QLineEdit()
        self.start_time.setPlaceholderText(self.tr("如 9:30，可留空"))
        self.place = QLineEdit()
        self.place.setPlaceholderText(self.tr("如：区残联三楼会议室"))
        self.host = QComboBox()
        self.recorder = QLineEdit()
        self.recorder.setPlaceholderText(self.tr("记录人姓名"))
        self.status = QComboBox()
        for status in MeetingStatus:
            self.status.addItem(MEETING_STATUS_NAMES[status], status.value)
        self.fields: dict[str, QWidget] = {}
        self._row_of_field: dict[str, int] = {}
        for key, label, widget, description in (
            ("title", self.tr("会议："), self.meeting, ""),
            ("number", self.tr("次数(&O)："), self.number, self.tr("补录以前的会议时填写；留作“自动编号”则接续本届（本年）")),
            ("meeting_date", self.tr("日期(&D)："), self.meeting_date, self.tr("格式如 2026-03-05")),
            ("start_time", self.tr("时间(&T)："), self.start_time, self.tr("北京时间，如 9:30，可留空")),
            ("place", self.tr("地点(&L)："), self.place, ""),
            ("host", self.tr("主持人(&H)："), self.host, self.tr("从本届成员中选择")),
            ("recorder", self.tr("记录人(&R)："), self.recorder, ""),
            ("status", self.tr("会议状态(&S)："), self.status, self.tr("筹备中、已召开或已取消；纪要定稿须会议已召开")),
        ):  # fmt: skip
            self._row_of_field[key] = self.form.rowCount()
            self.form.addRow(label, widget)
            name_widget(widget, accessible_label(label))
            if description:
                widget.setAccessibleDescription(description)
            self.fields[key] = widget
        self.meeting_date.dateChanged.connect(self.changed)
        self.number.valueChanged.connect(self.changed)
        for edit in (self.start_time, self.place, self.recorder):
            edit.textChanged.connect(self.changed)
        self.host.currentIndexChanged.connect(self.changed)
        self.status.currentIndexChanged.connect(self.changed)

    def load(
        self, row: MeetingRow | None, hosts: Sequence[tuple[int, str]], *, default_date: date
    ) -> None:
        """`row` a MeetingRow, or None for a meeting not yet planned."""
        self._row = row
        widgets = (self.meeting_date, self.number, self.start_time, self.place)
        widgets += (self.host, self.recorder, self.status)  # type: ignore[assignment]
        for widget in widgets:
            widget.blockSignals(True)
        self.host.clear()
        self.host.addItem(self.tr("（未定）"), None)
        for person_id, text in hosts:
            self.host.addItem(text, person_id)
        host = row.host_person_id if row is not None else None
        if row is not None and host is not None and self.host.findData(host) < 0:
            self.host.addItem(row.host_name or "", host)
        self.meeting.setText(row.title if row else self.tr("新会议（保存后按本届顺序编号）"))
        self.meeting_date.setDate(QDate(row.meeting_date if row else default_date))
        self.number.setValue(0)
        self.start_time.setText(time_text(row.start_time) if row else "")
        self.place.setText((row.place or "") if row else "")
        self.host.setCurrentIndex(max(self.host.findData(row.host_person_id if row else None), 0))
        self.recorder.setText((row.recorder_name or "") if row else "")
        self.status.setCurrentIndex(
            self.status.findData((row.status if row else MeetingStatus.PLANNED).value)
        )
        self.form.setRowVisible(self._row_of_field["number"], row is None)
        self.status.setEnabled(row is not None)
        for widget in widgets:
            widget.blockSignals(False)
        self._loaded = self._snapshot()
        self.mark(None)

    def _snapshot(self) -> tuple[Any, ...]:
        return (
            self.meeting_date.date().toPython(),
            self.start_time.text().strip(),
            self.place.text().strip(),
            self.host.currentData(),
            self.recorder.text().strip(),
            self.number.value(),
        )

    def is_header_dirty(self) -> bool:
        return self._snapshot() != self._loaded

    def status_value(self) -> str:
        return self.status.currentData()

    def is_status_dirty(self) -> bool:
        return self._row is not None and self.status_value() != self._row.status.value

    def number_value(self) -> int | None:
        return self.number.value() or None

    def draft(self) -> MeetingDraft:
        try:
            start = parse_time(self.start_time.text())
        except ValueError:
            raise HeaderProblem(
                "start_time", self.tr("时间应写成“时:分”，如 9:30 或 14:00。")
            ) from None
        recorder = self.recorder.text().strip()
        row = self._row
        # A registered recorder stays linked while the name shown is left as it was.
        kept_id = (
            row.recorder_person_id if row is not None and recorder == row.recorder_name else None
        )
        return MeetingDraft(
            meeting_date=self.meeting_date.date().toPython(),  # type: ignore[arg-type]
            start_time=start,
            place=self.place.text().strip() or None,
            host_person_id=self.host.currentData(),
            recorder_person_id=kept_id or None,
            recorder_name=None if kept_id else (recorder or None),
        )

    def set_read_only(self, read_only: bool) -> None:
        for edit in (self.start_time, self.place, self.recorder):
            edit.setReadOnly(read_only)
        for widget in (self.meeting_date, self.number):
            widget.setReadOnly(read_only)
        self.host.setEnabled(not read_only)
        self.status.setEnabled(not read_only and self._row is not None)

    def mark(self, field: str | None) -> bool:
        """Border the named field (the message says which in words); True if it is ours."""
        for key, widget in self.fields.items():
            widget.setProperty(INVALID_PROPERTY, key == field)
            widget.style().unpolish(widget)
            widget.style().polish(widget)
        named = self.fields.get(field or "")
        if named is not None:
            named.setFocus()
        return named is not None
