"""Many motions at once from a spreadsheet (yishi motions import, 导入提案…), and its template.

All-or-nothing unless `valid_only`; then the rows with errors go to `<file>.rejected.xlsx` beside
the input, as slates do (DOMAIN §2, §8). Each motion is registered as `register_motion` does and
submitted at once (已提交, with its history row), all in one unit of work.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.domain.motion_workflow import MOTION_CATEGORIES, MotionAction, MotionState
from models.domain.vocabulary import BodyKind, MembershipStatus, term_display_name
from models.entities import Membership, Motion, MotionCoSigner, Person
from models.services.audit.records import record_file_written
from models.services.common.access import guarded
from models.services.common.clock import today_local
from models.services.motions._workflow import move_motion
from models.services.people.terms import find_term
from models.services.slates.queries import file_limits_in_force
from models.store.unit_of_work import Database

if TYPE_CHECKING:  # the spreadsheet libraries load when a clerk imports, never at start-up
    from models.importing.motion_reader import Member, MotionSheet


@dataclass(frozen=True)
class MotionChoices:
    """What a motions file may name: the presidium term, its members, the categories."""

    term: int | None
    term_name: str
    members: tuple[Member, ...]
    categories: tuple[str, ...]


@dataclass(frozen=True)
class MotionImportOutcome:
    """What an import did; with row errors and no `valid_only`, nothing."""

    read: MotionSheet
    imported: int
    motion_ids: tuple[int, ...]
    rejected_file: Path | None


def motion_choices(db: Database, *, term: int | None = None) -> MotionChoices:
    from models.importing.motion_reader import Member

    with db.session_factory() as session:
        term_row = find_term(session, BodyKind.PRESIDIUM, None, term)
        members = tuple(Member(person.id, person.name) for person in _members(session, term_row.id))
        ordinal = term_row.ordinal
    return MotionChoices(ordinal, term_display_name(ordinal), members, MOTION_CATEGORIES)


def write_template(db: Database, *, user: str, path: Path, term: int | None = None) -> Path:
    """The motion sheet with the term's presidium members to choose from: their names leave the
    database, so the file written is an entry of the 操作记录 (export)."""
    from models.importing.motion_template import write_motion_template

    choices = motion_choices(db, term=term)
    written = write_motion_template(
        path,
        members=[m.name for m in choices.members],
        categories=choices.categories,
        term_name=choices.term_name,
    )
    record_file_written(
        db,
        user=user,
        action="export",
        entity="paper",
        entity_id="motion-template",
        path=written,
        note=f"生成提案登记模板（{choices.term_name}，主席团成员 {len(choices.members)} 人）",
        details={"term": choices.term, "members": len(choices.members)},
    )
    return written


def preview_motions(
    db: Database, *, path: Path, term: int | None = None, isolated: bool = False
) -> MotionSheet:
    """Read and check the file against the term; nothing is written. `isolated`: the reading
    happens in a child process (the window), so a hostile file ends the child, not the window."""
    from models.importing.guard import using_limits
    from models.importing.motion_reader import read_motions

    choices = motion_choices(db, term=term)
    with db.session_factory() as session:
        term_id = find_term(session, BodyKind.PRESIDIUM, None, choices.term).id
        registered = {
            (proposer_id, _word(title)): title
            for proposer_id, title in session.execute(
                select(Motion.proposer_id, Motion.title).where(Motion.term_id == term_id)
            )
        }
    limits = file_limits_in_force(db)
    arguments: dict[str, Any] = {
        "term_name": choices.term_name,
        "members": choices.members,
        "categories": choices.categories,
        "registered": registered,
    }
    if isolated:
        from models.importing.isolated import read_isolated

        return read_isolated(read_motions, path, limits=limits, **arguments)
    with using_limits(limits):
        return read_motions(path, **arguments)


@guarded("motions.intake")
def import_motions(
    db: Database, *, user: str, path: Path, term: int | None = None, valid_only: bool = False
) -> MotionImportOutcome:
    """Register the file's motions as submitted; see the module's docstring."""
    from models.importing.rejected import write_rejected  # openpyxl: only on an import

    read = preview_motions(db, path=path, term=term)
    if read.sheet.excluded_rows and not valid_only:
        return MotionImportOutcome(read, 0, (), None)
    ids: list[int] = []
    if read.entries:
        with db.unit_of_work(user) as uow:
            session = uow.session
            term_row = find_term(session, BodyKind.PRESIDIUM, None, term)
            for entry in read.entries:
                motion = Motion(
                    term=term_row,
                    title=entry.title,
                    body_text=entry.body_text,
                    proposer=session.get_one(Person, entry.proposer.id),
                    category=entry.category,
                    submitted_on=entry.received or today_local(),
                    state=MotionState.DRAFT,
                )
                for position, member in enumerate(entry.co_signers, start=1):
                    motion.co_signers.append(
                        MotionCoSigner(person=session.get_one(Person, member.id), position=position)
                    )
                session.add(motion)
                session.flush()
                move_motion(session, motion, MotionAction.SUBMIT)
                ids.append(motion.id)
            uow.commit()
    rejected = write_rejected(read.sheet, path) if read.sheet.excluded_rows else None
    return MotionImportOutcome(read, len(ids), tuple(ids), rejected)


def _members(session: Session, term_id: int) -> list[Person]:
    """The term's members in office (candidates and the reserve propose nothing), by name."""
    return list(
        session.scalars(
            select(Person)
            .join(Membership, Membership.person_id == Person.id)
            .where(
                Membership.term_id == term_id,
                Membership.status.in_((MembershipStatus.ELECTED,)),
            )
            .order_by(Person.name, Person.id)
            .distinct()
        )
    )


def _word(title: str) -> str:
    from models.importing.cells import word_of

    return word_of(title) or ""
