"""Reads of the motions feature, each in its own session, returning contracts."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select

from models.domain.deadlines import is_due_soon
from models.domain.errors import DomainError
from models.domain.motion_statistics import GroupedStatistics, grouped_statistics
from models.domain.motion_workflow import OVERDUE_STATES, MotionState
from models.domain.roles import SignedIn
from models.domain.vocabulary import BodyKind, TermStatus
from models.entities import Body, HandlingUnit, Motion, MotionAttachment, Term
from models.services.common.clock import today_local
from models.services.common.settings import get_setting
from models.services.decisions.contracts import AttachmentFile
from models.services.motions import _rules as dl
from models.services.motions._calendar import parse_years
from models.services.motions._members import draft_of, resolve_member, term_members
from models.services.motions._replies import merged_followers, summary_of
from models.services.motions._rows import (
    figures_of,
    load_motion,
    motion_detail,
    motion_row,
    row_of,
    row_options,
    term_motions,
)
from models.services.motions._scope import refuse_unseen, scoped
from models.services.motions._units import unit_rows
from models.services.motions.contracts import (
    CalendarYear,
    DueCounts,
    HandlingUnitRow,
    LetterSummary,
    MemberChoice,
    MotionDetail,
    MotionDraft,
    MotionRow,
)
from models.services.people.terms import find_term
from models.store.unit_of_work import Database

# ---------------------------------------------------------------- motions


def current_term(db: Database) -> int | None:
    """The presidium's current 届次; None when no presidium term is current."""
    with db.session_factory() as session:
        return session.scalars(
            select(Term.ordinal)
            .join(Body, Body.id == Term.body_id)
            .where(
                Body.kind == BodyKind.PRESIDIUM,
                Body.association.is_(None),
                Term.status == TermStatus.CURRENT,
            )
            .order_by(Term.ordinal.desc())
        ).first()


def list_motions(
    db: Database,
    *,
    term: int | None = None,
    state: MotionState | str | None = None,
    today: date | None = None,
    reader: SignedIn | None = None,
) -> list[MotionRow]:
    """By number (unnumbered last, by id); `term` is the presidium's 届次, None for every term;
    a 承办单位 reader sees its unit's motions only (_scope.py)."""
    if state is not None:
        try:
            state = MotionState(state)
        except ValueError:
            raise DomainError(
                "value_invalid",
                field="state",
                label="状态",
                value=state,
                choices="、".join(s.value for s in MotionState),
            ) from None
    day = today or today_local()
    with db.session_factory() as session:
        query = select(Motion).options(*row_options())
        if term is not None:
            query = query.where(
                Motion.term_id == find_term(session, BodyKind.PRESIDIUM, None, term).id
            )
        if state is not None:
            query = query.where(Motion.state == state)
        motions = session.scalars(
            scoped(query, reader).order_by(
                Motion.term_id, Motion.number.is_(None), Motion.number, Motion.id
            )
        ).all()
        return [motion_row(m, day) for m in motions]


def term_motion_rows(
    db: Database, *, term: int | None = None, reader: SignedIn | None = None
) -> list[MotionRow]:
    """The motions of the presidium's term: `term` (届次), else the current one, else every term's.

    What the 提案 window lists.
    """
    return list_motions(db, term=term if term is not None else current_term(db), reader=reader)


def get_motion(
    db: Database, motion_id: int, *, today: date | None = None, reader: SignedIn | None = None
) -> MotionDetail:
    with db.session_factory() as session:
        motion = load_motion(session, motion_id)
        refuse_unseen(motion, reader)
        return motion_detail(motion, today or today_local())


def reply_letter_summary(
    db: Database, motion_id: int, *, reader: SignedIn | None = None
) -> LetterSummary | None:
    """Which letter answered the motion last (None before any reply)."""
    with db.session_factory() as session:
        motion = load_motion(session, motion_id)
        refuse_unseen(motion, reader)
        return summary_of(session, motion)


def merged_follower_rows(
    db: Database, motion_id: int, *, reader: SignedIn | None = None
) -> list[MotionRow]:
    """The merged motions a reply to the motion will also answer, by number."""
    with db.session_factory() as session:
        lead = load_motion(session, motion_id)
        refuse_unseen(lead, reader)
        return [row_of(session, m) for m in merged_followers(session, lead)]


def reply_classes(db: Database) -> tuple[tuple[str, str], ...]:
    """(code, text) of the reply classes the rules in force allow."""
    rules, _calendar = dl.rules_and_calendar(db)
    return tuple((c.code, c.text) for c in rules.reply_classes)


# ---------------------------------------------------------------- figures


def term_statistics(
    db: Database, *, term: int | None = None, reader: SignedIn | None = None
) -> GroupedStatistics:
    """立案数, 答复率, 按时答复率, 沟通率, class shares and 满意率, overall, by unit, by category
    (a 承办单位 reader: of its unit's motions)."""
    with db.session_factory() as session:
        _found, motions = term_motions(session, term, reader=reader)
        return grouped_statistics([figures_of(m) for m in motions])


def due_counts(
    db: Database, *, term: int | None = None, reader: SignedIn | None = None
) -> DueCounts:
    """The current presidium term's overdue motions, and those due soon.

    Due soon: waiting on the unit, not yet past its deadline, and the deadline within the rules'
    number of working days on the database's calendar.
    """
    rows = list_motions(db, term=term, reader=reader)
    rules, calendar = dl.rules_and_calendar(db)
    today = today_local()
    return DueCounts(
        overdue=sum(1 for row in rows if row.is_overdue),
        due_soon=sum(
            1
            for row in rows
            if not row.is_overdue
            and row.state in OVERDUE_STATES
            and row.deadline is not None
            and is_due_soon(row.deadline, today, rules, calendar)
        ),
    )


# ---------------------------------------------------------------- handling units and calendar


def list_handling_units(db: Database) -> list[tuple[int, str]]:
    """The active units as (id, name), in their sort order: what the 交办 forms offer."""
    with db.session_factory() as session:
        rows = session.execute(
            select(HandlingUnit.id, HandlingUnit.name)
            .where(HandlingUnit.active.is_(True))
            .order_by(HandlingUnit.sort_order, HandlingUnit.id)
        ).all()
    return [(unit_id, name) for unit_id, name in rows]


def list_handling_unit_rows(db: Database) -> list[HandlingUnitRow]:
    """Every unit, active or not, in sort order, with how many motions it handles and handled."""
    with db.session_factory() as session:
        return unit_rows(session)


def calendar_years(db: Database) -> tuple[CalendarYear, ...]:
    """The years the working-day calendar has data for, oldest first."""
    return parse_years(get_setting(db, dl.CALENDAR_CONTENT))


def presidium_members(
    db: Database, *, term: int | None = None, text: str = ""
) -> list[MemberChoice]:
    """新建提案's choices: serving members of the presidium's term (default the current one),
    narrowed by name or pinyin (zs finds 张三)."""
    with db.session_factory() as session:
        return term_members(session, find_term(session, BodyKind.PRESIDIUM, None, term), text)


def resolve_presidium_member(
    db: Database, *, value: str, term: int | None = None, field: str = "proposer"
) -> int:
    """The member a name, pinyin or 人员编号 names; two members of that name are refused."""
    with db.session_factory() as session:
        term_row = find_term(session, BodyKind.PRESIDIUM, None, term)
        return resolve_member(session, term_row, value, field=field)


def motion_draft(db: Database, motion_id: int) -> tuple[int | None, MotionDraft]:
    """(term 届次, the motion as a draft) for the 编辑 and 重新提交 forms."""
    with db.session_factory() as session:
        motion = load_motion(session, motion_id)
        return motion.term.ordinal, draft_of(motion)


# ---------------------------------------------------------------- attachments (附件)


@dataclass(frozen=True)
class MotionAttachmentRow:
    """One attached file as listed: never its bytes."""

    id: int
    filename: str
    size: int
    sha256: str
    added_at: datetime
    added_by: str


def motion_attachments(db: Database, motion_id: int) -> list[MotionAttachmentRow]:
    """The motion's attachments in the order they were added."""
    with db.session_factory() as session:
        rows = session.execute(
            select(
                MotionAttachment.id,
                MotionAttachment.filename,
                MotionAttachment.size,
                MotionAttachment.sha256,
                MotionAttachment.added_at,
                MotionAttachment.added_by,
            )
            .where(MotionAttachment.motion_id == motion_id)
            .order_by(MotionAttachment.id)
        ).all()
    return [MotionAttachmentRow(*row) for row in rows]


def motion_attachment_content(db: Database, attachment_id: int) -> AttachmentFile:
    """The original name and the bytes, checked against the stored SHA-256."""
    with db.session_factory() as session:
        row = session.execute(
            select(
                MotionAttachment.filename, MotionAttachment.sha256, MotionAttachment.content
            ).where(MotionAttachment.id == attachment_id)
        ).first()
    if row is None:
        raise DomainError("motion_attachment_not_found", attachment_id=attachment_id)
    filename, sha256, content = row
    if hashlib.sha256(content).hexdigest() != sha256:
        raise DomainError("motion_attachment_damaged", filename=filename)
    return AttachmentFile(filename, content)
