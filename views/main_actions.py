"""The main window's actions, menus, toolbar and shortcuts, and the Word-font menu."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QToolBar,
)

from views.error_presenter import show_error
from views.qt_values import TOOL_BUTTON_TEXT_ONLY, set_shortcut

if TYPE_CHECKING:
    from PySide6.QtCore import Signal
    from PySide6.QtWidgets import QMainWindow

    from models.services.common.context import AppContext
    from views.background import Runner
    from views.dashboard.dashboard_window import DashboardWindow
    from views.decisions.decision_list import DecisionList
    from views.meetings.meeting_list import MeetingList
    from views.motions.motion_list import MotionList
    from views.organisation.registers_window import RegistersWindow
    from views.roster.roster_panel import RosterPanel

    # For the checker the mixin is the main window it is mixed into; at run time it stays a plain
    # class, so MainWindow's bases keep their order.
    _Host = QMainWindow
else:
    _Host = object


class MainActions(_Host):
    """Mixed into MainWindow: builds its actions; the slots they call live on the window."""

    if TYPE_CHECKING:
        # What the actions use of their host window (MainWindow sets or defines all of these).
        database_ready: ClassVar[Signal]
        runner: Runner
        ctx: AppContext | None
        roster: RosterPanel

        def add_person(self) -> None: ...
        def edit_person(self) -> None: ...
        def add_member(self) -> None: ...
        def end_member(self) -> None: ...
        def reveal_id(self) -> None: ...
        def edit_member(self) -> None: ...
        def import_roster(self) -> None: ...
        def manage_terms(self) -> None: ...
        def manage_units(self) -> None: ...
        def edit_profile(self) -> None: ...
        def open_slate_editor(self) -> None: ...
        def open_meetings(self) -> MeetingList | None: ...
        def open_motions(self) -> MotionList | None: ...

    def _action(
        self,
        text: str,
        shortcut: QKeySequence | QKeySequence.StandardKey | str,
        slot: Callable[[], object],
        tip: str,
    ) -> QAction:
        action = QAction(text, self)
        set_shortcut(action, QKeySequence(shortcut))
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
        self.edit_member_action = self._action(
            self.tr("编辑本届信息"),
            "Ctrl+Shift+M",
            self.edit_member,
            self.tr("修改所选任职的本届信息：残疾情况、选举单位、工作单位及职务等"),
        )
        self.import_roster_action = self._action(
            self.tr("导入在任名单…"),
            "Ctrl+Shift+I",
            self.import_roster,
            self.tr("从 Excel 名单导入所选届次的在任人员"),
        )
        self.terms_action = self._action(
            self.tr("届次管理…"),
            "Ctrl+Shift+T",
            self.manage_terms,
            self.tr("所选机构的各届：新建、选举结果、设为现任、更正日期"),
        )
        self.units_action = self._action(
            self.tr("选举单位与名额…"),
            "Ctrl+Shift+U",
            self.manage_units,
            self.tr("所选届代表大会的选举单位及各单位的名额"),
        )
        self.profile_action = self._action(
            self.tr("本会信息…"),
            "Ctrl+,",
            self.edit_profile,
            self.tr("本会全称、简称、地址等，以及现行规则文件"),
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
        self.decisions_action = self._action(
            self.tr("三重一大"),
            "Ctrl+J",
            self.open_decisions,
            self.tr("三重一大事项台账：必经程序、集体讨论、表态和执行情况"),
        )
        # Enabled once the database is open: the register needs it.
        self.decisions_action.setEnabled(False)
        self.database_ready.connect(lambda: self.decisions_action.setEnabled(True))
        self.registers_action = self._action(
            self.tr("组织建设台账…"),
            "Ctrl+Shift+O",
            self.open_registers,
            self.tr("干部、联系点和走访、基层组织、温馨家园、村和社区及人口数据、街乡镇"),
        )
        self.registers_action.setEnabled(False)  # the registers need the database
        self.database_ready.connect(lambda: self.registers_action.setEnabled(True))
        self.dashboard_action = self._action(
            self.tr("改革落实情况…"),
            "Ctrl+Shift+R",
            self.open_dashboard,
            self.tr("今天要办的事项，改革方案各项规则的落实情况和图表"),
        )
        self.dashboard_action.setEnabled(False)
        self.database_ready.connect(self._enable_dashboard_action)
        self.refresh_action = self._action(
            self.tr("刷新"),
            QKeySequence.StandardKey.Refresh,
            lambda: self.roster.reload(),  # the roster panel is built after the first paint
            self.tr("重新载入当前列表"),
        )
        self.quit_action = self._action(
            self.tr("退出"), QKeySequence.StandardKey.Quit, self.close, self.tr("关闭议事")
        )
        toolbar = QToolBar(self.tr("常用操作"))
        toolbar.setAccessibleName(self.tr("常用操作"))
        toolbar.setObjectName("main_toolbar")
        toolbar.setProperty("toolButtonStyle", TOOL_BUTTON_TEXT_ONLY)
        for action in (
            self.add_person_action,
            self.edit_person_action,
            self.add_member_action,
            self.end_member_action,
            self.reveal_action,
            self.slate_action,
            self.meetings_action,
            self.motions_action,
            self.decisions_action,
            self.dashboard_action,
            self.refresh_action,
        ):
            toolbar.addAction(action)
        self.addToolBar(toolbar)
        people_menu = self.menuBar().addMenu(self.tr("人员(&P)"))
        for action in (self.add_person_action, self.edit_person_action, self.reveal_action):
            people_menu.addAction(action)
        members_menu = self.menuBar().addMenu(self.tr("任职(&M)"))
        members_menu.addAction(self.add_member_action)
        members_menu.addAction(self.edit_member_action)
        members_menu.addAction(self.end_member_action)
        members_menu.addAction(self.import_roster_action)
        members_menu.addSeparator()
        members_menu.addAction(self.terms_action)
        members_menu.addAction(self.units_action)
        members_menu.addAction(self.slate_action)
        meetings_menu = self.menuBar().addMenu(self.tr("会议(&G)"))
        meetings_menu.addAction(self.meetings_action)
        meetings_menu.addAction(self.motions_action)
        meetings_menu.addAction(self.decisions_action)
        self.organisation_menu = self.menuBar().addMenu(self.tr("组织(&O)"))
        self.organisation_menu.addAction(self.registers_action)
        self.organisation_menu.addAction(self.dashboard_action)
        view_menu = self.menuBar().addMenu(self.tr("查看(&V)"))
        view_menu.addAction(self.refresh_action)
        find = self._action(
            self.tr("查找"),
            QKeySequence.StandardKey.Find,
            lambda: self.roster.focus_search(),
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
        settings_menu = self.menuBar().addMenu(self.tr("设置(&S)"))
        settings_menu.addAction(self.profile_action)
        self.auto_backup_action = settings_menu.addAction(self.tr("自动备份(&B)…"))
        self.auto_backup_action.setStatusTip(
            self.tr("退出时或每天自动备份数据库到指定文件夹（如 U 盘），保留最近几份")
        )
        self.auto_backup_action.triggered.connect(self.edit_auto_backup)

    def edit_auto_backup(self) -> None:
        """设置 → 自动备份…: where, when and how many (SQLite; PostgreSQL says the server does it)."""
        if self.ctx is None:
            return
        from views.settings.auto_backup_dialog import AutoBackupDialog

        AutoBackupDialog(self.runner, self.ctx, parent=self).open()

    def open_decisions(self) -> DecisionList | None:
        """The 三重一大 register; one window, raised again when already open."""
        if self.ctx is None:
            return None
        from views.decisions.decision_list import DecisionList

        window = next(iter(self.findChildren(DecisionList)), None)
        if window is None:
            window = DecisionList(self.runner, self.ctx, parent=self)
        window.show()
        window.raise_()
        return window

    def open_registers(self) -> RegistersWindow | None:
        """组织 → 组织建设台账; one window, raised again when already open."""
        if self.ctx is None:
            return None
        from views.organisation.registers_window import RegistersWindow

        window = next(iter(self.findChildren(RegistersWindow)), None)
        if window is None:
            window = RegistersWindow(self.runner, self.ctx, parent=self)
        window.show()
        window.raise_()
        return window

    def _enable_dashboard_action(self) -> None:
        refused = self.ctx.refusal("organisation.read") if self.ctx is not None else None
        self.dashboard_action.setEnabled(refused is None)
        if refused is not None:
            self.dashboard_action.setToolTip(refused)

    def open_dashboard(self) -> DashboardWindow | None:
        """改革落实情况; one window, raised again when already open."""
        if self.ctx is None or self.ctx.refusal("organisation.read") is not None:
            return None
        from views.dashboard.dashboard_window import DashboardWindow

        window = next(iter(self.findChildren(DashboardWindow)), None)
        if window is None:
            window = DashboardWindow(self.runner, self.ctx, parent=self)
        window.show()
        window.raise_()
        window.activateWindow()
        return window

    def _show_font_preset(self, preset: str) -> None:
        for action in self.font_actions.actions():
            action.setChecked(action.data() == preset)
        self.fonts_menu.setEnabled(True)

    def _choose_font_preset(self, action: QAction) -> None:
        ctx = self.ctx
        if ctx is None:
            return
        from views.ops import settings as settings_ops

        preset = action.data()
        self.runner.submit_command(
            lambda: settings_ops.set_font_preset(ctx, preset=preset),
            on_done=lambda _none: self.statusBar().showMessage(
                self.tr("Word 文书字体已改为：%1").replace("%1", action.text()), 5000
            ),
            on_error=lambda error: show_error(self, error),
        )
