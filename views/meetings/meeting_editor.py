"""The meeting editor window: header, agenda, attendance with its quorum line, and the minutes.

Loaded in one go on the lane (the workbench); saved in one command with the meeting's version, so
every unsaved part is saved or none is. Final minutes lock everything until the clerk starts an amendment with a reason.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from models.domain.meeting_vocabulary import MEETING_STATUS_NAMES, MeetingStatus, series_name
from models.domain.vocabulary import BodyKind, body_display_name
from models.services.papers.contracts import PaperKind, PaperRequest
from views.background import Runner
from views.documents.papers import open_paper
from views.error_presenter import describe
from views.meetings.agenda_panel import AgendaPanel
from views.meetings.attendance_panel import AttendancePanel
from views.meetings.header_panel import HeaderPanel
from views.meetings.meeting_gates import gate_meeting_editor
from views.meetings.meeting_saving import (
    AGENDA,
    ATTENDANCE,
    HEADER,
    MINUTES,
    TAB_NAMES,
    MeetingSaving,
)
from views.meetings.minutes_panel import MinutesPanel
from views.ops import meetings as ops
from views.permissions import Gate

if TYPE_CHECKING:
    from models.services.common.context import AppContext
    from models.services.meetings.contracts import MeetingRow, MeetingWorkbench
    from models.services.people.contracts import TermRow


def series_title(kind: BodyKind, term: TermRow | None) -> str:
    """第八届执行理事会, 第八次代表大会; 党组 for the party group (numbered by year)."""
    if kind is BodyKind.PARTY_GROUP or term is None:
        return body_display_name(kind)
    return series_name(kind, term=term.term, year=0)


def default_day(term: TermRow | None) -> date:
    """Today, moved into the term when the term has not begun or is over."""
    day = date.today()
    if term is not None and term.start_date is not None and day < term.start_date:
        day = term.start_date
    if term is not None and term.end_date is not None and day > term.end_date:
        day = term.end_date
    return day


class MeetingEditor(MeetingSaving, QWidget):
    """`meeting_id` None: a new meeting of the body's term, planned on the first save."""

    def __init__(
        self,
        runner: Runner,
        ctx: AppContext,
        *,
        kind: BodyKind,
        term: TermRow,
        meeting_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.runner, self.ctx, self.kind, self.term = runner, ctx, kind, term
        self.meeting_id = meeting_id
        self.bench: MeetingWorkbench | None = None
        self.version: int | None = None
        self.amend_reason: str | None = None
        self.busy = False
        self._saved_ids: set[int] = set()
        self._hosts: tuple[tuple[int, str], ...] = ()
        self.last_preview: Any = None

        self.title = QLabel()
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)
        self.summary = QLabel(self.tr("正在载入…"))
        self.summary.setAccessibleName(self.tr("会议概况"))
        self.lock = QLabel()
        self.lock.setWordWrap(True)
        self.lock.setAccessibleName(self.tr("锁定说明"))
        self.amend_button = QPushButton(self.tr("修正纪要(&G)…"))
        self.amend_button.setToolTip(
            self.tr("纪要已定稿：填写修正原因后才能修改，原内容和修正内容都会保留")
        )
        self.amend_button.clicked.connect(self.start_amendment)
        self.stop_amend_button = QPushButton(self.tr("放弃修正"))
        self.stop_amend_button.clicked.connect(self.stop_amendment)

        self.header = HeaderPanel()
        self.agenda = AgendaPanel()
        self.attendance = AttendancePanel()
        self.minutes = MinutesPanel()
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("编辑页"))
        self.tabs.tabBar().setAccessibleName(self.tr("编辑页"))
        self._panels: dict[str, HeaderPanel | AgendaPanel | AttendancePanel | MinutesPanel] = {
            HEADER: self.header,
            AGENDA: self.agenda,
            ATTENDANCE: self.attendance,
            MINUTES: self.minutes,
        }
        for part, panel in self._panels.items():
            self.tabs.addTab(panel, self.tr(TAB_NAMES[part]))
            panel.changed.connect(self._update_state)
        self.minutes.finalise_requested.connect(self.finalise)

        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.setAccessibleName(self.tr("提示"))
        self.signin_button = QPushButton(self.tr("打印签到表…"))
        self.print_minutes_button = QPushButton(self.tr("打印纪要…"))
        self.save_button = QPushButton(self.tr("保存"))
        self.save_button.setShortcut(QKeySequence.StandardKey.Save)
        self.save_button.setToolTip(self.tr("保存各页的修改（Ctrl+S）"))
        self.save_button.setDefault(True)
        close = QPushButton(self.tr("关闭"))
        close.setAccessibleName(self.tr("关闭"))
        self.signin_button.clicked.connect(lambda: self.print_paper("signin"))
        self.print_minutes_button.clicked.connect(lambda: self.print_paper("minutes"))
        self.save_button.clicked.connect(self.save)
        close.clicked.connect(self.close)

        lock_bar = QHBoxLayout()
        lock_bar.addWidget(self.lock, 1)
        lock_bar.addWidget(self.amend_button)
        lock_bar.addWidget(self.stop_amend_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.message, 1)
        for button in (self.signin_button, self.print_minutes_button, self.save_button, close):
            bottom.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.summary)
        layout.addLayout(lock_bar)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bottom)
        self.may_edit = gate_meeting_editor(self, Gate(ctx))
        self.resize(1100, 760)
        self.load()

    # --- loading --------------------------------------------------------------------------------

    def load(self) -> None:
        ctx, term_id = self.ctx, self.term.id
        if self.meeting_id is None:
            self.runner.submit(
                lambda: ops.hosts(ctx, term_id=term_id),
                on_done=self._new_loaded,
                on_error=lambda e: self.summary.setText(describe(e)),
            )
            return
        meeting_id = self.meeting_id
        self.runner.submit(
            lambda: ops.meeting_workbench(ctx, meeting_id=meeting_id, term_id=term_id),
            on_done=self._loaded,
            on_error=lambda e: self.summary.setText(describe(e)),
        )

    def _new_loaded(self, hosts: tuple[tuple[int, str], ...]) -> None:
        self._hosts = hosts
        self.header.load(None, hosts, default_date=default_day(self.term))
        self.agenda.load(())
        self._show_title(self.tr("新建%1会议").replace("%1", series_title(self.kind, self.term)))
        self.summary.setText(
            self.tr("填写会议信息和议题后保存；保存后按会议当日名单生成出席情况。")
        )
        self._apply_lock()

    def _loaded(self, bench: MeetingWorkbench) -> None:
        self.bench = bench
        self._hosts = bench.hosts
        detail = bench.detail
        self.version = detail.meeting.version
        self._saved_ids = {item.id for item in detail.agenda}
        self.amend_reason = None
        self.header.load(detail.meeting, bench.hosts, default_date=detail.meeting.meeting_date)
        self.agenda.load(detail.agenda)
        proposed = not detail.attendance
        rows = bench.proposal if proposed else detail.attendance
        self.attendance.load(rows, bench.rule, proposed=proposed)
        self.minutes.load(detail)
        self._show_title(detail.meeting.title)
        self._apply_lock()
        self.busy = False

    def _show_title(self, title: str) -> None:
        self.title.setText(title)
        self.setWindowTitle(self.tr("会议 — %1").replace("%1", title))
        self.setAccessibleName(self.windowTitle())

    # --- state ---------------------------------------------------------------------------------

    def meeting(self) -> MeetingRow | None:
        return self.bench.detail.meeting if self.bench is not None else None

    def is_final(self) -> bool:
        minutes = self.bench.detail.minutes if self.bench is not None else None
        return minutes is not None and minutes.is_final

    def saved_item_ids(self) -> set[int]:
        return set(self._saved_ids)

    def dirty_parts(self) -> list[str]:
        parts = []
        if self.header.is_header_dirty() or self.header.is_status_dirty():
            parts.append(HEADER)
        if self.agenda.is_dirty():
            parts.append(AGENDA)
        if self.meeting_id is not None and self.attendance.is_dirty():
            parts.append(ATTENDANCE)
        if self.meeting_id is not None and self.minutes.is_dirty():
            parts.append(MINUTES)
        return parts

    def is_dirty(self) -> bool:
        return bool(self.dirty_parts())

    def _apply_lock(self) -> None:
        """Final minutes lock every part until an amendment is begun; cancelled meetings too."""
        meeting = self.meeting()
        final = self.is_final()
        cancelled = meeting is not None and meeting.status is MeetingStatus.CANCELLED
        locked = (final and self.amend_reason is None) or cancelled or not self.may_edit
        self.header.set_read_only((final and self.amend_reason is None) or not self.may_edit)
        if cancelled and not final:
            self.header.set_read_only(True)
            self.header.status.setEnabled(self.may_edit)
        if final:  # held with final minutes: the status stays, even while amending
            self.header.status.setEnabled(False)
        for panel in (self.agenda, self.attendance, self.minutes):
            panel.set_read_only(locked)
        is_new = self.meeting_id is None
        self.tabs.setTabEnabled(self.tabs.indexOf(self.attendance), not is_new)
        self.tabs.setTabEnabled(self.tabs.indexOf(self.minutes), not is_new)
        self.amend_button.setVisible(final and self.amend_reason is None)
        self.stop_amend_button.setVisible(self.amend_reason is not None)
        if self.amend_reason is not None:
            text = self.tr("正在修正（原因：%1）。保存时每处改动都记入修正记录，原内容保留。")
            self.lock.setText(self.tr("【修正中】") + text.replace("%1", self.amend_reason))
        elif final:
            self.lock.setText(
                self.tr("【已锁定】纪要已定稿，会议信息、议题、出席情况和纪要均不能直接修改。")
            )
        elif cancelled:
            self.lock.setText(self.tr("【已取消】如要召开，请先把会议状态改回“筹备中”并保存。"))
        else:
            self.lock.setText("")
        self.lock.setVisible(bool(self.lock.text()))
        self.signin_button.setEnabled(not is_new)
        has_minutes = self.bench is not None and self.bench.detail.minutes is not None
        self.print_minutes_button.setEnabled(not is_new and has_minutes)
        self._update_state()

    def _update_state(self) -> None:
        dirty = self.dirty_parts()
        for part, panel in self._panels.items():
            name = self.tr(TAB_NAMES[part])
            self.tabs.setTabText(
                self.tabs.indexOf(panel), name + (self.tr("（未保存）") if part in dirty else "")
            )
        self.minutes.finalise_button.setEnabled(
            self.meeting_id is not None and not self.is_final() and not self.busy
        )
        self.save_button.setEnabled(not self.busy)
        meeting = self.meeting()
        if meeting is not None and self.bench is not None:
            minutes = self.bench.detail.minutes
            words = [self.tr("状态：%1").replace("%1", MEETING_STATUS_NAMES[meeting.status])]
            words.append(self.minutes.state.text())
            if minutes is None and not self.bench.detail.attendance:
                words.append(self.tr("出席情况未登记"))
            self.summary.setText("；".join(words))

    # --- saving ---------------------------------------------------------------------------------

    def show_message(self, text: str, *, is_error: bool = False) -> None:
        self.message.setText((self.tr("错误：") + text) if is_error and text else text)

    # --- finalising and amending ---------------------------------------------------------------

    def finalise(self) -> None:
        if self.meeting_id is None or self.busy:
            return
        if self.is_dirty():
            self.show_message(self.tr("请先保存修改，再定稿。"), is_error=True)
            return
        answer = QMessageBox.question(
            self,
            self.tr("纪要定稿"),
            self.tr(
                "定稿后，%1的纪要、议题、出席情况和会议信息都将锁定；"
                "之后的修改须作为修正并填写原因，原内容保留。确定定稿吗？"
            ).replace("%1", self.title.text()),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        ctx, meeting_id, version = self.ctx, self.meeting_id, self.version
        self.busy = True
        self._update_state()
        self.runner.submit_command(
            lambda: ops.finalise_minutes(ctx, meeting_id=meeting_id, expected_version=version),
            on_done=lambda _detail: self._finalised(),
            on_error=self._save_failed,
            initiator=self,
        )

    def _finalised(self) -> None:
        self.busy = False
        self.show_message(self.tr("纪要已定稿。"))
        self.load()

    def start_amendment(self) -> None:
        from views.meetings.reason_dialog import ReasonDialog

        dialog = ReasonDialog(self.title.text(), self)
        if dialog.exec():
            self.amend_reason = dialog.text()
            self._apply_lock()

    def stop_amendment(self) -> None:
        if self.is_dirty() and not self.confirm_discard():
            return
        self.show_message("")
        self.load()

    # --- printing and closing --------------------------------------------------------------------

    def print_paper(self, paper: str) -> None:
        meeting = self.meeting()
        if meeting is None:
            return
        if self.is_dirty():
            self.show_message(self.tr("提醒：打印的是已保存的内容，未保存的修改不会出现在纸上。"))
        title = meeting.title + (self.tr("签到表") if paper == "signin" else self.tr("纪要"))
        open_paper(
            self,
            self.runner,
            self.ctx,
            PaperRequest(PaperKind(paper), meeting_id=meeting.id),
            title,
            on_shown=self._preview_shown,
        )

    def _preview_shown(self, preview: Any) -> None:
        self.last_preview = preview

    def confirm_discard(self) -> bool:
        names = "、".join(self.tr(TAB_NAMES[p]) for p in self.dirty_parts())
        answer = QMessageBox.question(
            self,
            self.tr("有未保存的修改"),
            self.tr("%1有未保存的修改，放弃这些修改吗？").replace("%1", names),
        )
        return answer == QMessageBox.StandardButton.Yes

    def closeEvent(self, event: Any) -> None:
        if self.is_dirty() and not self.confirm_discard():
            event.ignore()
            return
        super().closeEvent(event)
