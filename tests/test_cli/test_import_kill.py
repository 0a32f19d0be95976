"""The import-kill probe of issue 13 (item 11): `python -m desktop import slate` of 3,000 rows is
SIGKILLed at random moments, ten times; after each kill the SQLite file opens, passes
`PRAGMA integrity_check` and holds either nothing of the import or all of it."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .fresh_office import day_one_database, table_counts
from .helpers import query, sqlite_url
from .slate_files import person, write_slate

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX"),
]

ROWS = 3000
KILLS = 10
ROOT = Path(__file__).parents[2]


def test_an_import_killed_at_random_moments_leaves_nothing_or_everything(tmp_path):
    template = tmp_path / "template.sqlite3"
    day_one_database(template)
    before = table_counts(template)
    sheet = write_slate(tmp_path / "slate.xlsx", [person(i) for i in range(ROWS)])
    env = dict(os.environ, XDG_DATA_HOME=str(tmp_path / "xdg"))

    def start(path: Path) -> subprocess.Popen[bytes]:
        shutil.copyfile(template, path)
        argv = [sys.executable, "-m", "desktop", "--database", sqlite_url(path), "--user", "clerk"]
        argv += ["import", "slate", "--body", "congress", "--create-units", str(sheet)]
        return subprocess.Popen(
            argv, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )

    # One whole run first: how long an import takes here, and what "all of it" looks like.
    began = time.monotonic()
    assert start(tmp_path / "whole.sqlite3").wait(timeout=600) == 0
    duration = time.monotonic() - began
    whole = table_counts(tmp_path / "whole.sqlite3")
    assert whole["membership"] == ROWS and whole["person"] == before["person"] + ROWS
    chooser = random.Random(13)
    outcomes = []
    for attempt in range(KILLS):
        path = tmp_path / f"kill-{attempt}.sqlite3"
        child = start(path)
        # From start-up through reading, checking and writing, up to just before the end.
        time.sleep(chooser.uniform(0.1, 0.95) * duration)
        finished = child.poll() is not None
        if not finished:
            child.send_signal(signal.SIGKILL)
        child.wait(timeout=60)
        assert query(path, "PRAGMA integrity_check") == [("ok",)], attempt
        assert query(path, "PRAGMA foreign_key_check") == [], attempt
        after = table_counts(path)
        if after["membership"] == 0:
            assert after == before, attempt  # nothing of the import
            outcomes.append("nothing")
        else:
            assert after == whole, attempt  # all of it
            outcomes.append("finished" if finished else "whole")
    # The probe only means something if most kills landed before the commit.
    assert outcomes.count("nothing") >= KILLS // 2, outcomes
