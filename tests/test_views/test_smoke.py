"""`python -m desktop gui --smoke PNG`: the real program opens, paints the roster and exits."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from .helpers import CJK, sqlite_url

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow


def run_smoke(
    database: Path, png: Path, *, screenless: bool = False
) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONIOENCODING="utf-8")
    if screenless:  # as a bare machine runs the README's line: no platform chosen, no display
        for name in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"):
            env.pop(name, None)
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "desktop",
            "--database",
            sqlite_url(database),
            "--user",
            "clerk",
            "gui",
            "--smoke",
            str(png),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=90,
    )


def colours(image: QImage, left: float, top: float, right: float, bottom: float) -> set[int]:
    """Distinct colours in a region given as fractions of the image, sampled every 2 pixels."""
    width, height = image.width(), image.height()
    return {
        image.pixel(x, y)
        for x in range(int(width * left), int(width * right), 2)
        for y in range(int(height * top), int(height * bottom), 2)
    }


def test_smoke_on_the_demo_saves_a_painted_window(demo_file: Path, tmp_path: Path) -> None:
    database = tmp_path / "demo.sqlite3"
    shutil.copy(demo_file, database)
    png = tmp_path / "smoke.png"
    result = run_smoke(database, png)
    assert result.returncode == 0, result.stderr
    assert png.is_file() and png.stat().st_size > 0
    image = QImage(str(png))
    assert not image.isNull()
    assert image.width() >= 800 and image.height() >= 500
    assert len(colours(image, 0, 0, 1, 1)) > 1, "the screenshot is a single colour"
    # The table (right of the navigation, below the toolbar and search bar) shows text:
    # antialiased glyphs give many shades, an empty or unpainted table only a few.
    table = colours(image, 0.25, 0.3, 0.95, 0.9)
    assert len(table) > 30, f"only {len(table)} colours in the table area"
    shutil.copy(png, tmp_path / "kept.png")
    if os.environ.get("YISHI_SHOT_DIR"):
        shutil.copy(png, Path(os.environ["YISHI_SHOT_DIR"]) / "smoke.png")


def test_smoke_on_an_unusable_database_fails_in_chinese(tmp_path: Path) -> None:
    database = tmp_path / "notes.sqlite3"
    database.write_text("这不是数据库，是一份会议记录。\n" * 50, encoding="utf-8")
    before = database.read_bytes()
    png = tmp_path / "smoke.png"
    result = run_smoke(database, png)
    assert result.returncode != 0
    assert re.search(f"[{CJK}]", result.stderr), result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    assert not png.exists()
    assert database.read_bytes() == before  # a foreign file is left untouched


def test_smoke_without_a_screen_or_a_chosen_platform_draws_offscreen(
    demo_file: Path, tmp_path: Path
) -> None:
    database = tmp_path / "demo.sqlite3"
    shutil.copy(demo_file, database)
    png = tmp_path / "smoke.png"
    result = run_smoke(database, png, screenless=True)
    assert result.returncode == 0, result.stderr
    assert not QImage(str(png)).isNull()


def test_headless_for_smoke_leaves_a_chosen_platform_and_a_screen_alone() -> None:
    from desktop.gui import headless_for_smoke

    chosen = {"QT_QPA_PLATFORM": "xcb"}
    headless_for_smoke(chosen)
    assert chosen == {"QT_QPA_PLATFORM": "xcb"}
    screen = {"DISPLAY": ":0"}
    headless_for_smoke(screen)
    assert screen == {"DISPLAY": ":0"}
    bare: dict[str, str] = {}
    headless_for_smoke(bare)
    assert bare == ({"QT_QPA_PLATFORM": "offscreen"} if sys.platform.startswith("linux") else {})
