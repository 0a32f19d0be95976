"""What each role's own work writes, run through the core connected as that role's login: the
grants cover it, and a unit account reaches only its own unit's motions."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from pg_accounts import REFUSED, assert_chain_valid, refused
from pg_granted import Granted, granted_database
from sqlalchemy import select, text

from models.domain.errors import DomainError
from models.domain.motion_workflow import MotionState
from models.domain.roles import Role
from models.entities import ChangeLog
from models.services.motions.commands.co_units import record_co_unit_opinion
from models.services.motions.commands.handling import receive_motion, unit_return
from models.services.motions.commands.intake import advance_motion, register_motion
from models.services.motions.commands.replies import send_reply
from models.services.motions.contracts import ReplyDraft


@pytest.fixture(scope="module")
def granted(
    postgres_available: None, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Granted]:
    with granted_database(tmp_path_factory.mktemp("pg-grants")) as database:
        yield database


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
        assert refused(connection, "SELECT count(*) FROM meeting") == REFUSED
        assert refused(connection, "SELECT count(*) FROM change_log") == REFUSED
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
    assert_chain_valid(granted.db)


def test_the_unit_account_may_not_change_what_it_does_not_handle(granted: Granted) -> None:
    own = granted.motions["康复部"]
    with granted.engines[Role.UNIT].connect() as connection:
        assert refused(connection, f"UPDATE motion SET title = 'x' WHERE id = {own}") == REFUSED
        assert refused(connection, "DELETE FROM assignment") == REFUSED
        assert refused(connection, "UPDATE app_user SET role = 'admin'") == REFUSED


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
    assert_chain_valid(granted.db)


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
        assert refused(connection, "DELETE FROM motion_reply") == REFUSED
        assert refused(connection, "UPDATE person SET name = name") == REFUSED
    assert_chain_valid(granted.db)


def test_the_secretariat_works_but_leaves_accounts_and_admin_settings_alone(
    granted: Granted,
) -> None:
    login = granted.logins[Role.SECRETARIAT]
    secretariat = granted.database(Role.SECRETARIAT)
    row = register_motion(secretariat, user=login, draft=granted.setup.draft("关于助残就业的提案"))
    with granted.db.engine.begin() as connection:
        connection.execute(text("DELETE FROM motion WHERE id = :i"), {"i": row.id})
    with granted.engines[Role.SECRETARIAT].connect() as connection:
        assert refused(connection, "UPDATE app_user SET role = 'admin'") == REFUSED
        upsert = (
            "INSERT INTO setting (key, value, updated_at, updated_by) VALUES (:k, '0', now(), '')"
        )
        assert refused(connection, upsert, {"k": "accounts.sign_in_required"}) == "42501"
        assert refused(connection, upsert, {"k": "motions.reply_templates"}) == ""
        # The policy hides other keys from its writes: nothing to update, nothing refused loudly.
        changed = connection.execute(text("UPDATE setting SET value = value WHERE key <> ''"))
        assert changed.rowcount == 0
        connection.rollback()
