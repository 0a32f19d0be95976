"""Driving the real window: choosing bodies and terms, reading the table, answering modal boxes."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QItemSelectionModel, Qt, QTimer
from PySide6.QtGui import QAccessible, QInputMethodEvent
from PySide6.QtWidgets import QAbstractButton, QApplication, QMessageBox, QWidget

from models.domain.vocabulary import ASSOCIATION_NAMES, BODY_NAMES, Association, BodyKind
from models.services.common.context import AppContext
from models.services.people.contracts import PeopleFilter, PersonRow, RosterEntry
from models.services.people.queries import get_person, list_people, list_terms, members_of_term
from views.main_window import MainWindow
from views.roster.roster_table_model import ENTRY_ROLE

CJK = "\u4e00-\u9fff"
SHOT_DIR_ENV = "YISHI_SHOT_DIR"


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def query(path: Path, sql: str, *params: Any) -> list[tuple[Any, ...]]:
    """Read the database file behind the window's back, on a connection of our own."""
    with closing(sqlite3.connect(path)) as connection:
        return connection.execute(sql, params).fetchall()


def body_of(name: str) -> tuple[BodyKind, Association | None]:
    """A body by the name the navigation shows (代表大会, 盲人协会 …)."""
    for kind, text in BODY_NAMES.items():
        if text == name:
            return kind, None
    for association, text in ASSOCIATION_NAMES.items():
        if text == name:
            return BodyKind.ASSOCIATION, association
    raise AssertionError(f"no body named {name!r}")


def type_text(qtbot: Any, widget: QWidget, text: str) -> None:
    """Type like a clerk: ASCII as key presses, Chinese as the input method commits it.

    QTest cannot press keys for characters outside Latin-1 (it aborts), and a real keyboard
    never does either: Chinese arrives as an input-method commit.
    """
    chunk = ""
    for char in text + "\0":
        if char != "\0" and char.isascii():
            chunk += char
            continue
        if chunk:
            qtbot.keyClicks(widget, chunk)
            chunk = ""
        if char != "\0":
            event = QInputMethodEvent()
            event.setCommitString(char)
            QApplication.sendEvent(widget, event)


def shot(widget: QWidget, name: str) -> None:
    """Save a screenshot when YISHI_SHOT_DIR is set, for a human to look at."""
    folder = os.environ.get(SHOT_DIR_ENV)
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(folder) / f"{name}.png"))


def unnamed_focusable(root: QWidget) -> list[str]:
    """Every widget the keyboard can reach under `root` whose accessible name is empty."""
    problems = []
    for widget in [root, *root.findChildren(QWidget)]:
        if widget.focusPolicy() == Qt.FocusPolicy.NoFocus:
            continue
        if not (widget is root or widget.isVisibleTo(root)):
            continue
        interface = QAccessible.queryAccessibleInterface(widget)
        name = interface.text(QAccessible.Text.Name) if interface is not None else ""
        if not name.strip():
            problems.append(
                f"{type(widget).__name__} objectName={widget.objectName()!r} "
                f"parent={type(widget.parent()).__name__}"
            )
    return problems


@dataclass
class WindowHarness:
    qtbot: Any
    window: MainWindow
    db_path: Path

    @property
    def roster(self) -> Any:
        return self.window.roster

    def idle(self, timeout: int = 20_000) -> None:
        """Every queued task has run and its callback has been delivered on the GUI thread."""
        self.qtbot.waitUntil(self.window.runner.is_idle, timeout=timeout)
        self.window.runner.wait_idle(timeout)

    def query(self, sql: str, *params: Any) -> list[tuple[Any, ...]]:
        return query(self.db_path, sql, *params)

    # --- what the core's queries say, to compare with what the window shows ---------------------

    @property
    def ctx(self) -> AppContext:
        assert self.window.ctx is not None, "the database is not open yet"
        return self.window.ctx

    def people(self, search: str | None = None) -> list[PersonRow]:
        """The registry as the people query finds it (the database-side search)."""
        return list_people(self.ctx.db, user="test", where=PeopleFilter(search=search))

    def person(self, person_id: int) -> PersonRow:
        return get_person(self.ctx.db, person_id=person_id)

    def members(self, body: str, term: int | None) -> list[RosterEntry]:
        """Every membership of a body's term (by its name as the navigation shows it)."""
        kind, association = body_of(body)
        (found,) = [
            t for t in list_terms(self.ctx.db, kind=kind, association=association) if t.term == term
        ]
        return members_of_term(self.ctx.db, term_id=found.id)

    def log_since(self, after_id: int) -> list[tuple[str, str, str, str]]:
        """(action, entity, entity id, clerk) of the change-log lines written after `after_id`."""
        return [
            (r[1], r[2], r[3], r[4])
            for r in self.query(
                "SELECT id, action, entity, entity_id, user_login FROM change_log"
                " WHERE id > ? ORDER BY id",
                after_id,
            )
        ]

    def last_log_id(self) -> int:
        return int(self.query("SELECT coalesce(max(id), 0) FROM change_log")[0][0])

    def choose(self, text: str) -> int:
        """Click a body (or 人员库) in the navigation tree; the number of rows shown."""
        navigation = self.window.navigation
        items = navigation.findItems(text, Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive)
        assert items, f"no navigation entry {text!r}"
        if navigation.currentItem() is items[0]:
            return self.roster.visible_count()
        navigation.scrollToItem(items[0])
        rect = navigation.visualItemRect(items[0])
        with self.qtbot.waitSignal(self.roster.roster_shown, timeout=20_000) as blocker:
            self.qtbot.mouseClick(
                navigation.viewport(), Qt.MouseButton.LeftButton, pos=rect.center()
            )
        self.idle()
        return blocker.args[0]

    def term_labels(self) -> list[str]:
        box = self.roster.term_box
        return [box.itemText(i) for i in range(box.count())]

    def choose_term(self, label: str) -> int:
        box = self.roster.term_box
        index = box.findText(label)
        assert index >= 0, f"no term {label!r} in {self.term_labels()}"
        with self.qtbot.waitSignal(self.roster.roster_shown, timeout=20_000) as blocker:
            box.setCurrentIndex(index)
        self.idle()
        return blocker.args[0]

    @property
    def shown(self) -> Any:
        """The model the table shows (a sorting proxy or the roster model itself)."""
        return self.roster.table.model()

    def headers(self) -> list[str]:
        shown = self.shown
        return [shown.headerData(c, Qt.Orientation.Horizontal) for c in range(shown.columnCount())]

    def entries(self) -> list[Any]:
        """The roster rows in the order the table shows them."""
        shown = self.shown
        return [shown.index(row, 0).data(ENTRY_ROLE) for row in range(shown.rowCount())]

    def cell(self, row: int, header: str) -> str:
        return self.shown.index(row, self.headers().index(header)).data()

    def row_of(self, predicate: Callable[[Any], bool]) -> int:
        for row, entry in enumerate(self.entries()):
            if predicate(entry):
                return row
        raise AssertionError("no such row in the table")

    def select(self, predicate: Callable[[Any], bool]) -> Any:
        """Click the first row matching `predicate`; the entry the window now has selected."""
        row = self.row_of(predicate)
        table = self.roster.table
        index = self.shown.index(row, 0)
        table.scrollTo(index)
        self.qtbot.mouseClick(
            table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualRect(index).center()
        )
        if self.roster.current_entry() is None:  # the click missed: select by the model
            table.selectionModel().select(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
        entry = self.roster.current_entry()
        assert entry is not None and predicate(entry)
        return entry

    def type_search(self, text: str) -> list[Any]:
        search = self.roster.search
        search.clear()
        type_text(self.qtbot, search, text)
        assert search.text() == text
        return self.entries()


@dataclass
class ModalAnswerer:
    """Answers the next modal dialog(s) opened with exec(): records them, then clicks a button.

    `answer(box)` gets the modal widget and closes it (default: the button named `button`,
    else reject()). Polls from a timer, so it works inside the nested event loop of exec().
    """

    button: str | None = None
    answer: Callable[[QWidget], None] | None = None
    seen: list[dict[str, Any]] = field(default_factory=list)
    _timer: QTimer | None = None

    def start(self) -> ModalAnswerer:
        self._timer = QTimer()
        self._timer.setInterval(20)
        self._timer.timeout.connect(self._poll)
        self._timer.start()
        return self

    def stop(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def _poll(self) -> None:
        modal = QApplication.activeModalWidget()
        if modal is None or not modal.isVisible() or any(s["widget"] is modal for s in self.seen):
            return
        record: dict[str, Any] = {
            "widget": modal,
            "type": type(modal).__name__,
            "title": modal.windowTitle(),
            "text": modal.text() if isinstance(modal, QMessageBox) else "",
            "buttons": [b.text() for b in modal.findChildren(QAbstractButton)],
        }
        self.seen.append(record)
        # Answered from the next turn of the event loop, not from inside this timer's slot: an
        # answer that opens another modal runs its exec() there, and Qt does not fire a timer
        # again while its slot is still running, so that modal would wait for ever.
        QTimer.singleShot(0, lambda: self._answer(modal))

    def _answer(self, modal: QWidget) -> None:
        if not shiboken6.isValid(modal) or not modal.isVisible():  # closed meanwhile
            return
        if self.answer is not None:
            self.answer(modal)
            return
        if self.button is not None:
            for candidate in modal.findChildren(QAbstractButton):
                if candidate.text().replace("&", "") == self.button:
                    candidate.click()
                    return
        modal.reject()  # type: ignore[attr-defined]
