"""One unit of work per user action: one transaction, committed explicitly, logged to the change log."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import Any

from sqlalchemy import Connection, Engine, event, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from models.domain.errors import DomainError
from models.entities import Setting, User
from models.entities.base import utcnow
from models.store.audit import (
    drop_held_entries,
    hold_entries,
    record_changes,
    seal_held_entries,
    stamp_versioned,
)
from models.store.engine import WRITER_OPTION, create_database_engine
from models.store.migrate import open_schema


def _is_busy(exc: BaseException) -> bool:
    """SQLite's lock could not be had within the busy timeout (another clerk is writing)."""
    return isinstance(exc, OperationalError) and "database is locked" in str(exc)


def _busy_or(exc: Exception) -> Exception:
    return DomainError("database_busy") if _is_busy(exc) else exc


# (table, identity) of every record written by the units of work committed inside `collecting()`.
Touched = set[tuple[str, str]]
_collector: ContextVar[Touched | None] = ContextVar("yishi_touched", default=None)


@contextmanager
def collecting() -> Iterator[Touched]:
    """Gather what the commands run inside write: a rolled-back unit of work adds nothing."""
    touched: Touched = set()
    token = _collector.set(touched)
    try:
        yield touched
    finally:
        _collector.reset(token)


# "1" once an administrator has turned sign-in on (账户与权限); absent or "0": not required.
SIGN_IN_REQUIRED = "accounts.sign_in_required"


def sign_in_required(session: Session) -> bool:
    return session.scalar(select(Setting.value).where(Setting.key == SIGN_IN_REQUIRED)) == "1"


class AuditedSession(Session):
    """A session whose every flush stamps versioned records and appends to the change log."""


event.listen(AuditedSession, "before_flush", stamp_versioned)
event.listen(AuditedSession, "after_flush", record_changes)
event.listen(AuditedSession, "before_commit", seal_held_entries)
event.listen(AuditedSession, "after_rollback", drop_held_entries)


class UnitOfWork:
    def __init__(
        self,
        session_factory: Callable[[], Session],
        user_login: str,
        clock: Callable[[], datetime] = utcnow,
        *,
        attributed: bool = True,
    ) -> None:
        self._session_factory = session_factory
        self.user_login = user_login
        self._clock = clock
        self._committed = False
        # False only for signing in: the name tried may be no account at all.
        self._attributed = attributed
        self.user: User | None = None

    def __enter__(self) -> UnitOfWork:
        self.session = self._session_factory()
        self.session.info["user_login"] = self.user_login
        self.session.info["now"] = self._clock
        try:
            self.session.connection(execution_options={WRITER_OPTION: True})
            if self._attributed:
                self.user = self._clerk()
        except Exception as exc:
            self.session.close()
            raise _busy_or(exc) from exc
        self.session.info["user_id"] = self.user.id if self.user is not None else None
        return self

    def _clerk(self) -> User:
        user = self.session.scalar(select(User).where(User.login == self.user_login))
        if user is None:
            if sign_in_required(self.session):
                # Only an administrator adds accounts once sign-in is required.
                raise DomainError("account_refused")
            user = User(login=self.user_login, display_name=self.user_login)
            self.session.add(user)
            self.session.flush()
        return user

    def log(
        self,
        *,
        action: str,
        entity: str,
        entity_id: object,
        note: str | None = None,
        after: dict[str, Any] | None = None,
    ) -> None:
        """An audit row for something that is not a write, such as revealing an ID number."""
        hold_entries(
            self.session,
            [
                {
                    "at": self._clock(),
                    "user_id": self.user.id if self.user is not None else None,
                    "user_login": self.user_login,
                    "action": action,
                    "entity": entity,
                    "entity_id": str(entity_id),
                    "before": None,
                    "after": after,
                    "note": note,
                }
            ],
        )

    def commit(self) -> None:
        touched: Touched = self.session.info.pop("touched", set())
        self.session.commit()
        self._committed = True
        collector = _collector.get()
        if collector is not None:
            collector.update(touched)

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if not self._committed:
            self.session.rollback()
        self.session.close()
        if exc is not None and _is_busy(exc):
            raise DomainError("database_busy") from exc


class Database:
    """What a service needs: where sessions come from. Opened once per process."""

    def __init__(
        self,
        engine: Engine,
        session_factory: Callable[[], Session] | None = None,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self.engine = engine
        self.session_factory = session_factory or sessionmaker(
            bind=engine, class_=AuditedSession, expire_on_commit=False
        )
        self.clock = clock

    def with_clock(self, clock: Callable[[], datetime]) -> Database:
        """The same database whose units of work stamp `clock`'s time (the demo's own dates)."""
        return Database(self.engine, self.session_factory, clock)

    @contextmanager
    def one_transaction(self) -> Iterator[Database]:
        """Units of work that commit to savepoints of one transaction, committed at the end or not
        at all (the demo: one commit instead of thousands). Sessions already bound to one
        connection (the tests' rolled-back database) share its transaction as they are."""
        if isinstance(getattr(self.session_factory, "kw", {}).get("bind"), Connection):
            yield self
            return
        with self.engine.connect() as connection:
            connection = connection.execution_options(**{WRITER_OPTION: True})
            with connection.begin():
                factory = sessionmaker(
                    bind=connection,
                    class_=AuditedSession,
                    expire_on_commit=False,
                    join_transaction_mode="create_savepoint",
                )
                yield Database(self.engine, factory, self.clock)

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    def unit_of_work(self, user_login: str) -> UnitOfWork:
        return UnitOfWork(self.session_factory, user_login, self.clock)

    def unattributed_work(self, login: str) -> UnitOfWork:
        """Bookkeeping written under a name that may be no account of this database: a sign-in
        attempt (its log entry, the failure count), the record of a restore. Nothing else."""
        return UnitOfWork(self.session_factory, login, self.clock, attributed=False)


def open_database(url: str, *, backup_dir: Path | None = None) -> Database:
    """Engine + schema check: SQLite is created/migrated (after a backup), PostgreSQL must be current."""
    engine = create_database_engine(url)
    try:
        open_schema(engine, backup_dir=backup_dir)
    except Exception:
        engine.dispose()
        raise
    return Database(engine)
