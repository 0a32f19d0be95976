"""The window as `yishi gui` starts it (desktop.gui.start, issue 18): its frame paints before
PySide's `Qt` namespace and the roster panel are loaded, and once complete it is, pixel for pixel,
the window built in one step."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QImage, QKeySequence
from PySide6.QtWidgets import QToolBar

from desktop.database import connect
from desktop.settings import StartupSettings
from views.qt_values import TOOL_BUTTON_TEXT_ONLY, USER_ROLE, set_shortcut

from .helpers import sqlite_url

_CHILD = """
import json, sys
import PySide6.QtCore as QtCore
from PySide6.QtCore import QEvent, QObject, QTimer
from desktop import gui
from desktop.settings import StartupSettings

settings = StartupSettings(database_url=sys.argv[1], user="clerk")
app = gui.application()
state = {}
if sys.argv[3] == "two-step":
    window = gui.start(settings, interactive=False, ask=False)
else:
    window = gui.build_window(settings, interactive=False)
    window.show()
    QTimer.singleShot(0, lambda: gui.open_unlocked(window, settings, ask=False))

class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if "qt_built" not in state and event.type() == QEvent.Type.Paint:
            state["qt_built"] = "Qt" in QtCore.__dict__
            state["panel_loaded"] = "views.roster.roster_panel" in sys.modules
            state["meetings_loaded"] = "models.domain.meeting_vocabulary" in sys.modules
            state["complete"] = window.is_complete
        return False

first_paint = FirstPaint()
window.installEventFilter(first_paint)

# Rows can show (the first roster, read through the driver) before the data layer has loaded
# and the actions are on: the pictures are taken once both have happened, so a slow machine
# compares the same moment of both windows.
def settle():
    if "rows" in state and state.get("ready"):
        QTimer.singleShot(300, when_idle)

def when_idle():  # the work the opening queued (font preset, counts) done too
    if window.runner.is_idle():
        finish()
    else:
        QTimer.singleShot(50, when_idle)

def shown(rows):
    if "rows" not in state:
        state["rows"] = rows
        settle()

def ready():
    state["ready"] = True
    settle()

def finish():
    heading = window.navigation.topLevelItem(4)
    state["heading_selectable"] = bool(heading.flags() & QtCore.Qt.ItemFlag.ItemIsSelectable)
    window.grab().save(sys.argv[2], "PNG")
    window.resize(1000, 640)  # the splitter gives the roster panel the room, as before
    QTimer.singleShot(100, resized)

def resized():
    window.grab().save(sys.argv[2] + ".resized.png", "PNG")
    app.quit()

def complete():
    window.roster.roster_shown.connect(shown)

if window.is_complete:
    complete()
else:
    window.completed.connect(complete)
window.database_ready.connect(ready)
window.database_failed.connect(lambda text: app.exit(1))
QTimer.singleShot(60_000, lambda: app.exit(1))
code = app.exec()
print(json.dumps(state))
window.close()
sys.exit(code)
"""


def _start(database: Path, picture: Path, way: str) -> dict[str, object]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, sqlite_url(database), str(picture), way],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0 and done.stdout.strip(), done.stderr
    seen: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return seen


def test_the_frame_paints_first_and_the_window_ends_as_built_in_one_step(
    demo_file: Path, tmp_path: Path
) -> None:
    database = tmp_path / "yishi.sqlite3"
    shutil.copy(demo_file, database)
    connect(StartupSettings(sqlite_url(database), "clerk")).engine.dispose()
    two_step = _start(database, tmp_path / "two-step.png", "two-step")
    one_step = _start(database, tmp_path / "one-step.png", "one-step")
    assert two_step["complete"] is False
    assert (two_step["qt_built"], two_step["panel_loaded"]) == (False, False)
    assert two_step["meetings_loaded"] is False
    assert one_step["complete"] is True
    assert two_step["rows"] == one_step["rows"] > 0
    assert two_step["heading_selectable"] is one_step["heading_selectable"] is False
    for suffix in ("", ".resized.png"):
        first = QImage(str(tmp_path / "two-step.png") + suffix)
        second = QImage(str(tmp_path / "one-step.png") + suffix)
        assert not first.isNull() and first == second, suffix


def test_the_numbers_are_qts_own(qapp) -> None:
    assert Qt.ItemDataRole.UserRole.value == USER_ROLE
    toolbar = QToolBar()
    toolbar.setProperty("toolButtonStyle", TOOL_BUTTON_TEXT_ONLY)
    assert toolbar.toolButtonStyle() is Qt.ToolButtonStyle.ToolButtonTextOnly


def test_set_shortcut_is_qts_set_shortcut(qapp) -> None:
    for shortcut in (
        QKeySequence("Ctrl+N"),
        QKeySequence("Ctrl+Shift+L"),
        QKeySequence(QKeySequence.StandardKey.Refresh),
        QKeySequence(QKeySequence.StandardKey.Quit),
        QKeySequence(),
    ):
        ours, qts = QAction("x"), QAction("x")
        set_shortcut(ours, shortcut)
        qts.setShortcut(shortcut)
        assert (ours.shortcut(), ours.shortcuts()) == (qts.shortcut(), qts.shortcuts())
