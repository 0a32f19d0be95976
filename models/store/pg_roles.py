"""On PostgreSQL each account is a login role of the server, a member of one group role per
Yishi role, so the database enforces what the core checks (issue 15).

`yishi users add` (run by an administrator whose connection may create roles) creates the
login; `yishi db upgrade` creates the groups and their grants and policies. Names are quoted by
the server's own quote_ident, never pasted into SQL.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, text
from sqlalchemy.engine import make_url

from models.domain.roles import Role

GROUP_PREFIX = "yishi_"


def group_role(role: Role) -> str:
    """The PostgreSQL group role of a Yishi role: yishi_admin, yishi_secretariat, …"""
    return f"{GROUP_PREFIX}{role.value}"


def _ident(connection: Connection, name: str) -> str:
    return str(connection.execute(text("SELECT quote_ident(:name)"), {"name": name}).scalar_one())


def _literal(connection: Connection, value: str) -> str:
    """The server's own quoting of `value`, with % doubled: the statement goes to the driver,
    which reads a lone % as a placeholder (a password such as Ziji%2029 would break it)."""
    quoted = connection.execute(text("SELECT quote_literal(:value)"), {"value": value})
    return str(quoted.scalar_one()).replace("%", "%%")


def login_exists(connection: Connection, login: str) -> bool:
    found = connection.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": login})
    return found.first() is not None


def create_login(connection: Connection, login: str, password: str, role: Role) -> None:
    """CREATE ROLE login LOGIN PASSWORD … IN ROLE yishi_<role>; an administrator's login may
    create the logins of others (CREATEROLE)."""
    extra = " CREATEROLE" if role is Role.ADMIN else ""
    connection.exec_driver_sql(
        f"CREATE ROLE {_ident(connection, login)} LOGIN{extra} "
        f"PASSWORD {_literal(connection, password)} "
        f"IN ROLE {_ident(connection, group_role(role))}"
    )


def set_login_group(connection: Connection, login: str, role: Role) -> None:
    """Membership in exactly one Yishi group: the role's."""
    who = _ident(connection, login)
    for other in Role:
        if other is not role:
            connection.exec_driver_sql(f"REVOKE {_ident(connection, group_role(other))} FROM {who}")
    connection.exec_driver_sql(f"GRANT {_ident(connection, group_role(role))} TO {who}")
    createrole = "CREATEROLE" if role is Role.ADMIN else "NOCREATEROLE"
    connection.exec_driver_sql(f"ALTER ROLE {who} {createrole}")


def set_login_password(connection: Connection, login: str, password: str) -> None:
    connection.exec_driver_sql(
        f"ALTER ROLE {_ident(connection, login)} PASSWORD {_literal(connection, password)}"
    )


def set_login_enabled(connection: Connection, login: str, enabled: bool) -> None:
    connection.exec_driver_sql(
        f"ALTER ROLE {_ident(connection, login)} {'LOGIN' if enabled else 'NOLOGIN'}"
    )


def groups_ready(connection: Connection) -> bool:
    """Whether `yishi db upgrade` has created the group roles on this server: only then is each
    account also a login role of its own."""
    found = connection.execute(
        text("SELECT count(*) FROM pg_roles WHERE rolname = ANY(:names)"),
        {"names": [group_role(role) for role in Role]},
    ).scalar_one()
    return int(found) == len(Role)


def account_url(url: str, login: str, password: str) -> str:
    """The configured database URL with the account's own login and password: how the app
    connects as the clerk's role on PostgreSQL. The clerks' configured URL carries no password
    (they sign in); this one does, so it is handed to create_engine and never shown — the
    display code (services/common/context.py `database_display`) prints host and database only,
    and SQLAlchemy's own rendering masks it."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "postgresql":
        raise ValueError("an account's own connection exists on PostgreSQL only")
    return parsed.set(username=login, password=password).render_as_string(hide_password=False)


# Sign-in bookkeeping and one's own password on PostgreSQL once the grants are set up: an
# account may not UPDATE app_user (a 只读 account writes nothing), so these go through SECURITY
# DEFINER functions that touch only the connected login's own row (pg_functions.py). Call them
# when pg_log.has_log_functions(connection) says the schema has them; otherwise write the row.


def note_own_sign_in(
    connection: Connection, *, failed_sign_ins: int, locked_until: datetime | None
) -> bool:
    """Set the connected login's failed_sign_ins and locked_until; False if it has no row."""
    noted = connection.execute(
        text("SELECT yishi_note_sign_in(:failed, :locked)"),
        {"failed": failed_sign_ins, "locked": locked_until},
    ).scalar_one()
    return bool(noted)


def set_own_password_hash(connection: Connection, password_hash: str) -> bool:
    """The connected login's new argon2 hash (must_change_password off, failures cleared); the
    server role's own password is ALTER ROLE … PASSWORD, which any login may do for itself."""
    changed = connection.execute(
        text("SELECT yishi_set_own_password(:hash)"), {"hash": password_hash}
    ).scalar_one()
    return bool(changed)


def is_postgresql(url: str) -> bool:
    return make_url(url).get_backend_name() == "postgresql"


# What the server says when it will not let a login in: a wrong password, no such role, a
# role without LOGIN (a disabled account). SQLSTATE 28P01 / 28000, as the driver reports them.
_LOGIN_REFUSED = ("28P01", "28000")


def refused_login(exc: BaseException) -> bool:
    """Whether a failed connection is the server refusing the login (not a server down)."""
    state = getattr(getattr(exc, "orig", None), "sqlstate", None)
    if state in _LOGIN_REFUSED:
        return True
    said = str(exc)
    return (
        "password authentication failed" in said
        or "is not permitted to log in" in said
        or ('FATAL:  role "' in said and "does not exist" in said)
    )
