"""What the window asks of the core, with the clerk fixed: every method runs on the Runner's lane.

Imported on the worker lane after the first paint, so SQLAlchemy and Alembic never delay the window.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from models.domain.rules import Rules
from models.domain.vocabulary import Association, BodyKind
from models.importing.slate_reader import SlateSheet, read_slate
from models.services.common import settings
from models.services.common.context import AppContext
from models.services.people import memberships, people, rosters, terms
from models.services.people.memberships import MembershipDraft
from models.services.people.people import PersonDraft
from models.services.people.rosters import RosterEntry
from models.services.people.rows import MembershipRow, PersonRow, TermRow
from models.services.slates import electoral, slates
from models.store.unit_of_work import Database
from views.backend_decisions import DecisionCalls
from views.backend_motions import MotionCalls


@dataclass(frozen=True)
class SlateWorkbench:
    slate: slates.TermSlate
    rules: Rules
    seats: list[tuple[str, int]]


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

    # --- motions (提案) ---------------------------------------------------------------------------

    def font_preset(self) -> str:
        return settings.font_preset(self.db)

    def set_font_preset(self, preset: str) -> None:
        settings.set_font_preset(self.db, user=self.user, preset=preset)

    def reveal(self, person_id: int) -> str:
        return people.reveal_id_number(self.db, user=self.user, person_id=person_id)

    def close(self) -> None:
        self.db.engine.dispose()
