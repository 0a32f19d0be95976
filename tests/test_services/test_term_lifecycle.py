"""Terms of every body on a day-one database: open, correct, delete, elect, hand over."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from models.domain.errors import DomainError
from models.domain.messages import message
from models.domain.vocabulary import (
    BodyKind,
    EndReason,
    MembershipStatus,
    StartReason,
    TermStatus,
)
from models.entities import ChangeLog, Membership, SeatAllocation, Term
from models.services.electoral.commands import add_electoral_unit
from models.services.terms import commands, queries
from models.services.terms.commands import open_term
from models.services.terms.contracts import ElectionOutcome, ElectionResult

from ._support import count
from ._terms import ELECTION, Federation, build_federation

HANDOVER = date(2026, 12, 12)


@pytest.fixture
def fed(db) -> Federation:
    return build_federation(db)


def _refused(db, work) -> DomainError:
    """The refusal of `work`, checked to have written nothing."""
    written = (count(db, Term), count(db, Membership), count(db, ChangeLog))
    with pytest.raises(DomainError) as caught:
        work()
    assert (count(db, Term), count(db, Membership), count(db, ChangeLog)) == written
    assert message(caught.value.code, caught.value.params) != caught.value.code
    return caught.value


def _term(db, term_id: int) -> Term:
    with db.session_factory() as session:
        term = session.get(Term, term_id)
        session.expunge(term)
        return term


def _memberships(db, term_id: int) -> dict[str, Membership]:
    with db.session_factory() as session:
        rows = session.scalars(select(Membership).where(Membership.term_id == term_id)).all()
        found = {m.person.name: m for m in rows}
        for m in rows:
            session.expunge(m)
        return found


def _version(db, term_id: int) -> int:
    return _term(db, term_id).version


def _hand_over(db, term_id: int):
    return commands.make_current(
        db,
        user="clerk",
        term_id=term_id,
        expected_version=_version(db, term_id),
        handover_date=HANDOVER,
    )


def _elect(db, term_id: int, *results: ElectionResult, everyone: bool = False):
    return commands.record_election(
        db,
        user="clerk",
        term_id=term_id,
        election_date=ELECTION,
        results=results,
        all_elected=everyone,
    )


# --- open ----------------------------------------------------------------------------------------


def test_a_new_term_is_a_draft_by_default(db):
    row = open_term(db, user="clerk", kind=BodyKind.EXECUTIVE_COUNCIL, term=8)
    assert (row.status, row.name, row.body_name) == (TermStatus.DRAFT, "第八届", "执行理事会")


def test_a_second_current_term_is_refused_naming_the_sitting_one(db, fed):
    error = _refused(
        db,
        lambda: open_term(
            db, user="clerk", kind=BodyKind.CONGRESS, term=9, status=TermStatus.CURRENT
        ),
    )
    assert (error.code, error.field) == ("current_term_exists", "status")
    assert "第七届" in message(error.code, error.params)


def test_open_term_refuses_reversed_dates(db):
    error = _refused(
        db,
        lambda: open_term(
            db,
            user="clerk",
            kind=BodyKind.PRESIDIUM,
            term=8,
            start_date=date(2027, 1, 1),
            end_date=date(2026, 1, 1),
        ),
    )
    assert error.code == "term_dates_reversed"


# --- correct dates ---------------------------------------------------------------------------------


def test_correcting_dates_and_a_stale_form_is_refused(db, fed):
    version = _version(db, fed.eighth)
    row = commands.correct_term_dates(
        db,
        user="clerk",
        term_id=fed.eighth,
        expected_version=version,
        start_date=date(2026, 12, 12),
        end_date=date(2031, 12, 11),
    )
    assert (row.start_date, row.end_date) == (date(2026, 12, 12), date(2031, 12, 11))
    error = _refused(
        db,
        lambda: commands.correct_term_dates(
            db,
            user="clerk",
            term_id=fed.eighth,
            expected_version=version,
            start_date=None,
            end_date=None,
        ),
    )
    assert error.code == "stale_record"
    error = _refused(
        db,
        lambda: commands.correct_term_dates(
            db,
            user="clerk",
            term_id=fed.eighth,
            expected_version=row.version,
            start_date=date(2027, 1, 1),
            end_date=date(2026, 1, 1),
        ),
    )
    assert (error.code, error.field) == ("term_dates_reversed", "end_date")


# --- delete ----------------------------------------------------------------------------------------


def test_an_empty_draft_term_is_deleted_with_its_seats(db):
    term = open_term(db, user="clerk", kind=BodyKind.CONGRESS, term=8)
    add_electoral_unit(db, user="clerk", name="永定镇", seats=[(term.id, 4)])
    commands.delete_term(db, user="clerk", term_id=term.id, expected_version=term.version)
    with db.session_factory() as session:
        assert session.get(Term, term.id) is None
        assert session.scalars(select(SeatAllocation)).all() == []


def test_a_term_with_people_or_not_a_draft_is_not_deleted(db, fed):
    error = _refused(
        db,
        lambda: commands.delete_term(
            db, user="clerk", term_id=fed.eighth, expected_version=_version(db, fed.eighth)
        ),
    )
    assert error.code == "term_not_empty"
    assert "人员 4 条" in message(error.code, error.params)
    error = _refused(
        db,
        lambda: commands.delete_term(
            db, user="clerk", term_id=fed.seventh, expected_version=_version(db, fed.seventh)
        ),
    )
    assert message(error.code, error.params) == "代表大会第七届不是筹备中的届次，不能删除。"


# --- the election -----------------------------------------------------------------------------------


def test_recording_the_election(db, fed):
    record = _elect(
        db,
        fed.eighth,
        ElectionResult(ElectionOutcome.ELECTED, person_id=fed.people["赵一"]),
        ElectionResult(ElectionOutcome.NOT_ELECTED, id_number=fed.ids["孙三"].lower()),
        ElectionResult(ElectionOutcome.MOVED_UP, person_id=fed.people["周五"]),
    )
    assert (record.elected, record.not_elected, record.moved_up, record.undecided) == (1, 1, 1, 1)
    members = _memberships(db, fed.eighth)
    assert (members["赵一"].status, members["赵一"].start_reason, members["赵一"].start_date) == (
        MembershipStatus.ELECTED,
        StartReason.ELECTED,
        ELECTION,
    )
    assert (members["孙三"].status, members["孙三"].start_date) == (
        MembershipStatus.NOT_ELECTED,
        None,
    )
    assert (members["周五"].status, members["周五"].start_reason) == (
        MembershipStatus.ELECTED,
        StartReason.MOVED_UP,
    )
    assert members["李四"].status is MembershipStatus.CANDIDATE
    everyone = _elect(db, fed.eighth, everyone=True)
    assert (everyone.elected, everyone.undecided) == (1, 0)
    assert _memberships(db, fed.eighth)["李四"].status is MembershipStatus.ELECTED


def test_a_result_for_someone_not_a_candidate_is_refused_with_a_masked_id(db, fed):
    error = _refused(
        db,
        lambda: _elect(
            db,
            fed.eighth,
            ElectionResult(ElectionOutcome.ELECTED, person_id=fed.people["赵一"]),
            ElectionResult(ElectionOutcome.ELECTED, id_number=fed.ids["钱二"]),
        ),
    )
    text = message(error.code, error.params)
    assert error.code == "not_a_candidate"
    assert "钱二" in text and "代表大会第八届" in text
    assert fed.ids["钱二"] not in text and fed.ids["钱二"][:6] + "********" in text
    assert _memberships(db, fed.eighth)["赵一"].status is MembershipStatus.CANDIDATE


def test_a_reserve_moves_up_and_a_candidate_does_not(db, fed):
    error = _refused(
        db,
        lambda: _elect(
            db, fed.eighth, ElectionResult(ElectionOutcome.MOVED_UP, person_id=fed.people["赵一"])
        ),
    )
    assert error.code == "election_moved_up_not_reserve"


@pytest.mark.parametrize("kind", [BodyKind.EXECUTIVE_COUNCIL])
def test_bodies_without_an_election_refuse_one(db, kind):
    term = open_term(db, user="clerk", kind=kind, term=8)
    error = _refused(
        db,
        lambda: _elect(db, term.id, everyone=True),
    )
    assert error.code == "election_not_for_body"


# --- the handover ------------------------------------------------------------------------------------


def test_handover_in_one_step(db, fed):
    _elect(db, fed.eighth, everyone=True)
    plan = queries.handover_plan(db, term_id=fed.eighth)
    assert (plan.previous.name, plan.ending) == ("第七届", 2)
    handover = _hand_over(db, fed.eighth)
    assert (handover.term.status, handover.term.start_date) == (TermStatus.CURRENT, HANDOVER)
    assert (handover.previous.status, handover.previous.end_date) == (TermStatus.PAST, HANDOVER)
    assert handover.ended == 2
    for member in _memberships(db, fed.seventh).values():
        assert (member.status, member.end_reason, member.end_date) == (
            MembershipStatus.ENDED,
            EndReason.TERM_EXPIRED,
            HANDOVER,
        )
    assert _memberships(db, fed.eighth)["赵一"].status is MembershipStatus.ELECTED
    summary = {s.term.term: s for s in queries.term_summaries(db, kind=BodyKind.CONGRESS)}
    assert (summary[7].members, summary[7].ended, summary[8].members) == (0, 2, 3)
    error = _refused(
        db,
        lambda: _hand_over(db, fed.seventh),
    )
    assert message(error.code, error.params) == "代表大会第七届是往届，不能再设为现任。"


def test_handover_waits_for_every_candidates_result(db, fed):
    error = _refused(
        db,
        lambda: _hand_over(db, fed.eighth),
    )
    assert (error.code, error.params["count"]) == ("term_undecided", 3)
    assert _term(db, fed.seventh).status is TermStatus.CURRENT


def test_a_council_term_becomes_current_without_an_election(db):
    term = open_term(db, user="clerk", kind=BodyKind.EXECUTIVE_COUNCIL, term=7)
    handover = commands.make_current(
        db, user="clerk", term_id=term.id, expected_version=term.version, handover_date=HANDOVER
    )
    assert (handover.previous, handover.ended, handover.term.status) == (
        None,
        0,
        TermStatus.CURRENT,
    )


def test_the_party_group_has_no_lifecycle(db):
    with db.session_factory() as session:
        standing = session.scalar(select(Term).where(Term.ordinal.is_(None)))
        term_id, version = standing.id, standing.version
    error = _refused(
        db,
        lambda: commands.correct_term_dates(
            db,
            user="clerk",
            term_id=term_id,
            expected_version=version,
            start_date=None,
            end_date=None,
        ),
    )
    assert error.code == "term_for_party_group"


# --- the presidium from the congress -------------------------------------------------------------


def test_presidium_candidates_come_from_the_congress_with_their_facts(db, fed):
    offered = queries.delegates_not_in_presidium(db, term_id=fed.presidium)
    assert [n.name for n in offered] == ["赵一", "孙三", "李四"]
    assert all("*" in n.id_number for n in offered)
    added = commands.add_presidium_candidates(
        db, user="clerk", term_id=fed.presidium, person_ids=[fed.people["李四"]]
    )
    assert added == 1
    li = _memberships(db, fed.presidium)["李四"]
    assert (li.position.value, li.status, li.disability_grade, li.is_frontline) == (
        "委员",
        MembershipStatus.CANDIDATE,
        2,
        True,
    )
    assert li.work_unit_and_post == "大峪街道残联 专职委员"
    assert li.disability_category.value == "肢体"
    assert [n.name for n in queries.delegates_not_in_presidium(db, term_id=fed.presidium)] == [
        "赵一",
        "孙三",
    ]
    error = _refused(
        db,
        lambda: commands.add_presidium_candidates(
            db, user="clerk", term_id=fed.presidium, person_ids=[fed.people["钱二"]]
        ),
    )
    assert message(error.code, error.params).startswith("钱二不是代表大会第八届的代表")


def test_a_handover_before_the_sitting_term_began_is_refused(db, fed):
    _elect(db, fed.eighth, everyone=True)
    error = _refused(
        db,
        lambda: commands.make_current(
            db,
            user="clerk",
            term_id=fed.eighth,
            expected_version=_version(db, fed.eighth),
            handover_date=date(2020, 1, 1),
        ),
    )
    assert message(error.code, error.params) == (
        "换届日期 2020-01-01 早于第七届的开始日期 2021-06-18，请更正换届日期。"
    )


def test_an_older_draft_cannot_replace_the_sitting_term(db, fed):
    sixth = open_term(db, user="clerk", kind=BodyKind.CONGRESS, term=6)
    error = _refused(db, lambda: _hand_over(db, sixth.id))
    assert (
        message(error.code, error.params) == "代表大会现任的是第七届，不能把更早的第六届设为现任。"
    )
