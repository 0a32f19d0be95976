"""Where Yishi's files live: the user's data folder, and the shipped resources (also when frozen)."""

from __future__ import annotations

import sys
from pathlib import Path

APP_NAME = "Yishi"


def data_dir() -> Path:
    from platformdirs import user_data_path  # ~25 ms: not on the way to the first paint

    return user_data_path(APP_NAME, appauthor=False, ensure_exists=True)


def default_database_path() -> Path:
    return data_dir() / "yishi.sqlite3"


def backup_dir() -> Path:
    return data_dir() / "backups"


def crash_report_dir() -> Path:
    """Where an unexpected failure's report is saved (ID numbers masked), for technical support."""
    return data_dir() / "crash-reports"


def resource_path(*parts: str) -> Path:
    """A file under resources/, beside the packages in a checkout or in PyInstaller's bundle."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    root = Path(frozen_root) if frozen_root else Path(__file__).resolve().parent.parent
    return root.joinpath("resources", *parts)
