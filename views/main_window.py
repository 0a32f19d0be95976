"""The main window: bodies on the left, the shown roster on the right, actions on top."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QToolBar,
    QWidget,
)

from models.domain.meeting_vocabulary import MEETING_BODIES
from models.domain.vocabulary import BodyKind
from views.background import Changes, Runner
from views.error_presenter import describe, show_error
from views.motions.due_notice import DueNotice
from views.navigation import Navigation
from views.roster.roster_panel import RosterPanel

SLATE_BODIES = (BodyKind.CONGRESS, BodyKind.PRESIDIUM, BodyKind.EXECUTIVE_COUNCIL)


class MainWindow(QMainWindow):
    database_ready = Signal()
    database_failed = Signal(str)

    def __init__(
        self, runner: Runner, *, user: str, interactive: bool = True, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        # False in smoke mode: nothing may wait for a click.
        self.interactive = interactive
        self.user = user
        self.backend: Any = None
        self.setWindowTitle(self.tr("议事 — 区残联秘书处工作台"))
        self.setAccessibleName(self.tr("议事主窗口"))

        self.navigation = Navigation()
        self.roster = RosterPanel(runner)
        splitter = QSplitter()
        splitter.addWidget(self.navigation)
        splitter.addWidget(self.roster)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([220, 980])
        self.setCentralWidget(splitter)

        self.database_label = QLabel(self.tr("正在打开数据库…"))
        self.database_label.setAccessibleName(self.tr("数据库"))
        self.user_label = QLabel(self.tr("操作人：%1").replace("%1", user))
        self.user_label.setAccessibleName(self.tr("操作人"))
        self.statusBar().addWidget(self.database_label, 1)
        self.due_notice = DueNotice()
        self.statusBar().addPermanentWidget(self.due_notice)
        self.statusBar().addPermanentWidget(self.user_label)

        self._build_actions()
        self.due_notice.clicked.connect(self.open_motions)
        self.navigation.body_chosen.connect(self._on_body_chosen)
        self.roster.selection_changed.connect(self._update_actions)
        self.roster.table.doubleClicked.connect(lambda _index: self.edit_person())
        self.roster.roster_shown.connect(lambda _n: self._update_actions())
        self.roster.load_failed.connect(self._on_load_failed)
        self.runner.data_changed.connect(self._on_data_changed)
        self.runner.busy_changed.connect(self._on_busy)
        self.setTabOrder(self.navigation, self.roster.term_box)
        self._update_actions()

    # --- actions ------------------------------------------------------------------------------

    def _action(
        self, text: str, shortcut: QKeySequence | str, slot: Callable[[], None], tip: str
    ) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(shortcut))
        action.setToolTip(
            f"{tip}（{QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText)}）"
        )
        action.setStatusTip(tip)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.add_person_action = self._action(
            self.tr("新增人员"), "Ctrl+N", self.add_person, self.tr("在人员库中登记一个新的人员")
        )
        self.edit_person_action = self._action(
            self.tr("编辑人员"), "Ctrl+E", self.edit_person, self.tr("修改所选人员的身份信息")
        )
        self.add_member_action = self._action(
            self.tr("加入本届"), "Ctrl+M", self.add_member, self.tr("把人员加入当前机构的所选届次")
        )
        self.end_member_action = self._action(
            self.tr("结束任职"),
            "Ctrl+D",
            self.end_member,
            self.tr("记录所选任职的结束日期、原因和依据，记录保留"),
        )
        self.reveal_action = self._action(
            self.tr("查看完整身份证号"),
            "Ctrl+I",
            self.reveal_id,
            self.tr("显示所选人员的完整身份证号（记入操作日志）"),
        )
        self.slate_action = self._action(
            self.tr("名单构成"),
            "Ctrl+K",
            self.open_slate_editor,
            self.tr("按改革方案的比例要求检查所选届次的名单，并试算调整"),
        )
        self.meetings_action = self._action(
            self.tr("会议"),
            "Ctrl+G",
            self.open_meetings,
            self.tr("所选机构本届（党组按年）的会议：议题、出席情况、纪要和打印"),
        )
        self.motions_action = self._action(
            self.tr("提案"),
            "Ctrl+T",
            self.open_motions,
            self.tr("主席团本届的提案：按状态、单位筛选，查看逾期，办理"),
        )
        self.refresh_action = self._action(
            self.tr("刷新"),
            QKeySequence.StandardKey.Refresh,
            self.roster.reload,
            self.tr("重新载入当前列表"),
        )
        self.quit_action = self._action(
            self.tr("退出"), QKeySequence.StandardKey.Quit, self.close, self.tr("关闭议事")
        )
        toolbar = QToolBar(self.tr("常用操作"))
        toolbar.setAccessibleName(self.tr("常用操作"))
        toolbar.setObjectName("main_toolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for action in (
            self.add_person_action,
            self.edit_person_action,
            self.add_member_action,
            self.end_member_action,
            self.reveal_action,
            self.meetings_action,
            self.motions_action,
            self.refresh_action,
        ):
            toolbar.addAction(action)
        self.addToolBar(toolbar)
        people_menu = self.menuBar().addMenu(self.tr("人员(&P)"))
        for action in (self.add_person_action, self.edit_person_action, self.reveal_action):
            people_menu.addAction(action)
        members_menu = self.menuBar().addMenu(self.tr("任职(&M)"))
        members_menu.addAction(self.add_member_action)
        members_menu.addAction(self.end_member_action)
        members_menu.addSeparator()
        members_menu.addAction(self.slate_action)
        meetings_menu = self.menuBar().addMenu(self.tr("会议(&G)"))
        meetings_menu.addAction(self.meetings_action)
        meetings_menu.addAction(self.motions_action)
        view_menu = self.menuBar().addMenu(self.tr("查看(&V)"))
        view_menu.addAction(self.refresh_action)
        find = self._action(
            self.tr("查找"),
            QKeySequence.StandardKey.Find,
            self.roster.focus_search,
            self.tr("把光标移到查找框"),
        )
        view_menu.addAction(find)
        file_menu = self.menuBar().addMenu(self.tr("文件(&F)"))
        self.fonts_menu = file_menu.addMenu(self.tr("Word 文书字体(&W)"))
        self.fonts_menu.setToolTip(
            self.tr("导出的 Word 文书使用哪一组字体名称，取决于办公电脑装了哪些字体")
        )
        self.font_actions = QActionGroup(self)
        for preset, text in (
            ("government", self.tr("政府机关电脑（仿宋_GB2312、楷体_GB2312、方正小标宋简体）")),
            ("stock", self.tr("Windows 自带字体（仿宋、黑体、楷体、宋体）")),
        ):
            action = self.fonts_menu.addAction(text)
            action.setCheckable(True)
            action.setData(preset)
            self.font_actions.addAction(action)
        self.font_actions.triggered.connect(self._choose_font_preset)
        self.fonts_menu.setEnabled(False)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)

    def _update_actions(self) -> None:
        ready = self.backend is not None
        entry = self.roster.current_entry() if ready else None
        has_term = (
            ready and not self.roster.is_registry() and self.roster.current_term() is not None
        )
        self.add_person_action.setEnabled(ready)
        self.edit_person_action.setEnabled(entry is not None)
        self.reveal_action.setEnabled(entry is not None)
        self.add_member_action.setEnabled(has_term)
        self.end_member_action.setEnabled(
            entry is not None
            and entry.membership_id is not None
            and entry.status is not None
            and entry.status.value != "ended"
        )
        self.refresh_action.setEnabled(ready)
        self.motions_action.setEnabled(ready)
        body = self.roster.current_body() if ready else None
        self.slate_action.setEnabled(has_term and body is not None and body[0] in SLATE_BODIES)
        self.meetings_action.setEnabled(has_term and body is not None and body[0] in MEETING_BODIES)

    # --- database ---------------------------------------------------------------------------------

    def open_database(self, opener: Callable[[], Any]) -> None:
        """Runs `opener` on the lane (it imports the data layer, opens and migrates)."""
        self.runner.submit(opener, on_done=self._on_opened, on_error=self._on_open_failed)

    def _on_opened(self, backend: Any) -> None:
        self.backend = backend
        self.roster.set_backend(backend)
        self.database_label.setText(self.tr("数据库：%1").replace("%1", backend.database_label))
        self.database_ready.emit()
        self.runner.submit(
            backend.font_preset,
            on_done=self._show_font_preset,
            on_error=lambda error: show_error(self, error),
        )
        self._load_due_notice()
        if self.navigation.currentItem() is None:
            self.navigation.setCurrentItem(self.navigation.topLevelItem(0))
        else:
            self._on_body_chosen(*self._current_body_choice())
        self._update_actions()

    def _load_due_notice(self) -> None:
        """Overdue and due-soon motions, counted on the lane; shown in the status bar, no dialog."""
        backend = self.backend
        if backend is None:
            return
        self.runner.submit(
            backend.due_counts,
            on_done=self.due_notice.show_counts,
            on_error=lambda error: self.statusBar().showMessage(describe(error), 10_000),
        )

    def _show_font_preset(self, preset: str) -> None:
        for action in self.font_actions.actions():
            action.setChecked(action.data() == preset)
        self.fonts_menu.setEnabled(True)

    def _choose_font_preset(self, action: QAction) -> None:
        preset = action.data()
        self.runner.submit(
            lambda: self.backend.set_font_preset(preset),
            on_done=lambda _none: self.statusBar().showMessage(
                self.tr("Word 文书字体已改为：%1").replace("%1", action.text()), 5000
            ),
            on_error=lambda error: show_error(self, error),
        )

    def _current_body_choice(self) -> tuple[Any, str]:
        item = self.navigation.currentItem()
        data = item.data(0, Qt.ItemDataRole.UserRole)
        return (None if data == "registry" else data), item.text(0)

    def _on_open_failed(self, error: BaseException) -> None:
        text = describe(error)
        self.database_label.setText(self.tr("数据库无法打开"))
        self.database_failed.emit(text)
        if self.interactive:
            QMessageBox.critical(self, self.tr("无法打开数据库"), text)

    def _on_load_failed(self, text: str) -> None:
        self.statusBar().showMessage(text, 10_000)

    def _on_body_chosen(self, body: Any, title: str) -> None:
        self.roster.show_body(body, title)
        self._update_actions()

    def _on_data_changed(self, changes: Changes, _initiator: object) -> None:
        if changes.people or changes.memberships or changes.terms:
            self.roster.reload()
        if changes.motions:
            self._load_due_notice()

    def _on_busy(self, busy: bool) -> None:
        if busy:
            self.statusBar().showMessage(self.tr("正在处理…"))
        else:
            self.statusBar().clearMessage()

    # --- user actions -----------------------------------------------------------------------------

    def add_person(self) -> None:
        from views.people.person_dialog import PersonDialog

        PersonDialog(self.runner, self.backend, parent=self).exec()

    def edit_person(self) -> None:
        entry = self.roster.current_entry()
        if entry is None:
            return
        from views.people.person_dialog import PersonDialog

        person_id = entry.person_id
        self.runner.submit(
            lambda: self.backend.person(person_id),
            on_done=lambda person: PersonDialog(self.runner, self.backend, person, self).exec(),
            on_error=lambda error: show_error(self, error),
        )

    def add_member(self) -> None:
        body, term = self.roster.current_body(), self.roster.current_term()
        if body is None or term is None:
            return
        from views.people.membership_dialog import MembershipDialog

        kind: BodyKind = body[0]
        MembershipDialog(
            self.runner,
            self.backend,
            kind=kind,
            body_name=self.roster.title.text(),
            term=term,
            parent=self,
        ).exec()

    def end_member(self) -> None:
        entry = self.roster.current_entry()
        if entry is None or entry.membership_id is None:
            return
        from views.people.membership_dialog import EndMembershipDialog

        EndMembershipDialog(self.runner, self.backend, entry, self).exec()

    def open_slate_editor(self) -> None:
        body, term = self.roster.current_body(), self.roster.current_term()
        if body is None or term is None or body[0] not in SLATE_BODIES:
            return
        from views.slates.slate_editor import SlateEditor

        editor = SlateEditor(self.runner, self.backend, kind=body[0], term=term, parent=self)
        editor.show()

    def open_meetings(self) -> Any:
        body, term = self.roster.current_body(), self.roster.current_term()
        if body is None or term is None or body[0] not in MEETING_BODIES:
            return None
        from views.meetings.meeting_list import MeetingList

        window = next(
            (w for w in self.findChildren(MeetingList) if w.kind is body[0] and w.term == term),
            None,
        )
        if window is None:
            window = MeetingList(self.runner, self.backend, kind=body[0], term=term, parent=self)
        window.show()
        window.raise_()
        return window

    def open_motions(self) -> Any:
        if self.backend is None:
            return None
        from views.motions.motion_list import MotionList

        window = next(iter(self.findChildren(MotionList)), None)
        if window is None:
            window = MotionList(self.runner, self.backend, parent=self)
        window.show()
        window.raise_()
        return window

    def reveal_id(self) -> None:
        entry = self.roster.current_entry()
        if entry is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("查看完整身份证号"),
            self.tr("查看%1的完整身份证号将记入操作日志。继续吗？").replace("%1", entry.name),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        person_id, name = entry.person_id, entry.name
        self.runner.submit(
            lambda: self.backend.reveal(person_id),
            on_done=lambda number: self._show_revealed(name, number),
            on_error=lambda error: show_error(self, error),
        )

    def _show_revealed(self, name: str, number: str) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Information,
            self.tr("完整身份证号"),
            f"{name}：{number}",
            QMessageBox.StandardButton.Ok,
            self,
        )
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.exec()

    def closeEvent(self, event: Any) -> None:
        # The windows opened from here (meetings, slates) first ask about their unsaved work.
        for child in self.findChildren(QWidget):
            if child.isWindow() and child.isVisible() and not child.close():
                event.ignore()
                return
        self.runner.wait_idle(10_000)
        if self.backend is not None:
            self.backend.close()
        super().closeEvent(event)
