"""Signing in on the command line (issue 15). Once a database requires sign-in, every command
that opens it signs in first with `--user` and the account password (desktop/cli/passwords.py);
the core then checks the account's role, and its obligation to change a password an
administrator set, on every command (models/services/common/access.py)."""

from __future__ import annotations

import argparse

from desktop.database import prepare
from desktop.settings import StartupSettings
from models.domain.errors import DomainError
from models.services.accounts.queries import sign_in_required
from models.services.accounts.signing import sign_in
from models.services.common.access import allowed
from models.store.backup import read_revision
from models.store.engine import create_database_engine, sqlite_path
from models.store.pg_roles import account_url, is_postgresql, refused_login
from models.store.unit_of_work import Database, open_database

# What a command that works on the database file needs once the database requires sign-in
# (models/domain/permissions.py). `db upgrade` is the operator's; the others open no database.
_FILE_COMMAND_ACTIONS: dict[tuple[str, str | None], str] = {
    ("db", "backup"): "db.backup",
    ("db", "restore"): "db.restore",
    ("db", "auto-backup"): "settings.edit",
    ("db", "encrypt"): "db.encrypt",
    ("db", "decrypt"): "db.encrypt",
}


def _signed_in(db: Database, settings: StartupSettings, args: argparse.Namespace) -> str:
    """The login the command runs as: the account signed in with when the database requires
    it (refused, whatever the reason, with `account_refused`), else the clerk as before."""
    if not sign_in_required(db):
        return settings.user
    if not (getattr(args, "user", None) or "").strip():
        raise DomainError("sign_in_user_missing")
    if args.account_password is None:
        raise DomainError("account_password_missing")
    return sign_in(db, login=settings.user, password=args.account_password).account.login


def open_signed_in(settings: StartupSettings, args: argparse.Namespace) -> tuple[Database, str]:
    """The database, opened and signed in to, and the login its commands run as. Signing in
    comes before the rules are recorded: that is written as the clerk, and the attempt of a
    name that is no account must be logged as one."""
    db = _open_as_account(settings, args)
    try:
        login = _signed_in(db, settings, args)
    except BaseException:
        db.engine.dispose()
        raise
    return prepare(db, settings), login


def _open_as_account(settings: StartupSettings, args: argparse.Namespace) -> Database:
    """On PostgreSQL with an account and its password given, connect as the account's own
    login role (the clerks' URL carries no password; the server enforces the role too). The
    server refusing the password is the same refusal as Yishi's own, whatever the reason."""
    login = (getattr(args, "user", None) or "").strip()
    password = getattr(args, "account_password", None)
    if not login or password is None or not is_postgresql(settings.database_url):
        return open_database(settings.database_url)
    try:
        return open_database(account_url(settings.database_url, login, password))
    except DomainError as exc:  # database_unusable, caused by what the server said
        if exc.__cause__ is not None and refused_login(exc.__cause__):
            raise DomainError("account_refused") from None
        raise


def check_file_command(
    settings: StartupSettings, key: tuple[str, str | None], args: argparse.Namespace
) -> None:
    """A command that works on the database file (backup, restore, encrypt …) runs before any
    session of work; when the database it acts on requires sign-in, its clerk signs in there
    and must hold the action's permission. Restoring: the accounts of the database being
    replaced decide."""
    action = _FILE_COMMAND_ACTIONS.get(key)
    if action is None:
        return
    if key == ("db", "auto-backup") and not _changes_auto_backup(args):
        action = "db.backup"  # seeing where backups go is for those who may make one
    engine = create_database_engine(settings.database_url)
    try:
        path = sqlite_path(engine.url)
        # On PostgreSQL these commands refuse before touching anything (the server's own tools
        # back it up); a missing or damaged file, or one that is no Yishi database, has no
        # accounts to ask — restoring over a damaged database is what restore is for.
        if path is None or not path.exists() or read_revision(path, engine) is None:
            return
        if not sign_in_required(Database(engine)):
            return
    finally:
        engine.dispose()
    db, login = open_signed_in(settings, args)
    try:
        allowed(db, login, action)
    finally:
        db.engine.dispose()


def _changes_auto_backup(args: argparse.Namespace) -> bool:
    return any(getattr(args, name, None) is not None for name in ("folder", "schedule", "keep"))
