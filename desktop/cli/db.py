"""`yishi db upgrade | backup | restore | auto-backup`: schema upgrades and checked SQLite copies."""

from __future__ import annotations

import argparse
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from desktop.cli.output import print_json, say
from desktop.database import connect
from desktop.settings import StartupSettings
from models.domain.errors import DomainError
from models.services.common.access import allowed
from models.services.common.auto_backup import SCHEDULES, auto_backup_setting, set_auto_backup
from models.store import migrate
from models.store.backup import backup_sqlite
from models.store.engine import create_database_engine, is_sqlite
from models.store.unit_of_work import Database


def run_upgrade(settings: StartupSettings, args: argparse.Namespace) -> int:
    engine = create_database_engine(settings.database_url)
    try:
        before = migrate.schema_state(engine)
        backup = migrate.upgrade(engine)
    finally:
        engine.dispose()
    connect(settings).engine.dispose()
    result = {"from": before.current, "to": before.head, "backup": str(backup) if backup else None}
    if args.json:
        print_json(result)
    elif before.is_current:
        say(f"数据库已是最新版本（{before.head}），无需升级。")
    else:
        say(f"数据库已从 {before.current or '空库'} 升级到 {before.head}。")
        if backup:
            say(f"升级前的备份：{backup}")
    return 0


def run_backup(settings: StartupSettings, args: argparse.Namespace) -> int:
    if not is_sqlite(settings.database_url):
        raise DomainError("database_not_sqlite")
    db = connect(settings)
    try:
        allowed(db, settings.user, "db.backup")
        target = backup_sqlite(db.engine, Path(args.path).expanduser().resolve())
    finally:
        db.engine.dispose()
    if args.json:
        print_json({"backup": str(target)})
    else:
        say(f"已备份到 {target}（已通过完整性检查）")
    return 0


def run_restore(settings: StartupSettings, args: argparse.Namespace) -> int:
    engine = create_database_engine(settings.database_url)
    try:
        _may_restore(engine, settings.user)
        safety = migrate.restore(engine, Path(args.path).expanduser().resolve(), user=settings.user)
    finally:
        engine.dispose()
    if args.json:
        print_json(
            {"restored": str(args.path), "previous_saved_as": str(safety) if safety else None}
        )
    else:
        say(f"已用 {args.path} 恢复数据库（恢复前已检查备份完整），恢复已记入操作日志。")
        if safety:
            say(f"恢复前的数据库已另存为 {safety}")
    return 0


def _may_restore(engine: Engine, user: str) -> None:
    """Only an administrator restores over a database that holds accounts. One that cannot be
    read at all (damaged, or not yet a Yishi database) has none to ask: restoring it is the cure."""
    try:
        allowed(Database(engine), user, "db.restore")
    except SQLAlchemyError:
        return


def run_auto_backup(settings: StartupSettings, args: argparse.Namespace) -> int:
    """Without options: show the setting. With them: change it (SQLite only)."""
    if not is_sqlite(settings.database_url):
        raise DomainError("database_not_sqlite")
    db = connect(settings)
    try:
        changing = args.folder is not None or args.schedule is not None or args.keep is not None
        if changing:
            folder = None
            if args.folder is not None:
                folder = str(Path(args.folder).expanduser().resolve()) if args.folder else ""
            setting = set_auto_backup(
                db, user=settings.user, folder=folder, schedule=args.schedule, keep=args.keep
            )
        else:
            setting = auto_backup_setting(db)
    finally:
        db.engine.dispose()
    if args.json:
        print_json({"folder": setting.folder, "schedule": setting.schedule, "keep": setting.keep})
        return 0
    say(f"自动备份：{SCHEDULES[setting.schedule]}")
    say(f"备份文件夹：{setting.folder or '（未设置）'}")
    say(f"保留最近：{setting.keep} 份")
    if setting.active:
        example = f"yishi-{datetime.now():%Y%m%d-%H%M%S}.sqlite3"
        say(f"备份文件名如 {example}，由窗口程序{SCHEDULES[setting.schedule]}写入。")
    return 0
