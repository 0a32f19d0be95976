"""Schema state and upgrades: back up SQLite before migrating, refuse a database newer than us."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text

from models.domain.errors import DomainError
from models.store.backup import (
    backup_sqlite,
    check_sqlite_file,
    free_path,
    last_log_id,
    read_revision,
    restore_sqlite,
    set_aside,
)
from models.store.engine import sqlite_path, use_wal
from models.store.revisions import REVISIONS

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).with_name("migrations")


def alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str:
    return REVISIONS[-1]


@dataclass(frozen=True)
class SchemaState:
    current: str | None
    head: str
    is_empty: bool

    @property
    def is_current(self) -> bool:
        return self.current == self.head


def schema_state(engine: Engine) -> SchemaState:
    try:
        with engine.connect() as connection:
            tables = set(inspect(connection).get_table_names())
            current = None
            if "alembic_version" in tables:
                current = connection.execute(
                    text("SELECT version_num FROM alembic_version")
                ).scalar()
    except DomainError:
        raise
    except Exception as exc:
        raise DomainError("database_unusable", detail=str(exc).splitlines()[0]) from exc
    if current is not None and current not in REVISIONS:
        raise DomainError("database_newer", revision=current)
    if current is None and tables - {"alembic_version"}:
        raise DomainError(
            "database_unusable",
            detail="该数据库中已有其他程序的数据表，不是议事数据库。请换一个数据库地址。",
        )
    return SchemaState(current=current, head=head_revision(), is_empty=current is None)


def upgrade(engine: Engine, *, backup_dir: Path | None = None) -> Path | None:
    """Migrate to head; on SQLite with data, first back the file up. Returns the backup's path."""
    state = schema_state(engine)
    use_wal(engine)
    if state.is_current:
        return None
    backup = None
    path = sqlite_path(engine.url)
    if path is not None and not state.is_empty:
        folder = backup_dir or path.parent / "backups"
        backup = backup_sqlite(engine, free_path(folder, f"{path.stem}-before-{state.head}"))
    from alembic import command

    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    return backup


def open_schema(engine: Engine, *, backup_dir: Path | None = None) -> None:
    """At start-up: SQLite is created or migrated here; PostgreSQL only by `yishi db upgrade`."""
    state = schema_state(engine)
    use_wal(engine)
    if state.is_current:
        return
    if engine.dialect.name == "sqlite":
        upgrade(engine, backup_dir=backup_dir)
        return
    raise DomainError("database_outdated", current=state.current or "空数据库")


def restore(engine: Engine, source: Path, *, user: str = "system") -> Path | None:
    """Replace the SQLite database by a backup; the current content is set aside first.

    The backup is checked (integrity, foreign keys, a Yishi schema no newer than ours) before the
    live file is touched. A backup from an older program is migrated after restoring. The restore
    is recorded in the restored database's change log, naming the file that keeps what was
    written after the backup.
    """
    if engine.dialect.name != "sqlite":
        raise DomainError("database_not_sqlite")
    if not source.is_file():
        raise DomainError("restore_missing", path=str(source))
    revision = check_sqlite_file(source, engine=engine)
    if revision not in REVISIONS:
        raise DomainError("database_newer", revision=revision)
    safety = None
    newer_entries = 0
    path = sqlite_path(engine.url)
    if path is not None and path.exists() and read_revision(path, engine) is not None:
        safety = set_aside(engine, path.parent / "backups", f"{path.stem}-before-restore")
        newer_entries = _entries_after(safety, last_log_id(source, engine), engine)
    restore_sqlite(source, engine)
    open_schema(engine)
    _record_restore(engine, source=source, safety=safety, newer_entries=newer_entries, user=user)
    return safety


def _entries_after(saved: Path, last_id: int, engine: Engine) -> int:
    """How many change-log rows the set-aside file holds beyond the backup's last one."""
    try:
        return max(0, last_log_id(saved, engine) - last_id)
    except Exception:  # a damaged set-aside file: the count is unknown, the file is kept
        return -1


def _record_restore(
    engine: Engine, *, source: Path, safety: Path | None, newer_entries: int, user: str
) -> None:
    from models.store.unit_of_work import Database

    kept = (
        f"恢复前的数据库已另存为 {safety}"
        + (f"，其中有备份之后写入的 {newer_entries} 条变更记录" if newer_entries > 0 else "")
        if safety is not None
        else "恢复前没有可保存的数据库"
    )
    # Unattributed: the clerk was checked against the database being replaced, and need not be
    # an account of the restored one (a backup taken before sign-in was turned on, say).
    with Database(engine).unattributed_work(user) as uow:
        uow.log(
            action="restore",
            entity="database",
            entity_id="*",
            note=f"用备份 {source} 恢复数据库；{kept}。",
            after={
                "source": str(source),
                "previous_saved_as": str(safety) if safety else None,
                "entries_after_backup": newer_entries,
            },
        )
        uow.commit()
