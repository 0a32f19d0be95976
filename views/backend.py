"""What the window asks of the core, with the clerk fixed: every method runs on the Runner's lane.

Imported on the worker lane after the first paint, so SQLAlchemy and Alembic never delay the window.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from models.domain.quorum import QuorumRule
from models.domain.rules import Rules
from models.domain.vocabulary import Association, BodyKind, MembershipStatus
from models.importing.slate_reader import SlateSheet, read_slate
from models.services.common import settings
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
from models.services.people import memberships, people, rosters, terms
from models.services.people.memberships import MembershipDraft
from models.services.people.people import PersonDraft
from models.services.people.rosters import RosterEntry
from models.services.people.rows import MembershipRow, PersonRow, TermRow
from models.services.slates import electoral, slates
from models.store.unit_of_work import Database
from views.backend_motions import MotionCalls


@dataclass(frozen=True)
class SlateWorkbench:
    slate: slates.TermSlate
    rules: Rules
    seats: list[tuple[str, int]]


@dataclass(frozen=True)
class MeetingWorkbench:
    """Everything the meeting editor shows, loaded in one go on the lane."""

    detail: MeetingDetail
    rule: QuorumRule
    # The grid proposed from the roster on the meeting date while none is recorded; else empty.
    proposal: tuple[AttendanceRow, ...]
    hosts: tuple[tuple[int, str], ...]  # (person id, "姓名（职务）") of the body's serving members


class Backend(MotionCalls):
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

    @property
    def database_label(self) -> str:
        """The file for SQLite, server and database for PostgreSQL; never a password."""
        url = self.db.engine.url
        if url.get_backend_name() == "sqlite":
            return f"{url.database}（本机 SQLite）"
        return f"{url.host}:{url.port or 5432}/{url.database}（共享 PostgreSQL）"

    def terms(self, kind: BodyKind, association: Association | None) -> list[TermRow]:
        return terms.list_terms(self.db, kind=kind, association=association)

    def members(self, term_id: int) -> list[RosterEntry]:
        return rosters.members_of_term(self.db, term_id=term_id)

    def registry(self) -> list[RosterEntry]:
        return rosters.registry(self.db)

    def units(self, term_id: int) -> list[str]:
        return electoral.units_of_term(self.db, term_id=term_id)

    def person(self, person_id: int) -> PersonRow:
        return people.get_person(self.db, person_id=person_id)

    def add_person(self, draft: PersonDraft) -> PersonRow:
        return people.add_person(self.db, user=self.user, draft=draft)

    def update_person(self, person_id: int, version: int, draft: PersonDraft) -> PersonRow:
        return people.update_person(
            self.db, user=self.user, person_id=person_id, expected_version=version, draft=draft
        )

    def add_membership(self, person_id: int, term_id: int, draft: MembershipDraft) -> MembershipRow:
        return memberships.add_membership(
            self.db, user=self.user, person_id=person_id, term_id=term_id, draft=draft
        )

    def end_membership(
        self, membership_id: int, version: int, end_date: date, reason: str, basis: str
    ) -> MembershipRow:
        return memberships.end_membership(
            self.db,
            user=self.user,
            membership_id=membership_id,
            expected_version=version,
            end_date=end_date,
            reason=reason,
            basis=basis,
        )

    def term_slate(self, kind: BodyKind, ordinal: int | None) -> SlateWorkbench:
        """Everything the slate editor needs, loaded in one go on the lane."""
        term_slate = slates.load_term_slate(self.db, kind=kind, ordinal=ordinal)
        return SlateWorkbench(
            slate=term_slate,
            rules=slates.rules_in_force(self.db),
            seats=electoral.seats_of_term(self.db, term_id=term_slate.term_id)
            if kind is BodyKind.CONGRESS
            else [],
        )

    def preview_slate(self, path: Path, kind: BodyKind, term_id: int) -> SlateSheet:
        units = electoral.units_of_term(self.db, term_id=term_id)
        return read_slate(
            path, body=kind.value, known_units=units if kind is BodyKind.CONGRESS else None
        )

    def import_slate(
        self, path: Path, kind: BodyKind, ordinal: int | None, *, valid_only: bool, reserve: bool
    ) -> slates.ImportOutcome:
        return slates.import_slate(
            self.db,
            user=self.user,
            path=path,
            kind=kind,
            ordinal=ordinal,
            valid_only=valid_only,
            reserve=reserve,
        )

    # --- meetings --------------------------------------------------------------------------------

    def meetings(self, kind: BodyKind, ordinal: int | None) -> list[MeetingRow]:
        """A termed body's meetings of one term; the party group's of every year."""
        return meetings.list_meetings(self.db, body=kind, term=ordinal)

    def quorum_rule(self, kind: BodyKind) -> QuorumRule:
        return meetings.meeting_rules_in_force(self.db).quorum_rule(kind)

    def hosts(self, term_id: int) -> tuple[tuple[int, str], ...]:
        entries = rosters.members_of_term(self.db, term_id=term_id)
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

    def font_preset(self) -> str:
        return settings.font_preset(self.db)

    def set_font_preset(self, preset: str) -> None:
        settings.set_font_preset(self.db, user=self.user, preset=preset)

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

    def reveal(self, person_id: int) -> str:
        return people.reveal_id_number(self.db, user=self.user, person_id=person_id)

    def close(self) -> None:
        self.db.engine.dispose()
