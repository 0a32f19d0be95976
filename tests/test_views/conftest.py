"""Fixtures for the window tests: the session's demo database (tests/conftest.py), a copy per test.

The window is built exactly as `yishi gui` builds it (desktop.gui), on a real SQLite file, and
opened on the Runner's lane; every test waits for the first roster before it starts.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from desktop.gui import application, build_window, open_context
from desktop.qt_setup import install_font
from desktop.settings import StartupSettings

from .helpers import WindowHarness, sqlite_url


@pytest.fixture(scope="session")
def qapp() -> QApplication:
    """pytest-qt's application, made by the product's own application() (font, zh_CN)."""
    app = application()
    if "Noto Sans SC" not in app.font().families():
        # Someone else made the QApplication first: give it the product's font anyway.
        install_font(app)
    return app


@pytest.fixture(scope="session")
def demo_file(demo_sqlite_file: Path) -> Path:
    """The demo federation in an SQLite file, built once per session; tests copy it."""
    return demo_sqlite_file


@pytest.fixture
def db_path(demo_file: Path, tmp_path: Path) -> Path:
    path = tmp_path / "yishi.sqlite3"
    shutil.copy(demo_file, path)
    return path


@pytest.fixture
def settings(db_path: Path) -> StartupSettings:
    return StartupSettings(database_url=sqlite_url(db_path), user="clerk")


@pytest.fixture
def harness(qtbot, settings: StartupSettings, db_path: Path) -> Iterator[WindowHarness]:
    """The main window on a private copy of the demo, with its first roster (代表大会) shown."""
    window = build_window(settings)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.roster.roster_shown, timeout=20_000):
        window.show()
        window.open_database(lambda: open_context(settings))
    harness = WindowHarness(qtbot, window, db_path)
    yield harness
    harness.idle()
    window.close()
    assert window.runner.wait_idle(10_000)
