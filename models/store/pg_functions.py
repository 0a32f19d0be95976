"""The server-side functions and trigger that PostgreSQL grants lean on (issue 15).

Each is created in the schema of the app's tables (the connection's current_schema) with its
search_path pinned, so a caller cannot slip a table of their own in front of ours. The SECURITY
DEFINER ones run as the owner of the tables: they are the narrow doors through which an account
without INSERT or UPDATE on a table still does the one thing it must (append its own log entries,
note its own sign-ins), and nothing else.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

from models.entities import Assignment, ChangeLog, Motion, User
from models.store.audit import CHAIN_LOCK
from models.store.pg_log import APPEND_LOG, LAST_LOG_HASH

NOTE_SIGN_IN = "yishi_note_sign_in"
SET_OWN_PASSWORD = "yishi_set_own_password"
UNIT_MOTION_IDS = "yishi_unit_motion_ids"
APPEND_ONLY = "yishi_change_log_append_only"

LOG, USERS = ChangeLog.__tablename__, User.__tablename__
MOTION, ASSIGNMENT = Motion.__tablename__, Assignment.__tablename__

# The owner and superusers keep the user_login they give (the operator's own tools, the
# migrations); any other login appends only in its own name.
_PRIVILEGED = f"""
    session_user = (SELECT pg_get_userbyid(relowner) FROM pg_class WHERE oid = '{LOG}'::regclass)
    OR (SELECT rolsuper FROM pg_roles WHERE rolname = session_user)"""


def _definitions(schema: str) -> list[str]:
    pinned = f"SET search_path = {schema}, pg_temp"
    return [
        f"""
CREATE OR REPLACE FUNCTION {schema}.{LAST_LOG_HASH}() RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER {pinned} AS $$
    SELECT entry_hash FROM {LOG} ORDER BY id DESC LIMIT 1
$$""",
        # Entries come sealed (models/store/audit_chain.py): the hash is computed by the client,
        # whose canonical JSON the server cannot reproduce byte for byte. What the server can
        # hold is the order (prev_hash is the last entry_hash, under the chain's lock) and the
        # name; a forged entry_hash is what `yishi audit verify` reports.
        f"""
CREATE OR REPLACE FUNCTION {schema}.{APPEND_LOG}(entries json) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER {pinned} AS $$
DECLARE
    entry json;
    last text;
    privileged boolean;
    appended integer := 0;
BEGIN
    PERFORM pg_advisory_xact_lock({CHAIN_LOCK}, hashtext(current_schema()));
    privileged := coalesce({_PRIVILEGED}, false);
    SELECT entry_hash INTO last FROM {LOG} ORDER BY id DESC LIMIT 1;
    last := coalesce(last, repeat('0', 64));
    FOR entry IN SELECT value FROM json_array_elements(entries) LOOP
        IF entry->>'prev_hash' IS DISTINCT FROM last THEN
            RAISE EXCEPTION 'change log entry out of order: prev_hash is not the last entry_hash'
                USING ERRCODE = 'serialization_failure';
        END IF;
        IF NOT privileged AND entry->>'user_login' IS DISTINCT FROM session_user::text THEN
            RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
                MESSAGE = 'a change log entry in the name of ' || coalesce(entry->>'user_login', '')
                    || ' refused for ' || session_user;
        END IF;
        INSERT INTO {LOG} (at, user_id, user_login, action, entity, entity_id,
                           before, after, note, prev_hash, entry_hash)
        VALUES (
            (entry->>'at')::timestamptz,
            CASE WHEN privileged THEN (entry->>'user_id')::integer
                 ELSE (SELECT id FROM {USERS} WHERE login = session_user) END,
            entry->>'user_login', entry->>'action', entry->>'entity', entry->>'entity_id',
            entry->'before', entry->'after', entry->>'note',
            entry->>'prev_hash', entry->>'entry_hash');
        last := entry->>'entry_hash';
        appended := appended + 1;
    END LOOP;
    RETURN appended;
END
$$""",
        f"""
CREATE OR REPLACE FUNCTION {schema}.{NOTE_SIGN_IN}(failed integer, locked timestamptz)
RETURNS integer LANGUAGE sql SECURITY DEFINER {pinned} AS $$
    WITH noted AS (
        UPDATE {USERS} SET failed_sign_ins = greatest(failed, 0), locked_until = locked
        WHERE login = session_user RETURNING 1)
    SELECT count(*)::integer FROM noted
$$""",
        f"""
CREATE OR REPLACE FUNCTION {schema}.{SET_OWN_PASSWORD}(password_hash text)
RETURNS integer LANGUAGE sql SECURITY DEFINER {pinned} AS $$
    WITH changed AS (
        UPDATE {USERS} SET password_hash = $1, must_change_password = false,
                           failed_sign_ins = 0, locked_until = NULL
        WHERE login = session_user RETURNING 1)
    SELECT count(*)::integer FROM changed
$$""",
        # The row-level policies of a unit account ask this for the motions it may see: the
        # ones assigned to its unit, and those merged into them. It reads past the policies
        # (which would otherwise recurse: motion's asks assignment's, assignment's asks motion's)
        # and answers only for a role the caller is, so no one asks about another unit.
        f"""
CREATE OR REPLACE FUNCTION {schema}.{UNIT_MOTION_IDS}(login name) RETURNS SETOF integer
LANGUAGE sql STABLE SECURITY DEFINER {pinned} AS $$
    WITH unit AS (
        SELECT u.unit_id FROM {USERS} u
        WHERE u.login = $1 AND u.unit_id IS NOT NULL AND pg_has_role(session_user, $1, 'MEMBER')),
    own AS (
        SELECT a.motion_id FROM {ASSIGNMENT} a JOIN unit ON a.unit_id = unit.unit_id)
    SELECT motion_id FROM own
    UNION
    SELECT m.id FROM {MOTION} m JOIN own ON m.lead_motion_id = own.motion_id
$$""",
        # Refuses even the owner: the log is appended to and never rewritten. A future migration
        # that must rewrite it disables the trigger in its own transaction, as the owner.
        f"""
CREATE OR REPLACE FUNCTION {schema}.{APPEND_ONLY}() RETURNS trigger
LANGUAGE plpgsql {pinned} AS $$
BEGIN
    RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
        MESSAGE = 'the change log is append-only: ' || TG_OP || ' refused';
END
$$""",
    ]


_TRIGGERS = {
    "yishi_change_log_no_rewrite": "BEFORE UPDATE OR DELETE ON {table} FOR EACH ROW",
    "yishi_change_log_no_truncate": "BEFORE TRUNCATE ON {table} FOR EACH STATEMENT",
}

# What every group may call (the policies call the unit one on a unit account's behalf).
PUBLIC_FUNCTIONS = (
    f"{APPEND_LOG}(json)",
    f"{LAST_LOG_HASH}()",
    f"{NOTE_SIGN_IN}(integer, timestamptz)",
    f"{SET_OWN_PASSWORD}(text)",
    f"{UNIT_MOTION_IDS}(name)",
)


def create_functions(connection: Connection, schema: str) -> None:
    """(Re)create the functions in `schema` (quoted), owned by the owner of the tables, and the
    append-only triggers on the change log if they are not there yet."""
    owner = connection.execute(
        text("SELECT pg_get_userbyid(relowner) FROM pg_class WHERE oid = CAST(:t AS regclass)"),
        {"t": f"{schema}.{LOG}"},
    ).scalar_one()
    quoted_owner = connection.execute(text("SELECT quote_ident(:n)"), {"n": owner}).scalar_one()
    for definition in _definitions(schema):
        connection.exec_driver_sql(definition)
    for signature in (*PUBLIC_FUNCTIONS, f"{APPEND_ONLY}()"):
        # Nobody but the groups may call them; a SECURITY DEFINER function runs as the tables'
        # owner, never as whoever happened to run `yishi db upgrade`.
        connection.exec_driver_sql(f"REVOKE ALL ON FUNCTION {schema}.{signature} FROM PUBLIC")
        connection.exec_driver_sql(f"ALTER FUNCTION {schema}.{signature} OWNER TO {quoted_owner}")
    for name, when in _TRIGGERS.items():
        present = connection.execute(
            text(
                "SELECT 1 FROM pg_trigger WHERE tgname = :n "
                "AND tgrelid = CAST(:t AS regclass) AND NOT tgisinternal"
            ),
            {"n": name, "t": f"{schema}.{LOG}"},
        ).first()
        if present is None:
            connection.exec_driver_sql(
                f"CREATE TRIGGER {name} {when.format(table=f'{schema}.{LOG}')} "
                f"EXECUTE FUNCTION {schema}.{APPEND_ONLY}()"
            )
