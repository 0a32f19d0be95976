"""Test configuration: offscreen Qt, and databases on SQLite and PostgreSQL (DESIGN.md §4).

Service tests share one migrated database per backend for the whole session and roll every test
back to a savepoint; migration and concurrency tests get a fresh database (file or schema) each.
The demo is built once per backend per session (it takes seconds): an SQLite file that window and
command-line tests copy, and one database per backend that service tests read through a connection
rolled back after each test, so a test that writes leaves nothing behind.

The suite runs in several processes (pytest-xdist, pyproject.toml): "session" means one worker's
session, each with its own tmp folders and its own PostgreSQL database on the server.
"""

from __future__ import annotations

import functools
import os
import pickle
import sys
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

# Before anything can create a QApplication: without a screen Qt would abort the whole run.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# This machine's environment (and CI's) sets PYTHONDONTWRITEBYTECODE, so each `yishi` process or
# spawned reader a test starts would compile every module it imports again (≈ 0.8 s a process,
# hundreds of processes). The tests let Python keep its bytecode, in the __pycache__ folders of
# the checkout and the venv, which git ignores; the product's own behaviour is not changed.
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)

import pytest
from sqlalchemy import Engine, create_engine, text

try:
    import fcntl
except ImportError:  # Windows: each worker builds what the others would have shared
    fcntl = None  # type: ignore[assignment]
from sqlalchemy.engine import make_url
from sqlalchemy.orm import sessionmaker

from models.store import migrate
from models.store.engine import create_database_engine
from models.store.unit_of_work import AuditedSession, Database

if TYPE_CHECKING:
    from models.demo.builder import DemoSummary

sys.dont_write_bytecode = False  # this process too (see PYTHONDONTWRITEBYTECODE above)

DEMO_USER = "demo-clerk"  # who builds the session's demo; the change log says so
# The server's database named by YISHI_TEST_PG_URL; a serial run works in it directly.
PG_SERVER_URL = os.environ.get(
    "YISHI_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
# Under pytest-xdist each worker (gw0, gw1, …) gets a database of its own on the same server
# (test_gw0, …), made afresh at its session start, so that workers never meet in a schema and a
# crashed run's leftovers go with the next run. Login and group roles are server-wide: the tests
# that make logins name them uniquely (accounts_office.py).
XDIST_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")


def _worker_url(server_url: str, worker: str) -> str:
    if not worker:
        return server_url
    url = make_url(server_url)
    return url.set(database=f"{url.database}_{worker}").render_as_string(hide_password=False)


PG_URL = _worker_url(PG_SERVER_URL, XDIST_WORKER)
BACKENDS = ["sqlite", "postgresql"]
T = TypeVar("T")


@pytest.fixture(autouse=True, scope="session")
def _quick_password_hashes() -> Iterator[None]:
    """argon2id at its lightest in tests: the product's cost (64 MiB, three passes, ~0.3 s a
    hash here) is argon2-cffi's default and is what tests/test_services/test_password_cost.py
    checks; hundreds of accounts made and signed in to across the suite need not pay it."""
    from argon2 import PasswordHasher

    from models.services.accounts import _passwords

    patch = pytest.MonkeyPatch()
    patch.setattr(_passwords, "_hasher", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
    _passwords._unmatchable.cache_clear()
    yield
    patch.undo()
    _passwords._unmatchable.cache_clear()


@pytest.fixture(autouse=True, scope="session")
def _private_data_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """No test writes into the real user data folder: crash reports, backups, a default database."""
    patch = pytest.MonkeyPatch()
    patch.setenv("XDG_DATA_HOME", str(tmp_path_factory.mktemp("xdg-data")))
    yield
    patch.undo()


@functools.cache
def _postgres_reachable() -> str | None:
    """None when PostgreSQL answers (and this worker's database is made), else why not."""
    try:
        if PG_URL != PG_SERVER_URL:
            _recreate_worker_database()
        engine = create_engine(PG_URL)
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        engine.dispose()
        return None
    except Exception as exc:
        return f"PostgreSQL at {PG_URL} unreachable: {str(exc).splitlines()[0]}"


def _recreate_worker_database() -> None:
    """DROP and CREATE this worker's database, from a connection to the server's own."""
    name = make_url(PG_URL).database
    server = create_engine(PG_SERVER_URL, isolation_level="AUTOCOMMIT")
    try:
        with server.connect() as connection:
            connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    finally:
        server.dispose()


@pytest.fixture(scope="session")
def postgres_available() -> None:
    reason = _postgres_reachable()
    if reason is None:
        return
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI requires PostgreSQL: {reason}")
    pytest.skip(reason)


def pg_schema_url(schema: str) -> str:
    url = make_url(PG_URL).update_query_dict({"options": f"-csearch_path={schema}"})
    return url.render_as_string(hide_password=False)


class FreshDatabases:
    """Makes empty databases of either backend and cleans them up at the end of the test."""

    def __init__(self, tmp_path: Path) -> None:
        self.tmp_path = tmp_path
        self.schemas: list[str] = []
        self.engines: list[Engine] = []

    def url(self, backend: str) -> str:
        if backend == "sqlite":
            return f"sqlite:///{self.tmp_path / f'yishi-{uuid.uuid4().hex[:8]}.sqlite3'}"
        schema = f"yishi_t_{uuid.uuid4().hex[:12]}"
        _postgres_reachable()  # this worker's database exists before its first schema
        admin = create_engine(PG_URL)
        with admin.begin() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
        admin.dispose()
        self.schemas.append(schema)
        return pg_schema_url(schema)

    def engine(self, backend: str) -> Engine:
        engine = create_database_engine(self.url(backend))
        self.engines.append(engine)
        return engine

    def database(self, backend: str) -> Database:
        """A fresh database migrated to head, committing for real."""
        engine = self.engine(backend)
        migrate.upgrade(engine)
        return Database(engine)

    def close(self) -> None:
        for engine in self.engines:
            engine.dispose()
        if self.schemas:
            admin = create_engine(PG_URL)
            with admin.begin() as connection:
                for schema in self.schemas:
                    connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
            admin.dispose()


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    if request.param == "postgresql":
        request.getfixturevalue("postgres_available")
    return request.param


@pytest.fixture
def fresh(tmp_path: Path) -> Iterator[FreshDatabases]:
    databases = FreshDatabases(tmp_path)
    yield databases
    databases.close()


@pytest.fixture(scope="session")
def _shared_engines(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Engine]]:
    """One migrated database per backend for the whole session, created on first use."""
    databases = FreshDatabases(tmp_path_factory.mktemp("shared-db"))
    engines: dict[str, Engine] = {}

    class Lazy(dict):
        def __missing__(self, backend: str) -> Engine:
            engine = databases.engine(backend)
            migrate.upgrade(engine)
            engines[backend] = engine
            self[backend] = engine
            return engine

    yield Lazy()
    databases.close()


@contextmanager
def rolled_back(engine: Engine) -> Iterator[Database]:
    """A Database on one connection whose every commit is a savepoint, all undone at the end."""
    connection = engine.connect()
    outer = connection.begin()
    factory = sessionmaker(
        bind=connection,
        class_=AuditedSession,
        expire_on_commit=False,
        join_transaction_mode="create_savepoint",
    )
    try:
        yield Database(engine, factory)
    finally:
        outer.rollback()
        connection.close()


@pytest.fixture
def db(backend: str, _shared_engines: dict[str, Engine]) -> Iterator[Database]:
    """The shared database of the backend, every change rolled back after the test."""
    with rolled_back(_shared_engines[backend]) as database:
        yield database


@dataclass(frozen=True)
class SqliteDemo:
    path: Path
    summary: DemoSummary


def built_once(
    tmp_path_factory: pytest.TempPathFactory, name: str, build: Callable[[Path], T]
) -> T:
    """build(folder) once for the whole run, however many workers: the first worker to ask
    builds into a folder they all see, holding a lock the others wait on, and leaves the
    (pickled) answer there. What is built must only be read or copied, never written in place.
    A worker whose builder died before finishing builds it again itself, into an emptied folder
    (build writes files only)."""
    base = tmp_path_factory.getbasetemp()
    if fcntl is None:
        return build(tmp_path_factory.mktemp(name))
    # Under xdist every worker's basetemp (…/pytest-N/popen-gw0) sits in this run's folder.
    folder = (base.parent if XDIST_WORKER else base) / f"once-{name}"
    folder.mkdir(exist_ok=True)
    answer = folder / "answer.pickle"
    with open(folder / "lock", "wb") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if answer.exists():
            value: T = pickle.loads(answer.read_bytes())
            return value
        for left in folder.iterdir():  # what a worker killed mid-build left
            if left.name != "lock":
                left.unlink()
        value = build(folder)
        written = folder / "answer.pickle.part"
        written.write_bytes(pickle.dumps(value))
        os.replace(written, answer)
        return value


def _build_sqlite_demo(folder: Path) -> SqliteDemo:
    from models.demo.builder import build_demo  # the demo drags in every service: only when used

    path = folder / "demo.sqlite3"
    engine = create_database_engine(f"sqlite:///{path}")
    migrate.upgrade(engine)
    summary = build_demo(Database(engine), user=DEMO_USER)
    engine.dispose()
    # Disposing checkpointed and removed the WAL: the main file alone is the database.
    assert not Path(f"{path}-wal").exists()
    return SqliteDemo(path, summary)


@pytest.fixture(scope="session")
def _sqlite_demo(tmp_path_factory: pytest.TempPathFactory) -> SqliteDemo:
    return built_once(tmp_path_factory, "demo-sqlite", _build_sqlite_demo)


@pytest.fixture(scope="session")
def demo_sqlite_file(_sqlite_demo: SqliteDemo) -> Path:
    """The demo built once per session into an SQLite file: read it, or copy it to write."""
    return _sqlite_demo.path


@dataclass(frozen=True)
class SharedDemo:
    engine: Engine
    summary: DemoSummary


@pytest.fixture(scope="session")
def _shared_demos(
    tmp_path_factory: pytest.TempPathFactory, _sqlite_demo: SqliteDemo
) -> Iterator[dict[str, SharedDemo]]:
    """The demo once per backend for the whole session: a copy of the SQLite file, and a
    PostgreSQL schema of its own built on first use (schemas cannot be copied)."""
    databases = FreshDatabases(tmp_path_factory.mktemp("shared-demo"))

    class Lazy(dict):
        def __missing__(self, backend: str) -> SharedDemo:
            if backend == "sqlite":
                copy = databases.tmp_path / "demo.sqlite3"
                copy.write_bytes(_sqlite_demo.path.read_bytes())
                engine = create_database_engine(f"sqlite:///{copy}")
                databases.engines.append(engine)
                shared = SharedDemo(engine, _sqlite_demo.summary)
            else:
                from models.demo.builder import build_demo

                database = databases.database(backend)
                shared = SharedDemo(database.engine, build_demo(database, user=DEMO_USER))
            self[backend] = shared
            return shared

    yield Lazy()
    databases.close()


@pytest.fixture
def demo_db(backend: str, _shared_demos: dict[str, SharedDemo]) -> Iterator[Database]:
    """The session's demo on the backend, built by DEMO_USER; every change rolled back after
    the test, so tests that write may use it too."""
    with rolled_back(_shared_demos[backend].engine) as database:
        yield database


@pytest.fixture
def demo_sqlite_db(_shared_demos: dict[str, SharedDemo]) -> Iterator[Database]:
    """demo_db on SQLite alone, for tests that need the demo but not both backends."""
    with rolled_back(_shared_demos["sqlite"].engine) as database:
        yield database


@pytest.fixture
def demo_summary(backend: str, _shared_demos: dict[str, SharedDemo]) -> DemoSummary:
    """What build_demo answered when it built the session's demo on the backend."""
    return _shared_demos[backend].summary
