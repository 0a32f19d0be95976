"""Saving the meeting editor: every unsaved part in one command, so all of it is saved or nothing."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox

from models.domain.errors import DomainError
from views.error_presenter import describe
from views.meetings.header_panel import HeaderProblem
from views.ops import meetings as ops

if TYPE_CHECKING:
    from PySide6.QtWidgets import QTabWidget, QWidget

    from models.domain.vocabulary import BodyKind
    from models.services.common.changes import Outcome
    from models.services.common.context import AppContext
    from models.services.meetings.contracts import AgendaItemDraft, MeetingDetail, MinutesSection
    from models.services.people.contracts import TermRow
    from views.background import Runner
    from views.meetings.agenda_panel import AgendaPanel
    from views.meetings.attendance_panel import AttendancePanel
    from views.meetings.header_panel import HeaderPanel
    from views.meetings.minutes_panel import MinutesPanel

# Which tab shows a part, for naming unsaved work and pointing at a refusal.
HEADER, AGENDA, ATTENDANCE, MINUTES = "header", "agenda", "attendance", "minutes"
TAB_NAMES = {HEADER: "会议信息", AGENDA: "议题", ATTENDANCE: "出席情况", MINUTES: "纪要"}
_FIELD = re.compile(r"^(agenda|attendance)\[(\d+)\](?:\.(\w+))?$")


if TYPE_CHECKING:
    # The editor is a QWidget: tr() and parenting the reload question come from it.
    _EditorWidget = QWidget
else:
    _EditorWidget = object


class MeetingSaving(_EditorWidget):
    """The save of MeetingEditor, apart from its layout; it uses the editor's widgets."""

    # What the editor provides (declared for the type checker).
    runner: Runner
    ctx: AppContext
    kind: BodyKind
    term: TermRow
    meeting_id: int | None
    version: int | None
    amend_reason: str | None
    busy: bool
    header: HeaderPanel
    agenda: AgendaPanel
    attendance: AttendancePanel
    minutes: MinutesPanel
    tabs: QTabWidget

    if TYPE_CHECKING:

        def load(self) -> None: ...
        def saved_item_ids(self) -> set[int]: ...
        def dirty_parts(self) -> list[str]: ...
        def show_message(self, text: str, *, is_error: bool = False) -> None: ...
        def _update_state(self) -> None: ...

    def save(self) -> None:
        if self.busy:
            return
        self.show_message("")
        try:
            work = self._save_work()
        except HeaderProblem as problem:
            self.tabs.setCurrentWidget(self.header)
            self.header.mark(problem.field)
            self.show_message(str(problem), is_error=True)
            return
        if work is None:
            text = self.tr("没有需要保存的修改。")
            if self.meeting_id is not None and self.attendance.is_proposal():
                text += self.tr(
                    "出席情况仍是按名单生成的建议：按“全部出席”或改动后再保存即可记入。"
                )
            self.show_message(text)
            return
        self.busy = True
        self._update_state()
        self.show_message(self.tr("正在保存…"))
        self.runner.submit_command(
            work, on_done=self._saved, on_error=self._save_failed, initiator=self
        )

    def _save_work(self) -> Callable[[], Outcome[MeetingDetail]] | None:
        """The one command the unsaved parts need (None: nothing to save); read from the widgets
        now, on the GUI thread, so the lane only runs it."""
        ctx, header = self.ctx, self.header
        if self.meeting_id is None:
            body, term = self.kind, self.term.term
            draft, number, items = header.draft(), header.number_value(), self.agenda.items()
            return lambda: ops.create_meeting(
                ctx, body=body, term=term, header=draft, number=number, agenda=items
            )
        if not self.dirty_parts():
            return None
        meeting_id, version, reason = self.meeting_id, self.version, self.amend_reason
        status = header.status_value() if header.is_status_dirty() else None
        changed_header = header.draft() if header.is_header_dirty() else None
        agenda = self.agenda.items() if self.agenda.is_dirty() else None
        attendance = self.attendance.drafts() if self.attendance.is_dirty() else None
        minutes = self._sections(agenda) if self.minutes.is_dirty() else None
        return lambda: ops.save_meeting(
            ctx,
            meeting_id=meeting_id,
            expected_version=version,
            status=status,
            header=changed_header,
            agenda=agenda,
            attendance=attendance,
            minutes=minutes,
            reason=reason,
        )

    def _sections(self, agenda: list[AgendaItemDraft] | None) -> list[MinutesSection]:
        """The sections of items still on the agenda: one removed in this save takes none."""
        kept = (
            {item.id for item in agenda if item.id is not None}
            if agenda is not None
            else self.saved_item_ids()
        )
        return [s for s in self.minutes.section_drafts() if s.agenda_item_id in kept]

    def _saved(self, detail: MeetingDetail) -> None:
        self.meeting_id = detail.meeting.id
        self.version = detail.meeting.version
        self.busy = False
        self.show_message(self.tr("已保存。"))
        self.load()

    def _save_failed(self, error: BaseException) -> None:
        self.busy = False
        self._update_state()
        if isinstance(error, DomainError) and error.code == "stale_record":
            self._offer_reload(error)
            return
        self.show_message(describe(error), is_error=True)
        if isinstance(error, DomainError):
            self._point_at(error.field)

    def _point_at(self, field: str | None) -> None:
        """Show the tab and the line the refusal names; the message says it in words."""
        if not field:
            return
        match = _FIELD.match(field)
        if match is not None:
            part, row, column = match[1], int(match[2]), match[3] or ""
            panel = self.agenda if part == "agenda" else self.attendance
            self.tabs.setCurrentWidget(panel)
            panel.focus_problem(row, column)
        elif field in ("agenda", "sections"):
            self.tabs.setCurrentWidget(self.agenda if field == "agenda" else self.minutes)
        elif field == "attendance":
            self.tabs.setCurrentWidget(self.attendance)
        elif field in self.header.fields:
            self.tabs.setCurrentWidget(self.header)
            self.header.mark(field)

    def _offer_reload(self, error: DomainError) -> None:
        text = describe(error)
        self.show_message(text, is_error=True)
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("会议已被修改"), text, parent=self)
        box.setInformativeText(self.tr("重新载入会放弃本窗口中尚未保存的修改。"))
        reload = box.addButton(self.tr("重新载入"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("保留我的修改"), QMessageBox.ButtonRole.RejectRole)
        box.setAccessibleName(box.windowTitle())
        box.exec()
        if box.clickedButton() is reload:
            self.show_message(self.tr("已重新载入最新内容。"))
            self.load()
