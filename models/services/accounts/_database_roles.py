"""On a shared PostgreSQL database each account is also a login role (models/store/pg_roles.py),
kept in step with the account in the same transaction; on SQLite there is nothing to do."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import text
from sqlalchemy.orm import Session

from models.domain.roles import Role
from models.store import pg_roles
from models.store.pg_log import has_log_functions


def _server(session: Session) -> object | None:
    connection = session.connection()
    if connection.dialect.name != "postgresql" or not pg_roles.groups_ready(connection):
        return None
    return connection


def added(session: Session, login: str, password: str, role: Role) -> None:
    connection = session.connection()
    if _server(session) is None:
        return
    if pg_roles.login_exists(connection, login):
        # The same login on another Yishi database of this server: one person, one password.
        pg_roles.set_login_group(connection, login, role)
        pg_roles.set_login_password(connection, login, password)
        pg_roles.set_login_enabled(connection, login, True)
    else:
        pg_roles.create_login(connection, login, password, role)


def role_set(session: Session, login: str, role: Role) -> None:
    if _server(session) is not None:
        pg_roles.set_login_group(session.connection(), login, role)


def password_set(session: Session, login: str, password: str) -> None:
    if _server(session) is not None:
        pg_roles.set_login_password(session.connection(), login, password)


def enabled_set(session: Session, login: str, enabled: bool) -> None:
    if _server(session) is not None:
        pg_roles.set_login_enabled(session.connection(), login, enabled)


def as_own_role(session: Session, login: str) -> bool:
    """Connected to PostgreSQL as the account's own login role, with the grants set up: its own
    row of app_user is then written only through the server's functions (pg_functions.py)."""
    connection = session.connection()
    if connection.dialect.name != "postgresql" or not has_log_functions(connection):
        return False
    return bool(connection.execute(text("SELECT current_user")).scalar_one() == login)


def note_own_sign_in(session: Session, *, failed: int, locked_until: datetime | None) -> None:
    pg_roles.note_own_sign_in(
        session.connection(), failed_sign_ins=failed, locked_until=locked_until
    )


def set_own_password(session: Session, login: str, password: str, password_hash: str) -> None:
    connection = session.connection()
    pg_roles.set_own_password_hash(connection, password_hash)
    pg_roles.set_login_password(connection, login, password)
