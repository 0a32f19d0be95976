"""Saving a meeting: one service call per changed part, in turn, each with the version it was loaded at."""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtWidgets import (
    QMessageBox,
)

from models.domain.errors import DomainError
from views.background import Changes
from views.error_presenter import describe
from views.meetings.header_panel import HeaderProblem
from views.meetings.save_steps import (
    AGENDA,
    ATTENDANCE,
    HEADER,
    MINUTES,
    Step,
    meeting_steps,
    version_of,
)

_FIELD = re.compile(r"^(agenda|attendance)\[(\d+)\](?:\.(\w+))?$")
_TAB_NAMES = {HEADER: "会议信息", AGENDA: "议题", ATTENDANCE: "出席情况", MINUTES: "纪要"}


class MeetingSaving:
    """The save pipeline of MeetingEditor, apart from its layout; it uses the editor's widgets."""

    def save(self) -> None:
        if self.busy:
            return
        self.show_message("")
        try:
            steps = meeting_steps(self, self.backend)
        except HeaderProblem as problem:
            self.tabs.setCurrentWidget(self.header)
            self.header.mark(problem.field)
            self.show_message(str(problem), is_error=True)
            return
        if not steps:
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
        self._run(steps, saved_any=False)

    def _run(self, steps: list[Step], *, saved_any: bool) -> None:
        if not steps:
            self.busy = False
            self.runner.data_changed.emit(Changes(meetings=True), self)
            self.show_message(self.tr("已保存。"))
            self.load()
            return
        step, rest = steps[0], steps[1:]
        self.runner.submit(
            step.work(self.meeting_id, self.version),
            on_done=lambda result: self._step_done(step, result, rest),
            on_error=lambda error: self._step_failed(error, saved_any),
        )

    def _step_done(self, step: Step, result: Any, rest: list[Step]) -> None:
        """Take the saved part as the new baseline: the parts still to save keep their text."""
        self.version = version_of(result)
        if self.meeting_id is None:
            self.meeting_id = result.id
        detail = result if hasattr(result, "agenda") else None
        if step.part == HEADER and detail is None:
            self.header.load(result, self._hosts, default_date=result.meeting_date)
        elif step.part == AGENDA and detail is not None:
            self._saved_ids = {item.id for item in detail.agenda}
            self.agenda.load(detail.agenda)
        elif step.part == ATTENDANCE and detail is not None:
            self.attendance.load(detail.attendance, self.attendance.rule, proposed=False)
        elif step.part == MINUTES and detail is not None:
            self.minutes.load(detail)
        self._run(rest, saved_any=True)

    def _step_failed(self, error: BaseException, saved_any: bool) -> None:
        self.busy = False
        if saved_any:
            self.runner.data_changed.emit(Changes(meetings=True), self)
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
