"""Migrations: models and migrations agree, SQLite is backed up before migrating, newer is refused."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import select, text

from models.domain.errors import DomainError
from models.entities import Base, Body, Term
from models.store import migrate
from models.store.backup import read_revision
from models.store.engine import create_database_engine, sqlite_path
from models.store.unit_of_work import open_database


def test_autogenerate_finds_no_difference(fresh, backend):
    engine = fresh.engine(backend)
    migrate.upgrade(engine)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []


def test_migrations_seed_bodies_and_the_party_groups_standing_term(fresh, backend):
    db = fresh.database(backend)
    with db.session_factory() as session:
        codes = session.scalars(select(Body.code).order_by(Body.id)).all()
        assert codes[:4] == ["congress", "presidium", "council", "party_group"]
        assert len(codes) == 9
        terms = session.scalars(select(Term)).all()
        assert [(t.body.code, t.ordinal) for t in terms] == [("party_group", None)]


def _upgrade_to(engine, revision: str) -> None:
    config = migrate.alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def test_sqlite_is_backed_up_before_migrating(fresh):
    url = fresh.url("sqlite")
    engine = create_database_engine(url)
    _upgrade_to(engine, "0001")
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO app_user (login, display_name, created_at) "
                "VALUES ('old', 'old', '2025-01-01 00:00:00')"
            )
        )
    engine.dispose()

    db = open_database(url)
    db.engine.dispose()

    path = sqlite_path(url)
    backups = list((path.parent / "backups").glob(f"{path.stem}-before-*.sqlite3"))
    assert len(backups) == 1
    assert read_revision(backups[0]) == "0001"
    with sqlite3.connect(backups[0]) as copy:
        assert copy.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
        assert copy.execute("SELECT login FROM app_user").fetchall() == [("old",)]
    with sqlite3.connect(path) as migrated:
        assert migrated.execute("SELECT version_num FROM alembic_version").fetchone() == (
            migrate.head_revision(),
        )
        assert migrated.execute("SELECT count(*) FROM body").fetchone() == (9,)


def test_migration_0003_fills_the_sort_key_of_existing_people(fresh, backend):
    engine = fresh.engine(backend)
    _upgrade_to(engine, "0002")
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO person (name, gender, id_number, pinyin_full, pinyin_initials, version, "
                "created_at, updated_at, updated_by) VALUES ('陈刚', '男', '110109198001021239', "
                "'chengang', 'cg', 1, '2025-01-01 00:00:00', '2025-01-01 00:00:00', 'old')"
            )
        )
    migrate.upgrade(engine)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT pinyin_sort FROM person")).scalar() == "chen gang"


def test_new_sqlite_file_is_created_without_a_backup(fresh):
    url = fresh.url("sqlite")
    open_database(url).engine.dispose()
    path = sqlite_path(url)
    assert path.exists()
    assert not (path.parent / "backups").exists()


def _stamp_future(engine) -> None:
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))


def test_database_newer_than_the_program_is_refused(fresh, backend):
    db = fresh.database(backend)
    _stamp_future(db.engine)
    url = db.engine.url.render_as_string(hide_password=False)
    with pytest.raises(DomainError) as refused:
        open_database(url)
    assert refused.value.code == "database_newer"
    assert refused.value.params["revision"] == "9999_future"


def test_postgresql_is_only_migrated_by_db_upgrade(fresh, postgres_available):
    url = fresh.url("postgresql")
    with pytest.raises(DomainError) as refused:
        open_database(url)
    assert refused.value.code == "database_outdated"
    engine = create_database_engine(url)
    with engine.connect() as connection:
        tables = connection.execute(
            text(
                "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()"
            )
        ).scalar()
    assert tables == 0
    migrate.upgrade(engine)
    engine.dispose()
    db = open_database(url)
    with db.session_factory() as session:
        assert session.scalar(select(Body).where(Body.code == "council")).name == "执行理事会"
    db.engine.dispose()


def test_foreign_database_is_not_taken_over(tmp_path: Path):
    path = tmp_path / "other.sqlite3"
    with sqlite3.connect(path) as other:
        other.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
    with pytest.raises(DomainError) as refused:
        open_database(f"sqlite:///{path}")
    assert refused.value.code == "database_unusable"
    with sqlite3.connect(path) as other:
        names = [r[0] for r in other.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    assert names == ["invoices"]


def test_sqlite_runs_with_foreign_keys_and_wal(fresh):
    db = fresh.database("sqlite")
    with db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    with db.unit_of_work("clerk") as uow, pytest.raises(Exception, match="FOREIGN KEY"):
        uow.session.execute(
            text(
                "INSERT INTO term (body_id, status, version, created_at, "
                "updated_at, updated_by) VALUES (999, 'draft', 1, "
                "'2026-01-01', '2026-01-01', '')"
            )
        )


def test_the_revision_list_matches_alembics_graph():
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(migrate.alembic_config())
    walked = [r.revision for r in script.walk_revisions()]  # newest first
    assert tuple(reversed(walked)) == migrate.REVISIONS


_STAMP = "1, '2025-01-01 00:00:00', '2025-01-01 00:00:00', 'old'"
_ROWS_AT_0007 = (
    "INSERT INTO person (id, name, gender, id_number, pinyin_full, pinyin_initials, pinyin_sort, "
    f"version, created_at, updated_at, updated_by) VALUES (1, '陈刚', '男', '110109198001021239', "
    f"'chengang', 'cg', 'chen gang', {_STAMP})",
    "INSERT INTO term (id, body_id, ordinal, status, version, created_at, updated_at, updated_by) "
    f"VALUES (100, (SELECT id FROM body WHERE code = 'presidium'), 7, 'current', {_STAMP})",
    "INSERT INTO handling_unit (id, name, kind, sort_order, active) "
    "VALUES (1, '康复部', 'internal', 1, TRUE)",
    "INSERT INTO motion (id, term_id, title, body_text, proposer_id, state, number, as_suggestion, "
    "rehandling_rounds, version, created_at, updated_at, updated_by) VALUES (1, 100, '无障碍', '', 1, "
    f"'handling', 3, FALSE, 0, {_STAMP})",
    "INSERT INTO assignment (id, motion_id, unit_id, role, assigned_on, due_on, active) "
    "VALUES (1, 1, 1, '主办', '2025-03-02', '2025-06-02', TRUE)",
    "INSERT INTO motion_state_change (id, motion_id, at, by, action, from_state, to_state) "
    "VALUES (1, 1, '2025-03-03 00:00:00', 'old', 'receive', 'received', 'handling')",
    "INSERT INTO major_decision (id, title, category, body_id, year, background, state, version, "
    "created_at, updated_at, updated_by) VALUES (1, '采购', '大额资金', "
    f"(SELECT id FROM body WHERE code = 'presidium'), 2025, '', 'implementing', {_STAMP})",
    "INSERT INTO decision_state_change (id, decision_id, at, by, action, from_state, to_state) "
    "VALUES (1, 1, '2025-04-01 00:00:00', 'old', 'decide', 'ready', 'implementing')",
)


def test_migration_0008_keeps_motions_and_decisions_in_their_states(fresh, backend):
    from models.domain.major_decision import DecisionState
    from models.domain.motion_workflow import HandlingRole, MotionState
    from models.entities import Assignment, MajorDecision, Motion

    engine = fresh.engine(backend)
    _upgrade_to(engine, "0007")
    with engine.begin() as connection:
        for statement in _ROWS_AT_0007:
            connection.execute(text(statement))
    migrate.upgrade(engine)
    db = open_database(engine.url.render_as_string(hide_password=False))
    with db.session_factory() as session:
        motion = session.get(Motion, 1)
        assert (motion.title, motion.number, motion.state) == ("无障碍", 3, MotionState.HANDLING)
        assert [(c.from_state, c.to_state) for c in motion.changes] == [
            (MotionState.RECEIVED, MotionState.HANDLING)
        ]
        assert session.get(Assignment, 1).role is HandlingRole.LEAD
        decision = session.get(MajorDecision, 1)
        assert decision.state is DecisionState.IMPLEMENTING
    db.engine.dispose()
    with engine.connect() as connection:
        assert connection.execute(text("SELECT state FROM motion")).scalar() == "handling"
        assert connection.execute(text("SELECT role FROM assignment")).scalar() == "主办"


def test_migration_0008_refuses_a_state_no_enum_knows(fresh, backend):
    engine = fresh.engine(backend)
    _upgrade_to(engine, "0007")
    with engine.begin() as connection:
        for statement in _ROWS_AT_0007:
            connection.execute(text(statement.replace("'handling', 3", "'lost', 3")))
    with pytest.raises(RuntimeError, match=r"motion\.state.*#1「lost」"):
        migrate.upgrade(engine)
    with engine.connect() as connection:
        assert (
            connection.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0007"
        )
