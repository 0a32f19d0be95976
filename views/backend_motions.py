"""The motions part of the Backend: every call of the 提案 window, with the clerk fixed."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from models.domain.motion_statistics import GroupedStatistics
from models.domain.vocabulary import BodyKind, TermStatus
from models.services.motions import handling as motion_handling
from models.services.motions import handling_units, motions, working_calendar
from models.services.motions import statistics as motion_statistics
from models.services.motions.handling_units import HandlingUnitRow
from models.services.motions.rows import MotionDetail, MotionRow
from models.services.motions.statistics import DueCounts
from models.services.people import queries as terms
from models.store.unit_of_work import Database


class MotionCalls:
    """Mixed into Backend, which provides `db`, `user`, `fonts_dir` and `reply_templates`."""

    db: Database
    user: str
    fonts_dir: Path | None
    reply_templates: Path | None

    def motions(self, term: int | None = None) -> list[MotionRow]:
        """The motions of the presidium's term (`term` = 届次; the current term when None)."""
        if term is None:
            current = [
                t
                for t in terms.list_terms(self.db, kind=BodyKind.PRESIDIUM, association=None)
                if t.status is TermStatus.CURRENT
            ]
            term = current[0].term if current else None
        return motions.list_motions(self.db, term=term)

    def motion(self, motion_id: int) -> MotionDetail:
        return motions.get_motion(self.db, motion_id)

    def advance_motion(
        self, motion_id: int, version: int | None, action: str, reason: str | None = None
    ) -> MotionRow:
        return motions.advance_motion(
            self.db,
            user=self.user,
            motion_id=motion_id,
            expected_version=version,
            action=action,
            reason=reason,
        )

    def accept_motion(self, motion_id: int, version: int | None) -> MotionRow:
        return motions.accept_motion(
            self.db, user=self.user, motion_id=motion_id, expected_version=version
        )

    def receive_motion(self, motion_id: int, version: int | None, received_on: date) -> MotionRow:
        return motion_handling.receive_motion(
            self.db,
            user=self.user,
            motion_id=motion_id,
            expected_version=version,
            received_on=received_on,
        )

    # --- motion handling forms ------------------------------------------------------------------

    def handling_units(self) -> list[tuple[int, str]]:
        """The active units only: what the 交办 forms offer."""
        return handling_units.list_handling_units(self.db)

    # --- the 承办单位 dialog: every unit, active or not -----------------------------------------

    def handling_unit_rows(self) -> list[HandlingUnitRow]:
        return handling_units.list_handling_unit_rows(self.db)

    def add_handling_unit(self, name: str, kind: str) -> HandlingUnitRow:
        return handling_units.add_handling_unit(self.db, user=self.user, name=name, kind=kind)

    def rename_handling_unit(self, unit_id: int, name: str) -> HandlingUnitRow:
        return handling_units.rename_handling_unit(
            self.db, user=self.user, unit_id=unit_id, name=name
        )

    def set_handling_unit_kind(self, unit_id: int, kind: str) -> HandlingUnitRow:
        return handling_units.set_handling_unit_kind(
            self.db, user=self.user, unit_id=unit_id, kind=kind
        )

    def set_handling_unit_active(self, unit_id: int, active: bool) -> HandlingUnitRow:
        change = (
            handling_units.reactivate_handling_unit
            if active
            else handling_units.deactivate_handling_unit
        )
        return change(self.db, user=self.user, unit_id=unit_id)

    def move_handling_unit(self, unit_id: int, step: int) -> list[HandlingUnitRow]:
        return handling_units.move_handling_unit(
            self.db, user=self.user, unit_id=unit_id, step=step
        )

    def delete_handling_unit(self, unit_id: int) -> None:
        handling_units.delete_handling_unit(self.db, user=self.user, unit_id=unit_id)

    def reply_classes(self) -> tuple[tuple[str, str], ...]:
        from models.services.motions import deadlines as motion_deadlines

        rules, _calendar = motion_deadlines.rules_and_calendar(self.db)
        return tuple((c.code, c.text) for c in rules.reply_classes)

    def assign_motion(
        self,
        motion_id: int,
        version: int | None,
        units: Sequence[tuple[int, str]],
        assigned_on: date,
    ) -> tuple[MotionRow, str | None]:
        return motion_handling.assign_motion(
            self.db,
            user=self.user,
            motion_id=motion_id,
            expected_version=version,
            units=units,
            assigned_on=assigned_on,
        )

    def send_reply(
        self, motion_id: int, version: int | None, reply: motion_handling.ReplyDraft
    ) -> MotionRow:
        return motion_handling.send_reply(
            self.db, user=self.user, motion_id=motion_id, expected_version=version, reply=reply
        )

    def reply_letter(self, motion_id: int):  # type: ignore[no-untyped-def]
        """The letter of the motion's latest reply (joint or its own), None before any reply."""
        from models.services.motions import replies as motion_replies

        return motion_replies.reply_letter_summary(self.db, motion_id)

    def merged_followers(self, motion_id: int) -> list[MotionRow]:
        """The merged motions the motion's reply will also answer (the reply form's choice)."""
        from models.services.motions import replies as motion_replies

        return motion_replies.follower_rows(self.db, motion_id)

    def record_contact(
        self, motion_id: int, contact_date: date, method: str, note: str | None = None
    ) -> None:
        motion_handling.record_contact(
            self.db,
            user=self.user,
            motion_id=motion_id,
            contact_date=contact_date,
            method=method,
            note=note,
        )

    def reply_templates_text(self) -> str | None:
        """The shipped reply templates (a path desktop resolved); None when there are none."""
        path = self.reply_templates
        return path.read_text(encoding="utf-8") if path is not None and path.is_file() else None

    def rate_motion(
        self,
        motion_id: int,
        version: int | None,
        attitude: str,
        result: str,
        rated_on: date,
        remarks: str | None = None,
    ) -> MotionRow:
        return motion_handling.rate_motion(
            self.db,
            user=self.user,
            motion_id=motion_id,
            expected_version=version,
            attitude=attitude,
            result=result,
            rated_on=rated_on,
            remarks=remarks,
        )

    def extend_deadline(
        self, motion_id: int, version: int | None, new_due: date, reason: str | None, on: date
    ) -> MotionRow:
        return motion_handling.extend_deadline(
            self.db,
            user=self.user,
            motion_id=motion_id,
            expected_version=version,
            new_due=new_due,
            reason=reason,
            granted_on=on,
        )

    def unit_return(
        self, motion_id: int, version: int | None, reason: str | None, on: date
    ) -> MotionRow:
        return motion_handling.unit_return(
            self.db,
            user=self.user,
            motion_id=motion_id,
            expected_version=version,
            reason=reason,
            returned_on=on,
        )

    def feedback_timeout(self, motion_id: int, version: int | None, on: date) -> MotionRow:
        return motion_handling.feedback_timeout(
            self.db, user=self.user, motion_id=motion_id, expected_version=version, on=on
        )

    def merge_motion(self, motion_id: int, version: int | None, lead_id: int) -> MotionRow:
        return motions.merge_motion(
            self.db, user=self.user, motion_id=motion_id, expected_version=version, lead_id=lead_id
        )

    def due_counts(self) -> DueCounts:
        """Overdue and due-soon motions of the current presidium term (the start-up notice)."""
        return motion_statistics.due_counts(self.db)

    def term_statistics(self) -> GroupedStatistics:
        """立案数, 答复率, 满意率 … of the current presidium term, overall, by unit and category."""
        return motion_statistics.term_statistics(self.db)

    # --- working-day calendar (views/motions/calendar_editor.py) ----------------------------------

    def calendar_years(self) -> tuple[working_calendar.CalendarYear, ...]:
        return working_calendar.calendar_years(self.db)

    def set_calendar_year(
        self,
        year: int,
        holidays: Sequence[date],
        make_up_days: Sequence[date],
        note: str | None,
        expected: working_calendar.CalendarYear | None,
    ) -> tuple[working_calendar.CalendarYear, ...]:
        return working_calendar.set_year(
            self.db,
            user=self.user,
            year=year,
            holidays=holidays,
            make_up_days=make_up_days,
            note=note,
            expected=expected,
        )

    def remove_calendar_year(self, year: int) -> tuple[working_calendar.CalendarYear, ...]:
        return working_calendar.remove_year(self.db, user=self.user, year=year)

    def import_calendar(
        self, path: Path
    ) -> tuple[tuple[int, ...], tuple[working_calendar.CalendarYear, ...]]:
        return working_calendar.import_calendar_text(
            self.db, user=self.user, text=path.read_text(encoding="utf-8"), source=path.name
        )
