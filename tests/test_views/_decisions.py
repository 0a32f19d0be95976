"""Helpers of the 三重一大 window tests: the register opened from the main window, matters set up
through the services, forms saved and read back from what the windows show."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import Qt

from models.domain.major_decision import DecisionState
from models.domain.vocabulary import BodyKind
from models.services.decisions.commands.discussion import put_on_agenda, record_discussion
from models.services.decisions.commands.matters import create_decision
from models.services.decisions.commands.steps import record_step
from models.services.decisions.contracts import (
    DecisionDraft,
    DiscussionDraft,
    ParticipantDraft,
    PositionDraft,
)
from models.services.decisions.queries import discussion_roster, get_decision
from models.services.meetings.commands.planning import plan_meeting
from models.services.meetings.contracts import MeetingDraft
from models.store.unit_of_work import Database
from views.decisions.decision_detail import DecisionDetailWindow
from views.decisions.decision_forms import MeetingForm
from views.decisions.decision_list import DecisionList
from views.decisions.discussion_form import DiscussionForm

from .helpers import WindowHarness

GATES = ("残疾人及相关利益方参与", "专家论证", "法律顾问审查", "社会稳定风险评估")
TITLE = "康复中心设备采购"


def database(h: WindowHarness) -> Database:
    """The window's own database, for setting matters up through the services."""
    assert h.window.ctx is not None
    return h.window.ctx.db


def open_list(h: WindowHarness) -> DecisionList:
    assert h.window.decisions_action.isEnabled()
    h.window.decisions_action.trigger()
    window = next(iter(h.window.findChildren(DecisionList)))
    h.idle()
    return window


def new_decision(h: WindowHarness, title: str = TITLE) -> int:
    h.idle()
    return create_decision(
        database(h),
        user="clerk",
        draft=DecisionDraft(
            title=title,
            category="大额度资金使用",
            body="council",
            year=date.today().year,
            amount_yuan=150_000,
        ),
    ).id


def steps_done(h: WindowHarness, decision_id: int, kinds: tuple[str, ...] = GATES) -> None:
    db = database(h)
    for kind in kinds:
        record_step(
            db,
            user="clerk",
            decision_id=decision_id,
            expected_version=get_decision(db, decision_id=decision_id).version,
            kind=kind,
            done_on=date.today(),
            participants="办公室",
            summary=f"{kind}已完成",
        )


def council_meeting(h: WindowHarness) -> int:
    day = date.today() + timedelta(days=10)
    return plan_meeting(
        database(h), user="clerk", body=BodyKind.EXECUTIVE_COUNCIL, draft=MeetingDraft(day)
    ).id


def open_detail(h: WindowHarness, window: DecisionList, decision_id: int) -> DecisionDetailWindow:
    window.load()
    h.idle()
    row = window.model.row_of(decision_id)
    assert row >= 0
    window.table.selectRow(row)
    detail = window.open_decision()
    assert detail is not None
    h.idle()
    assert detail.detail is not None
    return detail


def saved(h: WindowHarness, form: Any) -> Any:
    with h.qtbot.waitSignal(form.saved, timeout=20_000) as blocker:
        form.ok_button().click()
    h.idle()
    return blocker.args[0]


def column(window: DecisionList, header: str) -> list[str]:
    model = window.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    return [model.index(r, headers.index(header)).data() for r in range(model.rowCount())]


def step_cell(detail: DecisionDetailWindow, kind: str, header: str) -> str:
    table = detail.steps.table
    headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    row = next(r for r in range(table.rowCount()) if table.item(r, 0).text() == kind)
    return table.item(row, headers.index(header)).text()


def on_agenda(h: WindowHarness, detail: DecisionDetailWindow, meeting_id: int) -> None:
    detail.buttons["agenda"].click()
    h.idle()
    form = detail.form
    assert isinstance(form, MeetingForm)
    form.meeting.setCurrentIndex(form.meeting.findData(meeting_id))
    saved(h, form)
    assert detail.detail.row.state is DecisionState.READY


def open_discussion(h: WindowHarness, detail: DecisionDetailWindow) -> DiscussionForm:
    assert detail.buttons["discuss"].isEnabled()
    detail.buttons["discuss"].click()
    h.idle()
    form = detail.form
    assert isinstance(form, DiscussionForm)
    return form


def decided(h: WindowHarness) -> int:
    """A 通过 decision through the services: every gate done, on the agenda, all agree."""
    decision_id = new_decision(h, "康复器材租赁项目")
    steps_done(h, decision_id)
    meeting_id = council_meeting(h)
    db = database(h)
    version = get_decision(db, decision_id=decision_id).version
    put_on_agenda(
        db,
        user="clerk",
        decision_id=decision_id,
        expected_version=version,
        meeting_id=meeting_id,
        placed_on=date.today(),
    )
    roster = discussion_roster(db, decision_id=decision_id)
    present = [line.person_id for line in roster.lines]
    order = [p for p in present if p != roster.leader_id] + [roster.leader_id]
    record_discussion(
        db,
        user="clerk",
        decision_id=decision_id,
        expected_version=get_decision(db, decision_id=decision_id).version,
        draft=DiscussionDraft(
            participants=[ParticipantDraft(p, "出席") for p in present],
            positions=[PositionDraft(p, "同意") for p in order],
            leader_id=roster.leader_id,
            presiding_id=roster.leader_id,
        ),
    )
    return decision_id
