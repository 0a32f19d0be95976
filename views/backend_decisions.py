"""The 三重一大 part of the Backend: every call of the decision windows, with the clerk fixed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from models.domain.decision_rules import DecisionRules
from models.domain.meeting_vocabulary import MeetingStatus
from models.domain.vocabulary import BodyKind
from models.services.decisions import queries as decisions
from models.services.decisions.commands import discussion as decision_meeting
from models.services.decisions.commands import follow_up as decision_follow_up
from models.services.decisions.commands import matters
from models.services.decisions.commands import steps as decision_steps
from models.services.decisions.contracts import (
    DecisionDetail,
    DecisionDraft,
    DecisionRow,
    DiscussionDraft,
    DiscussionRoster,
)
from models.services.decisions.queries import decision_rules as decision_rules_in_force
from models.services.meetings import meetings
from models.services.meetings.rows import MeetingRow
from models.store.unit_of_work import Database


@dataclass(frozen=True)
class DiscussionWorkbench:
    """What the discussion form starts from, loaded in one go on the lane."""

    roster: DiscussionRoster
    rules: DecisionRules


class DecisionCalls:
    """Mixed into Backend, which provides `db` and `user`."""

    db: Database
    user: str

    def decisions(self, year: int | None = None) -> list[DecisionRow]:
        return decisions.list_decisions(self.db, year=year)

    def decision(self, decision_id: int) -> DecisionDetail:
        return decisions.get_decision(self.db, decision_id=decision_id)

    def decision_rules(self) -> DecisionRules:
        return decision_rules_in_force(self.db)

    def create_decision(self, draft: DecisionDraft) -> DecisionDetail:
        return matters.create_decision(self.db, user=self.user, draft=draft)

    def update_decision(
        self, decision_id: int, version: int | None, draft: DecisionDraft
    ) -> DecisionDetail:
        return matters.update_decision(
            self.db, user=self.user, decision_id=decision_id, expected_version=version, draft=draft
        )

    def record_emergency(
        self, draft: DecisionDraft, decided_by: str, decided_on: date, reason: str
    ) -> DecisionDetail:
        return matters.record_emergency(
            self.db,
            user=self.user,
            draft=draft,
            decided_by=decided_by,
            decided_on=decided_on,
            reason=reason,
        )

    def report_emergency(
        self, decision_id: int, version: int | None, meeting_id: int
    ) -> DecisionDetail:
        return matters.report_emergency(
            self.db,
            user=self.user,
            decision_id=decision_id,
            expected_version=version,
            meeting_id=meeting_id,
        )

    # --- steps and attachments --------------------------------------------------------------------

    def record_step(
        self,
        decision_id: int,
        version: int | None,
        kind: str,
        done_on: date,
        participants: str | None,
        summary: str | None,
    ) -> DecisionDetail:
        return decision_steps.record_step(
            self.db,
            user=self.user,
            decision_id=decision_id,
            expected_version=version,
            kind=kind,
            done_on=done_on,
            participants=participants,
            summary=summary,
        )

    def mark_step_not_applicable(
        self, decision_id: int, version: int | None, kind: str, reason: str, accepted_by: str
    ) -> DecisionDetail:
        return decision_steps.mark_step_not_applicable(
            self.db,
            user=self.user,
            decision_id=decision_id,
            expected_version=version,
            kind=kind,
            reason=reason,
            accepted_by=accepted_by,
        )

    def add_attachment(
        self, decision_id: int, version: int | None, kind: str, filename: str, content: bytes
    ) -> DecisionDetail:
        return decision_steps.add_attachment(
            self.db,
            user=self.user,
            decision_id=decision_id,
            expected_version=version,
            kind=kind,
            filename=filename,
            content=content,
        )

    def attachment_content(self, attachment_id: int) -> tuple[str, bytes]:
        stored = decisions.attachment_content(self.db, attachment_id=attachment_id)
        return stored.filename, stored.content

    # --- the meeting ------------------------------------------------------------------------------

    def agenda_meetings(self, body: BodyKind, after: date) -> list[MeetingRow]:
        """The body's planned meetings later than `after`: where a matter may be put in advance."""
        return [
            m
            for m in meetings.list_meetings(self.db, body=body)
            if m.status is MeetingStatus.PLANNED and m.meeting_date > after
        ]

    def report_meetings(self, body: BodyKind, since: date | None) -> list[MeetingRow]:
        """The body's meetings on or after the emergency decision, held or planned."""
        return [
            m
            for m in meetings.list_meetings(self.db, body=body)
            if m.status is not MeetingStatus.CANCELLED
            and (since is None or m.meeting_date >= since)
        ]

    def put_on_agenda(
        self, decision_id: int, version: int | None, meeting_id: int, placed_on: date
    ) -> DecisionDetail:
        return decision_meeting.put_on_agenda(
            self.db,
            user=self.user,
            decision_id=decision_id,
            expected_version=version,
            meeting_id=meeting_id,
            placed_on=placed_on,
        )

    def discussion_workbench(self, decision_id: int) -> DiscussionWorkbench:
        return DiscussionWorkbench(
            roster=decisions.discussion_roster(self.db, decision_id=decision_id),
            rules=decision_rules_in_force(self.db),
        )

    def record_discussion(
        self, decision_id: int, version: int | None, draft: DiscussionDraft
    ) -> DecisionDetail:
        return decision_meeting.record_discussion(
            self.db, user=self.user, decision_id=decision_id, expected_version=version, draft=draft
        )

    def reopen_decision(
        self,
        decision_id: int,
        version: int | None,
        requested_by: str,
        requested_on: date,
        agree: int,
        reason: str | None,
    ) -> DecisionDetail:
        return decision_meeting.reopen_decision(
            self.db,
            user=self.user,
            decision_id=decision_id,
            expected_version=version,
            requested_by=requested_by,
            requested_on=requested_on,
            agree=agree,
            reason=reason,
        )

    # --- carrying it out --------------------------------------------------------------------------

    def add_follow_up(
        self, decision_id: int, version: int | None, task: str, owner: str, due_on: date | None
    ) -> DecisionDetail:
        return decision_follow_up.add_follow_up(
            self.db,
            user=self.user,
            decision_id=decision_id,
            expected_version=version,
            task=task,
            owner=owner,
            due_on=due_on,
        )

    def update_follow_up(
        self,
        decision_id: int,
        version: int | None,
        follow_up_id: int,
        progress: str | None,
        done_on: date | None,
    ) -> DecisionDetail:
        return decision_follow_up.update_follow_up(
            self.db,
            user=self.user,
            decision_id=decision_id,
            expected_version=version,
            follow_up_id=follow_up_id,
            progress=progress,
            done_on=done_on,
        )

    def complete_decision(
        self, decision_id: int, version: int | None, completed_on: date
    ) -> DecisionDetail:
        return decision_follow_up.complete_decision(
            self.db,
            user=self.user,
            decision_id=decision_id,
            expected_version=version,
            completed_on=completed_on,
        )
