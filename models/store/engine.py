"""Engines for the embedded SQLite file and a shared PostgreSQL, set up the same way every time."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import cast

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.pool import ConnectionPoolEntry, PoolProxiedConnection, QueuePool

from models.domain.errors import DomainError
from models.store.cipher import connect_file, key_for_file

SQLITE_BUSY_TIMEOUT_MS = 10_000
# Execution option a unit of work sets on its connection: this transaction will write.
WRITER_OPTION = "yishi_writer"


def is_sqlite(url: str | URL) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def sqlite_path(url: str | URL) -> Path | None:
    """The file behind a SQLite URL; None for an in-memory database or another backend."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return None
    database = parsed.database
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    return Path(database)


def create_database_engine(
    url: str | URL, *, busy_timeout_ms: int = SQLITE_BUSY_TIMEOUT_MS
) -> Engine:
    try:
        parsed = make_url(url)
    except Exception as exc:
        raise DomainError("database_unusable", detail=f"无法识别的数据库地址“{url}”") from exc
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(parsed, busy_timeout_ms)
    if parsed.get_backend_name() == "postgresql":
        return create_engine(parsed, pool_pre_ping=True)
    raise DomainError(
        "database_unusable",
        detail=f"不支持的数据库类型“{parsed.get_backend_name()}”，请使用 sqlite:/// 或 postgresql+psycopg://",
    )


def _sqlite_engine(url: URL, busy_timeout_ms: int) -> Engine:
    path = sqlite_path(url)
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DomainError(
                "database_unusable", detail=f"无法建立数据库文件夹 {path.parent}（{exc.strerror}）"
            ) from exc
    key = key_for_file(path) if path is not None else None
    if key is None:
        engine = create_engine(url, connect_args={"timeout": busy_timeout_ms / 1000})
    else:
        # An encrypted file: SQLCipher's driver, keyed on every connection with the raw key (the
        # dialect sends PRAGMA key first). The URL the clerk configured stays sqlite:///….
        engine = create_engine(
            url.set(drivername="sqlite+pysqlcipher", password=key),
            connect_args={"timeout": busy_timeout_ms / 1000},
            poolclass=QueuePool,
        )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: ConnectionPoolEntry) -> None:
        # pysqlite's own transaction handling breaks SAVEPOINT and starts transactions late;
        # take it over (SQLAlchemy's documented recipe) so a unit of work is one real transaction.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={busy_timeout_ms}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        # A unit of work takes the write lock at its start: SQLite serialises writers anyway,
        # and a deferred writer whose read snapshot went stale could only fail, not wait.
        is_writer = connection.get_execution_options().get(WRITER_OPTION, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if is_writer else "BEGIN")

    return engine


def sqlite_connection(raw: PoolProxiedConnection) -> sqlite3.Connection:
    """The sqlite3 connection under a pooled SQLite connection (SQLAlchemy types it as Any)."""
    driver = raw.driver_connection
    if isinstance(driver, sqlite3.Connection):
        return driver
    if type(driver).__module__.startswith("sqlcipher3"):
        # The same DB-API as sqlite3 (an encrypted file); its backup() wants a keyed
        # sqlcipher3 connection as the target: see open_like().
        return cast(sqlite3.Connection, driver)
    raise TypeError(f"expected a sqlite3 connection, not {type(driver).__name__}")


def is_encrypted_engine(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite" and engine.dialect.driver == "pysqlcipher"


def open_like(engine: Engine | None, path: Path, *, read_only: bool = False) -> sqlite3.Connection:
    """A connection to another SQLite file the way the engine opens its own: keyed with the same
    key for an encrypted database (so a backup through SQLite's backup API is encrypted too),
    plain sqlite3 otherwise (also without an engine). Backups and restores open their files with
    this."""
    # Read-only by URI, the path percent-encoded so that "#", "?" and "%" in a folder's name
    # (备份#1) stay part of the name.
    target = Path(path.resolve().as_uri() + "?mode=ro") if read_only else path
    if engine is not None and is_encrypted_engine(engine):
        return connect_file(target, engine.url.password, uri=read_only)
    if read_only:
        return sqlite3.connect(str(target), uri=True)
    return sqlite3.connect(path)


def use_wal(engine: Engine) -> None:
    """WAL lets a backup run while the app writes; it is stored in the file, so set once it is ours."""
    if engine.dialect.name == "sqlite" and sqlite_path(engine.url) is not None:
        # Outside any transaction: the pragma is refused inside one.
        raw = engine.raw_connection()
        try:
            sqlite_connection(raw).execute("PRAGMA journal_mode=WAL")
        finally:
            raw.close()
