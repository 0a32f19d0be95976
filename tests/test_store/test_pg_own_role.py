"""On PostgreSQL the command line and the window connect as the clerk's own login role once a
password is given, so the server's grants bind what the clerk does; the server refusing the
login is the same refusal as Yishi's own (issue 15)."""

from __future__ import annotations

import argparse
from collections.abc import Iterator

import pytest
from pg_granted import Granted, granted_database
from sqlalchemy import text
from sqlalchemy.engine import make_url
from test_cli.helpers import run_cli

from desktop.cli.signing import open_signed_in
from desktop.database import prepare
from desktop.settings import StartupSettings
from models.domain.errors import DomainError
from models.domain.roles import Role
from models.services.accounts.commands import reset_password, set_sign_in_required

PASSWORD = "Own-Role-2026"


@pytest.fixture(scope="module")
def granted(
    postgres_available: None, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Granted]:
    with granted_database(tmp_path_factory.mktemp("pg-own-role")) as database:
        admin = database.logins[Role.ADMIN]
        # The rules and calendar in force, as the first start of the office recorded them.
        prepare(database.db, StartupSettings(database_url=database.url, user="setup"))
        for role in (Role.ADMIN, Role.READONLY):
            reset_password(
                database.db, user="setup", login=database.logins[role], password=PASSWORD
            )
        with database.db.engine.begin() as connection:
            connection.execute(text("UPDATE app_user SET must_change_password = false"))
        set_sign_in_required(database.db, user=admin, required=True)
        yield database


def _clerks_url(granted: Granted) -> str:
    """The URL the office configures: server and database, no user, no password."""
    url = make_url(granted.url).set(username=None, password=None)
    return url.render_as_string(hide_password=False)


def test_the_clerk_works_as_their_own_login_role(granted):
    login = granted.logins[Role.READONLY]
    args = argparse.Namespace(user=login, account_password=PASSWORD)
    settings = StartupSettings(database_url=_clerks_url(granted), user=login)
    db, signed_in = open_signed_in(settings, args)
    try:
        with db.engine.connect() as connection:
            assert connection.execute(text("SELECT current_user")).scalar_one() == login
        assert signed_in == login
    finally:
        db.engine.dispose()


def test_a_login_the_server_refuses_is_refused_like_a_wrong_password(granted):
    args = argparse.Namespace(user="yishi_t_no_such_login", account_password=PASSWORD)
    settings = StartupSettings(database_url=_clerks_url(granted), user="yishi_t_no_such_login")
    with pytest.raises(DomainError) as refused:
        open_signed_in(settings, args)
    assert refused.value.code == "account_refused"


def test_the_command_line_reads_as_a_readonly_role_and_is_refused_the_rest(
    granted, capsys, monkeypatch
):
    login = granted.logins[Role.READONLY]
    monkeypatch.setenv("YISHI_PASSWORD", PASSWORD)
    base = ("--database", _clerks_url(granted), "--user", login)
    assert run_cli(capsys, *base, "people", "list").code == 0
    refused = run_cli(capsys, *base, "users", "list")
    assert refused.code == 2 and "当前账户（只读）无权管理账户与权限" in refused.err


def test_the_window_signs_in_as_the_clerks_own_login_role(granted):
    from desktop.gui import open_context
    from views.accounts.session import SignInGate

    login = granted.logins[Role.READONLY]
    settings = StartupSettings(database_url=_clerks_url(granted), user=login)
    gate = open_context(settings)
    assert isinstance(gate, SignInGate)
    with pytest.raises(DomainError, match="account_refused"):
        gate.attempt(login, "not-the-password-1")
    result = gate.attempt(login, PASSWORD)
    ctx = gate.context(result.account)
    try:
        assert ctx.account is not None and ctx.account.role is Role.READONLY
        with ctx.db.engine.connect() as connection:
            assert connection.execute(text("SELECT current_user")).scalar_one() == login
    finally:
        ctx.close()
        if gate.db is not None:
            gate.db.engine.dispose()
