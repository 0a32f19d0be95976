"""The first roster read through the driver (issue 18): exactly the lines the ORM roster gives,
on both backends and on an encrypted file, and nothing at all whenever anything is unusual."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from contextlib import closing
from datetime import date
from pathlib import Path
from urllib.parse import quote

import pytest
from sqlalchemy import text

from models.domain.vocabulary import BodyKind, TermStatus
from models.services.people import first_roster as early
from models.services.people.commands import (
    add_membership,
    add_person,
    end_membership,
)
from models.services.people.contracts import FirstRoster, MembershipDraft, preferred_term
from models.services.people.queries import list_terms, members_of_term
from models.store import cipher, cipher_files
from models.store.engine import sqlite_path
from models.store.revisions import REVISIONS
from models.store.unit_of_work import SIGN_IN_REQUIRED, Database

from ._support import draft, valid_id
from ._terms import build_federation


def _direct(db: Database, backend: str) -> FirstRoster | None:
    """The module's queries on the test's own (rolled-back) connection, through its driver."""
    with db.session_factory() as session:
        connection = session.connection()

        def run(sql: str, parameter: object) -> list:
            return list(connection.exec_driver_sql(early.driver_sql(sql, backend), (parameter,)))

        return early.first_roster(run)


def _orm(db: Database) -> FirstRoster:
    """What the window shows first through the ORM: the congress's terms, the preferred one's
    roster (views/roster/roster_panel.py)."""
    terms = tuple(list_terms(db, kind=BodyKind.CONGRESS))
    if not terms:
        return FirstRoster(BodyKind.CONGRESS, (), -1, ())
    index = preferred_term(terms)
    entries = tuple(members_of_term(db, term_id=terms[index].id))
    return FirstRoster(BodyKind.CONGRESS, terms, index, entries)


def _set(db: Database, sql: str, **values: object) -> None:
    with db.session_factory() as session:
        session.execute(text(sql), values)
        session.commit()


def test_the_setting_and_header_are_the_store_s():
    assert early.SIGN_IN_SETTING == SIGN_IN_REQUIRED
    assert early._SQLITE_HEADER == cipher.SQLITE_HEADER


def test_the_demo_roster_is_the_orm_roster(demo_db, backend):
    direct = _direct(demo_db, backend)
    assert direct is not None
    assert len(direct.entries) > 100
    assert direct == _orm(demo_db)
    # Masked ID numbers only: no whole number anywhere in a line.
    for entry in direct.entries:
        assert "*" in entry.id_number
        assert len(entry.id_tail) == 6


def test_an_empty_database_shows_an_empty_congress(db, backend):
    direct = _direct(db, backend)
    assert direct == FirstRoster(BodyKind.CONGRESS, (), -1, ()) == _orm(db)


def test_edge_lines_are_the_orm_lines(db, backend):
    """People without memberships, ended memberships, several categories, units or none, names
    whose pinyin sorts them, terms in every status."""
    federation = build_federation(db)
    add_person(db, user="setup", draft=draft(name="吕布", id_number=valid_id(sequence="555")))
    late = add_person(
        db, user="setup", draft=draft(name="阿娇", gender="女", id_number=valid_id(sequence="556"))
    )
    multi = MembershipDraft(
        position="代表",
        status="elected",
        disability_category="多重",
        multi_components=("视力", "听力"),
        start_date=date(2021, 6, 18),
    )
    relative = MembershipDraft(
        position="代表",
        status="elected",
        is_relative=True,
        relative_categories=("智力",),
        start_date=date(2021, 6, 18),
    )
    added = add_membership(
        db, user="setup", person_id=late.id, term_id=federation.seventh, draft=multi
    )
    add_membership(
        db,
        user="setup",
        person_id=federation.people["孙三"],
        term_id=federation.seventh,
        draft=relative,
    )
    end_membership(
        db,
        user="setup",
        membership_id=added.id,
        expected_version=None,
        end_date=date(2024, 3, 1),
        reason="辞职",
    )
    direct = _direct(db, backend)
    assert direct is not None
    assert direct == _orm(db)
    assert [t.status for t in direct.terms] == [TermStatus.CURRENT, TermStatus.DRAFT]
    statuses = [e.status.value for e in direct.entries if e.status is not None]
    assert statuses[-1] == "ended"  # ended lines last, as the ORM orders them
    categories = {e.name: e.category for e in direct.entries}
    assert categories["阿娇"].startswith("多重") and categories["孙三"].startswith("亲友")

    # The draft term shows when there is no current one, with its units and reserve.
    _set(db, "UPDATE term SET status = 'past' WHERE id = :id", id=federation.seventh)
    direct = _direct(db, backend)
    assert direct is not None and direct.terms[direct.term_index].id == federation.eighth
    assert direct == _orm(db)
    assert {e.electoral_unit for e in direct.entries} == {"大峪街道", ""}


def test_sign_in_required_shows_nothing_early(demo_db, backend):
    _set(
        demo_db,
        "INSERT INTO setting (key, value, updated_at, updated_by) VALUES (:k, '1', :at, 'x')",
        k=SIGN_IN_REQUIRED,
        at="2026-12-05 00:00:00",
    )
    assert _direct(demo_db, backend) is None


@pytest.mark.parametrize("revision", [REVISIONS[-2], "9999"])
def test_another_schema_revision_steps_aside(demo_db, backend, revision):
    _set(demo_db, "UPDATE alembic_version SET version_num = :r", r=revision)
    assert _direct(demo_db, backend) is None


# --- through the URL, as the window starts ------------------------------------------------------


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_sqlite_file_read_read_only_gives_the_orm_roster(
    demo_sqlite_file, demo_sqlite_db, tmp_path
):
    path = tmp_path / "demo.sqlite3"
    shutil.copy(demo_sqlite_file, path)
    before = _digest(path)
    direct = early.read_first_roster(f"sqlite:///{path}")
    assert direct is not None
    assert direct == _orm(demo_sqlite_db)
    assert _digest(path) == before  # nothing written


def test_a_fresh_postgresql_database_gives_the_orm_roster(fresh, postgres_available):
    db = fresh.database("postgresql")
    build_federation(db)
    url = db.engine.url.render_as_string(hide_password=False)
    direct = early.read_first_roster(url)
    assert direct is not None and len(direct.entries) == 2
    assert direct == _orm(db)


def test_a_postgresql_server_that_refuses_steps_aside(fresh, postgres_available):
    db = fresh.database("postgresql")
    url = db.engine.url.set(port=1).render_as_string(hide_password=False)
    assert early.read_first_roster(url) is None


def test_an_encrypted_file_is_read_with_the_key_given_and_not_without(
    demo_sqlite_file, demo_sqlite_db, tmp_path
):
    path = tmp_path / "secret.sqlite3"
    shutil.copy(demo_sqlite_file, path)
    cipher_files.encrypt_file(path, "an office passphrase")
    cipher.forget_passwords()
    try:
        url = f"sqlite:///{path}"
        assert early.read_first_roster(url) is None  # no key: the normal path asks for it
        cipher.offer_password("an office passphrase")
        direct = early.read_first_roster(url)
        assert direct is not None
        assert direct == _orm(demo_sqlite_db)
    finally:
        cipher.forget_passwords()


@pytest.mark.parametrize(
    "name", ["yishi.sqlite3", "备份#1/议事 数据.sqlite3", "a%b/x.sqlite3", "a+b/x.sqlite3"]
)
def test_the_file_is_the_one_the_engine_opens(tmp_path, name):
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"")
    for url in (f"sqlite:///{path}", "sqlite:///" + quote(str(path))):
        assert early.sqlite_file(url) == sqlite_path(url) == path


def test_unusual_places_step_aside(tmp_path):
    assert early.read_first_roster(f"sqlite:///{tmp_path / 'none.sqlite3'}") is None
    assert early.read_first_roster("sqlite://") is None
    assert early.read_first_roster("sqlite:///:memory:") is None
    assert early.read_first_roster("mysql://somewhere/db") is None
    other = tmp_path / "other.sqlite3"
    with closing(sqlite3.connect(other)) as connection:
        connection.execute("CREATE TABLE note (id INTEGER PRIMARY KEY)")
    assert early.read_first_roster(f"sqlite:///{other}") is None  # not a Yishi database
    text_file = tmp_path / "notes.sqlite3"
    text_file.write_text("not a database", encoding="utf-8")
    assert early.read_first_roster(f"sqlite:///{text_file}") is None
