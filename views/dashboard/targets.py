"""Where a dashboard click leads: the motion list with the motion selected, the decision's record,
the meeting editor, the slate editor, the associations' report, the motion statistics.

The motion list and the 三重一大 register are the main window's (one of each, raised again when
open): asked of the host window when it has them, else opened here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QWidget

from models.services.dashboard.contracts import Target, TargetKind
from views.error_presenter import show_error

if TYPE_CHECKING:
    from models.services.common.context import AppContext
    from models.services.people.contracts import TermRow
    from views.background import Runner
    from views.decisions.decision_list import DecisionList
    from views.motions.motion_list import MotionList


class TargetOpener:
    """Opens targets for `window`; `host` is the main window when there is one."""

    def __init__(self, window: QWidget, runner: Runner, ctx: AppContext) -> None:
        self.window, self.runner, self.ctx = window, runner, ctx
        self.last: QWidget | None = None  # the window the last click opened (for tests)
        self.on_rule: Callable[[str], None] | None = None  # a rule of the dashboard itself

    @property
    def host(self) -> QWidget:
        return self.window.parentWidget() or self.window

    def open(self, target: Target) -> None:
        kind = target.kind
        if kind is TargetKind.MOTION and target.id is not None:
            motions = self.motion_list()
            if motions is not None:
                motions.select_motion(target.id)
        elif kind is TargetKind.MOTION_STATISTICS:
            motions = self.motion_list()
            if motions is not None:
                self._shown(motions.open_statistics())
        elif kind is TargetKind.DECISION and target.id is not None:
            decisions = self.decision_list()
            if decisions is not None:
                self._shown(decisions.show_decision(target.id))
        elif kind in (TargetKind.MEETING, TargetKind.SLATE) and target.body is not None:
            self._with_term(target)
        elif kind is TargetKind.REGISTER and target.register is not None:
            self._register(target)
        elif kind is TargetKind.RULE and target.rule_id and self.on_rule is not None:
            self.on_rule(target.rule_id)
        elif kind is TargetKind.ASSOCIATION_REPORT:
            self._association_report(target.year)

    def _shown(self, window: QWidget | None) -> None:
        if window is not None:
            self.last = window

    def motion_list(self) -> MotionList | None:
        opener = getattr(self.host, "open_motions", None)
        if opener is not None:
            found: MotionList | None = opener()
        else:
            from views.motions.motion_list import MotionList

            found = next(iter(self.window.findChildren(MotionList)), None)
            if found is None:
                found = MotionList(self.runner, self.ctx, parent=self.window)
            found.show()
            found.raise_()
        self._shown(found)
        return found

    def decision_list(self) -> DecisionList | None:
        opener = getattr(self.host, "open_decisions", None)
        if opener is not None:
            found: DecisionList | None = opener()
            return found
        from views.decisions.decision_list import DecisionList

        window = next(iter(self.window.findChildren(DecisionList)), None)
        if window is None:
            window = DecisionList(self.runner, self.ctx, parent=self.window)
        window.show()
        return window

    def _with_term(self, target: Target) -> None:
        """The meeting and slate editors work on a term: read it, then open."""
        from views.ops import people as people_ops

        ctx, body = self.ctx, target.body
        assert body is not None
        self.runner.submit(
            lambda: people_ops.terms(ctx, kind=body, association=None),
            on_done=lambda terms: self._open_in_term(target, terms),
            on_error=lambda error: show_error(self.window, error),
        )

    def _open_in_term(self, target: Target, terms: list[TermRow]) -> None:
        term = next((t for t in terms if t.id == target.term_id), None)
        if term is None and target.body is not None and target.term_id is None:
            term = next((t for t in terms if t.status.value == "current"), None)
        if term is None or target.body is None:
            return
        if target.kind is TargetKind.MEETING:
            self._meeting(target, term)
        else:
            from views.slates.slate_editor import SlateEditor

            editor = SlateEditor(
                self.runner, self.ctx, kind=target.body, term=term, parent=self.host
            )
            editor.show()
            self._shown(editor)

    def _meeting(self, target: Target, term: TermRow) -> None:
        from views.meetings.meeting_editor import MeetingEditor

        editor: Any = next(
            (e for e in self.host.findChildren(MeetingEditor) if e.meeting_id == target.id), None
        )
        if editor is None:
            assert target.body is not None
            editor = MeetingEditor(
                self.runner,
                self.ctx,
                kind=target.body,
                term=term,
                meeting_id=target.id,
                parent=self.window,
            )
        elif not editor.isVisible():
            editor.load()
        editor.show()
        editor.raise_()
        editor.activateWindow()
        self._shown(editor)

    def _register(self, target: Target) -> None:
        """The registers window (the main window's), on the register's tab, the record selected."""
        assert target.register is not None
        opener = getattr(self.host, "open_registers", None)
        if opener is not None:
            window: Any = opener()
        else:
            from views.organisation.registers_window import RegistersWindow

            window = next(iter(self.window.findChildren(RegistersWindow)), None)
            if window is None:
                window = RegistersWindow(self.runner, self.ctx, parent=self.window)
            window.show()
        if window is None:
            return
        panel = window.show_register(target.register)
        if target.id is not None:
            if panel.model.row_of(target.id) >= 0:
                panel.select(target.id)
            else:  # not loaded yet: selected when it is
                panel.select_id = target.id
        window.raise_()
        window.activateWindow()
        self._shown(window)

    def _association_report(self, year: int | None) -> None:
        from datetime import date

        from views.meetings.association_report import AssociationReport

        shown = year or date.today().year
        report = next(iter(self.window.findChildren(AssociationReport)), None)
        if report is None:
            report = AssociationReport(self.runner, self.ctx, year=shown, parent=self.window)
        else:
            report.year.setValue(shown)
        report.show()
        report.raise_()
        self._shown(report)
