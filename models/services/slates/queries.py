"""The slates feature's reads: a term's slate and its check, the rules in force, units and seats."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.domain.composition import SlateReport, check_slate
from models.domain.errors import DomainError, Level
from models.domain.meeting_vocabulary import FEDERATION_TZ
from models.domain.rules import FileLimits, Rules, load_file_limits, load_rules
from models.domain.vocabulary import BodyKind, MembershipStatus, TermStatus
from models.entities import ChangeLog, ElectoralUnit, Membership, SeatAllocation, Term, User
from models.services.common.settings import rules_copy
from models.services.people.terms import find_term
from models.services.slates._records import records_of_term
from models.services.slates.contracts import (
    ON_SLATE,
    SLATE_BODIES,
    RuleStatus,
    SavedTrial,
    SlateWorkbench,
    TermSlate,
)
from models.store.unit_of_work import Database

if TYPE_CHECKING:
    pass


def rules_in_force(db: Database) -> Rules:
    """The rules file recorded in this database, so every clerk checks alike."""
    copy = rules_copy(db)
    if copy is None:
        raise DomainError("rules_invalid", key="rules", detail="数据库中没有记录规则文件")
    content, rules_id = copy
    return load_rules(content, rules_id=rules_id)


def file_limits_in_force(db: Database) -> FileLimits:
    """[files] of the rules recorded in this database: what a spreadsheet may claim before it
    is read; none recorded: the defaults."""
    copy = rules_copy(db)
    if copy is None:
        return FileLimits()
    content, rules_id = copy
    return load_file_limits(content, rules_id=rules_id)


def load_term_slate(
    db: Database, *, kind: BodyKind, term: int | None, default: TermStatus = TermStatus.DRAFT
) -> TermSlate:
    if kind not in SLATE_BODIES:
        raise DomainError("bad_arguments", detail="只能检查代表大会、主席团或执行理事会的名单")
    with db.session_factory() as session:
        found = _slate_term(session, kind, term, default)
        people = records_of_term(session, found.id, ON_SLATE)
        reserves = records_of_term(session, found.id, (MembershipStatus.RESERVE,))
        previous = None
        if found.ordinal is not None:
            earlier = session.scalar(
                select(Term).where(Term.body_id == found.body_id, Term.ordinal == found.ordinal - 1)
            )
            if earlier is not None:
                # The previous term as it was constituted, leavers included.
                previous = records_of_term(session, earlier.id, (*ON_SLATE, MembershipStatus.ENDED))
        delegate_ids = None
        if kind is BodyKind.PRESIDIUM and found.ordinal is not None:
            congress = session.scalar(
                select(Term)
                .join(Term.body)
                .where(Term.ordinal == found.ordinal, Term.body.has(code="congress"))
            )
            if congress is not None:
                delegate_ids = frozenset(
                    r.id_number
                    for r in records_of_term(session, congress.id, ON_SLATE)
                    if r.id_number
                )
        return TermSlate(
            term_id=found.id,
            term=found.ordinal,
            term_status=found.status,
            body=kind,
            people=tuple(people),
            reserves=tuple(reserves),
            previous=tuple(previous) if previous is not None else None,
            delegate_ids=delegate_ids,
        )


def _slate_term(session: Session, kind: BodyKind, term: int | None, default: TermStatus) -> Term:
    """By 届次; else the draft term being prepared, else the current one (a council between
    congresses has no draft)."""
    try:
        return find_term(session, kind, None, term, default=default)
    except DomainError as error:
        if term is not None or error.code != "no_draft_term":
            raise
        return find_term(session, kind, None, None, default=TermStatus.CURRENT)


def check_term(
    db: Database, *, kind: BodyKind, term: int | None, rules: Rules | None = None
) -> tuple[TermSlate, SlateReport]:
    slate = load_term_slate(db, kind=kind, term=term)
    report = check_slate(
        slate.people,
        rules or rules_in_force(db),
        kind.value,
        previous=slate.previous,
        delegates_ids=slate.delegate_ids,
    )
    return slate, report


def units_of_term(db: Database, *, term_id: int) -> list[str]:
    """The units with seats in the term, in their order; every unit when none has seats yet."""
    with db.session_factory() as session:
        allocated = session.scalars(
            select(ElectoralUnit.name)
            .join(SeatAllocation, SeatAllocation.electoral_unit_id == ElectoralUnit.id)
            .where(SeatAllocation.term_id == term_id)
            .order_by(ElectoralUnit.sort_order, ElectoralUnit.name)
        ).all()
        if allocated:
            return list(allocated)
        return list(
            session.scalars(select(ElectoralUnit.name).order_by(ElectoralUnit.sort_order)).all()
        )


def seats_of_term(db: Database, *, term_id: int) -> list[tuple[str, int]]:
    """名额分配: each unit's seats in the term, in the units' order."""
    with db.session_factory() as session:
        rows = session.execute(
            select(ElectoralUnit.name, SeatAllocation.seats)
            .join(SeatAllocation, SeatAllocation.electoral_unit_id == ElectoralUnit.id)
            .where(SeatAllocation.term_id == term_id)
            .order_by(ElectoralUnit.sort_order, ElectoralUnit.name)
        ).all()
    return [(name, seats) for name, seats in rows]


def slate_workbench(db: Database, *, kind: BodyKind, term: int | None) -> SlateWorkbench:
    """Everything the slate editor needs, in one go: the slate, the rules, the congress's seats."""
    slate = load_term_slate(db, kind=kind, term=term)
    seats = seats_of_term(db, term_id=slate.term_id) if kind is BodyKind.CONGRESS else []
    return SlateWorkbench(slate=slate, rules=rules_in_force(db), seats=tuple(seats))


# --- saved adjustments of a slate (调整记录) ---------------------------------------------------

TRIAL_ACTION = "slate_trial"  # the change-log action of a saved what-if trial


def slate_versions(db: Database, *, term_id: int) -> dict[int, int]:
    """The version of each membership on the term's slate or among its reserves. The editor
    reads these before the slate, so a change in between makes its save refuse, never pass."""
    with db.session_factory() as session:
        rows = session.execute(
            select(Membership.id, Membership.version).where(
                Membership.term_id == term_id,
                Membership.status.in_((*ON_SLATE, MembershipStatus.RESERVE)),
            )
        ).all()
    return {membership_id: version for membership_id, version in rows}


def saved_trials(db: Database, *, term_id: int) -> list[SavedTrial]:
    """The saved adjustments of a term's slate, newest first."""
    with db.session_factory() as session:
        return _trials(session, term_id)


def latest_trial(session: Session, term_id: int) -> SavedTrial | None:
    found = _trials(session, term_id, limit=1)
    return found[0] if found else None


def _trials(session: Session, term_id: int, limit: int | None = None) -> list[SavedTrial]:
    rows = session.execute(
        select(ChangeLog, User.display_name)
        .outerjoin(User, User.id == ChangeLog.user_id)
        .where(
            ChangeLog.action == TRIAL_ACTION,
            ChangeLog.entity == "term",
            ChangeLog.entity_id == str(term_id),
        )
        .order_by(ChangeLog.id.desc())
        .limit(limit)
    ).all()
    return [_saved_trial(entry, clerk or entry.user_login) for entry, clerk in rows]


def _saved_trial(entry: ChangeLog, clerk: str) -> SavedTrial:
    after = entry.after or {}
    return SavedTrial(
        at=entry.at.astimezone(FEDERATION_TZ),
        clerk=clerk,
        reason=entry.note or "",
        left_out=tuple(after.get("left_out", ())),
        brought_in=tuple(after.get("brought_in", ())),
        total=int(after.get("total", 0)),
        rules=tuple(
            RuleStatus(id=r["id"], level=Level(r["level"]), status=r["status"])
            for r in after.get("rules", ())
        ),
    )
