"""Opening the main window up to its first roster imports none of the heavy or unrelated code.

The window paints before the database opens, and the first roster follows; spreadsheet, document,
migration and pinyin libraries, and the motion, decision and paper features, load only when a
clerk asks for them (issue 11, point 6). Checked in a fresh interpreter, started as `yishi gui`.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from desktop.database import connect
from desktop.settings import StartupSettings

from .helpers import sqlite_url

NOT_AT_START_UP = (
    "openpyxl",
    "docx",
    "reportlab",
    "alembic",
    "pypinyin",
    "python_calamine",
    "models.services.motions",
    "models.services.decisions",
    "models.services.papers",
    "models.services.dashboard",
    "views.dashboard",
    "models.documents",
    "models.importing",
    "views.organisation",
)

# What the data layer loads: the first rows read through the driver show before any of it.
_DATA_LAYER = (
    "sqlalchemy",
    "models.entities",
    "models.store.engine",
    "models.store.unit_of_work",
    "models.services.people.queries",
    "views.ops",
)

_CHILD = """
import json, sys
from PySide6.QtCore import QTimer
import desktop.gui as gui
from desktop.gui import application, build_window, open_context
from desktop.settings import StartupSettings

state = {"rows": -1}

def watch(app, window):
    def shown(rows):
        # Read at once: the window queues what it loads after the first roster.
        state["rows"], state["modules"] = rows, sorted(sys.modules)
        app.quit()

    def failed(text):
        sys.stderr.write(text + "\\n")
        app.exit(1)

    def complete():
        window.roster.roster_shown.connect(shown)
        window.roster.load_failed.connect(failed)

    window.database_failed.connect(failed)
    if window.is_complete:
        complete()
    else:  # started in two steps (desktop.gui.start): the roster panel comes after the frame
        window.completed.connect(complete)
    QTimer.singleShot(60_000, lambda: app.exit(1))
    state["window"] = window

if sys.argv[2] == "command-line":  # `yishi gui`, its command line and run_gui as they are
    def watched_build_window(*args, **kwargs):
        window = build_window(*args, **kwargs)
        watch(application(), window)
        return window

    gui.build_window = watched_build_window
    from desktop.__main__ import main

    code = main(["gui", "--database", sys.argv[1], "--user", "clerk"])
else:
    settings = StartupSettings(database_url=sys.argv[1], user="clerk")
    app = application()
    if sys.argv[2] == "first":  # as `yishi gui` starts: frame, panel, rows through the driver
        window = gui.start(settings, interactive=False, ask=False)
        watch(app, window)
    else:
        window = build_window(settings, interactive=False)
        watch(app, window)
        window.show()
        QTimer.singleShot(0, lambda: window.open_database(lambda: open_context(settings)))
    code = app.exec()
window = state.pop("window")
print(json.dumps(state))
window.runner.wait_idle(10_000)
sys.exit(code)
"""


def _first_roster_modules(demo_file: Path, tmp_path: Path, way: str) -> list[str]:
    path = tmp_path / "yishi.sqlite3"
    shutil.copy(demo_file, path)
    settings = StartupSettings(database_url=sqlite_url(path), user="clerk")
    # Opened once as the app opens it (rules and calendar recorded), as on every start but the first.
    connect(settings).engine.dispose()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, settings.database_url, way],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.stdout.strip(), done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert (done.returncode, seen["rows"] > 0) == (0, True), done.stderr
    modules: list[str] = seen["modules"]
    return modules


def _heavy(modules: list[str], heavy_ones: tuple[str, ...]) -> list[str]:
    return [
        name
        for name in modules
        if any(name == heavy or name.startswith(heavy + ".") for heavy in heavy_ones)
    ]


def test_first_roster_imports_no_heavy_or_unrelated_module(demo_file: Path, tmp_path: Path) -> None:
    """Through the data layer (the roster the ORM reads, as tests and the smoke check open it)."""
    assert _heavy(_first_roster_modules(demo_file, tmp_path, "orm"), NOT_AT_START_UP) == []


def test_the_first_roster_read_through_the_driver_waits_for_no_data_layer(
    demo_file: Path, tmp_path: Path
) -> None:
    """As `yishi gui` starts (issue 18): the first rows show before SQLAlchemy, the mapped
    entities, the store's engine or any service's queries are imported."""
    modules = _first_roster_modules(demo_file, tmp_path, "first")
    assert _heavy(modules, NOT_AT_START_UP + _DATA_LAYER) == []


def test_yishi_gui_through_its_command_line_loads_only_what_the_window_needs(
    demo_file: Path, tmp_path: Path
) -> None:
    """`yishi gui` as the clerk starts it (desktop/__main__.py): besides the above, the command
    line builds no other command's parser, finds no version (importlib.metadata and the email
    parser, for --version and crash reports only) and reads the URL without SQLAlchemy."""
    command_line = (
        "importlib.metadata",
        "email",
        "desktop.cli.parser_work",
        "desktop.cli.parser_office",
        "desktop.cli.parser_accounts",
        "desktop.cli.parser_registers",
        "desktop.cli.output",
        "tomllib",
    )
    modules = _first_roster_modules(demo_file, tmp_path, "command-line")
    assert "desktop.cli.app" in modules
    assert _heavy(modules, NOT_AT_START_UP + _DATA_LAYER + command_line) == []
