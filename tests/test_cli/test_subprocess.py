"""The real `yishi` console script and `python -m desktop`, run as separate processes."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from .helpers import CJK, sqlite_url

pytestmark = pytest.mark.slow

YISHI = Path(sys.executable).parent / ("yishi.exe" if os.name == "nt" else "yishi")


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """The child's environment: no real user folder, and no help from the parent's encoding."""
    child = dict(os.environ)
    child["YISHI_DATABASE_URL"] = sqlite_url(tmp_path / "default-db" / "yishi.sqlite3")
    child["XDG_DATA_HOME"] = str(tmp_path / "xdg-data")
    child.pop("PYTHONIOENCODING", None)
    return child


def _run(argv: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        argv, env=env, capture_output=True, encoding="utf-8", timeout=120, check=False
    )


def test_console_script_and_module_build_and_search_the_demo(tmp_path, env):
    assert YISHI.is_file(), f"console script missing: {YISHI}"
    url = sqlite_url(tmp_path / "demo.sqlite3")

    built = _run([str(YISHI), "--database", url, "demo"], env)
    assert built.returncode == 0, built.stderr
    assert "已生成演示数据" in built.stdout

    listings = []
    for launcher in ([str(YISHI)], [sys.executable, "-m", "desktop"]):
        found = _run(
            [*launcher, "people", "list", "--search", "zs", "--json", "--database", url], env
        )
        assert found.returncode == 0, found.stderr
        people = json.loads(found.stdout)
        assert isinstance(people, list)
        assert people
        assert all(re.fullmatch(r"\d{6}\*{8}\d{3}[\dX]", p["id_number"]) for p in people)
        listings.append(people)
    assert listings[0] == listings[1]


@pytest.mark.parametrize("launcher", ["script", "module"])
def test_bad_argument_exits_2_in_chinese(env, launcher):
    # Even with an ASCII-only stdio encoding asked for, the Chinese message comes out as UTF-8.
    env["PYTHONIOENCODING"] = "ascii"
    command = [str(YISHI)] if launcher == "script" else [sys.executable, "-m", "desktop"]
    result = _run([*command, "people", "list", "--term", "abc", "--json"], env)
    assert result.returncode == 2
    assert result.stderr.startswith("yishi: 命令参数有误")
    assert re.search(f"[{CJK}]", result.stderr)
    assert json.loads(result.stdout)["error"]["code"] == "bad_arguments"
    assert "Traceback" not in result.stderr


def test_the_command_line_never_imports_qt(demo, env):
    script = textwrap.dedent(
        f"""
        import json, sys
        import desktop.cli.app
        assert "PySide6" not in sys.modules, "import desktop.cli.app"
        from desktop.__main__ import main
        code = main(["people", "list", "--body", "presidium", "--json", "--database", {demo.url!r}])
        qt = sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "shiboken6", "views"))
        sys.stderr.write(json.dumps({{"code": code, "qt": qt}}) + "\\n")
        """
    )
    result = _run([sys.executable, "-c", script], env)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stderr.strip().splitlines()[-1])
    assert report == {"code": 0, "qt": []}
    assert len(json.loads(result.stdout)) > 0
