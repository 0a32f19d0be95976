"""A 承办单位 account works on its own unit's motions only: it signs for, returns, contacts and
replies to them, is refused (`unit_scope_refused`, nothing written) on another unit's, and its
lists, details and figures show only its unit's motions. Both backends."""

from __future__ import annotations

from datetime import date

import pytest

from models.domain.errors import DomainError
from models.domain.messages import message
from models.domain.motion_workflow import MotionState
from models.domain.roles import Role
from models.entities import ChangeLog
from models.services.common.access import account_of
from models.services.motions.commands.co_units import record_co_unit_opinion
from models.services.motions.commands.handling import receive_motion, record_contact, unit_return
from models.services.motions.commands.intake import advance_motion
from models.services.motions.queries import (
    due_counts,
    get_motion,
    list_motions,
    merged_follower_rows,
    term_statistics,
)

from ._accounts import add_account, require_sign_in
from ._support import count
from .test_motions import assigned, handling, letter, reply, version
from .test_motions_setup import Setup, build_setup

REHAB, OFFICE, EDUCATION = "康复部", "办公室", "区教委"  # 主办, another unit, 协办


@pytest.fixture
def setup(db) -> Setup:
    built = build_setup(db)
    for login, unit in (("unit-rehab", REHAB), ("unit-office", OFFICE), ("unit-edu", EDUCATION)):
        add_account(db, login, Role.UNIT, unit_id=built.units[unit], by="setup")
    add_account(db, "secretary", Role.SECRETARIAT, by="setup")
    return built


def _refused_on_scope(db, call) -> DomainError:
    before = count(db, ChangeLog)
    with pytest.raises(DomainError) as refused:
        call()
    assert refused.value.code == "unit_scope_refused"
    text = message(refused.value.code, refused.value.params)
    assert OFFICE in text and "承办单位" in text
    assert count(db, ChangeLog) == before
    return refused.value


def test_a_unit_signs_for_and_returns_its_own_motion_only(db, setup):
    first = assigned(db, setup, "甲")
    second = assigned(db, setup, "乙")
    require_sign_in(db)
    _refused_on_scope(
        db,
        lambda: receive_motion(
            db,
            user="unit-office",
            motion_id=first,
            expected_version=version(db, first),
            received_on=date(2026, 1, 6),
        ),
    )
    row = receive_motion(
        db,
        user="unit-rehab",
        motion_id=first,
        expected_version=version(db, first),
        received_on=date(2026, 1, 6),
    )
    assert row.state is not MotionState.ASSIGNED
    # 开始办理 is the unit's too (through the same door as the secretariat's moves).
    start = "start_handling"
    _refused_on_scope(
        db,
        lambda: advance_motion(
            db,
            user="unit-office",
            motion_id=first,
            expected_version=version(db, first),
            action=start,
        ),
    )
    row = advance_motion(
        db, user="unit-rehab", motion_id=first, expected_version=version(db, first), action=start
    )
    assert row.state is MotionState.HANDLING
    with pytest.raises(DomainError, match="role_refused"):  # intake stays the secretariat's
        advance_motion(
            db,
            user="unit-rehab",
            motion_id=second,
            expected_version=version(db, second),
            action="withdraw",
        )
    _refused_on_scope(
        db,
        lambda: unit_return(
            db,
            user="unit-office",
            motion_id=second,
            expected_version=version(db, second),
            reason="不属于本单位职责",
            returned_on=date(2026, 1, 9),
        ),
    )
    row = unit_return(
        db,
        user="unit-rehab",
        motion_id=second,
        expected_version=version(db, second),
        reason="不属于本单位职责",
        returned_on=date(2026, 1, 9),
    )
    assert row.state is MotionState.UNIT_RETURNED


def test_a_unit_replies_and_contacts_for_its_own_motion_only(db, setup):
    motion_id = handling(db, setup, "丙")
    require_sign_in(db)
    _refused_on_scope(
        db,
        lambda: record_contact(
            db,
            user="unit-office",
            motion_id=motion_id,
            contact_date=date(2026, 2, 1),
            method="电话",
        ),
    )
    # The 协办 unit is the motion's too: it may record a contact and its own opinion.
    record_contact(
        db, user="unit-edu", motion_id=motion_id, contact_date=date(2026, 2, 1), method="电话"
    )
    record_co_unit_opinion(
        db,
        user="unit-edu",
        motion_id=motion_id,
        unit_id=setup.units[EDUCATION],
        text="同意主办单位意见",
        given_on=date(2026, 2, 2),
    )
    _refused_on_scope(db, lambda: reply_as(db, "unit-office", motion_id))
    row = reply_as(db, "unit-rehab", motion_id)
    assert row.state is MotionState.REPLIED


def reply_as(db, login: str, motion_id: int):
    from models.services.motions.commands.replies import send_reply

    return send_reply(
        db,
        user=login,
        motion_id=motion_id,
        expected_version=version(db, motion_id),
        reply=letter(),
    )


def test_a_unit_reads_only_its_units_motions(db, setup):
    mine = assigned(db, setup, "丁")
    other = assigned(db, setup, "戊")
    reply(db, handling(db, setup, "己"), document_number="门残联函〔2026〕31号")
    with db.unit_of_work("setup") as uow:  # 戊 goes to 办公室 alone
        from models.entities import Assignment

        for a in uow.session.query(Assignment).filter(Assignment.motion_id == other):
            a.unit_id = setup.units[OFFICE]
        uow.commit()
    require_sign_in(db)
    rehab, office = account_of(db, "unit-rehab"), account_of(db, "unit-office")
    secretary = account_of(db, "secretary")
    everything = {r.id for r in list_motions(db, reader=secretary)}
    assert {mine, other} <= everything
    assert {r.id for r in list_motions(db, reader=office)} == {other}
    rehab_rows = {r.id for r in list_motions(db, reader=rehab)}
    assert mine in rehab_rows and other not in rehab_rows
    assert rehab_rows == everything - {other}
    assert get_motion(db, mine, reader=rehab).row.id == mine
    for read in (get_motion, merged_follower_rows):
        with pytest.raises(DomainError) as refused:
            read(db, other, reader=rehab)
        assert refused.value.code == "unit_scope_refused"
    assert term_statistics(db, reader=office).overall.total == 1
    assert term_statistics(db, reader=secretary).overall.total == len(everything)
    assert due_counts(db, reader=office).overdue <= due_counts(db, reader=secretary).overdue


def test_a_unit_account_without_a_unit_sees_nothing(db, setup):
    assigned(db, setup, "庚")
    add_account(db, "unit-none", Role.UNIT, by="setup")
    require_sign_in(db)
    assert list_motions(db, reader=account_of(db, "unit-none")) == []


def test_clearing_the_federation_keeps_a_unit_account_without_its_unit(db, setup):
    from models.services.common.federation_data import clear_federation

    assigned(db, setup, "辛")
    clear_federation(db, user="setup", note="重新生成演示数据")
    require_sign_in(db)
    account = account_of(db, "unit-rehab")
    assert account.role is Role.UNIT and account.unit_id is None
    assert list_motions(db, reader=account) == []
