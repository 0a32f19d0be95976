"""The motions feature's reads: the list and its filters, the term the window lists, the rows."""

from __future__ import annotations

from datetime import date

import pytest

from models.domain.errors import DomainError
from models.domain.motion_workflow import MotionState
from models.domain.vocabulary import TermStatus
from models.entities import HandlingUnit, Term
from models.services.motions.commands.intake import merge_motion
from models.services.motions.contracts import NAME_LIMIT
from models.services.motions.queries import (
    current_term,
    list_motions,
    merged_follower_rows,
    reply_classes,
    term_motion_rows,
)

from .test_motions import accepted, assigned, step, version
from .test_motions_setup import Setup, build_setup, new_motion


@pytest.fixture
def setup(db) -> Setup:
    return build_setup(db)


def test_list_filters_by_state_and_term_and_marks_overdue(db, setup):
    first = assigned(db, setup, "一")
    accepted(db, setup, "二")
    new_motion(db, setup, "三")
    rows = list_motions(db, term=7, today=date(2026, 5, 1))
    assert [r.title for r in rows] == ["一", "二", "三"]
    assert [r.number_text for r in rows] == ["第1号", "第2号", None]
    assert rows[0].id == first and rows[0].is_overdue and rows[0].proposer == "甲委员"
    assert [r.title for r in list_motions(db, state="accepted")] == ["二"]
    with pytest.raises(DomainError):
        list_motions(db, state="nonsense")


def test_the_current_term_is_the_presidiums_current_one(db, setup):
    assert current_term(db) == 7
    with db.unit_of_work("setup") as uow:
        term = uow.session.query(Term).filter(Term.ordinal == 7).one()
        term.status = TermStatus.PAST
        uow.commit()
    assert current_term(db) is None


def test_the_window_lists_the_current_terms_motions_or_every_motion_without_one(db, setup):
    first = new_motion(db, setup, "一")
    assert [r.id for r in term_motion_rows(db)] == [first]
    assert [r.id for r in term_motion_rows(db, term=7)] == [first]
    assert all(r.term == 7 for r in term_motion_rows(db))
    with db.unit_of_work("setup") as uow:
        term = uow.session.query(Term).filter(Term.ordinal == 7).one()
        term.status = TermStatus.PAST
        uow.commit()
    # No current term: every motion is listed, as before.
    assert [r.id for r in term_motion_rows(db)] == [first]
    with pytest.raises(DomainError):
        term_motion_rows(db, term=99)


def test_merged_followers_are_listed_for_the_lead_by_number(db, setup):
    lead = accepted(db, setup, "主案")
    other = new_motion(db, setup, "并案")
    step(db, other, "submit")
    step(db, other, "start_review")
    merge_motion(
        db, user="clerk", motion_id=other, expected_version=version(db, other), lead_id=lead
    )
    rows = merged_follower_rows(db, lead)
    assert [(r.id, r.state) for r in rows] == [(other, MotionState.MERGED)]
    assert merged_follower_rows(db, other) == []


def test_reply_classes_come_from_the_rules_with_their_text(db, setup):
    classes = reply_classes(db)
    assert [code for code, _text in classes][:1] == ["A"]
    assert all(text for _code, text in classes)


def test_the_contracts_name_limit_is_the_columns_width():
    assert HandlingUnit.__table__.c.name.type.length == NAME_LIMIT


def test_an_assigned_motion_row_names_its_lead_unit(db, setup):
    motion_id = assigned(db, setup)
    (row,) = list_motions(db, term=7)
    assert (row.id, row.lead_unit, row.deadline is not None) == (motion_id, "康复部", True)
    assert list_motions(db, state=MotionState.ASSIGNED) == [row]
