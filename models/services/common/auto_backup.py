"""Backups that run by themselves: on exit or once a day, into a folder the clerk chose (a USB
stick, a network share), keeping the newest few. SQLite only; PostgreSQL has the server's tools.

The setting lives in the settings table; whether today's backup is done is read from the folder
itself (a file named for today), so running it writes nothing to the database.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from models.domain.errors import DomainError
from models.services.common.access import guarded
from models.services.common.federation_data import put_setting
from models.services.common.settings import settings_of
from models.store.backup import backup_sqlite
from models.store.unit_of_work import Database

FOLDER = "backup.auto.folder"
SCHEDULE = "backup.auto.schedule"
KEEP = "backup.auto.keep"
SCHEDULES = {"off": "不自动备份", "exit": "每次退出时", "daily": "每天一次（启动时）"}
DEFAULT_KEEP = 10
_NAME = re.compile(r"yishi-(\d{8})-(\d{6})(?:-\d+)?\.sqlite3")


@dataclass(frozen=True)
class AutoBackup:
    folder: str | None
    schedule: str
    keep: int

    @property
    def active(self) -> bool:
        return self.schedule != "off" and bool(self.folder)


def auto_backup_setting(db: Database) -> AutoBackup:
    found = settings_of(db, FOLDER, SCHEDULE, KEEP)
    keep = found.get(KEEP, "")
    schedule = found.get(SCHEDULE, "off")
    return AutoBackup(
        folder=found.get(FOLDER) or None,
        schedule=schedule if schedule in SCHEDULES else "off",
        keep=int(keep) if keep.isdigit() and int(keep) > 0 else DEFAULT_KEEP,
    )


@guarded("settings.edit")
def set_auto_backup(
    db: Database,
    *,
    user: str,
    folder: str | None = None,
    schedule: str | None = None,
    keep: int | None = None,
) -> AutoBackup:
    """Change what is given, keep the rest; a schedule needs a folder."""
    current = auto_backup_setting(db)
    if schedule is not None and schedule not in SCHEDULES:
        raise DomainError(
            "value_invalid",
            field="schedule",
            label="自动备份",
            value=schedule,
            choices="、".join(SCHEDULES),
        )
    if keep is not None and not 1 <= keep <= 1000:
        raise DomainError("auto_backup_keep_invalid", field="keep", value=keep)
    wanted = AutoBackup(
        folder=(folder.strip() or None) if folder is not None else current.folder,
        schedule=schedule or current.schedule,
        keep=keep or current.keep,
    )
    if wanted.schedule != "off" and not wanted.folder:
        raise DomainError("auto_backup_no_folder", field="folder")
    if wanted == current:
        return current
    if db.engine.dialect.name != "sqlite":
        raise DomainError("database_not_sqlite")
    for key, value in (
        (FOLDER, wanted.folder or ""),
        (SCHEDULE, wanted.schedule),
        (KEEP, str(wanted.keep)),
    ):
        put_setting(db, user=user, key=key, value=value)
    return wanted


def due(setting: AutoBackup, moment: str, now: datetime) -> bool:
    """moment is "exit" or "start"; a daily backup is due at start when the folder has none of today."""
    if not setting.active or setting.folder is None:
        return False
    if moment == "exit":
        return setting.schedule == "exit"
    if setting.schedule != "daily":
        return False
    today = now.strftime("%Y%m%d")
    return not any(day == today for day, _ in _backups(Path(setting.folder)))


@guarded("db.backup")
def write_backup(
    db: Database, *, user: str, setting: AutoBackup, now: datetime
) -> tuple[Path, list[Path]]:
    """One checked backup named for now, then the oldest beyond `keep` deleted.

    Returns the new file and the files removed. An unreachable folder is a DomainError."""
    if db.engine.dialect.name != "sqlite":
        raise DomainError("database_not_sqlite")
    if setting.folder is None:
        raise DomainError("auto_backup_no_folder", field="folder")
    folder = Path(setting.folder).expanduser()
    stem = f"yishi-{now:%Y%m%d-%H%M%S}"
    target = folder / f"{stem}.sqlite3"
    counter = 2
    while target.exists():
        target = folder / f"{stem}-{counter}.sqlite3"
        counter += 1
    written = backup_sqlite(db.engine, target)
    removed = []
    for _, old in _backups(folder)[: -setting.keep]:
        with contextlib.suppress(OSError):
            old.unlink()
            removed.append(old)
    return written, removed


def _backups(folder: Path) -> list[tuple[str, Path]]:
    """The automatic backups in a folder, oldest first (by the time in their names)."""
    try:
        found = [
            (match.group(1), match.group(1) + match.group(2), path)
            for path in folder.iterdir()
            if (match := _NAME.fullmatch(path.name)) and path.is_file()
        ]
    except OSError:
        return []
    found.sort(key=lambda item: (item[1], len(item[2].name), item[2].name))
    return [(day, path) for day, _, path in found]
