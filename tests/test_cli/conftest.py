"""Fixtures for the command-line tests: an isolated environment, one demo database per session.

Every test points YISHI_DATABASE_URL and the user data folder at its own tmp folder, so that a
command that falls back to the default database can never touch the real user's files.
"""

from __future__ import annotations

import contextlib
import io
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import built_once

from desktop.__main__ import main

from .helpers import sqlite_url


@pytest.fixture(autouse=True)
def _isolated_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The default database and the user data folder live in this test's tmp folder."""
    default = tmp_path / "default-db" / "yishi.sqlite3"
    monkeypatch.setenv("YISHI_DATABASE_URL", sqlite_url(default))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    return default


@dataclass(frozen=True)
class DemoTemplate:
    path: Path
    code: int
    out: str
    err: str
    user: str


def _build_demo_template(folder: Path) -> DemoTemplate:
    path = folder / "demo.sqlite3"
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["--database", sqlite_url(path), "--user", "alice", "demo"])
    # The command disposed its engine: SQLite checkpointed and removed the WAL, so the main file
    # alone is the whole database and can be copied.
    assert not Path(f"{path}-wal").exists()
    return DemoTemplate(path=path, code=code, out=out.getvalue(), err=err.getvalue(), user="alice")


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> DemoTemplate:
    """The demo built once by `yishi --database URL --user alice demo`, with what it printed
    (once for the whole run: tests/conftest.py built_once)."""
    return built_once(tmp_path_factory, "demo-template", _build_demo_template)


@dataclass(frozen=True)
class DemoCopy:
    path: Path

    @property
    def url(self) -> str:
        return sqlite_url(self.path)


@pytest.fixture
def demo(demo_template: DemoTemplate, tmp_path: Path) -> Iterator[DemoCopy]:
    """A private copy of the demo database for one test."""
    target = tmp_path / "work" / "yishi.sqlite3"
    target.parent.mkdir()
    shutil.copy(demo_template.path, target)
    yield DemoCopy(target)
