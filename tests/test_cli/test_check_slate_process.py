"""`yishi check-slate` as its own process ends itself once the report is out (issue 18): the
report and the exit code are those of the same command run in-process, through a pipe too."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from .helpers import run_cli
from .slate_files import bad_checksum, passing_rows, person, write_slate

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]


def _slates(tmp_path: Path) -> dict[str, Path]:
    rows = passing_rows()
    # A row error (exit 1) and a warning in the report besides the passing people.
    problems = [*rows, person(40, 身份证号=bad_checksum(40)), person(41, 性别="不知道")]
    return {
        "passing": write_slate(tmp_path / "passing.xlsx", rows),
        "problems": write_slate(tmp_path / "problems.xlsx", problems),
    }


def _child(argv: list[str], tmp_path: Path) -> subprocess.CompletedProcess[bytes]:
    env = dict(os.environ, XDG_DATA_HOME=str(tmp_path / "xdg-data"))
    return subprocess.run(argv, cwd=ROOT, env=env, capture_output=True, timeout=120, check=False)


@pytest.mark.parametrize("as_json", [True, False], ids=["json", "text"])
def test_the_process_prints_and_exits_as_the_command_in_process(capsys, tmp_path, as_json):
    for name, path in _slates(tmp_path).items():
        argv = ["check-slate", str(path), "--body", "congress", *(["--json"] if as_json else [])]
        inside = run_cli(capsys, *argv)
        assert inside.code == (0 if name == "passing" else 1), inside
        alone = _child([sys.executable, "-m", "desktop", *argv], tmp_path)
        assert alone.returncode == inside.code, alone.stderr
        assert alone.stdout.decode("utf-8") == inside.out
        assert alone.stderr.decode("utf-8") == inside.err
        # Through a pipe: the whole report reaches the reader, the code is still the command's.
        command = shlex.join([sys.executable, "-m", "desktop", *argv])
        piped = _child(["bash", "-c", f'{command} | cat; exit "${{PIPESTATUS[0]}}"'], tmp_path)
        assert piped.returncode == inside.code, piped.stderr
        assert piped.stdout.decode("utf-8") == inside.out


def test_a_reader_gone_early_and_the_exit_handlers(tmp_path):
    path = _slates(tmp_path)["problems"]
    argv = [sys.executable, "-m", "desktop", "check-slate", str(path), "--body", "congress"]
    early = _child(
        ["bash", "-c", f'{shlex.join(argv)} | head -1; exit "${{PIPESTATUS[0]}}"'], tmp_path
    )
    assert early.returncode in (0, 1), early.stderr  # 0 when the pipe closed before the flush
    assert early.stdout.decode("utf-8").count("\n") == 1
    assert b"Traceback" not in early.stderr and b"Exception ignored" not in early.stderr
    # What was registered to run at exit still runs (logging's flush is one such handler).
    script = (
        "import atexit, sys\n"
        "atexit.register(lambda: sys.stderr.write('exit handler ran\\n'))\n"
        "from desktop.__main__ import console_main\n"
        f"sys.argv = ['yishi', 'check-slate', {str(path)!r}, '--body', 'congress', '--json']\n"
        "console_main()\n"
    )
    ran = _child([sys.executable, "-c", script], tmp_path)
    assert ran.returncode == 1, ran.stderr
    assert ran.stderr.decode("utf-8").endswith("exit handler ran\n")
    assert ran.stdout.rstrip().endswith(b"}")
