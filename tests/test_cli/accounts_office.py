"""An office's database with accounts, driven through the real `yishi` command line (issue 15).

Passwords go in as a clerk's script gives them: standard input (fed line by line) or the
environment; the login names are unique per test because on PostgreSQL every account is also a
login role of the whole server, dropped again at the end.
"""

from __future__ import annotations

import io
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import pytest
from sqlalchemy import create_engine, text

from models.services.motions.commands.units import add_handling_unit
from models.store.unit_of_work import open_database

from .helpers import Result, run_cli

ADMIN_FIRST = "Yishi-2026!"  # set by `users add`, changed at first sign-in
ADMIN_OWN = "Wenhua#2027"
TEMPORARY = "Linshi@2028"  # what an administrator gives a colleague
OWN = "Ziji^2029"  # what the colleague changes it to
WRONG = "Cuowu&2030"
UNIT = "区民政局"


@dataclass
class Office:
    capsys: pytest.CaptureFixture[str]
    monkeypatch: pytest.MonkeyPatch
    url: str
    backend: str
    suffix: str = field(default_factory=lambda: uuid.uuid4().hex[:6])
    logins: list[str] = field(default_factory=list)
    upgraded: bool = False

    def login(self, name: str) -> str:
        """A login name of this test: unique on the PostgreSQL server."""
        login = f"{name}_{self.suffix}"
        if login not in self.logins:
            self.logins.append(login)
        return login

    @property
    def admin(self) -> str:
        return self.login("wang")

    def yishi(
        self,
        *argv: str,
        stdin: str = "",
        password: str | None = None,
        new_password: str | None = None,
    ) -> Result:
        """`yishi --database URL ARGV`, standard input `stdin`, and YISHI_PASSWORD /
        YISHI_NEW_PASSWORD set only when given."""
        self.monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
        for name, value in (("YISHI_PASSWORD", password), ("YISHI_NEW_PASSWORD", new_password)):
            if value is None:
                self.monkeypatch.delenv(name, raising=False)
            else:
                self.monkeypatch.setenv(name, value)
        return run_cli(self.capsys, "--database", self.url, *argv)

    def as_user(self, login: str, password: str, *argv: str, stdin_after: str = "") -> Result:
        """A command signed in as `login`, its password on the first line of standard input."""
        return self.yishi(
            "--user", login, "--password-stdin", *argv, stdin=f"{password}\n{stdin_after}"
        )

    def as_admin(self, *argv: str, stdin_after: str = "") -> Result:
        return self.as_user(self.admin, ADMIN_OWN, *argv, stdin_after=stdin_after)

    def add(self, name: str, role: str, *extra: str) -> str:
        """An administrator adds a colleague's account with the temporary password."""
        login = self.login(name)
        added = self.as_admin(
            "users", "add", "--name", login, "--display", name, "--role", role, *extra,
            "--new-password-stdin", stdin_after=f"{TEMPORARY}\n",
        )  # fmt: skip
        assert added.code == 0, added.err
        return login

    def first_sign_in(self, login: str) -> None:
        """The colleague's first sign-in: the temporary password changed to their own."""
        changed = self.as_user(
            login, TEMPORARY, "users", "change-password", "--new-password-stdin",
            stdin_after=f"{OWN}\n",
        )  # fmt: skip
        assert changed.code == 0, changed.err

    def ready(self) -> None:
        """An empty PostgreSQL schema needs `yishi db upgrade` first (SQLite is made on use)."""
        if self.backend == "postgresql" and not self.upgraded:
            upgraded = self.yishi("db", "upgrade")
            assert upgraded.code == 0, upgraded.err
        self.upgraded = True

    def handling_unit(self, name: str = UNIT) -> None:
        """A handling unit, added before sign-in is required (no command line adds one)."""
        self.ready()
        db = open_database(self.url)
        try:
            add_handling_unit(db, user="setup", name=name)
        finally:
            db.engine.dispose()

    def start(self) -> None:
        """The first administrator, added as the OS login on an empty database; sign-in turned
        on; the administrator's first password changed."""
        self.ready()
        first = self.yishi(
            "users", "add", "--name", self.admin, "--display", "王主任", "--role", "admin",
            "--new-password-stdin", stdin=f"{ADMIN_FIRST}\n",
        )  # fmt: skip
        assert first.code == 0, first.err
        on = self.yishi("users", "require-sign-in", "on")
        assert on.code == 0, on.err
        changed = self.as_user(
            self.admin, ADMIN_FIRST, "users", "change-password", "--new-password-stdin",
            stdin_after=f"{ADMIN_OWN}\n",
        )  # fmt: skip
        assert changed.code == 0, changed.err

    def drop_logins(self) -> None:
        if self.backend != "postgresql":
            return
        from tests.conftest import PG_URL

        engine = create_engine(PG_URL)
        with engine.begin() as connection:
            for login in self.logins:
                connection.exec_driver_sql(f'DROP ROLE IF EXISTS "{login}"')
        engine.dispose()


def pg_login_exists(login: str) -> bool:
    from tests.conftest import PG_URL

    engine = create_engine(PG_URL)
    with engine.connect() as connection:
        found = connection.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": login})
        exists = found.first() is not None
    engine.dispose()
    return exists


@contextmanager
def office_on(capsys, monkeypatch, fresh, backend: str) -> Iterator[Office]:
    """An empty database of the backend (no demo) for one test, its login roles dropped after."""
    made = Office(capsys, monkeypatch, fresh.url(backend), backend)
    try:
        yield made
    finally:
        made.drop_logins()
