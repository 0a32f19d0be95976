"""An interrupted demo (issue 13, item 9): the marker is written last and says the demo is whole; a
half-built demo — a marker without completion, or the demo's people without a marker — is found
and built again whole by `yishi demo`, while an office's own data is still refused."""

from __future__ import annotations

import json

import pytest

from models.demo.builder import DEMO_DECISIONS, DEMO_MARKER, build_demo, demo_state
from models.demo.clock import DemoClock
from models.demo.federation import write_federation
from models.demo.generator import generate_demo
from models.demo.plan import CONGRESS_7_OPENED
from models.domain.errors import DomainError
from models.entities import MajorDecision, Person
from models.services.common.federation_data import put_setting
from models.services.common.settings import get_setting
from models.services.people.commands import add_person

from ._support import count, draft


def _first_transaction(db) -> int:
    """What an interrupted build had committed: the federation's people, terms and units only."""
    clock = DemoClock(CONGRESS_7_OPENED)
    plan = generate_demo()
    write_federation(db.with_clock(clock), clock, user="demo-clerk", plan=plan)
    return len(plan.people)


def test_the_marker_says_the_demo_is_complete(demo_db):
    marker = json.loads(get_setting(demo_db, DEMO_MARKER) or "null")
    assert marker["complete"] is True
    assert marker["decisions"] == DEMO_DECISIONS == count(demo_db, MajorDecision)
    assert demo_state(demo_db) == "complete"


@pytest.mark.parametrize("marker", ["2026-03-01", json.dumps({"complete": False})])
def test_a_marker_without_the_whole_demo_is_rebuilt(db, marker):
    people = _first_transaction(db)
    put_setting(db, user="demo-clerk", key=DEMO_MARKER, value=marker)
    assert count(db, MajorDecision) < DEMO_DECISIONS
    assert demo_state(db) == "partial"

    summary = build_demo(db, user="clerk")

    assert not summary.already_present and summary.repaired
    assert count(db, MajorDecision) == DEMO_DECISIONS
    assert count(db, Person) == people
    assert json.loads(get_setting(db, DEMO_MARKER) or "null")["complete"] is True
    assert build_demo(db, user="clerk").already_present


def test_the_demos_people_without_a_marker_are_rebuilt(db):
    people = _first_transaction(db)
    assert get_setting(db, DEMO_MARKER) is None
    assert demo_state(db) == "partial"

    summary = build_demo(db, user="clerk")

    assert summary.repaired
    assert count(db, Person) == people
    assert count(db, MajorDecision) == DEMO_DECISIONS
    assert demo_state(db) == "complete"


def test_an_office_person_among_the_demos_is_not_taken_for_a_half_demo(db):
    _first_transaction(db)
    add_person(db, user="clerk", draft=draft(name="张三"))
    assert demo_state(db) == "absent"
    with pytest.raises(DomainError) as refused:
        build_demo(db, user="clerk")
    assert refused.value.code == "demo_other_data"


def test_a_failure_after_the_first_step_leaves_no_demo_behind(fresh, monkeypatch):
    """All steps share one transaction: a failure after the first leaves nothing, not a marker."""
    import models.demo.builder as builder

    db = fresh.database("sqlite")

    def fail(*_args, **_kwargs):
        raise RuntimeError("interrupted")

    monkeypatch.setattr(builder, "write_demo_meetings", fail)
    with pytest.raises(RuntimeError):
        build_demo(db, user="clerk")
    assert count(db, Person) == 0
    assert get_setting(db, DEMO_MARKER) is None
    assert demo_state(db) == "absent"
