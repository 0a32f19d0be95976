"""Printing a paper never imports the spreadsheet reader (issue 14, item 9).

python-calamine's Rust runtime is what failed under Wine for `yishi print minutes`; a paper has no
use for it, nor for openpyxl unless it writes an .xlsx. Checked in a fresh interpreter running
`python -m desktop print minutes …`, as a clerk's command line does.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from .test_print import _council_meeting

SPREADSHEET_READERS = ("python_calamine", "openpyxl", "models.importing")

_CHILD = """
import atexit, json, runpy, sys
dump = sys.argv.pop(1)
atexit.register(lambda: open(dump, "w").write(json.dumps(sorted(sys.modules))))
sys.argv[0] = "desktop"
runpy.run_module("desktop", run_name="__main__", alter_sys=True)
"""


def _modules_after(tmp_path: Path, *argv: str) -> list[str]:
    dump = tmp_path / "modules.json"
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(dump), *argv],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(dump.read_text())


def _readers(modules: list[str]) -> list[str]:
    return [m for m in modules if any(m == r or m.startswith(r + ".") for r in SPREADSHEET_READERS)]


def test_printing_minutes_imports_no_spreadsheet_reader(demo, tmp_path: Path):
    meeting = _council_meeting(demo, 10)
    out = tmp_path / "m.pdf"
    modules = _modules_after(
        tmp_path, "--database", demo.url, "print", "minutes", "--meeting", meeting, "-o", str(out)
    )
    assert out.stat().st_size > 0
    assert "reportlab" in modules  # the child really printed
    assert _readers(modules) == []
