"""The demo's clerk: the 三重一大 and meeting services called as a clerk's form would call them.

Each call is one service call carrying the version the last save returned, so a demo built on a
database someone else edits at the same time fails loudly rather than overwriting.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, time

from models.demo.clock import DemoClock
from models.demo.lookups import elected, term_id
from models.demo.meetings import RECORDER
from models.domain.vocabulary import BodyKind
from models.services.decisions.commands.discussion import put_on_agenda, record_discussion
from models.services.decisions.commands.follow_up import add_follow_up
from models.services.decisions.commands.matters import create_decision
from models.services.decisions.commands.steps import record_step
from models.services.decisions.contracts import (
    DecisionDetail,
    DecisionDraft,
    DiscussionDraft,
    ParticipantDraft,
    PositionDraft,
)
from models.services.meetings.commands.agenda import set_agenda
from models.services.meetings.commands.attendance import record_attendance
from models.services.meetings.commands.minutes import finalise_minutes, write_minutes
from models.services.meetings.commands.planning import plan_meeting, set_meeting_status
from models.services.meetings.contracts import AgendaItemDraft, MeetingDraft, MinutesSection
from models.services.meetings.queries import get_meeting, prefill_attendance
from models.store.unit_of_work import Database


@dataclass(frozen=True)
class Members:
    ids: dict[str, int]  # name → person id, in roster order
    leader: str  # 理事长 / 党组书记

    def others(self, *left_out: str) -> list[str]:
        return [n for n in self.ids if n != self.leader and n not in left_out]


def members_of(db: Database, kind: BodyKind) -> Members:
    """Elected members of the body's current term, leaders first (the order of the roster)."""
    rows = elected(db, term_id(db, kind))
    leader = rows[0].name  # the demo seats 理事长 / 党组书记 first
    return Members({r.name: r.person_id for r in rows}, leader)


class Clerk:
    """The demo's clerk: each call is one service call with the current version."""

    def __init__(self, db: Database, user: str, clock: DemoClock) -> None:
        self.db, self.user, self.clock = db, user, clock
        self.versions: dict[int, int] = {}  # as a form would hold them after each save

    def on(self, day: date) -> None:
        """The day the clerk does what follows (`db` stamps the demo clock's time)."""
        self.clock.at(day)

    def new(self, title: str, category: str, body: str, amount: int | None, background: str) -> int:
        draft = DecisionDraft(title, category, body, 2026, amount, background)
        return self.seen(create_decision(self.db, user=self.user, draft=draft))

    def seen(self, detail: DecisionDetail) -> int:
        self.versions[detail.id] = detail.version
        return detail.id

    def do(self, call: Callable[..., DecisionDetail], decision_id: int, **kw) -> DecisionDetail:  # type: ignore[no-untyped-def]
        detail = call(
            self.db,
            user=self.user,
            decision_id=decision_id,
            expected_version=self.versions[decision_id],
            **kw,
        )
        self.seen(detail)
        return detail

    def steps(self, decision_id: int, steps: Sequence[tuple[str, date, str, str]]) -> None:
        for kind, day, people, summary in steps:
            self.do(
                record_step,
                decision_id,
                kind=kind,
                done_on=day,
                participants=people,
                summary=summary,
            )

    def meeting(self, body: BodyKind, day: date, host: int, place: str, items) -> int:  # type: ignore[no-untyped-def]
        draft = MeetingDraft(day, time(9, 30), place, host, recorder_name=RECORDER)
        meeting = plan_meeting(self.db, user=self.user, body=body, draft=draft)
        set_agenda(
            self.db,
            user=self.user,
            meeting_id=meeting.id,
            expected_version=meeting.version,
            items=[AgendaItemDraft(kind, title) for kind, title in items],
        )
        return meeting.id

    def hold(self, meeting_id: int, on_leave: dict[int, str]) -> None:
        """The roster's proposal with some members 请假, then 已召开."""
        lines = [
            row.as_draft()
            if row.person_id not in on_leave
            else _leave(row.as_draft(), on_leave[row.person_id])
            for row in prefill_attendance(self.db, meeting_id=meeting_id)
        ]
        version = get_meeting(self.db, meeting_id=meeting_id).meeting.version
        detail = record_attendance(
            self.db, user=self.user, meeting_id=meeting_id, expected_version=version, lines=lines
        )
        set_meeting_status(
            self.db,
            user=self.user,
            meeting_id=meeting_id,
            expected_version=detail.meeting.version,
            status="held",
        )

    def minutes(self, meeting_id: int, texts: dict[str, tuple[str, str]]) -> None:
        """Every item's summary and decision, keyed by title; then 定稿."""
        detail = get_meeting(self.db, meeting_id=meeting_id)
        sections = [MinutesSection(i.id, *texts[i.title]) for i in detail.agenda]
        detail = write_minutes(
            self.db,
            user=self.user,
            meeting_id=meeting_id,
            expected_version=detail.meeting.version,
            sections=sections,
        )
        finalise_minutes(
            self.db, user=self.user, meeting_id=meeting_id, expected_version=detail.meeting.version
        )


def _leave(draft, reason: str):  # type: ignore[no-untyped-def]
    return replace(draft, status="请假", leave_reason=reason)


def discuss(
    clerk: Clerk,
    decision_id: int,
    members: Members,
    *,
    absent: Sequence[str] = (),
    recused: dict[str, str] | None = None,
    stances: dict[str, tuple[str, str | None, bool]] | None = None,
    deferred: bool = False,
    note: str | None = None,
) -> DecisionDetail:
    """Everyone not absent or recused is present and speaks, the principal leader last."""
    recused = recused or {}
    stances = stances or {}
    present = [*members.others(*absent, *recused), members.leader]
    participants = [ParticipantDraft(members.ids[n], "出席") for n in present] + [
        ParticipantDraft(members.ids[n], "回避", why) for n, why in recused.items()
    ]
    positions = (
        []
        if deferred
        else [
            PositionDraft(members.ids[n], *stances.get(n, ("同意", None, False))) for n in present
        ]
    )
    leader = members.ids[members.leader]
    draft = DiscussionDraft(participants, positions, leader, leader, deferred, note)
    return clerk.do(record_discussion, decision_id, draft=draft)


def agenda(clerk: Clerk, decision_id: int, meeting_id: int, placed_on: date) -> None:
    clerk.do(put_on_agenda, decision_id, meeting_id=meeting_id, placed_on=placed_on)


def follow_up(clerk: Clerk, decision_id: int, task: str, owner: str, due: date) -> int:
    detail = clerk.do(add_follow_up, decision_id, task=task, owner=owner, due_on=due)
    return detail.follow_ups[-1].id
