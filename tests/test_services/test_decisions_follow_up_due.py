"""Follow-ups of 三重一大 decisions past their due date (逾期跟进), counted like overdue motions."""

from __future__ import annotations

from datetime import date

import pytest

from models.services.decisions.commands.follow_up import add_follow_up, update_follow_up
from models.services.decisions.queries import follow_up_due

from ._decisions import COUNCIL, discuss, ready_matter, version_of
from .test_meetings_setup import Federation, build_federation

TODAY = date(2026, 6, 1)  # a Monday


@pytest.fixture
def fed(db) -> Federation:
    return build_federation(db)


def _follow_up(db, decision_id: int, task: str, due_on: date | None):
    return add_follow_up(
        db,
        user="clerk",
        decision_id=decision_id,
        expected_version=version_of(db, decision_id),
        task=task,
        owner="办公室",
        due_on=due_on,
    )


def test_overdue_and_due_soon_follow_ups_are_counted(db, fed):
    assert follow_up_due(db, today=TODAY).overdue == 0
    first = ready_matter(db, title="采购康复器材")
    discuss(db, fed, first, present=COUNCIL)
    second = ready_matter(db, title="建设残疾人之家")
    discuss(db, fed, second, present=COUNCIL)
    _follow_up(db, first, "签订合同", date(2026, 5, 29))  # overdue
    detail = _follow_up(db, first, "验收", date(2026, 5, 20))  # overdue, then done
    _follow_up(db, first, "付款", None)  # no due date: never counted
    _follow_up(db, second, "选址", date(2026, 6, 5))  # due soon
    _follow_up(db, second, "开工", date(2026, 9, 1))  # far off
    before = follow_up_due(db, today=TODAY)
    assert (before.overdue, before.due_soon) == (2, 1)
    assert before.overdue_decisions == {first}
    assert before.due_soon_decisions == {second}
    done = next(f for f in detail.follow_ups if f.task == "验收")
    update_follow_up(
        db,
        user="clerk",
        decision_id=first,
        expected_version=version_of(db, first),
        follow_up_id=done.id,
        progress="已验收",
        done_on=date(2026, 5, 20),
    )
    after = follow_up_due(db, today=TODAY)
    assert (after.overdue, after.due_soon) == (1, 1)
    # The day after its due date the one due soon is overdue too.
    later = follow_up_due(db, today=date(2026, 6, 6))
    assert later.overdue == 2 and later.overdue_decisions == {first, second}
