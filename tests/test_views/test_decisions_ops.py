"""The 三重一大 operations the windows call: each action returns its detail with what the core saw
it write, so the Runner can tell every window — the views never say it themselves."""

from __future__ import annotations

from datetime import date

import pytest

from models.domain.errors import DomainError
from models.domain.major_decision import DecisionState
from models.domain.vocabulary import BodyKind
from models.services.common.changes import RecordKind
from models.services.common.context import AppContext
from models.services.decisions.contracts import DecisionDraft
from tests.test_services._decisions import PLACED, plan, steps_done
from tests.test_services.test_meetings_setup import build_federation
from views.ops import decisions as ops

DRAFT = DecisionDraft("康复中心设备采购", "大额度资金使用", "council", 2026, 150_000)


@pytest.fixture
def ctx(db) -> AppContext:
    build_federation(db)
    return AppContext(db, "clerk")


def test_registering_reports_the_new_decision_only(ctx):
    outcome = ops.create_decision(ctx, draft=DRAFT)
    assert outcome.value.row.state is DecisionState.DRAFT
    assert outcome.changes.decisions and not outcome.changes.meetings
    assert outcome.changes.ids_of(RecordKind.DECISIONS) == {outcome.value.id}
    assert [r.id for r in ops.decisions(ctx, year=2026)] == [outcome.value.id]


def test_putting_on_an_agenda_reports_the_meetings_too(ctx):
    # The agenda item is a meeting's record: the meeting windows hear of it.
    created = ops.create_decision(ctx, draft=DRAFT).value
    steps_done(ctx.db, created.id)
    meeting_id = plan(ctx.db)
    [choice] = ops.agenda_meetings(ctx, body=BodyKind.EXECUTIVE_COUNCIL, after=PLACED)
    assert choice.id == meeting_id
    outcome = ops.put_on_agenda(
        ctx,
        decision_id=created.id,
        expected_version=ops.decision(ctx, decision_id=created.id).version,
        meeting_id=choice.id,
        placed_on=PLACED,
    )
    assert outcome.value.agenda_meeting_id == meeting_id
    assert outcome.changes.decisions and outcome.changes.meetings
    assert outcome.changes.ids_of(RecordKind.DECISIONS) == {created.id}


def test_a_refused_action_raises_and_returns_no_changes(ctx):
    created = ops.create_decision(ctx, draft=DRAFT).value
    with pytest.raises(DomainError) as caught:
        ops.complete_decision(
            ctx, decision_id=created.id, expected_version=created.version, completed_on=date.today()
        )
    assert caught.value.code == "decision_action_not_allowed"
    assert ops.decision(ctx, decision_id=created.id).row.state is DecisionState.DRAFT
