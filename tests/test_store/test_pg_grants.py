"""On PostgreSQL the database enforces the roles too: tests connect as an account of each group.

One migrated database for the module, seeded as the superuser through the services (two
handling units, a motion assigned to each, one not yet assigned), grants applied, and a login
role per Yishi role — dropped again at the end, since roles are cluster-wide.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import pytest
from conftest import PG_URL, FreshDatabases
from sqlalchemy import Connection, Engine, create_engine, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from test_services.test_motions_setup import Setup, build_setup

from models.domain.errors import DomainError
from models.domain.motion_workflow import MotionState
from models.domain.roles import Role
from models.entities import ChangeLog, Motion, User
from models.entities.base import Base
from models.services.common.context import database_display
from models.services.motions.commands.co_units import record_co_unit_opinion
from models.services.motions.commands.handling import assign_motion, receive_motion, unit_return
from models.services.motions.commands.intake import accept_motion, advance_motion, register_motion
from models.services.motions.commands.replies import send_reply
from models.services.motions.contracts import ReplyDraft
from models.store.audit_chain import GENESIS, chain_hash
from models.store.engine import create_database_engine
from models.store.pg_grants import apply_grants, set_up_grants
from models.store.pg_roles import account_url, create_login
from models.store.unit_of_work import Database

REFUSED = "42501"  # insufficient_privilege
TABLES = sorted([*Base.metadata.tables, "alembic_version"])
ASSIGNED = date(2026, 1, 5)


@dataclass
class Granted:
    db: Database  # the superuser's, which owns the tables
    url: str
    setup: Setup
    motions: dict[str, int]  # 康复部's, 区教委's, and one not assigned yet
    logins: dict[Role, str]
    engines: dict[Role, Engine]

    def database(self, role: Role) -> Database:
        return Database(self.engines[role])


def _version(db: Database, motion_id: int) -> int:
    with db.session_factory() as session:
        found = session.get(Motion, motion_id)
        assert found is not None
        return found.version


def _motion(db: Database, setup: Setup, title: str, *units: tuple[str, str]) -> int:
    motion_id = register_motion(db, user="clerk", draft=setup.draft(title)).id
    if not units:
        return motion_id
    for action in ("submit", "start_review"):
        advance_motion(
            db,
            user="clerk",
            motion_id=motion_id,
            expected_version=_version(db, motion_id),
            action=action,
        )
    accept_motion(db, user="clerk", motion_id=motion_id, expected_version=_version(db, motion_id))
    assign_motion(
        db,
        user="clerk",
        motion_id=motion_id,
        expected_version=_version(db, motion_id),
        units=[(setup.units[unit], role) for unit, role in units],
        assigned_on=ASSIGNED,
    )
    return motion_id


def _add_accounts(db: Database, setup: Setup, suffix: str) -> dict[Role, str]:
    logins = {role: f"yishi_t_{role.value}_{suffix}" for role in Role}
    with db.unit_of_work("setup") as uow:
        for role, login in logins.items():
            uow.session.add(
                User(
                    login=login,
                    display_name=login,
                    role=role.value,
                    password_hash="$argon2id$not-checked-here",
                    unit_id=setup.units["康复部"] if role is Role.UNIT else None,
                )
            )
        uow.commit()
    with db.engine.begin() as connection:
        for role, login in logins.items():
            create_login(connection, login, "pw-not-needed-under-trust", role)
    return logins


def _drop_logins(logins: dict[Role, str]) -> None:
    admin = create_engine(PG_URL)
    with admin.begin() as connection:
        for login in logins.values():
            connection.exec_driver_sql(f'DROP OWNED BY "{login}"')
            connection.exec_driver_sql(f'DROP ROLE IF EXISTS "{login}"')
    admin.dispose()


@pytest.fixture(scope="module")
def granted(
    postgres_available: None, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Granted]:
    databases = FreshDatabases(tmp_path_factory.mktemp("pg-grants"))
    logins: dict[Role, str] = {}
    try:
        db = databases.database("postgresql")
        url = db.engine.url.render_as_string(hide_password=False)
        setup = build_setup(db)
        motions = {
            "康复部": _motion(db, setup, "关于康复服务进社区的提案", ("康复部", "主办")),
            "区教委": _motion(db, setup, "关于融合教育资源教室的提案", ("区教委", "主办")),
            "none": _motion(db, setup, "关于无障碍出行的提案"),
            # 康复部 returns it (退办 ends 区教委's assignment too); 康复部 gives its 协办意见.
            "returned": _motion(
                db, setup, "关于盲道整治的提案", ("康复部", "主办"), ("区教委", "协办")
            ),
            "co": _motion(
                db, setup, "关于特教学校扩建的提案", ("区教委", "主办"), ("康复部", "协办")
            ),
        }
        set_up_grants(db.engine)
        logins = _add_accounts(db, setup, uuid.uuid4().hex[:8])
        engines = {
            role: create_database_engine(account_url(url, login, "pw"))
            for role, login in logins.items()
        }
        databases.engines.extend(engines.values())
        yield Granted(db, url, setup, motions, logins, engines)
    finally:
        databases.close()  # engines first: a role with a live connection cannot be dropped
        if logins:
            _drop_logins(logins)


def _sqlstate(exc: DBAPIError) -> str | None:
    return getattr(exc.orig, "sqlstate", None)


def _refused(connection: Connection, sql: str, params: dict[str, Any] | None = None) -> str:
    """Run `sql` in a savepoint; the SQLSTATE it was refused with ('' if it was not)."""
    savepoint = connection.begin_nested()
    try:
        connection.execute(text(sql), params or {})
    except DBAPIError as exc:
        savepoint.rollback()
        return _sqlstate(exc) or "?"
    savepoint.rollback()
    return ""


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
            assert _refused(connection, f"SELECT count(*) FROM {table}") == "", table
            assert _refused(connection, f"INSERT INTO {table} DEFAULT VALUES") == REFUSED, table
            assert _refused(connection, f"UPDATE {table} SET {column} = {column}") == REFUSED, table
            assert _refused(connection, f"DELETE FROM {table}") == REFUSED, table


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
            assert _refused(connection, sql) == REFUSED, (role, sql)


def test_not_even_the_owner_rewrites_the_change_log(granted: Granted) -> None:
    with granted.db.engine.connect() as connection:
        assert connection.scalar(text("SELECT count(*) FROM change_log")) > 0
        for sql in (
            "UPDATE change_log SET note = 'rewritten' WHERE id = (SELECT min(id) FROM change_log)",
            "DELETE FROM change_log WHERE id = (SELECT max(id) FROM change_log)",
            "TRUNCATE change_log",
        ):
            assert _refused(connection, sql) == REFUSED, sql


def test_a_unit_account_sees_only_its_units_motions(granted: Granted) -> None:
    own = {granted.motions[key] for key in ("康复部", "returned", "co")}
    with granted.engines[Role.UNIT].connect() as connection:
        seen = connection.execute(text("SELECT * FROM motion")).mappings().all()
        assert {row["id"] for row in seen} == own
        assigned = connection.execute(text("SELECT DISTINCT motion_id FROM assignment"))
        assert set(assigned.scalars()) == own
        states = connection.execute(text("SELECT DISTINCT motion_id FROM motion_state_change"))
        assert set(states.scalars()) == own
        # Its work needs no meetings, decisions or the log.
        assert _refused(connection, "SELECT count(*) FROM meeting") == REFUSED
        assert _refused(connection, "SELECT count(*) FROM change_log") == REFUSED
    with granted.engines[Role.READONLY].connect() as connection:
        everyone = set(connection.execute(text("SELECT id FROM motion")).scalars())
        assert everyone == set(granted.motions.values())
    with granted.engines[Role.UNIT].connect() as connection:
        replies = connection.execute(text("SELECT DISTINCT motion_id FROM motion_reply"))
        assert set(replies.scalars()) <= own


def _letter(number: str) -> ReplyDraft:
    return ReplyDraft(
        reply_class="A",
        text="已协调有关部门完成改造。",
        signer="王主任",
        signed_on=date(2026, 3, 1),
        sent_on=date(2026, 3, 2),
        document_number=number,
    )


def test_a_unit_account_handles_and_answers_its_motion_through_the_core(granted: Granted) -> None:
    """签收, 办理 and 答复 as the unit's own role: the grants cover what those commands write."""
    unit = granted.database(Role.UNIT)
    login = granted.logins[Role.UNIT]
    own, other = granted.motions["康复部"], granted.motions["区教委"]
    row = receive_motion(
        unit, user=login, motion_id=own, expected_version=None, received_on=date(2026, 1, 6)
    )
    assert row.id == own
    advance_motion(unit, user=login, motion_id=own, expected_version=None, action="start_handling")
    answered = send_reply(
        unit, user=login, motion_id=own, expected_version=None, reply=_letter("门康函〔2026〕1号")
    )
    assert answered.state is MotionState.REPLIED
    with pytest.raises(DomainError) as refused:
        receive_motion(
            unit, user=login, motion_id=other, expected_version=None, received_on=date(2026, 1, 6)
        )
    assert refused.value.code == "motion_not_found"
    with granted.db.session_factory() as session:
        last = session.scalars(select(ChangeLog).order_by(ChangeLog.id.desc()).limit(4)).all()
    assert {entry.user_login for entry in last} == {login}
    assert {entry.entity for entry in last} >= {"motion", "motion_reply"}
    _assert_chain_valid(granted)


def test_a_leader_signs_off_a_reply_through_the_core(granted: Granted) -> None:
    """签发 when the rules let leaders sign: the leader's grants cover the reply."""
    motion_id = granted.motions["区教委"]
    receive_motion(
        granted.db,
        user="clerk",
        motion_id=motion_id,
        expected_version=None,
        received_on=date(2026, 1, 6),
    )
    advance_motion(
        granted.db,
        user="clerk",
        motion_id=motion_id,
        expected_version=None,
        action="start_handling",
    )
    login = granted.logins[Role.LEADER]
    answered = send_reply(
        granted.database(Role.LEADER),
        user=login,
        motion_id=motion_id,
        expected_version=None,
        reply=_letter("门教函〔2026〕2号"),
    )
    assert answered.state is MotionState.REPLIED
    with granted.engines[Role.LEADER].connect() as connection:
        # What it may write is what signing off writes, no more.
        assert _refused(connection, "DELETE FROM motion_reply") == REFUSED
        assert _refused(connection, "UPDATE person SET name = name") == REFUSED
    _assert_chain_valid(granted)


def test_account_url_carries_the_login_and_is_never_shown() -> None:
    configured = "postgresql+psycopg://office-db.local:5432/yishi?sslmode=require"
    url = account_url(configured, "zhang.san", "p@ss:w/rd 秘")
    parsed = make_url(url)
    assert (parsed.username, parsed.password) == ("zhang.san", "p@ss:w/rd 秘")
    assert (parsed.host, parsed.database, parsed.query) == (
        "office-db.local",
        "yishi",
        {"sslmode": "require"},
    )
    assert "p@ss" not in database_display(url)
    assert "p@ss" not in parsed.render_as_string(hide_password=True)
    with pytest.raises(ValueError):
        account_url("sqlite:///yishi.sqlite3", "zhang.san", "secret")


def test_the_unit_account_may_not_change_what_it_does_not_handle(granted: Granted) -> None:
    own = granted.motions["康复部"]
    with granted.engines[Role.UNIT].connect() as connection:
        assert _refused(connection, f"UPDATE motion SET title = 'x' WHERE id = {own}") == REFUSED
        assert _refused(connection, "DELETE FROM assignment") == REFUSED
        assert _refused(connection, "UPDATE app_user SET role = 'admin'") == REFUSED


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
        assert _refused(connection, call, {"e": json.dumps([someone_else])}) == REFUSED
        out_of_order = _log_entry(login, GENESIS, "插队")
        assert _refused(connection, call, {"e": json.dumps([out_of_order])}) == "40001"
    _assert_chain_valid(granted)


def test_sign_in_bookkeeping_touches_only_the_accounts_own_row(granted: Granted) -> None:
    login = granted.logins[Role.READONLY]
    locked = datetime(2030, 1, 1, tzinfo=UTC)
    with granted.engines[Role.READONLY].begin() as connection:
        noted = connection.scalar(
            text("SELECT yishi_note_sign_in(:failed, :locked)"), {"failed": 4, "locked": locked}
        )
        assert noted == 1
        assert _refused(connection, "UPDATE app_user SET failed_sign_ins = 0") == REFUSED
    with granted.db.engine.begin() as connection:
        rows = dict(connection.execute(text("SELECT login, failed_sign_ins FROM app_user")).all())
        connection.execute(
            text("UPDATE app_user SET failed_sign_ins = 0, locked_until = NULL WHERE login = :l"),
            {"l": login},
        )
    assert rows.pop(login) == 4
    assert set(rows.values()) == {0}


def _acl_and_policies(connection: Connection) -> list[Any]:
    acl = connection.execute(
        text(
            "SELECT c.relname, c.relacl::text, c.relrowsecurity FROM pg_class c "
            "WHERE c.relnamespace = CAST(current_schema() AS regnamespace) ORDER BY 1"
        )
    ).all()
    policies = connection.execute(
        text(
            "SELECT tablename, policyname, roles::text, qual, with_check FROM pg_policies "
            "WHERE schemaname = current_schema() ORDER BY 1, 2"
        )
    ).all()
    triggers = connection.execute(
        text("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal ORDER BY 1")
    ).all()
    return [acl, policies, triggers]


def test_applying_the_grants_twice_is_harmless(granted: Granted) -> None:
    with granted.db.engine.connect() as connection:
        before = _acl_and_policies(connection)
    with granted.db.engine.begin() as connection:
        apply_grants(connection)
    with granted.db.engine.connect() as connection:
        assert _acl_and_policies(connection) == before
    test_a_unit_account_sees_only_its_units_motions(granted)


def _assert_chain_valid(granted: Granted) -> None:
    with granted.db.session_factory() as session:
        entries = session.scalars(select(ChangeLog).order_by(ChangeLog.id)).all()
    previous = GENESIS
    for entry in entries:
        content = {c: getattr(entry, c) for c in ("at", "user_login", "action", "entity")}
        content |= {c: getattr(entry, c) for c in ("entity_id", "before", "after", "note")}
        assert entry.prev_hash == previous, entry.id
        assert entry.entry_hash == chain_hash(previous, content), entry.id
        previous = entry.entry_hash


def test_the_secretariat_works_but_leaves_accounts_and_admin_settings_alone(
    granted: Granted,
) -> None:
    login = granted.logins[Role.SECRETARIAT]
    secretariat = granted.database(Role.SECRETARIAT)
    row = register_motion(secretariat, user=login, draft=granted.setup.draft("关于助残就业的提案"))
    with granted.db.engine.begin() as connection:
        connection.execute(text("DELETE FROM motion WHERE id = :i"), {"i": row.id})
    with granted.engines[Role.SECRETARIAT].connect() as connection:
        assert _refused(connection, "UPDATE app_user SET role = 'admin'") == REFUSED
        upsert = (
            "INSERT INTO setting (key, value, updated_at, updated_by) VALUES (:k, '0', now(), '')"
        )
        assert _refused(connection, upsert, {"k": "accounts.sign_in_required"}) == "42501"
        assert _refused(connection, upsert, {"k": "motions.reply_templates"}) == ""
        # The policy hides other keys from its writes: nothing to update, nothing refused loudly.
        changed = connection.execute(text("UPDATE setting SET value = value WHERE key <> ''"))
        assert changed.rowcount == 0
        connection.rollback()


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
        _drop_logins({Role.READONLY: login})


def test_a_unit_account_returns_a_motion_and_gives_its_co_unit_opinion(granted: Granted) -> None:
    """退办 ends every assignment of the motion, the other unit's too (its rows are visible to
    the unit for its own motions); 协办意见 goes on its own assignment of the other's motion."""
    unit = granted.database(Role.UNIT)
    login = granted.logins[Role.UNIT]
    returned, co = granted.motions["returned"], granted.motions["co"]
    unit_return(
        unit,
        user=login,
        motion_id=returned,
        expected_version=None,
        reason="不属本单位职责",
        returned_on=date(2026, 1, 6),
    )
    record_co_unit_opinion(
        unit,
        user=login,
        motion_id=co,
        unit_id=granted.setup.units["康复部"],
        text="同意主办单位意见",
        given_on=date(2026, 1, 8),
    )
    with granted.db.engine.connect() as connection:
        active = connection.execute(
            text("SELECT count(*) FROM assignment WHERE motion_id = :m AND active"),
            {"m": returned},
        )
        assert active.scalar_one() == 0
        opinion = connection.execute(
            text("SELECT opinion_text FROM assignment WHERE motion_id = :m AND unit_id = :u"),
            {"m": co, "u": granted.setup.units["康复部"]},
        )
        assert opinion.scalar_one() == "同意主办单位意见"
    _assert_chain_valid(granted)
