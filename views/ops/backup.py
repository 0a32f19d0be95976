"""Operations on the automatic backup: its setting, and one run when it is due."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from models.services.common import auto_backup
from models.services.common.auto_backup import AutoBackup
from models.services.common.changes import Outcome
from models.services.common.context import AppContext


def is_sqlite(ctx: AppContext) -> bool:
    return ctx.db.engine.dialect.name == "sqlite"


def setting(ctx: AppContext) -> AutoBackup:
    return auto_backup.auto_backup_setting(ctx.db)


def set_setting(ctx: AppContext, *, folder: str, schedule: str, keep: int) -> Outcome[AutoBackup]:
    return ctx.command(
        lambda db, user: auto_backup.set_auto_backup(
            db, user=user, folder=folder, schedule=schedule, keep=keep
        )
    )


def run_if_due(ctx: AppContext, *, moment: str) -> Path | None:
    """moment "start" (daily) or "exit": the new backup's path, or None when none was due."""
    if not is_sqlite(ctx):
        return None
    now = datetime.now()
    found = auto_backup.auto_backup_setting(ctx.db)
    # An account that may not back up (领导, 承办单位, 只读) leaves the office's backups to others.
    if not auto_backup.due(found, moment, now) or ctx.refusal("db.backup") is not None:
        return None
    written, _removed = auto_backup.write_backup(ctx.db, user=ctx.user, setting=found, now=now)
    return written
