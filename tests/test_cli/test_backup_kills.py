"""SIGKILL probes (issue 13, item 11): `db backup` and `db restore` killed ten times each at points
spread over their run. After every kill the live database opens and passes integrity_check, and
the requested backup is either absent (a retry then succeeds) or complete and checked."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest

from models.store import migrate
from models.store.backup import check_sqlite_file
from models.store.unit_of_work import open_database

from .helpers import person_count, scalar, sqlite_url

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(os.name == "nt", reason="SIGKILL is POSIX"),
]

KILLS = 10


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    child = dict(os.environ)
    child["XDG_DATA_HOME"] = str(tmp_path / "xdg-data")
    child.pop("YISHI_DATABASE_URL", None)
    return child


@pytest.fixture
def big(demo: object, tmp_path: Path) -> Path:
    """The demo padded with 40 MB of filler, so that copying and checking take a while."""
    path: Path = demo.path  # type: ignore[attr-defined]
    with closing(sqlite3.connect(path)) as connection:
        connection.execute("CREATE TABLE filler (id INTEGER PRIMARY KEY, blob BLOB)")
        connection.executemany(
            "INSERT INTO filler (blob) VALUES (?)", [(os.urandom(4000),) for _ in range(10_000)]
        )
        connection.commit()
    return path


def _yishi(*argv: str) -> list[str]:
    return [sys.executable, "-m", "desktop", *argv]


def _run(argv: list[str], env: dict[str, str]) -> float:
    started = time.monotonic()
    done = subprocess.run(argv, env=env, capture_output=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    return time.monotonic() - started


def _kill_after(argv: list[str], env: dict[str, str], delay: float) -> None:
    child = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(delay)
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=60)


def _live_is_sound(path: Path) -> None:
    db = open_database(sqlite_url(path))
    db.engine.dispose()
    assert scalar(path, "PRAGMA integrity_check") == "ok"


def test_killed_backups_leave_no_partial_file_at_the_requested_name(big, tmp_path, env):
    url = sqlite_url(big)
    folder = tmp_path / "copies"
    whole = _run(_yishi("--database", url, "db", "backup", str(folder / "timing.sqlite3")), env)
    outcomes = set()
    for kill in range(KILLS):
        target = folder / f"backup-{kill}.sqlite3"
        argv = _yishi("--database", url, "db", "backup", str(target))
        _kill_after(argv, env, whole * (kill + 0.5) / KILLS)
        _live_is_sound(big)
        if target.exists():
            outcomes.add("complete")
            assert check_sqlite_file(target) == migrate.head_revision()
        else:
            outcomes.add("absent")
            _run(argv, env)  # the retry succeeds
            assert check_sqlite_file(target) == migrate.head_revision()
        assert not Path(f"{target}-journal").exists()
    assert "absent" in outcomes
    # Whatever the kills left under temporary names is swept by the next backup to that name.
    leftovers = [p for p in folder.iterdir() if ".partial-" in p.name]
    for leftover in leftovers:
        name = leftover.name[1:].split(".partial-")[0]
        (folder / name).unlink()
        _run(_yishi("--database", url, "db", "backup", str(folder / name)), env)
    assert not [p for p in folder.iterdir() if ".partial-" in p.name]


def test_killed_restores_leave_either_database_whole(big, tmp_path, env):
    url = sqlite_url(big)
    backup = tmp_path / "before.sqlite3"
    _run(_yishi("--database", url, "db", "backup", str(backup)), env)
    with closing(sqlite3.connect(big)) as connection:
        connection.execute("DELETE FROM filler WHERE id % 2 = 0")
        connection.commit()
    padded = scalar(backup, "SELECT count(*) FROM filler")
    pristine = tmp_path / "live-before.sqlite3"
    shutil.copy(big, pristine)
    whole = _run(_yishi("--database", url, "db", "restore", str(backup)), env)
    people = person_count(backup)
    for kill in range(KILLS):
        shutil.copy(pristine, big)  # each round starts from the live database, not the backup
        for suffix in ("-wal", "-shm"):
            Path(f"{big}{suffix}").unlink(missing_ok=True)
        _kill_after(
            _yishi("--database", url, "db", "restore", str(backup)), env, whole * kill / KILLS
        )
        _live_is_sound(big)
        assert person_count(big) == people
        assert scalar(big, "SELECT count(*) FROM filler") in {padded, padded // 2}
        assert check_sqlite_file(backup) == migrate.head_revision()


def test_killed_demo_force_runs_leave_a_demo_that_yishi_demo_finds_whole_or_rebuilds(demo, env):
    """`demo --force` killed part-way: `yishi demo` then has a complete demo, never a marker over
    a partial one (the build is one transaction and its marker is written last)."""
    url = sqlite_url(demo.path)
    whole = _run(_yishi("--database", url, "demo", "--force"), env)
    for kill in range(1, 4):
        _kill_after(_yishi("--database", url, "demo", "--force"), env, whole * kill / 4)
        _live_is_sound(demo.path)
        done = subprocess.run(
            _yishi("--database", url, "demo", "--json"), env=env, capture_output=True, timeout=120
        )
        assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
        marker = scalar(demo.path, "SELECT value FROM setting WHERE key = 'demo.built'")
        assert '"complete": true' in marker
        assert scalar(demo.path, "SELECT count(*) FROM major_decision") == 9
