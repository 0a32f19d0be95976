"""What the window asks of the core, with the clerk fixed: every method runs on the Runner's lane.

Imported on the worker lane after the first paint, so SQLAlchemy and Alembic never delay the window.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from models.domain.quorum import QuorumRule
from models.domain.vocabulary import BodyKind, MembershipStatus
from models.services.common.context import AppContext
from models.services.meetings import attendance, meetings, minutes
from models.services.meetings.meetings import AgendaItemDraft, MeetingDraft
from models.services.meetings.minutes import MinutesSection
from models.services.meetings.rows import (
    AssociationAttendanceReport,
    AttendanceDraft,
    AttendanceRow,
    MeetingDetail,
    MeetingRow,
)
from models.services.people import queries as people_queries
from models.store.unit_of_work import Database
from views.backend_decisions import DecisionCalls
from views.backend_motions import MotionCalls


@dataclass(frozen=True)
class MeetingWorkbench:
    """Everything the meeting editor shows, loaded in one go on the lane."""

    detail: MeetingDetail
    rule: QuorumRule
    # The grid proposed from the roster on the meeting date while none is recorded; else empty.
    proposal: tuple[AttendanceRow, ...]
    hosts: tuple[tuple[int, str], ...]  # (person id, "姓名（职务）") of the body's serving members


class Backend(MotionCalls, DecisionCalls):
    def __init__(
        self,
        db: Database,
        user: str,
        *,
        fonts_dir: Path | None = None,
        reply_templates: Path | None = None,
    ) -> None:
        self.db = db
        self.user = user
        self.fonts_dir = fonts_dir
        self.reply_templates = reply_templates  # resources/templates/reply_templates.toml
        # What the typed operations (views/ops) take; the Backend goes once every view uses them.
        self.ctx = AppContext(db, user, fonts_dir=fonts_dir, reply_templates=reply_templates)

    # --- meetings --------------------------------------------------------------------------------

    def meetings(self, kind: BodyKind, ordinal: int | None) -> list[MeetingRow]:
        """A termed body's meetings of one term; the party group's of every year."""
        return meetings.list_meetings(self.db, body=kind, term=ordinal)

    def quorum_rule(self, kind: BodyKind) -> QuorumRule:
        return meetings.meeting_rules_in_force(self.db).quorum_rule(kind)

    def hosts(self, term_id: int) -> tuple[tuple[int, str], ...]:
        entries = people_queries.members_of_term(self.db, term_id=term_id)
        return tuple(
            (e.person_id, f"{e.name}（{e.position}）" if e.position else e.name)
            for e in entries
            if e.status is MembershipStatus.ELECTED
        )

    def meeting_workbench(self, meeting_id: int, term_id: int) -> MeetingWorkbench:
        detail = meetings.get_meeting(self.db, meeting_id=meeting_id)
        proposal = (
            ()
            if detail.attendance
            else attendance.prefill_attendance(self.db, meeting_id=meeting_id)
        )
        return MeetingWorkbench(
            detail=detail,
            rule=self.quorum_rule(detail.meeting.body),
            proposal=proposal,
            hosts=self.hosts(term_id),
        )

    def plan_meeting(
        self, kind: BodyKind, ordinal: int | None, draft: MeetingDraft, number: int | None
    ) -> MeetingRow:
        return meetings.plan_meeting(
            self.db, user=self.user, body=kind, term=ordinal, draft=draft, ordinal=number
        )

    def update_meeting(
        self, meeting_id: int, version: int, draft: MeetingDraft, reason: str | None
    ) -> MeetingRow:
        return meetings.update_meeting(
            self.db,
            user=self.user,
            meeting_id=meeting_id,
            expected_version=version,
            draft=draft,
            reason=reason,
        )

    def set_meeting_status(self, meeting_id: int, version: int, status: str) -> MeetingRow:
        return meetings.set_meeting_status(
            self.db, user=self.user, meeting_id=meeting_id, expected_version=version, status=status
        )

    def set_agenda(
        self,
        meeting_id: int,
        version: int,
        items: Sequence[AgendaItemDraft],
        reason: str | None,
    ) -> MeetingDetail:
        return meetings.set_agenda(
            self.db,
            user=self.user,
            meeting_id=meeting_id,
            expected_version=version,
            items=items,
            reason=reason,
        )

    def record_attendance(
        self,
        meeting_id: int,
        version: int,
        lines: Sequence[AttendanceDraft],
        reason: str | None,
    ) -> MeetingDetail:
        return attendance.record_attendance(
            self.db,
            user=self.user,
            meeting_id=meeting_id,
            expected_version=version,
            lines=lines,
            reason=reason,
        )

    def write_minutes(
        self, meeting_id: int, version: int, sections: Sequence[MinutesSection]
    ) -> MeetingDetail:
        return minutes.write_minutes(
            self.db,
            user=self.user,
            meeting_id=meeting_id,
            expected_version=version,
            sections=sections,
        )

    def finalise_minutes(self, meeting_id: int, version: int) -> MeetingDetail:
        return minutes.finalise_minutes(
            self.db, user=self.user, meeting_id=meeting_id, expected_version=version
        )

    def amend_minutes(
        self, meeting_id: int, version: int, sections: Sequence[MinutesSection], reason: str
    ) -> MeetingDetail:
        return minutes.amend_minutes(
            self.db,
            user=self.user,
            meeting_id=meeting_id,
            expected_version=version,
            sections=sections,
            reason=reason,
        )

    def association_report(self, year: int) -> AssociationAttendanceReport:
        return attendance.association_attendance_report(self.db, year=year)

    # --- motions (提案) ---------------------------------------------------------------------------

    def write_paper(
        self,
        *,
        paper: str,
        fmt: str,
        path: Path,
        meeting_id: int | None = None,
        kind: BodyKind | None = None,
        ordinal: int | None = None,
        year: int | None = None,
        public: bool = False,
        identifiers_whole: bool = False,
        decision_id: int | None = None,
    ) -> list[str]:
        """Write one paper as PDF or DOCX; returns the warnings (characters no font has, …)."""
        # Imported here: the printing service pulls in the document engine (reportlab, docx).
        from models.services.papers import printing

        return printing.write_paper(
            self.db,
            user=self.user,
            paper=paper,
            fmt=fmt,
            path=path,
            fonts_dir=self.fonts_dir,
            meeting_id=meeting_id,
            kind=kind,
            ordinal=ordinal,
            year=year,
            public=public,
            identifiers_whole=identifiers_whole,
            # Passed only when given, so the other papers never depend on the decision papers.
            **({"decision_id": decision_id} if decision_id is not None else {}),
        )

    def reply_letter_targets(self, term: int | None = None) -> list[tuple[int, str]]:
        """(id, number text) of the term's replied or closed motions: one 答复函 each."""
        from models.services.papers.motions import replied_motions

        return replied_motions(self.db, term)

    def write_reply_letter(
        self, motion_id: int, number_text: str, fmt: str, directory: Path
    ) -> tuple[Path, list[str]]:
        """One motion's 答复函 into `directory`, named by its number; the file and the warnings."""
        from models.services.papers import printing

        path = Path(directory) / f"{printing.reply_file_name(number_text)}.{fmt}"
        warnings = printing.write_paper(
            self.db,
            user=self.user,
            paper="reply",
            fmt=fmt,
            path=path,
            fonts_dir=self.fonts_dir,  # type: ignore[arg-type]
            motion_id=motion_id,
        )
        return path, warnings

    def close(self) -> None:
        self.db.engine.dispose()
