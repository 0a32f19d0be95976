"""The hostile-file corpus of issue 13 (item 11) through `check-slate`, `import slate` and `import
roster` on a fresh database: exit 1 or 2 with a Chinese message, no traceback, nothing written.
The bombs are refused by the guard before anything is unpacked; one subprocess run shows the far
cell no longer aborts `python -m desktop`."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_importing import hostile

from .fresh_office import day_one_database, table_counts
from .helpers import CJK, run_cli, sqlite_url

# 10,000 rows take a few seconds per command: slow, and still run in CI.
NAMES = [
    pytest.param(name, marks=pytest.mark.slow) if name == "random_unicode" else name
    for name in sorted(hostile.CORPUS)
]
REFUSED = {"far_cell", "far_cell_xls", "far_dimension", "shared_string_bomb", "whitespace_bomb"}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("hostile")
    return {name: writer(folder / file) for name, (file, writer) in hostile.CORPUS.items()}


@pytest.fixture(scope="module")
def fresh_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("fresh") / "yishi.sqlite3"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_DATA_HOME", str(path.parent / "xdg"))
        day_one_database(path)
    return path


def assert_refused_in_chinese(result, name: str) -> None:
    assert result.code in (1, 2), (name, result.code, result.err[-500:])
    assert "Traceback" not in result.err and "panicked" not in result.err, result.err[-2000:]
    assert "命令参数有误" not in result.err, result.err  # refused for the file, not the options
    said = result.err if result.code == 2 else result.out
    assert re.search(f"[{CJK}]", said), (name, said[:300])
    if name in REFUSED:
        assert result.code == 2
        assert "表格过大或已损坏" in result.err


@pytest.mark.parametrize("name", NAMES)
def test_check_slate(capsys, corpus, name):
    result = run_cli(capsys, "check-slate", "--body", "congress", str(corpus[name]))
    assert_refused_in_chinese(result, name)


@pytest.mark.parametrize("command", ["slate", "roster"])
@pytest.mark.parametrize("name", NAMES)
def test_import_writes_nothing(capsys, tmp_path, corpus, fresh_template, name, command):
    path = tmp_path / "yishi.sqlite3"
    shutil.copyfile(fresh_template, path)
    before = table_counts(path)
    argv = [
        "--database",
        sqlite_url(path),
        "--user",
        "clerk",
        "import",
        command,
        "--body",
        "congress",
    ]
    result = run_cli(capsys, *argv, str(corpus[name]))
    assert_refused_in_chinese(result, name)
    assert table_counts(path) == before
    assert list(corpus[name].parent.glob("*rejected*")) == []


def test_the_json_code_of_a_bomb_is_file_unreadable(capsys, corpus):
    result = run_cli(capsys, "check-slate", "--json", "--body", "congress", str(corpus["far_cell"]))
    assert result.code == 2
    assert result.error()["code"] == "file_unreadable"
    assert "表格过大或已损坏" in result.error()["message"]


@pytest.mark.slow
def test_the_far_cell_no_longer_aborts_the_process(tmp_path, corpus):
    env = dict(os.environ, XDG_DATA_HOME=str(tmp_path / "xdg"))
    env["YISHI_DATABASE_URL"] = sqlite_url(tmp_path / "default.sqlite3")
    done = subprocess.run(
        [sys.executable, "-m", "desktop", "check-slate", "--body", "congress", corpus["far_cell"]],
        env=env,
        capture_output=True,
        encoding="utf-8",
        timeout=120,
        check=False,
        cwd=Path(__file__).parents[2],
    )
    assert done.returncode == 2, done.stderr[-2000:]  # was 134: SIGABRT, a Rust backtrace
    assert "表格过大或已损坏" in done.stderr
    assert "panicked" not in done.stderr and "Traceback" not in done.stderr
