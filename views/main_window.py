"""The main window: bodies on the left, the shown roster on the right, actions on top."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMenu,
    QSplitter,
    QTreeWidgetItem,
    QWidget,
)

from models.domain.vocabulary import Association, BodyKind, body_has_terms
from views.accounts.main_session import MainSession
from views.accounts.session import SignInGate
from views.background import Runner
from views.error_presenter import describe, show_error
from views.main_actions import MainActions
from views.motions.due_notice import DueNotice, FollowUpNotice
from views.navigation import Navigation
from views.qt_values import USER_ROLE

# QMessageBox is imported where a box is shown: PySide makes a class, with all its enums, on first
# use (~0.6-1 ms), and no box shows before the frame's first paint.
if TYPE_CHECKING:
    from models.services.audit.contracts import ChainCheck
    from models.services.common.changes import Changes
    from models.services.common.context import AppContext
    from models.services.people.contracts import FirstRoster, PersonRow
    from views.audit.audit_window import AuditWindow
    from views.meetings.meeting_list import MeetingList
    from views.motions.motion_list import MotionList
    from views.roster.roster_panel import RosterPanel
    from views.settings.first_run import FirstRunDialog

# A body as the navigation names it: its kind and, for a special association, which one.
Body = tuple[BodyKind, Association | None]

SLATE_BODIES = (BodyKind.CONGRESS, BodyKind.PRESIDIUM, BodyKind.EXECUTIVE_COUNCIL)
SPLITTER_SIZES = [220, 980]  # the navigation, the roster
# How long a window shown with only its frame waits for its first paint before completing anyway.
FRAME_WAIT_MS = 1000


def _holds_meetings(kind: BodyKind) -> bool:
    # The meetings' vocabulary (a dozen enums) is imported once a body is shown, not before the
    # frame's first paint.
    from models.domain.meeting_vocabulary import MEETING_BODIES

    return kind in MEETING_BODIES


class _FirstPaint(QObject):
    """Calls `action` once: at the first paint of a watched widget, after that paint is done
    (queued), or when `fire` is called first."""

    def __init__(self, parent: QObject, action: Callable[[], object]) -> None:
        super().__init__(parent)
        self._action: Callable[[], object] | None = action

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self._action is not None and event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, self.fire)
        return False

    def fire(self) -> None:
        action, self._action = self._action, None
        if action is not None:
            self.deleteLater()  # and with it the event filters
            action()


class MainWindow(MainActions, MainSession, QMainWindow):
    database_ready = Signal()
    database_failed = Signal(str)
    completed = Signal()  # the roster panel is there (see `complete`)
    # Shown over the window while a database without the federation's profile is open.
    first_run: FirstRunDialog | None = None
    awaiting_first_roster = False
    roster: RosterPanel
    is_complete = False

    def __init__(
        self,
        runner: Runner,
        *,
        user: str,
        interactive: bool = True,
        parent: QWidget | None = None,
        complete: bool = True,
    ) -> None:
        """With `complete=False` only the frame is built — menus, toolbar, navigation, status
        bar — and `complete()` adds the roster panel: desktop/gui.py paints the frame first."""
        super().__init__(parent)
        self.runner = runner
        # False in smoke mode: nothing may wait for a click.
        self.interactive = interactive
        self.user = user
        # The database, the clerk and the resource paths; None until the lane has opened them.
        self.ctx: AppContext | None = None
        self.setWindowTitle(self.tr("议事 — 区残联秘书处工作台"))
        self.setAccessibleName(self.tr("议事主窗口"))

        self.navigation = Navigation()
        self._splitter = splitter = QSplitter()
        splitter.addWidget(self.navigation)
        splitter.addWidget(QWidget())  # the roster panel's place, until `complete`
        splitter.setStretchFactor(1, 1)
        splitter.setSizes(SPLITTER_SIZES)
        self.setCentralWidget(splitter)

        self.database_label = QLabel(self.tr("正在打开数据库…"))
        self.database_label.setAccessibleName(self.tr("数据库"))
        self.user_label = QLabel(self.tr("操作人：%1").replace("%1", user))
        self.user_label.setAccessibleName(self.tr("操作人"))
        self.statusBar().addWidget(self.database_label, 1)
        self.due_notice = DueNotice()
        self.statusBar().addPermanentWidget(self.due_notice)
        self.follow_up_notice = FollowUpNotice()
        self.statusBar().addPermanentWidget(self.follow_up_notice)
        self.statusBar().addPermanentWidget(self.user_label)

        self._build_actions()
        self._add_audit_action()
        self._build_account_actions()
        self.due_notice.clicked.connect(self.open_motions)
        self.follow_up_notice.clicked.connect(self.open_overdue_follow_ups)
        self.runner.busy_changed.connect(self._on_busy)
        self._update_actions()
        if complete:
            self.complete()

    def complete(self) -> None:
        """The roster panel in its place, and what needs it. Imported and built here (with
        PySide's `Qt` namespace, views/qt_values.py) so that the frame can paint before; the
        database opens after this (`open_database`)."""
        if self.is_complete:
            return
        from views.roster.roster_panel import RosterPanel

        self.roster = RosterPanel(self.runner)
        # Once shown, the sizes the frame painted with are kept (the panel would widen the
        # navigation otherwise); before, those it will be laid out from.
        sizes = self._splitter.sizes() if self.isVisible() else SPLITTER_SIZES
        placeholder = self._splitter.replaceWidget(1, self.roster)
        if placeholder is not None:
            placeholder.deleteLater()
        self._splitter.setStretchFactor(1, 1)  # kept in the widget's size policy: the new one's
        self._splitter.setSizes(sizes)
        self.navigation.finish()
        self.navigation.body_chosen.connect(self._on_body_chosen)
        self.roster.selection_changed.connect(self._update_actions)
        self.roster.table.doubleClicked.connect(lambda _index: self.edit_person())
        self.roster.roster_shown.connect(lambda _n: self._update_actions())
        self.roster.load_failed.connect(self._on_load_failed)
        self.runner.data_changed.connect(self._on_data_changed)
        self.setTabOrder(self.navigation, self.roster.term_box)
        self.is_complete = True
        self._update_actions()
        self.completed.emit()

    def complete_after_first_paint(self, then: Callable[[], object]) -> None:
        """Shown with only its frame: `complete()` and `then()` once the frame has painted (or
        after FRAME_WAIT_MS, should no paint come: a window started minimised)."""

        def complete_then() -> None:
            self.complete()
            then()

        watch = _FirstPaint(self, complete_then)
        for widget in (self, self._splitter):
            widget.installEventFilter(watch)
        QTimer.singleShot(FRAME_WAIT_MS, watch.fire)

    # --- actions ------------------------------------------------------------------------------

    def _update_actions(self) -> None:
        ready = self.ctx is not None
        entry = self.roster.current_entry() if ready else None
        has_term = (
            ready and not self.roster.is_registry() and self.roster.current_term() is not None
        )
        self.add_person_action.setEnabled(ready)
        self.edit_person_action.setEnabled(entry is not None)
        self.reveal_action.setEnabled(entry is not None)
        self.add_member_action.setEnabled(has_term)
        open_membership = (
            entry is not None
            and entry.membership_id is not None
            and entry.status is not None
            and entry.status.value != "ended"
        )
        self.end_member_action.setEnabled(open_membership)
        self.edit_member_action.setEnabled(open_membership)
        self.import_roster_action.setEnabled(has_term)
        self.profile_action.setEnabled(ready)
        self.refresh_action.setEnabled(ready)
        self.motions_action.setEnabled(ready)
        body = self.roster.current_body() if ready else None
        self.slate_action.setEnabled(has_term and body is not None and body[0] in SLATE_BODIES)
        self.meetings_action.setEnabled(has_term and body is not None and _holds_meetings(body[0]))
        # A body's terms are managed even when it has none yet: that is how the first one opens.
        self.terms_action.setEnabled(
            ready and not self.roster.is_registry() and body is not None and body_has_terms(body[0])
        )
        self.units_action.setEnabled(has_term and body is not None and body[0] is BodyKind.CONGRESS)
        self._apply_roles()

    # --- database ---------------------------------------------------------------------------------

    def open_database(
        self,
        opener: Callable[[], AppContext | SignInGate],
        first_roster: Callable[[], FirstRoster | None] | None = None,
    ) -> None:
        """Runs `opener` on the lane (it imports the data layer, opens and migrates); a gate
        when the database requires sign-in. With `first_roster`, the lane first reads the first
        roster through the driver (None when it steps aside) and the window shows it while the
        data layer loads."""
        self.complete()
        if first_roster is None:
            self.runner.submit(opener, on_done=self._on_opened, on_error=self._on_open_failed)
            return

        def then_open(first: FirstRoster | None) -> None:
            if first is not None:
                self._show_first_roster(first)
            self.runner.submit(opener, on_done=self._on_opened, on_error=self._on_open_failed)

        self.runner.submit(first_roster, on_done=then_open, on_error=lambda _error: then_open(None))

    def _show_first_roster(self, first: FirstRoster) -> None:
        """The first body's roster, unless the clerk has chosen another body already (or the
        database opened meanwhile)."""
        item, current = self.navigation.topLevelItem(0), self.navigation.currentItem()
        if self.ctx is not None or item is None:
            return
        # The view makes its first item current when it takes the focus; any other is a choice.
        if current is not None and self.navigation.indexOfTopLevelItem(current) != 0:
            return
        if item.data(0, USER_ROLE) != (first.kind, None):
            return
        self.navigation.blockSignals(True)
        self.navigation.setCurrentItem(item)
        self.navigation.blockSignals(False)
        self.roster.show_first(first, item.text(0))

    def _on_opened(self, opened: AppContext | SignInGate) -> None:
        if isinstance(opened, SignInGate):  # nothing is read before someone signs in
            self.roster.drop_first()
            self._ask_sign_in(opened)
            return
        from views.ops import settings as settings_ops

        ctx = self.ctx = opened
        self._show_account(ctx)
        may_see_rosters = ctx.refusal("people.read") is None
        current = self.navigation.currentItem()
        # The first roster read before the database opened is the one to show, when it still is.
        kept = may_see_rosters and current is not None and self.roster.take_first()
        if not kept:
            self.roster.drop_first()
        if may_see_rosters:
            self.roster.set_context(ctx)
        self.database_label.setText(self.tr("数据库：%1").replace("%1", ctx.database_label))
        self.database_ready.emit()
        self.runner.submit(
            lambda: settings_ops.font_preset(ctx),
            on_done=self._show_font_preset,
            on_error=lambda error: show_error(self, error),
        )
        if kept:
            QTimer.singleShot(0, self._first_roster_done)
        else:
            # The motion feature loads after the first roster is up, never before it.
            if not self.awaiting_first_roster:  # signed in again before the last one came
                self.awaiting_first_roster = True
                self.roster.roster_shown.connect(self._after_first_roster)
                self.roster.load_failed.connect(self._after_first_roster)
            if not may_see_rosters:
                self._show_no_roster(ctx)
            elif current is None:
                first = self.navigation.topLevelItem(0)
                if first is not None:
                    self.navigation.setCurrentItem(first)
            else:
                self._on_body_chosen(*self._body_choice(current))
        self._update_actions()
        if self.interactive and ctx.refusal("federation.set_up") is None:
            self._offer_first_run(ctx)  # smoke mode waits for no one; only who may set it up

    def _offer_first_run(self, ctx: AppContext) -> None:
        """A database without the federation's profile asks for it, over the opened window."""
        from views.ops import federation as federation_ops

        self.runner.submit(
            lambda: federation_ops.profile(ctx),
            on_done=lambda profile: None if profile is not None else self._show_first_run(ctx),
            on_error=lambda error: self.statusBar().showMessage(describe(error), 10_000),
        )

    def _show_first_run(self, ctx: AppContext) -> None:
        from views.settings.first_run import FirstRunDialog

        dialog = FirstRunDialog(self.runner, ctx, parent=self)
        # The demo's bodies have terms now: show the chosen body's afresh, terms and all — after
        # the reload the Runner's data_changed starts, which would drop a terms list loading.
        dialog.demo_built.connect(lambda: QTimer.singleShot(0, self._show_current_body))
        self.first_run = dialog
        dialog.open()

    def _show_current_body(self) -> None:
        current = self.navigation.currentItem()
        if current is not None:
            self._on_body_chosen(*self._body_choice(current))

    def _after_first_roster(self, _rows_or_error: object) -> None:
        self.awaiting_first_roster = False
        self.roster.roster_shown.disconnect(self._after_first_roster)
        self.roster.load_failed.disconnect(self._after_first_roster)
        self._first_roster_done()

    def _first_roster_done(self) -> None:
        # Queued, so that whoever else waits for the first roster sees it before this starts.
        QTimer.singleShot(0, self._load_due_notice)
        QTimer.singleShot(0, self._load_follow_up_notice)
        QTimer.singleShot(0, self._daily_backup)
        QTimer.singleShot(0, self._check_audit_chain)

    def _daily_backup(self) -> None:
        """The automatic backup set to daily, once a day, on the lane; a problem is a status note."""
        if self.ctx is None:
            return
        from views.ops import backup as backup_ops

        ctx = self.ctx
        self.runner.submit(
            lambda: backup_ops.run_if_due(ctx, moment="start"),
            on_done=self._backed_up,
            on_error=lambda error: self.statusBar().showMessage(
                self.tr("自动备份未完成：%1").replace("%1", describe(error)), 30_000
            ),
        )

    def _backed_up(self, path: object) -> None:
        if path is not None:
            self.statusBar().showMessage(
                self.tr("已自动备份到 %1").replace("%1", str(path)), 10_000
            )

    def _backup_on_exit(self) -> None:
        """The automatic backup set to "on exit": after the lane is idle, with a short busy note.
        A folder that cannot be reached is said (the window is closing), never a crash."""
        if self.ctx is None:
            return
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QApplication

        from views.ops import backup as backup_ops

        self.statusBar().showMessage(self.tr("正在自动备份…"))
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        QApplication.processEvents()
        problem = None
        try:
            backup_ops.run_if_due(self.ctx, moment="exit")
        except Exception as error:  # the window closes whatever happens to the backup
            problem = describe(error)
        finally:
            QApplication.restoreOverrideCursor()
        if problem is not None:
            self.statusBar().showMessage(self.tr("自动备份未完成：%1").replace("%1", problem))
            if self.interactive:
                from PySide6.QtWidgets import QMessageBox

                QMessageBox.warning(self, self.tr("自动备份未完成"), problem)

    def _load_due_notice(self) -> None:
        """Overdue and due-soon motions, counted on the lane; shown in the status bar, no dialog."""
        if self.ctx is None:
            return
        from views.ops import motions as motion_ops

        ctx = self.ctx
        self.runner.submit(
            lambda: motion_ops.due_counts(ctx),
            on_done=self.due_notice.show_counts,
            on_error=lambda error: self.statusBar().showMessage(describe(error), 10_000),
        )

    def _load_follow_up_notice(self) -> None:
        """三重一大 follow-ups past or near their due date, beside the motions' notice."""
        if self.ctx is None or self.ctx.refusal("decisions.read") is not None:
            return
        from views.ops import decisions as decision_ops

        ctx = self.ctx
        self.runner.submit(
            lambda: decision_ops.follow_up_due(ctx),
            on_done=self.follow_up_notice.show_counts,
            on_error=lambda error: self.statusBar().showMessage(describe(error), 10_000),
        )

    def open_overdue_follow_ups(self) -> None:
        window = self.open_decisions()
        if window is not None:
            window.show_overdue_follow_ups()

    def _body_choice(self, item: QTreeWidgetItem) -> tuple[Body | None, str]:
        data = item.data(0, USER_ROLE)
        return (None if data == "registry" else data), item.text(0)

    def _on_open_failed(self, error: BaseException) -> None:
        self.roster.drop_first()
        text = describe(error)
        self.database_label.setText(self.tr("数据库无法打开"))
        self.database_failed.emit(text)
        if self.interactive:
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.critical(self, self.tr("无法打开数据库"), text)

    def _on_load_failed(self, text: str) -> None:
        self.statusBar().showMessage(text, 10_000)

    def _on_body_chosen(self, body: Body | None, title: str) -> None:
        self.roster.show_body(body, title)
        self._update_actions()

    def _on_data_changed(self, changes: Changes, _initiator: object) -> None:
        if changes.people or changes.memberships or changes.terms:
            self.roster.reload()
        if changes.motions:
            self._load_due_notice()
        if changes.decisions:
            self._load_follow_up_notice()

    def _on_busy(self, busy: bool) -> None:
        if busy:
            self.statusBar().showMessage(self.tr("正在处理…"))
        else:
            self.statusBar().clearMessage()

    # --- user actions -----------------------------------------------------------------------------

    def add_person(self) -> None:
        if self.ctx is None:
            return
        from views.people.person_dialog import PersonDialog

        PersonDialog(self.runner, self.ctx, parent=self).exec()

    def edit_person(self) -> None:
        entry, ctx = self.roster.current_entry(), self.ctx
        if entry is None or ctx is None or not self.edit_person_action.isEnabled():
            return
        from views.ops import people as people_ops
        from views.people.person_dialog import PersonDialog

        def edit(person: PersonRow) -> None:
            PersonDialog(self.runner, ctx, person, self).exec()

        person_id = entry.person_id
        self.runner.submit(
            lambda: people_ops.person(ctx, person_id=person_id),
            on_done=edit,
            on_error=lambda error: show_error(self, error),
        )

    def add_member(self) -> None:
        body, term = self.roster.current_body(), self.roster.current_term()
        if body is None or term is None or self.ctx is None:
            return
        from views.people.membership_dialog import MembershipDialog

        kind: BodyKind = body[0]
        MembershipDialog(
            self.runner,
            self.ctx,
            kind=kind,
            body_name=self.roster.title.text(),
            term=term,
            parent=self,
        ).exec()

    def end_member(self) -> None:
        entry = self.roster.current_entry()
        if entry is None or entry.membership_id is None or self.ctx is None:
            return
        from views.people.membership_dialog import EndMembershipDialog

        dialog = EndMembershipDialog(self.runner, self.ctx, entry, self)
        dialog.found_stale.connect(self.roster.reload)
        dialog.exec()

    def edit_member(self) -> None:
        entry = self.roster.current_entry()
        if entry is None or entry.membership_id is None or self.ctx is None:
            return
        from views.people.membership_dialog import EditMembershipDialog

        EditMembershipDialog(self.runner, self.ctx, entry, parent=self).exec()

    def import_roster(self) -> None:
        body, term = self.roster.current_body(), self.roster.current_term()
        if body is None or term is None or self.ctx is None:
            return
        from views.people.roster_import_dialog import RosterImportDialog

        RosterImportDialog(
            self.runner, self.ctx, kind=body[0], association=body[1], term=term, parent=self
        ).exec()

    def manage_terms(self) -> None:
        body = self.roster.current_body()
        if body is None or self.ctx is None or not body_has_terms(body[0]):
            return
        from views.terms.terms_dialog import TermsDialog

        TermsDialog(
            self.runner,
            self.ctx,
            kind=body[0],
            association=body[1],
            body_name=self.roster.title.text(),
            parent=self,
        ).exec()

    def manage_units(self) -> None:
        body, term = self.roster.current_body(), self.roster.current_term()
        if body is None or term is None or body[0] is not BodyKind.CONGRESS or self.ctx is None:
            return
        from views.terms.units_dialog import UnitsDialog

        UnitsDialog(self.runner, self.ctx, term=term, parent=self).exec()

    def edit_profile(self) -> None:
        if self.ctx is None:
            return
        from views.settings.profile_dialog import ProfileDialog

        ProfileDialog(self.runner, self.ctx, parent=self).exec()

    def open_slate_editor(self) -> None:
        body, term = self.roster.current_body(), self.roster.current_term()
        if body is None or term is None or body[0] not in SLATE_BODIES or self.ctx is None:
            return
        from views.slates.slate_editor import SlateEditor

        editor = SlateEditor(self.runner, self.ctx, kind=body[0], term=term, parent=self)
        editor.show()

    def open_meetings(self) -> MeetingList | None:
        body, term, ctx = self.roster.current_body(), self.roster.current_term(), self.ctx
        if body is None or term is None or not _holds_meetings(body[0]) or ctx is None:
            return None
        from views.meetings.meeting_list import MeetingList

        window = next(
            (w for w in self.findChildren(MeetingList) if w.kind is body[0] and w.term == term),
            None,
        )
        if window is None:
            window = MeetingList(self.runner, ctx, kind=body[0], term=term, parent=self)
        window.show()
        window.raise_()
        return window

    def open_motions(self) -> MotionList | None:
        if self.ctx is None:
            return None
        from views.motions.motion_list import MotionList

        window = next(iter(self.findChildren(MotionList)), None)
        if window is None:
            window = MotionList(self.runner, self.ctx, parent=self)
        window.show()
        window.raise_()
        return window

    # --- 操作记录 (issue 15) -------------------------------------------------------------------

    def _add_audit_action(self) -> None:
        """查看 → 操作记录 (Ctrl+Shift+L), once the database is open and the account may read it."""
        self.audit_action = self._action(
            self.tr("操作记录"),
            "Ctrl+Shift+L",
            self.open_audit,
            self.tr("谁在何时做了什么：筛选、对照修改前后、导出、核验哈希链"),
        )
        self.audit_action.setEnabled(False)
        self.database_ready.connect(self._enable_audit_action)
        view_menu = next(
            a.menu() for a in self.menuBar().actions() if a.text() == self.tr("查看(&V)")
        )
        assert isinstance(view_menu, QMenu)
        view_menu.addSeparator()
        view_menu.addAction(self.audit_action)

    def _enable_audit_action(self) -> None:
        refused = self.ctx.refusal("audit.read") if self.ctx is not None else None
        self.audit_action.setEnabled(refused is None)
        if refused is not None:
            self.audit_action.setToolTip(refused)

    def open_audit(self) -> AuditWindow | None:
        if self.ctx is None or self.ctx.refusal("audit.read") is not None:
            return None
        from views.audit.audit_window import AuditWindow

        window = next(iter(self.findChildren(AuditWindow)), None)
        if window is None:
            window = AuditWindow(self.runner, self.ctx, parent=self)
        window.show()
        window.raise_()
        return window

    def _check_audit_chain(self) -> None:
        """The start-up check, on the lane after the first roster: a broken chain is a lasting
        warning in the status bar, saying where to look."""
        ctx = self.ctx
        if ctx is None or ctx.refusal("audit.read") is not None:
            return
        from views.ops import audit as audit_ops

        self.runner.submit(
            lambda: audit_ops.verify(ctx),
            on_done=self._audit_chain_checked,
            on_error=lambda error: self.statusBar().showMessage(describe(error), 10_000),
        )

    def _audit_chain_checked(self, check: ChainCheck) -> None:
        from models.domain.messages import message

        self.audit_chain = check
        if check.ok:
            return
        warning = QLabel(
            self.tr("操作记录的哈希链断了（第 %1 条起）：请打开 查看 → 操作记录 → 核验").replace(
                "%1", str(check.first_bad_id)
            )
        )
        warning.setStyleSheet("color: #c0392b; font-weight: bold;")
        warning.setAccessibleName(self.tr("操作记录核验警告"))
        warning.setToolTip(message(check.reason, check.params))
        self.audit_warning = warning
        self.statusBar().addPermanentWidget(warning)

    def reveal_id(self) -> None:
        entry, ctx = self.roster.current_entry(), self.ctx
        if entry is None or ctx is None:
            return
        from PySide6.QtWidgets import QMessageBox

        answer = QMessageBox.question(
            self,
            self.tr("查看完整身份证号"),
            self.tr("查看%1的完整身份证号将记入操作日志。继续吗？").replace("%1", entry.name),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        from views.ops import people as people_ops

        person_id, name = entry.person_id, entry.name
        self.runner.submit_command(
            lambda: people_ops.reveal_id_number(ctx, person_id=person_id),
            on_done=lambda number: self._show_revealed(name, number),
            on_error=lambda error: show_error(self, error),
        )

    def _show_revealed(self, name: str, number: str) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(
            QMessageBox.Icon.Information,
            self.tr("完整身份证号"),
            f"{name}：{number}",
            QMessageBox.StandardButton.Ok,
            self,
        )
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.exec()

    def closeEvent(self, event: QCloseEvent) -> None:
        # The windows opened from here (meetings, slates) first ask about their unsaved work.
        for child in self.findChildren(QWidget):
            if child.isWindow() and child.isVisible() and not child.close():
                event.ignore()
                return
        self.runner.wait_idle(10_000)
        self._backup_on_exit()
        if self.ctx is not None:
            self.ctx.close()
        elif self.gate is not None and self.gate.db is not None:  # signed out, or never in
            self.gate.db.engine.dispose()
        super().closeEvent(event)
