"""On PostgreSQL the database enforces the roles too: group roles, table grants, row-level
security and the change log's append-only guard, set up by `yishi db upgrade` (issue 15).

Each Yishi role is a NOLOGIN group role (pg_roles.group_role); each account is a login role in
one group. A clerk who connects with psql under their own account can do no more than in the
window: the grants follow what each role's commands write (models/domain/permissions.py), a
承办单位 account sees only its unit's motions, and nobody rewrites the change log. Everything
is set in the schema the connection works in (its current_schema), and setting it twice is
harmless: the groups' grants are revoked and granted afresh in one transaction.
"""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import DBAPIError

from models.domain.errors import DomainError
from models.domain.roles import Role
from models.entities import (
    Assignment,
    AssignmentExtension,
    Body,
    ChangeLog,
    Contact,
    Feedback,
    HandlingUnit,
    Meeting,
    Membership,
    Minutes,
    Motion,
    MotionAttachment,
    MotionCoSigner,
    MotionStateChange,
    Person,
    Reply,
    Setting,
    Term,
    User,
)
from models.store.pg_functions import PUBLIC_FUNCTIONS, UNIT_MOTION_IDS, create_functions
from models.store.pg_log import forget_log_functions
from models.store.pg_roles import group_role, login_exists

LOG = ChangeLog.__tablename__
USERS = User.__tablename__
SETTINGS = Setting.__tablename__
ALEMBIC = "alembic_version"
# The one setting a 秘书处 account writes (答复模板); the others (sign-in required, the rules
# file, the calendar) are an administrator's.
SECRETARIAT_SETTINGS = ("motions.reply_templates",)

_STAMPS = ("version", "updated_at", "updated_by")


def _update(*columns: str) -> str:
    return f"UPDATE ({', '.join(columns)})"


# Moving a motion (签收, 退办, 答复, 签发): its state and the stamps of a versioned record.
_MOVE_MOTION = {
    Motion.__tablename__: ("SELECT", _update("state", *_STAMPS)),
    MotionStateChange.__tablename__: ("SELECT", "INSERT"),
    Reply.__tablename__: ("SELECT", "INSERT"),
}
# What a 承办单位's motion work reads: the motions and what hangs off them, and the names they
# show (the proposer, the term, the units). Nothing of meetings, slates, decisions or the log.
UNIT_READS = (
    ALEMBIC,
    SETTINGS,
    USERS,
    HandlingUnit.__tablename__,
    Term.__tablename__,
    Body.__tablename__,
    Person.__tablename__,
    Membership.__tablename__,
    Motion.__tablename__,
    MotionCoSigner.__tablename__,
    Assignment.__tablename__,
    AssignmentExtension.__tablename__,
    Contact.__tablename__,
    Reply.__tablename__,
    Feedback.__tablename__,
    MotionStateChange.__tablename__,
    MotionAttachment.__tablename__,
)
# 签收, 退办 (which ends every assignment of the motion), 协办意见, 沟通, 答复.
UNIT_WRITES: Mapping[str, tuple[str, ...]] = _MOVE_MOTION | {
    Assignment.__tablename__: (
        "SELECT",
        _update(
            "received_on",
            "returned_on",
            "return_reason",
            "active",
            "opinion_text",
            "opinion_on",
            "opinion_by",
        ),
    ),
    Contact.__tablename__: ("SELECT", "INSERT"),
}
# 签发 of replies and 定稿 of minutes, when the rules file lets leaders sign off.
LEADER_WRITES: Mapping[str, tuple[str, ...]] = _MOVE_MOTION | {
    Meeting.__tablename__: ("SELECT", _update(*_STAMPS)),
    Minutes.__tablename__: (
        "SELECT",
        "INSERT",
        _update("status", "finalised_at", "finalised_by", *_STAMPS),
    ),
}
# Row-level security for a unit account: the table and how a row names its motion.
UNIT_SCOPED = {
    Motion.__tablename__: "id",
    Assignment.__tablename__: "motion_id",
    Reply.__tablename__: "motion_id",
    MotionStateChange.__tablename__: "motion_id",
    Contact.__tablename__: "motion_id",
    Feedback.__tablename__: "motion_id",
    MotionCoSigner.__tablename__: "motion_id",
    MotionAttachment.__tablename__: "motion_id",
}
_DML: tuple[str, ...] = ("SELECT", "INSERT", "UPDATE", "DELETE")
_READ: tuple[str, ...] = ("SELECT",)


def table_privileges(tables: frozenset[str]) -> dict[Role, dict[str, tuple[str, ...]]]:
    """What each group may do on each of `tables` (those of the schema): the plan as data."""
    data = tables - {LOG, ALEMBIC}
    everything_read = dict.fromkeys(tables, _READ)
    plan: dict[Role, dict[str, tuple[str, ...]]] = {
        Role.ADMIN: everything_read | dict.fromkeys(data, _DML),
        Role.SECRETARIAT: everything_read | dict.fromkeys(data - {USERS}, _DML),
        Role.LEADER: everything_read | {t: p for t, p in LEADER_WRITES.items() if t in tables},
        Role.UNIT: dict.fromkeys(tables & set(UNIT_READS), _READ)
        | {t: p for t, p in UNIT_WRITES.items() if t in tables},
        Role.READONLY: everything_read,
    }
    return plan


def _quoted(connection: Connection, name: str) -> str:
    return str(connection.execute(text("SELECT quote_ident(:n)"), {"n": name}).scalar_one())


def create_groups(connection: Connection) -> None:
    """The five NOLOGIN group roles, each created only if missing (roles are cluster-wide: a
    second database on the same server shares them)."""
    for role in Role:
        name = group_role(role)
        if login_exists(connection, name):
            continue
        # Another `db upgrade` may create it between the look and the CREATE: that is fine.
        connection.exec_driver_sql(
            f"DO $$ BEGIN CREATE ROLE {_quoted(connection, name)} NOLOGIN; "
            "EXCEPTION WHEN duplicate_object THEN NULL; END $$"
        )


def _tables(connection: Connection) -> frozenset[str]:
    found = connection.execute(
        text("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
    )
    return frozenset(found.scalars())


def _sequences(connection: Connection, schema: str, table: str) -> list[str]:
    found = connection.execute(
        text(
            "SELECT pg_get_serial_sequence(:t, a.attname) FROM pg_attribute a "
            "WHERE a.attrelid = CAST(:t AS regclass) AND a.attnum > 0 AND NOT a.attisdropped"
        ),
        {"t": f"{schema}.{_quoted(connection, table)}"},
    )
    return [s for s in found.scalars() if s is not None]


def _grant_tables(connection: Connection, schema: str, groups: Mapping[Role, str]) -> None:
    everyone = ", ".join(groups.values())
    connection.exec_driver_sql(f"REVOKE ALL ON ALL TABLES IN SCHEMA {schema} FROM {everyone}")
    connection.exec_driver_sql(f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA {schema} FROM {everyone}")
    connection.exec_driver_sql(f"GRANT USAGE ON SCHEMA {schema} TO {everyone}")
    for role, tables in table_privileges(_tables(connection)).items():
        for table, privileges in sorted(tables.items()):
            target = f"{schema}.{_quoted(connection, table)}"
            connection.exec_driver_sql(
                f"GRANT {', '.join(privileges)} ON {target} TO {groups[role]}"
            )
            if "INSERT" in privileges:
                for sequence in _sequences(connection, schema, table):
                    connection.exec_driver_sql(
                        f"GRANT USAGE, SELECT ON SEQUENCE {sequence} TO {groups[role]}"
                    )


def _policy(connection: Connection, table: str, name: str, body: str) -> None:
    connection.exec_driver_sql(f"DROP POLICY IF EXISTS {name} ON {table}")
    connection.exec_driver_sql(f"CREATE POLICY {name} ON {table} {body}")


def _set_policies(connection: Connection, schema: str, groups: Mapping[Role, str]) -> None:
    others = ", ".join(g for role, g in groups.items() if role is not Role.UNIT)
    # current_user as the policies see it is the querying login: no setting a client could
    # forge names the unit. The owner (not FORCE'd) and superusers pass without a policy.
    visible = f"(SELECT {schema}.{UNIT_MOTION_IDS}(current_user))"
    scoped = dict(UNIT_SCOPED)
    scoped[AssignmentExtension.__tablename__] = "assignment_id"
    for table, column in scoped.items():
        target = f"{schema}.{_quoted(connection, table)}"
        if column == "assignment_id":
            rows = f"assignment_id IN (SELECT id FROM {schema}.{Assignment.__tablename__})"
        else:
            rows = f"{column} IN {visible}"
        connection.exec_driver_sql(f"ALTER TABLE {target} ENABLE ROW LEVEL SECURITY")
        _policy(connection, target, "yishi_all_rows", f"TO {others} USING (true) WITH CHECK (true)")
        _policy(
            connection,
            target,
            "yishi_unit_rows",
            f"TO {groups[Role.UNIT]} USING ({rows}) WITH CHECK ({rows})",
        )
    settings = f"{schema}.{SETTINGS}"
    keys = ", ".join(
        str(connection.execute(text("SELECT quote_literal(:k)"), {"k": k}).scalar_one())
        for k in SECRETARIAT_SETTINGS
    )
    connection.exec_driver_sql(f"ALTER TABLE {settings} ENABLE ROW LEVEL SECURITY")
    _policy(
        connection,
        settings,
        "yishi_read",
        f"FOR SELECT TO {', '.join(groups.values())} USING (true)",
    )
    _policy(
        connection,
        settings,
        "yishi_admin_writes",
        f"TO {groups[Role.ADMIN]} USING (true) WITH CHECK (true)",
    )
    _policy(
        connection,
        settings,
        "yishi_secretariat_writes",
        f"TO {groups[Role.SECRETARIAT]} USING (key IN ({keys})) WITH CHECK (key IN ({keys}))",
    )


def apply_grants(connection: Connection) -> None:
    """Groups, grants, functions, policies and the log's guard, in the connection's schema."""
    schema = _quoted(
        connection, str(connection.execute(text("SELECT current_schema()")).scalar_one())
    )
    create_groups(connection)
    groups = {role: _quoted(connection, group_role(role)) for role in Role}
    _grant_tables(connection, schema, groups)
    create_functions(connection, schema)
    for signature in PUBLIC_FUNCTIONS:
        connection.exec_driver_sql(
            f"GRANT EXECUTE ON FUNCTION {schema}.{signature} TO {', '.join(groups.values())}"
        )
    _set_policies(connection, schema, groups)
    forget_log_functions(connection)


def set_up_grants(engine: Engine) -> None:
    """apply_grants in one transaction; a role that may not create roles or grant is told, in
    Chinese, what the operator must do (pg_grants_refused) instead of a traceback."""
    with engine.connect() as connection:
        who = str(connection.execute(text("SELECT current_user")).scalar_one())
    try:
        with engine.begin() as connection:
            apply_grants(connection)
    except DBAPIError as exc:
        if getattr(exc.orig, "sqlstate", None) != "42501":  # insufficient_privilege
            raise
        detail = str(exc.orig).splitlines()[0]
        raise DomainError("pg_grants_refused", who=who, detail=detail) from exc
