"""On PostgreSQL the database enforces the roles too: tests connect as an account of each group.

Who may write which table, the change log's guard and the functions that append to it and
note sign-ins, and that setting it all up twice is harmless. One database for the module
(pg_granted.py); what each role's own work writes through the core is in test_pg_grants_work.py.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from pg_accounts import REFUSED, assert_chain_valid, drop_logins, refused
from pg_granted import Granted, granted_database
from sqlalchemy import Connection, select, text

from models.domain.roles import Role
from models.entities import ChangeLog, User
from models.entities.base import Base
from models.store.audit_chain import GENESIS, chain_hash
from models.store.pg_grants import apply_grants
from models.store.pg_roles import create_login, note_own_sign_in, set_own_password_hash

TABLES = sorted([*Base.metadata.tables, "alembic_version"])


@pytest.fixture(scope="module")
def granted(
    postgres_available: None, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Granted]:
    with granted_database(tmp_path_factory.mktemp("pg-grants")) as database:
        yield database


def _first_column(table: str) -> str:
    return (
        "version_num"
        if table == "alembic_version"
        else next(iter(Base.metadata.tables[table].c)).name
    )


def test_readonly_may_read_every_table_and_write_none(granted: Granted) -> None:
    with granted.engines[Role.READONLY].connect() as connection:
        for table in TABLES:
            column = _first_column(table)
            assert refused(connection, f"SELECT count(*) FROM {table}") == "", table
            assert refused(connection, f"INSERT INTO {table} DEFAULT VALUES") == REFUSED, table
            assert refused(connection, f"UPDATE {table} SET {column} = {column}") == REFUSED, table
            assert refused(connection, f"DELETE FROM {table}") == REFUSED, table


@pytest.mark.parametrize("role", list(Role))
def test_no_account_rewrites_the_change_log(granted: Granted, role: Role) -> None:
    with granted.engines[role].connect() as connection:
        for sql in (
            "UPDATE change_log SET note = 'rewritten'",
            "DELETE FROM change_log",
            "TRUNCATE change_log",
            "INSERT INTO change_log (at, user_login, action, entity, entity_id) "
            "VALUES (now(), current_user, 'insert', 'x', '1')",
        ):
            assert refused(connection, sql) == REFUSED, (role, sql)


def test_not_even_the_owner_rewrites_the_change_log(granted: Granted) -> None:
    with granted.db.engine.connect() as connection:
        assert connection.scalar(text("SELECT count(*) FROM change_log")) > 0
        for sql in (
            "UPDATE change_log SET note = 'rewritten' WHERE id = (SELECT min(id) FROM change_log)",
            "DELETE FROM change_log WHERE id = (SELECT max(id) FROM change_log)",
            "TRUNCATE change_log",
        ):
            assert refused(connection, sql) == REFUSED, sql


def _log_entry(login: str, prev_hash: str, note: str) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "at": datetime.now(UTC).isoformat(),
        "user_id": None,
        "user_login": login,
        "action": "export",
        "entity": "people",
        "entity_id": "*",
        "before": None,
        "after": {"rows": 3},
        "note": note,
    }
    entry["prev_hash"] = prev_hash
    entry["entry_hash"] = chain_hash(prev_hash, entry)
    return entry


def test_a_readonly_account_appends_only_through_the_function_in_its_own_name(
    granted: Granted,
) -> None:
    login = granted.logins[Role.READONLY]
    readonly = granted.database(Role.READONLY)
    with readonly.unit_of_work(login) as uow:
        uow.log(action="export", entity="people", entity_id="*", note="导出名册")
        uow.commit()
    with granted.db.session_factory() as session:
        entry = session.scalars(select(ChangeLog).order_by(ChangeLog.id.desc()).limit(1)).one()
        user_id = session.scalars(select(User.id).where(User.login == login)).one()
    assert (entry.user_login, entry.user_id, entry.note) == (login, user_id, "导出名册")

    with granted.engines[Role.READONLY].connect() as connection:
        last = connection.scalar(text("SELECT yishi_last_log_hash()"))
        call = "SELECT yishi_append_log(CAST(:e AS json))"
        someone_else = _log_entry(granted.logins[Role.ADMIN], last, "冒名")
        assert refused(connection, call, {"e": json.dumps([someone_else])}) == REFUSED
        out_of_order = _log_entry(login, GENESIS, "插队")
        assert refused(connection, call, {"e": json.dumps([out_of_order])}) == "40001"
    assert_chain_valid(granted.db)


def test_sign_in_bookkeeping_touches_only_the_accounts_own_row(granted: Granted) -> None:
    login = granted.logins[Role.READONLY]
    locked = datetime(2030, 1, 1, tzinfo=UTC)
    with granted.engines[Role.READONLY].begin() as connection:
        assert note_own_sign_in(connection, failed_sign_ins=4, locked_until=locked)
        assert refused(connection, "UPDATE app_user SET failed_sign_ins = 0") == REFUSED
    with granted.db.engine.begin() as connection:
        rows = connection.execute(text("SELECT login, failed_sign_ins, locked_until FROM app_user"))
        found = {row.login: (row.failed_sign_ins, row.locked_until) for row in rows}
        connection.execute(
            text("UPDATE app_user SET failed_sign_ins = 0, locked_until = NULL WHERE login = :l"),
            {"l": login},
        )
    assert found.pop(login) == (4, locked)
    assert set(found.values()) == {(0, None)}


def test_an_account_changes_only_its_own_password_hash(granted: Granted) -> None:
    login = granted.logins[Role.UNIT]
    with granted.engines[Role.UNIT].begin() as connection:
        assert set_own_password_hash(connection, "$argon2id$v=19$new")
    with granted.db.engine.connect() as connection:
        rows = connection.execute(text("SELECT login, password_hash FROM app_user"))
        hashes = {row.login: row.password_hash for row in rows}
    assert hashes.pop(login) == "$argon2id$v=19$new"
    assert "$argon2id$v=19$new" not in hashes.values()


_HERE = "CAST(current_schema() AS regnamespace)"
_STATE = (
    # tables' and sequences' grants, and whether row-level security is on
    f"SELECT relname, relacl::text, relrowsecurity FROM pg_class WHERE relnamespace = {_HERE}",
    # column grants (what a leader or a unit account may update)
    "SELECT attrelid::regclass::text, attname, attacl::text FROM pg_attribute "
    f"JOIN pg_class ON pg_class.oid = attrelid WHERE relnamespace = {_HERE} AND attacl IS NOT NULL",
    "SELECT tablename, policyname, roles::text, qual, with_check FROM pg_policies "
    "WHERE schemaname = current_schema()",
    f"SELECT proname, proacl::text, prosecdef FROM pg_proc WHERE pronamespace = {_HERE}",
    "SELECT tgname FROM pg_trigger JOIN pg_class ON pg_class.oid = tgrelid "
    f"WHERE relnamespace = {_HERE} AND NOT tgisinternal",
)


def _acl_and_policies(connection: Connection) -> list[list[Any]]:
    return [sorted(tuple(row) for row in connection.execute(text(sql))) for sql in _STATE]


def test_applying_the_grants_twice_is_harmless(granted: Granted) -> None:
    with granted.db.engine.connect() as connection:
        before = _acl_and_policies(connection)
    with granted.db.engine.begin() as connection:
        apply_grants(connection)
    with granted.db.engine.connect() as connection:
        assert _acl_and_policies(connection) == before
    assert all(before), "each part of the set-up is there to compare"
    with granted.engines[Role.UNIT].connect() as connection:
        seen = set(connection.execute(text("SELECT id FROM motion")).scalars())
    assert seen == {granted.motions[key] for key in ("康复部", "returned", "co")}


def test_an_administrator_creates_the_others_logins(granted: Granted) -> None:
    login = f"yishi_t_new_{uuid.uuid4().hex[:8]}"
    try:
        with granted.engines[Role.ADMIN].begin() as connection:
            create_login(connection, login, "a-new-password", Role.READONLY)
        with granted.db.engine.connect() as connection:
            groups = connection.execute(
                text(
                    "SELECT g.rolname FROM pg_auth_members m "
                    "JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles r ON r.oid = m.member "
                    "WHERE r.rolname = :n"
                ),
                {"n": login},
            )
            assert groups.scalars().all() == ["yishi_readonly"]
    finally:
        drop_logins({Role.READONLY: login})
