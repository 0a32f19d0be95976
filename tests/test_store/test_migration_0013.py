"""Migration 0013 on a database with replies and units: every reply gets its motion's term, the
rows that already repeat a number of their term are marked as repeats (so the unique index can be
built), and from then on the index refuses a new duplicate; units get version 1. Both backends;
no table is rebuilt, so rows that point at them (assignments, feedback) stay valid on SQLite."""

from __future__ import annotations

import pytest
from alembic import command
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from models.store import migrate

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
)


def _upgrade_to(engine, revision: str) -> None:
    config = migrate.alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


NUMBER = "'门残联函〔2025〕9号'"
_REPLY = (
    "INSERT INTO motion_reply (id, motion_id, round, reply_class, text, document_number, signer,"
    " signed_on, sent_on, joint_reply_id) VALUES ({id}, {motion}, 0, 'A', '答复', {number}, '王',"
    " '2025-05-01', '2025-05-02', {joint})"
)
_ROWS_AT_0012 = (
    *_ROWS_AT_0007,
    "INSERT INTO motion (id, term_id, title, body_text, proposer_id, state, number, as_suggestion,"
    " rehandling_rounds, version, created_at, updated_at, updated_by) VALUES (2, 100, '就业', '',"
    f" 1, 'replied', 4, FALSE, 0, {_STAMP})",
    _REPLY.format(id=1, motion=1, number=NUMBER, joint="NULL"),
    _REPLY.format(id=2, motion=1, number=NUMBER, joint="NULL"),  # a re-reply keeping it
    _REPLY.format(id=3, motion=2, number=NUMBER, joint="NULL"),  # stored before the check
    _REPLY.format(id=4, motion=2, number=NUMBER, joint="1"),  # a joint letter's row
    _REPLY.format(id=5, motion=2, number="'门残联函〔2025〕10号'", joint="NULL"),
    "INSERT INTO motion_feedback (id, motion_id, reply_id, result, timed_out, recorded_on)"
    " VALUES (1, 1, 1, '满意', FALSE, '2025-05-20')",
)


def test_replies_get_their_term_and_repeats_are_marked(fresh, backend):
    engine = fresh.engine(backend)
    _upgrade_to(engine, "0012")
    with engine.begin() as connection:
        for statement in _ROWS_AT_0012:
            connection.execute(text(statement))
    migrate.upgrade(engine)
    with engine.connect() as connection:
        rows = connection.execute(
            text("SELECT id, term_id, repeats_number FROM motion_reply ORDER BY id")
        ).all()
        assert [(i, t, bool(r)) for i, t, r in rows] == [
            (1, 100, False),
            (2, 100, True),
            (3, 100, True),
            (4, 100, False),
            (5, 100, False),
        ]
        unit = connection.execute(
            text("SELECT version, created_at, updated_by FROM handling_unit WHERE id = 1")
        ).one()
        assert unit.version == 1 and unit.created_at is not None and unit.updated_by == ""
        assert connection.execute(text("SELECT unit_id FROM assignment")).scalar() == 1
        assert connection.execute(text("SELECT reply_id FROM motion_feedback")).scalar() == 1
    with pytest.raises(IntegrityError), engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO motion_reply (id, motion_id, term_id, round, reply_class, text,"
                " document_number, signer, signed_on, sent_on) VALUES (6, 2, 100, 0, 'A', '答复',"
                f" {NUMBER}, '王', '2025-05-01', '2025-05-02')"
            )
        )
