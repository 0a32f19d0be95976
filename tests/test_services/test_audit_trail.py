"""The 操作记录: reading the log with filters, and the hash chain showing an edit behind its back.

Tampering is done as an attacker would: plain SQL on the change_log table, past the program.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlalchemy import func, select, text

from models.domain.audit_kinds import ACTION_LABELS, ENTITY_LABELS
from models.domain.vocabulary import BodyKind, TermStatus
from models.entities import Base, ChangeLog
from models.services.audit._rows import chain_select, hashed_content
from models.services.audit.queries import list_entries, verify_chain
from models.services.people.commands import add_membership, add_person, update_person
from models.services.people.contracts import MembershipDraft
from models.services.terms.commands import open_term
from models.store.audit_chain import GENESIS, chain_hash
from models.store.unit_of_work import Database

from ._support import LI_SI_ID, draft, last_log_id


def log_count(db: Database) -> int:
    with db.session_factory() as session:
        return session.scalar(select(func.count()).select_from(ChangeLog)) or 0


def tamper(db: Database, sql: str, **params: Any) -> None:
    """Run `sql` on the log as someone with the database file (or the owner's password) would.
    On PostgreSQL the grants may add a trigger refusing UPDATE/DELETE on change_log even to the
    owner; a superuser can still switch triggers off for the transaction, and so does this."""
    with db.session_factory() as session:
        if session.get_bind().dialect.name == "postgresql" and session.scalar(
            text("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        ):
            session.execute(text("SET LOCAL session_replication_role = replica"))
        session.execute(text(sql), params)
        session.commit()


def ids_since(db: Database, since: int) -> list[int]:
    with db.session_factory() as session:
        return list(
            session.scalars(select(ChangeLog.id).where(ChangeLog.id > since).order_by(ChangeLog.id))
        )


@pytest.fixture
def some_entries(db) -> list[int]:
    """Five entries or more, by two clerks, the ids of those written here."""
    since = last_log_id(db)
    add_person(db, user="alice", draft=draft(name="王小明"))
    add_person(db, user="bob", draft=draft(name="李四", gender="女", id_number=LI_SI_ID))
    add_person(db, user="alice", draft=draft(name="赵六", id_number="11010919800102101X"))
    found = ids_since(db, since)
    assert len(found) >= 3
    return found


def test_an_untouched_log_verifies_with_the_number_of_entries(db, some_entries):
    check = verify_chain(db, user="alice")
    assert check.ok
    assert check.checked == log_count(db) > 0
    assert check.first_bad_id is None
    assert check.reason == "audit_chain_intact"
    with db.session_factory() as session:
        last = session.scalar(select(ChangeLog.entry_hash).order_by(ChangeLog.id.desc()).limit(1))
    assert check.head == last


def test_an_edited_entry_is_reported_exactly(db, some_entries):
    edited = some_entries[1]
    tamper(db, "UPDATE change_log SET note = 'nothing happened' WHERE id = :id", id=edited)
    check = verify_chain(db, user="alice")
    assert not check.ok
    assert check.first_bad_id == edited
    assert check.reason == "audit_entry_altered"
    assert check.first_bad is not None and check.first_bad.entity == "person"
    assert check.params["id"] == edited
    assert check.checked == log_count(db) - len(some_entries) + 2


def test_an_edited_before_or_after_is_reported(db, some_entries):
    edited = some_entries[0]
    tamper(
        db,
        "UPDATE change_log SET after = :after WHERE id = :id",
        id=edited,
        after='{"name": "someone else"}',
    )
    check = verify_chain(db, user="alice")
    assert (check.ok, check.first_bad_id, check.reason) == (False, edited, "audit_entry_altered")


def test_a_deleted_entry_is_reported_at_the_entry_after_it(db, some_entries):
    removed, after = some_entries[1], some_entries[2]
    tamper(db, "DELETE FROM change_log WHERE id = :id", id=removed)
    check = verify_chain(db, user="alice")
    assert (check.ok, check.first_bad_id, check.reason) == (False, after, "audit_entry_unlinked")


def test_an_entry_inserted_out_of_order_is_reported_even_with_a_forged_hash(db, some_entries):
    """The forger hashes the entry properly, but chains it to an old entry, not the last one."""
    with db.session_factory() as session:
        earlier = session.scalar(
            select(ChangeLog.entry_hash).where(ChangeLog.id == some_entries[0])
        )
        newest = session.scalar(select(func.max(ChangeLog.id)))
    assert earlier is not None and newest is not None
    at = datetime(2026, 1, 5, 1, 0, tzinfo=UTC)
    content = {
        "at": at,
        "user_login": "alice",
        "action": "delete",
        "entity": "person",
        "entity_id": "999",
        "before": None,
        "after": None,
        "note": None,
    }
    forged = newest + 1
    tamper(
        db,
        "INSERT INTO change_log (id, at, user_login, action, entity, entity_id, note, "
        "prev_hash, entry_hash) VALUES (:id, :at, 'alice', 'delete', 'person', '999', NULL, "
        ":prev, :hash)",
        id=forged,
        at=at if db.engine.dialect.name == "postgresql" else at.replace(tzinfo=None),
        prev=earlier,
        hash=chain_hash(earlier, content),
    )
    check = verify_chain(db, user="alice")
    assert (check.ok, check.first_bad_id, check.reason) == (False, forged, "audit_entry_unlinked")


def test_an_entry_without_a_hash_is_reported(db, some_entries):
    tamper(
        db,
        "UPDATE change_log SET prev_hash = NULL, entry_hash = NULL WHERE id = :id",
        id=some_entries[2],
    )
    check = verify_chain(db, user="alice")
    assert (check.ok, check.first_bad_id, check.reason) == (
        False,
        some_entries[2],
        "audit_entry_unsealed",
    )


def test_entries_are_newest_first_with_the_clerk_and_kind(db, some_entries):
    rows = list_entries(db, user="alice", limit=3)
    assert [r.id for r in rows] == sorted(some_entries, reverse=True)[:3]
    newest = rows[0]
    assert newest.login == "alice" and newest.display_name == "alice"
    assert (newest.action, newest.entity, newest.kind_label) == ("insert", "person", "人员·新增")
    assert newest.after is not None and newest.after["name"] == "赵六"
    assert newest.after["id_number"] == "110109********101X"


def test_filter_by_account_and_kind(db, some_entries):
    by_bob = list_entries(db, user="alice", account="bob", limit=None)
    assert by_bob and {r.login for r in by_bob} == {"bob"}
    people = list_entries(db, user="alice", kind="person", limit=None)
    assert people and {r.entity for r in people} == {"person"}
    assert list_entries(db, user="alice", kind="人员", limit=None) == people
    inserts = list_entries(db, user="alice", kind="insert", limit=5)
    assert inserts and {r.action for r in inserts} == {"insert"}


def test_filter_by_dates_is_in_the_office_time(db, some_entries):
    """23:30 UTC on 1 March is 07:30 on 2 March in Beijing: the office's 2 March."""
    late = db.with_clock(lambda: datetime(2026, 3, 1, 23, 30, tzinfo=UTC))
    add_person(late, user="carol", draft=draft(name="钱七", id_number="110109198001021255"))
    on_second = list_entries(
        db, user="alice", account="carol", date_from=date(2026, 3, 2), date_to=date(2026, 3, 2)
    )
    assert on_second and {r.login for r in on_second} == {"carol"}
    assert not list_entries(db, user="alice", account="carol", date_to=date(2026, 3, 1))
    assert not list_entries(db, user="alice", account="carol", date_from=date(2026, 3, 3))


def test_filter_by_person_finds_their_row_and_their_memberships(db, some_entries):
    person = add_person(db, user="dave", draft=draft(name="孙悟空", id_number="110109198001021271"))
    term = open_term(db, user="dave", kind=BodyKind.CONGRESS, term=8, status=TermStatus.DRAFT)
    membership = add_membership(
        db,
        user="dave",
        person_id=person.id,
        term_id=term.id,
        draft=MembershipDraft(position="代表", status="candidate"),
    )
    update_person(
        db,
        user="erin",
        person_id=person.id,
        expected_version=1,
        draft=draft(name="孙悟空", id_number="110109198001021271", phone="13800000000"),
    )
    found = list_entries(db, user="alice", person="悟空", limit=None)
    seen = {(r.entity, r.entity_id, r.action) for r in found}
    assert ("person", str(person.id), "insert") in seen
    assert ("person", str(person.id), "update") in seen
    assert ("membership", str(membership.id), "insert") in seen
    assert all(r.entity != "term" for r in found)
    assert not any(r.after and r.after.get("name") == "王小明" for r in found)
    assert list_entries(db, user="alice", person="没有这个人") == []


def test_offset_pages_through_the_log(db, some_entries):
    first = list_entries(db, user="alice", limit=2)
    second = list_entries(db, user="alice", limit=2, offset=2)
    whole = list_entries(db, user="alice", limit=4)
    assert len(whole) == 4
    assert [r.id for r in first + second] == [r.id for r in whole]


def rewrite_chain_from(db: Database, first: int) -> None:
    """What someone with the whole file can do: edit an entry and reseal every entry after it."""
    with db.session_factory() as session:
        rows = session.execute(chain_select()).all()
    previous = GENESIS
    for row in rows:
        if row.id >= first:
            digest = chain_hash(previous, hashed_content(row))
            tamper(
                db,
                "UPDATE change_log SET prev_hash = :prev, entry_hash = :hash WHERE id = :id",
                prev=previous,
                hash=digest,
                id=row.id,
            )
            previous = digest
        else:
            previous = row.entry_hash


def test_a_chain_rewritten_whole_shows_only_against_a_head_kept_elsewhere(db, some_entries):
    kept = verify_chain(db, user="alice")
    assert kept.ok and kept.head_id == some_entries[-1] and kept.head is not None
    tamper(db, "UPDATE change_log SET note = 'rewritten' WHERE id = :id", id=some_entries[0])
    rewrite_chain_from(db, some_entries[0])
    # Consistent again: the chain alone cannot tell.
    assert verify_chain(db, user="alice").ok
    check = verify_chain(db, user="alice", kept_head=(kept.head_id, kept.head))
    assert (check.ok, check.first_bad_id, check.reason) == (
        False,
        kept.head_id,
        "audit_head_mismatch",
    )


def test_a_truncated_log_misses_the_kept_head(db, some_entries):
    kept = verify_chain(db, user="alice")
    assert kept.head_id is not None and kept.head is not None
    tamper(db, "DELETE FROM change_log WHERE id >= :id", id=some_entries[1])
    assert verify_chain(db, user="alice").ok  # the end of a log leaves no gap behind it
    check = verify_chain(db, user="alice", kept_head=(kept.head_id, kept.head))
    assert (check.ok, check.first_bad_id, check.reason) == (
        False,
        kept.head_id,
        "audit_head_missing",
    )
    assert verify_chain(db, user="alice", kept_head=(some_entries[0], "0" * 64)).reason == (
        "audit_head_mismatch"
    )


def test_an_untouched_log_matches_its_kept_head(db, some_entries):
    kept = verify_chain(db, user="alice")
    add_person(db, user="bob", draft=draft(name="周八", id_number="110109198001021298"))
    assert kept.head_id is not None and kept.head is not None
    later = verify_chain(db, user="alice", kept_head=(kept.head_id, kept.head))
    assert later.ok and later.checked > kept.checked


def test_every_table_has_a_chinese_label_and_labels_are_unambiguous() -> None:
    tables = {t.name for t in Base.metadata.sorted_tables}
    assert tables <= set(ENTITY_LABELS)
    words = list(ENTITY_LABELS.values()) + list(ACTION_LABELS.values())
    assert len(words) == len(set(words))


def test_an_edit_past_a_refusing_trigger_is_still_reported(db, backend, some_entries):
    """On PostgreSQL the grants refuse UPDATE on the log with a trigger; a superuser can still
    switch triggers off, so the chain is what shows the edit."""
    if backend != "postgresql":
        pytest.skip("triggers refusing log edits are PostgreSQL's")
    with db.session_factory() as session:
        session.execute(
            text(
                "CREATE FUNCTION pg_temp.refuse() RETURNS trigger LANGUAGE plpgsql AS "
                "$$ BEGIN RAISE EXCEPTION 'change_log is append-only'; END $$"
            )
        )
        session.execute(
            text(
                "CREATE TRIGGER audit_test_refuse BEFORE UPDATE OR DELETE ON change_log "
                "FOR EACH ROW EXECUTE FUNCTION pg_temp.refuse()"
            )
        )
        session.commit()
    tamper(db, "UPDATE change_log SET note = 'x' WHERE id = :id", id=some_entries[1])
    check = verify_chain(db, user="alice")
    assert (check.first_bad_id, check.reason) == (some_entries[1], "audit_entry_altered")
