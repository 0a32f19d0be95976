"""Login roles of each Yishi group for the PostgreSQL grants tests, made and dropped again
(roles are cluster-wide), and what those tests ask of a connection."""

from __future__ import annotations

from typing import Any

from conftest import PG_URL
from sqlalchemy import Connection, create_engine, select, text
from sqlalchemy.exc import DBAPIError

from models.domain.roles import Role
from models.entities import ChangeLog, User
from models.store.audit_chain import GENESIS, chain_hash
from models.store.pg_roles import create_login
from models.store.unit_of_work import Database

REFUSED = "42501"  # insufficient_privilege
FIELDS = ("at", "user_login", "action", "entity", "entity_id", "before", "after", "note")


def add_accounts(db: Database, unit_id: int | None, suffix: str) -> dict[Role, str]:
    logins = {role: f"yishi_t_{role.value}_{suffix}" for role in Role}
    with db.unit_of_work("setup") as uow:
        for role, login in logins.items():
            uow.session.add(
                User(
                    login=login,
                    display_name=login,
                    role=role.value,
                    password_hash="$argon2id$not-checked-here",
                    unit_id=unit_id if role is Role.UNIT else None,
                )
            )
        uow.commit()
    with db.engine.begin() as connection:
        for role, login in logins.items():
            create_login(connection, login, "pw-not-needed-under-trust", role)
    return logins


def drop_logins(logins: dict[Role, str]) -> None:
    admin = create_engine(PG_URL)
    with admin.begin() as connection:
        for login in logins.values():
            connection.exec_driver_sql(f'DROP OWNED BY "{login}"')
            connection.exec_driver_sql(f'DROP ROLE IF EXISTS "{login}"')
    admin.dispose()


def _sqlstate(exc: DBAPIError) -> str | None:
    return getattr(exc.orig, "sqlstate", None)


def refused(connection: Connection, sql: str, params: dict[str, Any] | None = None) -> str:
    """Run `sql` in a savepoint; the SQLSTATE it was refused with ('' if it was not)."""
    savepoint = connection.begin_nested()
    try:
        connection.execute(text(sql), params or {})
    except DBAPIError as exc:
        savepoint.rollback()
        return _sqlstate(exc) or "?"
    savepoint.rollback()
    return ""


def assert_chain_valid(db: Database) -> None:
    """Every entry sealed to the one before it, as `yishi audit verify` checks."""
    with db.session_factory() as session:
        entries = session.scalars(select(ChangeLog).order_by(ChangeLog.id)).all()
    previous = GENESIS
    for entry in entries:
        content = {c: getattr(entry, c) for c in FIELDS}
        assert entry.prev_hash == previous, entry.id
        assert entry.entry_hash == chain_hash(previous, content), entry.id
        previous = entry.entry_hash
