"""组织建设台账: the registers a clerk keeps of the federation's organisation (issue 17), one tab
each — 干部, 联系点, 走访记录, 基层组织 (the organisations above, the selected one's officers
below), 温馨家园, 村和社区, 人口数据, 街乡镇."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QGroupBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from models.services.organisation.contracts import REGISTER_NAMES, Register
from views.background import Runner
from views.organisation.register_panel import RegisterPanel

if TYPE_CHECKING:
    from models.services.common.context import AppContext

TAB_ORDER = (
    Register.CADRES,
    Register.CONTACTS,
    Register.VISITS,
    Register.ORGANISATIONS,
    Register.HOMES,
    Register.PLACES,
    Register.POPULATION,
    Register.TOWNSHIPS,
)


class RegistersWindow(QWidget):
    def __init__(self, runner: Runner, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.runner, self.ctx = runner, ctx
        self.setWindowTitle(self.tr("组织建设台账"))
        self.setAccessibleName(self.windowTitle())
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("台账"))
        self.panels: dict[Register, RegisterPanel] = {}
        for register in TAB_ORDER:
            panel = RegisterPanel(runner, ctx, register)
            self.panels[register] = panel
            if register is Register.ORGANISATIONS:
                self.tabs.addTab(self._organisations_tab(panel), REGISTER_NAMES[register])
            else:
                self.tabs.addTab(panel, REGISTER_NAMES[register])
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        # Ctrl+PgDown / Ctrl+PgUp move between the registers (QTabWidget's own keys), and
        # Ctrl+1 … Ctrl+8 go straight to one.
        for number in range(1, len(TAB_ORDER) + 1):
            shortcut = QShortcut(QKeySequence(f"Ctrl+{number}"), self)
            shortcut.activated.connect(lambda n=number: self.tabs.setCurrentIndex(n - 1))
        self.resize(1180, 640)
        for panel in self.panels.values():
            panel.load()

    def _organisations_tab(self, organisations: RegisterPanel) -> QWidget:
        officers = RegisterPanel(
            self.runner,
            self.ctx,
            Register.OFFICERS,
            shortcuts=False,
            parent_key="organisation_id",
        )
        self.panels[Register.OFFICERS] = officers
        self.officers_box = QGroupBox(self.tr("所选组织的成员"))

        def follow() -> None:
            organisation = organisations.selected()
            officers.set_parent_record(getattr(organisation, "id", None))
            self.officers_box.setTitle(
                self.tr("%1的成员").replace("%1", organisation.name)
                if organisation is not None
                else self.tr("所选组织的成员")
            )

        organisations.selection_changed.connect(follow)
        box_layout = QVBoxLayout(self.officers_box)
        box_layout.addWidget(officers)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(organisations)
        splitter.addWidget(self.officers_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        return splitter

    def show_register(self, register: Register) -> RegisterPanel:
        panel = self.panels[register]
        if register is Register.OFFICERS:
            register = Register.ORGANISATIONS
        self.tabs.setCurrentIndex(TAB_ORDER.index(register))
        return panel
